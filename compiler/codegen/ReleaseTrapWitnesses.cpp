#include "codegen/WasmPasses.h"

#include "lower/ModuleEnv.h"
#include "lower/TrapWitness.h"

#include <llvm/ADT/SmallPtrSet.h>
#include <llvm/Analysis/DemandedBits.h>
#include <llvm/Analysis/LoopInfo.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/Operator.h>

#include <map>

namespace wasmc::codegen {

namespace {

// Whether `use` of a float value needs all its bits: arithmetic, comparisons, conversions,
// stores, calls and returns do; a bitcast to an integer (that may then be narrowed) does not;
// through a phi or select (a loop-carried value, a merge), its own uses decide.
bool usesAllFloatBits(const llvm::Use &use, llvm::SmallPtrSetImpl<const llvm::Value *> &visited) {
  const auto *user = llvm::dyn_cast<llvm::Instruction>(use.getUser());
  if (!user)
    return false;
  if (llvm::isa<llvm::PHINode>(user) || llvm::isa<llvm::SelectInst>(user)) {
    if (!visited.insert(user).second)
      return false;
    return llvm::any_of(user->uses(), [&](const llvm::Use &next) {
      return !lower::isTrapWitness(*llvm::cast<llvm::Instruction>(next.getUser())) &&
             usesAllFloatBits(next, visited);
    });
  }
  return llvm::isa<llvm::FPMathOperator>(user) || llvm::isa<llvm::FCmpInst>(user) ||
         llvm::isa<llvm::FPExtInst>(user) || llvm::isa<llvm::FPTruncInst>(user) ||
         llvm::isa<llvm::FPToSIInst>(user) || llvm::isa<llvm::FPToUIInst>(user) ||
         llvm::isa<llvm::CallBase>(user) || llvm::isa<llvm::ReturnInst>(user) ||
         (llvm::isa<llvm::StoreInst>(user) && use.getOperandNo() == 0);
}

// Whether the witnessed load's value is used by something other than its witness, and so that
// no narrower load could replace it; then no pass deletes or narrows it. Vector loads keep their witnesses: lanes are dropped too
// easily (an extract of one lane becomes a scalar load).
bool isUsedInFull(const llvm::Instruction &load, const llvm::CallInst &witness,
                  llvm::DemandedBits &demandedBits) {
  // Only uses in the load's own block count: a load used in another block alone could be sunk
  // into it, away from the paths that do not use it (a value a taken br_if leaves behind).
  auto counts = [&](const llvm::Use &use) {
    const auto *user = llvm::cast<llvm::Instruction>(use.getUser());
    return user != &witness && user->getParent() == load.getParent() &&
           !llvm::isa<llvm::PHINode>(user);
  };
  llvm::Type *type = load.getType();
  if (type->isIntegerTy()) {
    llvm::APInt demanded(type->getIntegerBitWidth(), 0);
    for (const llvm::Use &use : load.uses()) {
      if (!counts(use))
        continue;
      // DemandedBits follows integer instructions only; a store, call or return of the value
      // needs all of it.
      if (!use.getUser()->getType()->isIntOrIntVectorTy())
        return true;
      demanded |= demandedBits.getDemandedBits(const_cast<llvm::Use *>(&use));
    }
    // A narrower load covers a range of whole bytes holding every demanded bit: it can only be
    // this load itself if bits of its first and of its last byte are demanded.
    const unsigned bits = demanded.getBitWidth();
    return !demanded.extractBits(8, 0).isZero() && !demanded.extractBits(8, bits - 8).isZero();
  }
  if (type->isFloatingPointTy()) {
    llvm::SmallPtrSet<const llvm::Value *, 8> visited{&load};
    return llvm::any_of(load.uses(), [&](const llvm::Use &use) {
      return counts(use) && usesAllFloatBits(use, visited);
    });
  }
  return false;
}

// Whether nothing in `loop` writes memory or globals or calls a function. Only then can its
// loads go without witnesses: LICM keeps a global written in a loop in a register and writes it
// back at the loop's exits only when nothing in the loop may fail to reach them (a witness may
// not return; a load, to LLVM, always does), and a fault never reaches an exit. In a loop that
// writes nothing there is nothing to lose, and which of its loads faults first does not matter:
// they all trap alike. test/spec/wasmc/effects_before_trap.wast has loops with a global write, a
// store and a call before the load that traps.
bool writesNothing(const llvm::Loop &loop) {
  for (const llvm::BasicBlock *block : loop.blocks())
    for (const llvm::Instruction &instruction : *block) {
      if (lower::isTrapWitness(instruction))
        continue;
      if (lower::isTrapBarrier(instruction) || instruction.mayWriteToMemory())
        return false;
      if (llvm::isa<llvm::CallBase>(instruction) && !llvm::isa<llvm::IntrinsicInst>(instruction))
        return false;
    }
  return true;
}

llvm::Loop *outermostLoop(llvm::Loop *loop) {
  while (loop->getParentLoop())
    loop = loop->getParentLoop();
  return loop;
}

} // namespace

llvm::PreservedAnalyses ReleaseTrapWitnessesPass::run(llvm::Function &function,
                                                      llvm::FunctionAnalysisManager &analyses) {
  if (!function.hasFnAttribute(lower::kWasmFunctionAttribute))
    return llvm::PreservedAnalyses::all();
  std::vector<llvm::CallInst *> released;
  llvm::DemandedBits *demandedBits = nullptr;
  auto &loops = analyses.getResult<llvm::LoopAnalysis>(function);
  std::map<const llvm::Loop *, bool> loopWritesNothing; // by outermost loop
  for (llvm::Instruction &instruction : llvm::instructions(function)) {
    if (lower::isTrapBarrier(instruction)) {
      // Outside loops no pass left in the pipeline moves a store past a fault; barriers there
      // would only keep the SLP vectoriser from combining stores.
      if (!loops.getLoopFor(instruction.getParent()))
        released.push_back(llvm::cast<llvm::CallInst>(&instruction));
      continue;
    }
    if (!lower::isTrapWitness(instruction))
      continue;
    auto &witness = llvm::cast<llvm::CallInst>(instruction);
    llvm::Value *value = lower::witnessedValue(witness);
    // A load, or a merge of loads from several paths (after partial redundancy elimination).
    const bool isLoaded = llvm::isa<llvm::LoadInst>(value) || llvm::isa<llvm::PHINode>(value) ||
                          llvm::isa<llvm::SelectInst>(value);
    if (!isLoaded) {
      // The load was replaced by what an earlier store or load of the same bytes gave, which
      // would have trapped first. A vector load's witness that holds it as a double or as
      // integer pieces (TrapWitness.cpp) stays.
      if (!llvm::isa<llvm::BitCastInst>(value) && !llvm::isa<llvm::ExtractElementInst>(value))
        released.push_back(&witness);
      continue;
    }
    // Outside loops a witness costs nothing worth its risk: only the vectoriser minds them.
    auto *loaded = llvm::cast<llvm::Instruction>(value);
    llvm::Loop *loop = loops.getLoopFor(loaded->getParent());
    if (!loop)
      continue;
    llvm::Loop *outermost = outermostLoop(loop);
    auto known = loopWritesNothing.find(outermost);
    if (known == loopWritesNothing.end())
      known = loopWritesNothing.emplace(outermost, writesNothing(*outermost)).first;
    if (!known->second)
      continue;
    if (!demandedBits)
      demandedBits = &analyses.getResult<llvm::DemandedBitsAnalysis>(function);
    if (isUsedInFull(*loaded, witness, *demandedBits))
      released.push_back(&witness);
  }
  for (llvm::CallInst *witness : released)
    witness->eraseFromParent();
  if (released.empty())
    return llvm::PreservedAnalyses::all();
  llvm::PreservedAnalyses preserved;
  preserved.preserveSet<llvm::CFGAnalyses>();
  return preserved;
}

} // namespace wasmc::codegen
