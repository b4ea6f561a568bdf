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
#include "codegen/WasmPasses.h"
#include "lower/ModuleEnv.h"

#include <llvm/Transforms/Scalar/LICM.h>
#include <llvm/Transforms/Scalar/LoopPassManager.h>
#include <llvm/Transforms/Scalar/LoopVersioningLICM.h>

namespace wasmc::codegen {

llvm::PreservedAnalyses
AliasVersioningPass::run(llvm::Function &function,
                         llvm::FunctionAnalysisManager &analyses) {
  if (!function.hasFnAttribute(lower::kWasmFunctionAttribute))
    return llvm::PreservedAnalyses::all();
  llvm::FunctionPassManager passes;
  passes.addPass(
      llvm::createFunctionToLoopPassAdaptor(llvm::LoopVersioningLICMPass(),
                                            /*UseMemorySSA=*/false));
  passes.addPass(llvm::createFunctionToLoopPassAdaptor(
      llvm::LICMPass(llvm::LICMOptions()), /*UseMemorySSA=*/true));
  return passes.run(function, analyses);
}

} // namespace wasmc::codegen
