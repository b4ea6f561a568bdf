#include "codegen/WasmPasses.h"

#include "lower/NaNGuard.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/SmallPtrSet.h>
#include <llvm/ADT/SmallVector.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Instructions.h>

namespace wasmc::codegen {

namespace {

// Whether `constant`, as an operand of `user`, lets LLVM fold it away: +-0 in an add or sub,
// +-1 in a mul or div, either where the user is something else (a phi passing it on).
bool foldsAway(const llvm::Constant &constant, const llvm::User &user) {
  const auto *instruction = llvm::dyn_cast<llvm::Instruction>(&user);
  switch (instruction ? instruction->getOpcode() : 0u) {
  case llvm::Instruction::FAdd:
  case llvm::Instruction::FSub:
    return lower::mayBeFoldingIdentity(constant, /*additive=*/true);
  case llvm::Instruction::FMul:
  case llvm::Instruction::FDiv:
    return lower::mayBeFoldingIdentity(constant, /*additive=*/false);
  default:
    return lower::mayBeFoldingIdentity(constant, true) ||
           lower::mayBeFoldingIdentity(constant, false);
  }
}

// Whether `value` is, or through phis and selects may be, a constant that lets an operation
// among `guard`'s users fold away.
bool mayBecomeIdentity(const llvm::Value *value, const llvm::Instruction &guard,
                       llvm::SmallPtrSetImpl<const llvm::Value *> &visited) {
  if (!visited.insert(value).second)
    return false;
  if (const auto *constant = llvm::dyn_cast<llvm::Constant>(value))
    return llvm::any_of(guard.users(),
                        [&](const llvm::User *user) { return foldsAway(*constant, *user); });
  if (const auto *phi = llvm::dyn_cast<llvm::PHINode>(value))
    return llvm::any_of(phi->incoming_values(), [&](const llvm::Use &incoming) {
      return mayBecomeIdentity(incoming.get(), guard, visited);
    });
  if (const auto *select = llvm::dyn_cast<llvm::SelectInst>(value))
    return mayBecomeIdentity(select->getTrueValue(), guard, visited) ||
           mayBecomeIdentity(select->getFalseValue(), guard, visited);
  return false;
}

// Moves the guard of a phi or select whose identity constants are its own operands onto those
// constants (for a phi, at the end of the block each comes from: the preheader, for a
// loop-carried value that starts at 0), so that the guard leaves the loop. False where an
// identity may come from further away (a phi of phis): the guard stays.
bool guardOperandsInstead(llvm::Instruction &guard) {
  auto *merge = llvm::dyn_cast<llvm::Instruction>(guard.getOperand(0));
  if (!merge || !(llvm::isa<llvm::PHINode>(merge) || llvm::isa<llvm::SelectInst>(merge)))
    return false;
  auto isIdentity = [&](llvm::Value *value) {
    llvm::SmallPtrSet<const llvm::Value *, 8> visited;
    return mayBecomeIdentity(value, guard, visited);
  };
  // The operands to guard: (operand number, where the guard goes).
  llvm::SmallVector<std::pair<unsigned, llvm::Instruction *>, 4> identities;
  if (auto *phi = llvm::dyn_cast<llvm::PHINode>(merge)) {
    for (unsigned i = 0; i < phi->getNumIncomingValues(); ++i)
      if (isIdentity(phi->getIncomingValue(i)))
        identities.push_back({i, phi->getIncomingBlock(i)->getTerminator()});
  } else {
    for (unsigned i = 1; i < 3; ++i)
      if (isIdentity(merge->getOperand(i)))
        identities.push_back({i, merge});
  }
  for (auto [operand, position] : identities)
    if (!llvm::isa<llvm::Constant>(merge->getOperand(operand)))
      return false;
  // A phi may name a block twice, with the same value: it gets one guard.
  llvm::DenseMap<llvm::Instruction *, llvm::Value *> guarded;
  for (auto [operand, position] : identities) {
    llvm::Value *&guardedValue = guarded[position];
    if (!guardedValue) {
      llvm::IRBuilder<> b(position);
      guardedValue = lower::addNaNGuard(b, merge->getOperand(operand));
    }
    merge->setOperand(operand, guardedValue);
  }
  return true;
}

} // namespace

llvm::PreservedAnalyses ReleaseNaNGuardsPass::run(llvm::Function &function,
                                                  llvm::FunctionAnalysisManager &) {
  llvm::SmallVector<llvm::Instruction *, 32> released;
  for (llvm::Instruction &instruction : llvm::instructions(function)) {
    if (!lower::isNaNGuard(instruction))
      continue;
    llvm::SmallPtrSet<const llvm::Value *, 8> visited;
    if (!mayBecomeIdentity(instruction.getOperand(0), instruction, visited) ||
        guardOperandsInstead(instruction))
      released.push_back(&instruction);
  }
  for (llvm::Instruction *guard : released) {
    guard->replaceAllUsesWith(guard->getOperand(0));
    guard->eraseFromParent();
  }
  return preservedUnlessChanged(!released.empty());
}

} // namespace wasmc::codegen
