#include "codegen/WasmPasses.h"

#include "lower/NaNGuard.h"

#include <llvm/ADT/SmallPtrSet.h>
#include <llvm/ADT/SmallVector.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Instructions.h>

namespace wasmc::codegen {

namespace {

// Whether a use of the guard's value by `user` is an operand that an additive identity (+-0)
// folds away, rather than a multiplicative one (+-1).
bool isAdditive(const llvm::User &user) {
  const auto *operation = llvm::dyn_cast<llvm::BinaryOperator>(&user);
  return operation && (operation->getOpcode() == llvm::Instruction::FAdd ||
                       operation->getOpcode() == llvm::Instruction::FSub);
}

bool isMultiplicative(const llvm::User &user) {
  const auto *operation = llvm::dyn_cast<llvm::BinaryOperator>(&user);
  return operation && (operation->getOpcode() == llvm::Instruction::FMul ||
                       operation->getOpcode() == llvm::Instruction::FDiv);
}

// Whether `value` is, or through phis and selects may be, a constant that lets an operation
// among `guard`'s users fold away.
bool mayBecomeIdentity(const llvm::Value *value, const llvm::Instruction &guard,
                       llvm::SmallPtrSetImpl<const llvm::Value *> &visited) {
  if (!visited.insert(value).second)
    return false;
  if (const auto *constant = llvm::dyn_cast<llvm::Constant>(value))
    return llvm::any_of(guard.users(), [&](const llvm::User *user) {
      const bool additive = isAdditive(*user), multiplicative = isMultiplicative(*user);
      return ((additive || !multiplicative) && lower::mayBeFoldingIdentity(*constant, true)) ||
             ((multiplicative || !additive) && lower::mayBeFoldingIdentity(*constant, false));
    });
  if (const auto *phi = llvm::dyn_cast<llvm::PHINode>(value))
    return llvm::any_of(phi->incoming_values(), [&](const llvm::Use &incoming) {
      return mayBecomeIdentity(incoming.get(), guard, visited);
    });
  if (const auto *select = llvm::dyn_cast<llvm::SelectInst>(value))
    return mayBecomeIdentity(select->getTrueValue(), guard, visited) ||
           mayBecomeIdentity(select->getFalseValue(), guard, visited);
  return false;
}

} // namespace

llvm::PreservedAnalyses ReleaseNaNGuardsPass::run(llvm::Function &function,
                                                  llvm::FunctionAnalysisManager &) {
  llvm::SmallVector<llvm::Instruction *, 32> released;
  for (llvm::Instruction &instruction : llvm::instructions(function)) {
    if (!lower::isNaNGuard(instruction))
      continue;
    llvm::SmallPtrSet<const llvm::Value *, 8> visited;
    if (!mayBecomeIdentity(instruction.getOperand(0), instruction, visited))
      released.push_back(&instruction);
  }
  for (llvm::Instruction *guard : released) {
    guard->replaceAllUsesWith(guard->getOperand(0));
    guard->eraseFromParent();
  }
  if (released.empty())
    return llvm::PreservedAnalyses::all();
  llvm::PreservedAnalyses preserved;
  preserved.preserveSet<llvm::CFGAnalyses>();
  return preserved;
}

} // namespace wasmc::codegen
