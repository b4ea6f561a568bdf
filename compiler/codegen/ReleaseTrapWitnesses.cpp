#include "codegen/WasmPasses.h"

#include "lower/ModuleEnv.h"
#include "lower/TrapWitness.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/SetVector.h>
#include <llvm/ADT/SmallPtrSet.h>
#include <llvm/Analysis/DemandedBits.h>
#include <llvm/Analysis/LoopInfo.h>
#include <llvm/Analysis/ScalarEvolution.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/Operator.h>
#include <llvm/Transforms/Utils/LoopUtils.h>

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

// What a loop nest writes, which decides whether its loads' trap witnesses may go (its barriers
// stay: see the pass below).
// LICM keeps a location written in a loop (a global, a fixed address in memory) in a register
// and writes it back at the loop's exits when nothing in the loop may fail to reach them (a
// witness or a barrier may not return; a load or a store, to LLVM, always does); a fault never
// reaches an exit, and the writes are lost (test/spec/wasmc/effects_before_trap.wast: a global,
// a fixed memory location and a call before the access that faults, in one loop and across a
// nest). Only a store to an address that is the same on every iteration can be kept so.
enum class NestWrites {
  Nothing,       // which of its loads faults first does not matter: they all trap alike
  MovingAddress, // only stores whose address changes from iteration to iteration
  Other,         // a store to a fixed address (a global), a call, an atomic access
};

NestWrites classifyWrites(const llvm::Loop &nest, const llvm::LoopInfo &loops,
                          llvm::ScalarEvolution &scev) {
  NestWrites writes = NestWrites::Nothing;
  bool fixedLoad = false;
  for (const llvm::BasicBlock *block : nest.blocks())
    for (const llvm::Instruction &instruction : *block) {
      if (lower::isTrapWitness(instruction) || lower::isTrapBarrier(instruction))
        continue;
      if (llvm::isa<llvm::CallBase>(instruction) && !llvm::isa<llvm::IntrinsicInst>(instruction))
        return NestWrites::Other;
      // A load from a fixed address could be hoisted above the loop's first stores once its
      // witness is gone.
      if (const auto *load = llvm::dyn_cast<llvm::LoadInst>(&instruction)) {
        fixedLoad |= scev.isLoopInvariant(
            scev.getSCEV(const_cast<llvm::Value *>(load->getPointerOperand())),
            loops.getLoopFor(block));
        continue;
      }
      if (!instruction.mayWriteToMemory())
        continue;
      const auto *store = llvm::dyn_cast<llvm::StoreInst>(&instruction);
      if (!store || !store->isSimple())
        return NestWrites::Other;
      const llvm::Loop *loop = loops.getLoopFor(block);
      if (scev.isLoopInvariant(scev.getSCEV(const_cast<llvm::Value *>(store->getPointerOperand())),
                               loop))
        return NestWrites::Other;
      writes = NestWrites::MovingAddress;
    }
  return writes == NestWrites::MovingAddress && fixedLoad ? NestWrites::Other : writes;
}

// A nest whose stores move and whose witnesses go must not be vectorised: a vector loop loads
// several iterations' elements before it stores the first iteration's, and a fault in the
// loads would lose stores made before it in the wasm loop.
void forbidVectorising(llvm::Loop &nest) {
  for (llvm::Loop *loop : nest.getLoopsInPreorder()) {
    llvm::addStringMetadataToLoop(loop, "llvm.loop.vectorize.enable", 0);
    llvm::addStringMetadataToLoop(loop, "llvm.loop.interleave.count", 1);
  }
}

// Marks an access whose witness or barrier went because it cannot fault (what the tests look for).
constexpr const char *kBelowMinimumMark = "wasmc.below.minimum";

void markBelowMinimum(llvm::Instruction &access) {
  access.setMetadata(kBelowMinimumMark, llvm::MDNode::get(access.getContext(), {}));
}

// Whether `store` is a plain store that cannot fault (lower::cannotFault).
bool isSafeStore(const llvm::StoreInst &store, const llvm::Function &function) {
  return store.isSimple() && lower::cannotFault(store.getPointerOperand(),
                                                store.getValueOperand()->getType(), function);
}

// The store right before `barrier`, as lowering put it, when it cannot fault.
llvm::StoreInst *safeStoreBefore(llvm::Instruction &barrier, const llvm::Function &function) {
  auto *store = llvm::dyn_cast_or_null<llvm::StoreInst>(barrier.getPrevNode());
  return store && isSafeStore(*store, function) ? store : nullptr;
}

// Whether the barrier after a store that cannot fault may go. A barrier also keeps later accesses
// from moving above its store: to LLVM a fault is undefined behaviour, and it moves a load above
// a store to other bytes (the SLP vectoriser's scheduler did, leaving the load's witness behind;
// test/spec/wasmc/below_minimum_store_order.wast). So it goes only when the next access in its
// block is another store that cannot fault, whose barrier then stands for both, with nothing
// between them that may fault or have an effect but loads that cannot fault and witnesses; the
// last such store before anything else, or before the block's end (blocks merge later), keeps it.
bool nextAccessIsSafeStore(const llvm::Instruction &barrier, const llvm::Function &function) {
  for (const llvm::Instruction *next = barrier.getNextNode(); next; next = next->getNextNode()) {
    if (const auto *store = llvm::dyn_cast<llvm::StoreInst>(next))
      return isSafeStore(*store, function);
    if (const auto *load = llvm::dyn_cast<llvm::LoadInst>(next)) {
      // (An invariant load reads the instance, which is always there.)
      const bool safe = load->hasMetadata(llvm::LLVMContext::MD_invariant_load) ||
                        (load->isSimple() && lower::cannotFault(load->getPointerOperand(),
                                                                load->getType(), function));
      if (!safe)
        return false;
      continue;
    }
    if (lower::isTrapWitness(*next))
      continue;
    if (next->mayReadOrWriteMemory() || next->mayHaveSideEffects())
      return false;
  }
  return false;
}

// `value` as a load that cannot fault, or null.
llvm::LoadInst *safeLoad(llvm::Value *value, const llvm::Function &function) {
  auto *load = llvm::dyn_cast<llvm::LoadInst>(value);
  if (!load || !lower::cannotFault(load->getPointerOperand(), load->getType(), function))
    return nullptr;
  return load;
}

} // namespace

llvm::PreservedAnalyses ReleaseTrapWitnessesPass::run(llvm::Function &function,
                                                      llvm::FunctionAnalysisManager &analyses) {
  if (!function.hasFnAttribute(lower::kWasmFunctionAttribute))
    return llvm::PreservedAnalyses::all();
  std::vector<llvm::CallInst *> released;
  llvm::DemandedBits *demandedBits = nullptr;
  auto &loops = analyses.getResult<llvm::LoopAnalysis>(function);
  auto &scev = analyses.getResult<llvm::ScalarEvolutionAnalysis>(function);
  llvm::DenseMap<llvm::Loop *, NestWrites> nestWrites; // by outermost loop
  llvm::SmallSetVector<llvm::Loop *, 8> unvectorisable; // in the order found
  auto writesOf = [&](llvm::Loop *nest) {
    auto [known, isNew] = nestWrites.try_emplace(nest);
    if (isNew)
      known->second = classifyWrites(*nest, loops, scev);
    return known->second;
  };
  for (llvm::Instruction &instruction : llvm::instructions(function)) {
    if (lower::isTrapBarrier(instruction)) {
      llvm::StoreInst *store =
          releaseBelowMinimum_ ? safeStoreBefore(instruction, function) : nullptr;
      if (store && nextAccessIsSafeStore(instruction, function)) {
        markBelowMinimum(*store);
        released.push_back(llvm::cast<llvm::CallInst>(&instruction));
        continue;
      }
      // Every other barrier stays, in loops and outside them: without it the SLP vectoriser
      // and code generation's store merging combine consecutive stores into one wider store,
      // which faults as a whole where the first of them alone would have been written before
      // the next one trapped (test/spec/wasmc/stores_before_trap.wast).
      continue;
    }
    if (!lower::isTrapWitness(instruction))
      continue;
    auto &witness = llvm::cast<llvm::CallInst>(instruction);
    llvm::Value *value = lower::witnessedValue(witness);
    if (llvm::LoadInst *load = releaseBelowMinimum_ ? safeLoad(value, function) : nullptr) {
      markBelowMinimum(*load);
      released.push_back(&witness);
      continue;
    }
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
    llvm::Loop *nest = loop->getOutermostLoop();
    const NestWrites writes = writesOf(nest);
    if (writes == NestWrites::Other)
      continue;
    if (!demandedBits)
      demandedBits = &analyses.getResult<llvm::DemandedBitsAnalysis>(function);
    if (isUsedInFull(*loaded, witness, *demandedBits)) {
      released.push_back(&witness);
      if (writes == NestWrites::MovingAddress)
        unvectorisable.insert(nest);
    }
  }
  for (llvm::CallInst *witness : released)
    witness->eraseFromParent();
  for (llvm::Loop *nest : unvectorisable)
    forbidVectorising(*nest);
  return preservedUnlessChanged(!released.empty());
}

} // namespace wasmc::codegen
