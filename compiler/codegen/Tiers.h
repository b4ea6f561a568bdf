// Optimisation tiers (issue 13): at -O2 LLVM's pipeline costs about the same per instruction
// everywhere, but it pays only where code runs many times. Each function is given a tier:
//
// * full: a function with a loop (a cycle in its control flow) or that calls itself, and not
//   huge. It gets all of -O2, in the IR pipeline and in code generation.
// * lean: everything else (straight-line functions; and huge ones, above
//   hugeFunctionInstructions(), loops or not). The IR pipeline runs only the passes that make
//   wasm's lowered code reasonable (SROA, mem2reg, EarlyCSE, SimplifyCFG, InstCombine at most
//   kLeanInstCombineRuns times, wasmc's own passes); GVN, the loop passes, the vectorisers,
//   jump threading, DSE, ... are skipped. Code generation skips the machine schedulers; a huge
//   function without a dispatch loop also has its instructions selected as at -O0 (FastISel
//   on x86-64 and AArch64), the rest of code generation staying -O2's (greedy register
//   allocation included): instruction selection is a third of code generation, and LLVM's
//   -O2 selector costs a huge function three to four times FastISel's (bench/COMPILE.md,
//   "Fast instruction selection for huge functions"). An interpreter's dispatch loop (a switch
//   of at least minimumDispatchCases() cases inside a loop, as SQLite's sqlite3VdbeExec) keeps
//   -O2's selector: FastISel made SQLite's 8 % slower. WASMC_NO_FAST_HUGE_ISEL=1 keeps it for
//   every function.
//
// The tier is decided from the function's IR before the first pass that needs it (one that
// lean skips, or InstCombine) runs on it, and again before the next such pass after any pass
// that changed it (one that did not preserve all analyses), so a lean function
// that inlines a loop becomes full; once full it stays full (the attribute kFullTierAttribute),
// unless it grows huge. Decisions depend only on the IR, which depends only on the partition's
// functions and the options: output stays the same with any thread count and with the object
// cache. The CGSCC passes (the inliner, function attribute inference) run on every function as
// without tiers (a lean callee, less simplified, may look costlier to inline).
//
// Whatever the tier, passes that do nothing for wasm are skipped (CalledValuePropagation), and
// WASMC_NO_PASSES=A,B (pass names as -time-passes prints them) skips those passes, for
// measuring what one is worth. bench/COMPILE.md has what trimming the pipeline further cost and
// saved.
//
// WASMC_NO_TIERS=1 gives every function the full pipeline (as before tiers). Tiers apply at -O2;
// -O1 and -O3 are unchanged.
#pragma once

#include "lower/StressedBounds.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/IR/Function.h>
#include <llvm/IR/OptBisect.h>
#include <llvm/IR/PassInstrumentation.h>

#include <cstddef>

namespace wasmc::codegen {

// Above this many IR instructions a function is lean whatever it contains.
inline size_t hugeFunctionInstructions() { return lower::sizeBound<size_t>(5000, 40); }
// How many times InstCombine runs on a lean function (-O2 runs it about eight times).
inline constexpr unsigned kLeanInstCombineRuns = 2;
// Marks a function that has been found to be full (it stays so).
inline constexpr const char *kFullTierAttribute = "wasmc-full-tier";
// Marks a function whose instructions code generation selects as at -O0 (set after the IR
// pipeline, so that `--emit llvm-ir` shows it).
inline constexpr const char *kFastSelectionAttribute = "wasmc-fast-isel";

enum class Tier { Full, Lean };

// Whether tiers apply at `optLevel` (and WASMC_NO_TIERS is not set).
bool tiersEnabled(unsigned optLevel);

// The function's tier now (marks it when it is full).
Tier tierOf(const llvm::Function &function);

// Whether code generation should select the function's instructions as at -O0: it is huge and
// has no dispatch loop (and WASMC_NO_FAST_HUGE_ISEL is not set).
bool wantsFastSelection(const llvm::Function &function);

// Skips the passes a lean function does not get, in the IR pipeline.
void registerTiers(llvm::PassInstrumentationCallbacks &callbacks);

// Skips the code generator's passes a lean function does not get, and has the instruction
// selector of a function marked kFastSelectionAttribute skip to -O0 (installed on the
// partition's LLVMContext for code generation: the legacy pass manager asks the context's gate).
class CodegenTierGate : public llvm::OptPassGate {
public:
  explicit CodegenTierGate(const llvm::Module &module) : module_(module) {}
  bool shouldRunPass(const llvm::StringRef pass, llvm::StringRef description) override;
  bool isEnabled() const override { return true; }

private:
  const llvm::Module &module_;
  llvm::DenseMap<const llvm::Function *, Tier> tiers_;
};

} // namespace wasmc::codegen
