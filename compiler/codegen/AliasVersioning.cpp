// Alias versioning (issue 16): all of a module's arrays live in one linear
// memory, so to LLVM a store in a loop may overwrite any load's bytes, and LICM
// keeps a load whose address does not change (`a[i]` in `for j: c[i*n+j] +=
// a[i] * b[j]`) inside the loop, reloading it on every iteration; the loop
// vectoriser checks the ranges of its own accesses but then reloads the value
// in the vector body as well. LLVM's LoopVersioningLICM puts a copy of such a
// loop behind a run-time check that no two of its access ranges overlap, marks
// that copy's accesses as not aliasing, and LICM then takes the invariant loads
// out of it (and promotes invariant locations it writes to registers).
//
// It runs right after LoopAddressWideningPass, before ReleaseTrapWitnessesPass:
// the only loops without trap witnesses and barriers then are the copies that
// the widening proved in bounds (a witness or barrier reads memory, and
// LoopVersioningLICM leaves loops with such calls alone), so no load is moved
// above a store that a fault would have had to see; and the widened copies'
// addresses are affine, which LoopVersioningLICM's range checks need.
//
// Loops that run at most kMaxShortLoopTrips times (WasmPasses.h) are left alone, as
// LoopAddressWidening leaves them unwidened: the check costs more than the loads it saves
// (bench/'s nbody, whose pairwise loop runs about twice an entry, took 6% more instructions
// versioned).
#include "codegen/WasmPasses.h"
#include "lower/ModuleEnv.h"

#include <llvm/Analysis/LoopInfo.h>
#include <llvm/Analysis/ScalarEvolution.h>
#include <llvm/Transforms/Scalar/LICM.h>
#include <llvm/Transforms/Scalar/LoopPassManager.h>
#include <llvm/Transforms/Scalar/LoopVersioningLICM.h>
#include <llvm/Transforms/Utils/LoopUtils.h>

namespace wasmc::codegen {

namespace {

// Whether `loop` runs at most kMaxShortLoopTrips times an entry, by SCEV's ranges. The signed
// range counts too: nbody's `for (j = i + 1; j < 5; j++)` runs {3,+,-1} more times, which SCEV
// bounds by 3 as a signed number only (a profitability guess: wrong, it costs a loop its
// versioning, not its correctness).
bool isShort(const llvm::Loop &loop, llvm::ScalarEvolution &scev) {
  const llvm::SCEV *backedges = scev.getBackedgeTakenCount(&loop);
  if (llvm::isa<llvm::SCEVCouldNotCompute>(backedges))
    return false;
  return scev.getUnsignedRangeMax(backedges).ult(kMaxShortLoopTrips) ||
         scev.getSignedRangeMax(backedges).slt(kMaxShortLoopTrips);
}

} // namespace

llvm::PreservedAnalyses AliasVersioningPass::run(llvm::Function &function,
                                                 llvm::FunctionAnalysisManager &analyses) {
  if (!function.hasFnAttribute(lower::kWasmFunctionAttribute))
    return llvm::PreservedAnalyses::all();
  auto &loops = analyses.getResult<llvm::LoopAnalysis>(function);
  auto &scev = analyses.getResult<llvm::ScalarEvolutionAnalysis>(function);
  if (loops.empty())
    return llvm::PreservedAnalyses::all();
  const size_t loopsBefore = loops.getLoopsInPreorder().size();
  for (llvm::Loop *loop : loops.getLoopsInPreorder())
    if (loop->isInnermost() && isShort(*loop, scev))
      llvm::addStringMetadataToLoop(loop, "llvm.loop.licm_versioning.disable");
  llvm::PreservedAnalyses preserved =
      llvm::createFunctionToLoopPassAdaptor(llvm::LoopVersioningLICMPass(),
                                            /*UseMemorySSA=*/false)
          .run(function, analyses);
  if (preserved.areAllPreserved())
    return preserved;
  // Outside a pass manager: what the versioning changed (MemorySSA, which LICM uses) goes first.
  analyses.invalidate(function, preserved);
  // LICM again only if a loop was versioned (a copy more): over every loop, it also changes loops
  // that were not, which kept bench/'s stencil from vectorising (2.6x its time).
  if (analyses.getResult<llvm::LoopAnalysis>(function).getLoopsInPreorder().size() == loopsBefore)
    return preserved;
  preserved.intersect(llvm::createFunctionToLoopPassAdaptor(llvm::LICMPass(llvm::LICMOptions()),
                                                            /*UseMemorySSA=*/true)
                          .run(function, analyses));
  return preserved;
}

} // namespace wasmc::codegen
