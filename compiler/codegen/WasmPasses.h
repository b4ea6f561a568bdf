// wasmc's own passes in LLVM's -O2/-O3 pipeline (registered in codegen/Compile.cpp). The two
// loop passes put a fast loop in front of a wasm loop, behind a run-time check that makes it the
// same program, as the memory idioms pass does for wasi-libc's mem* functions; the dispatch pass
// reshapes a switch so that code generation can thread it.
#pragma once

#include "lower/StressedBounds.h"

#include <llvm/IR/PassManager.h>

namespace wasmc::codegen {

// What a pass that changes instructions but never the control flow returns: everything preserved
// when it changed nothing, the CFG analyses otherwise.
inline llvm::PreservedAnalyses preservedUnlessChanged(bool changed) {
  if (!changed)
    return llvm::PreservedAnalyses::all();
  llvm::PreservedAnalyses preserved;
  preserved.preserveSet<llvm::CFGAnalyses>();
  return preserved;
}

// Loops that run at most this many times are neither widened (LoopAddressWideningPass) nor
// versioned for aliasing (AliasVersioningPass): a run-time check and the vectoriser's remainder
// cost more than they gain there (fannkuch's permutations of 10, its reversals of up to 5
// elements; nbody's pairwise loop, about twice an entry). Nor, when their count is not a
// constant, are they versioned for bounds (marked kShortLoopMarker instead), unless
// WASMC_NO_SHORT_LOOP_EXEMPTION is set. A versioned loop whose count depends on run-time values
// takes its original copy when it runs fewer times than its check is worth, at most this many
// (tested before the rest of the check: the `wasm.short.trips` branch, LoopAddressWidening.cpp's
// shortTripBound), unless WASMC_NO_SHORT_TRIP_TEST is set.
constexpr unsigned kMaxShortLoopTrips = 16;
inline constexpr const char *kShortLoopMarker = "wasmc.short.loop";
// The copy of a loop LoopAddressWideningPass's check proved in bounds: none of its accesses can
// fault (LoopRerollingPass may then reorder a load and a store of disjoint bytes).
inline constexpr const char *kInBoundsLoopMarker = "wasmc.inbounds";

// Which of LoopAddressWideningPass's transformations run (each has its WASMC_NO_* switch).
struct LoopVersioningOptions {
  bool widenAddresses = true;    // WASMC_NO_ADDRESS_WIDENING
  bool checkBounds = true;       // WASMC_NO_BOUNDS_VERSIONING
  bool hoistCarriedLoads = true; // WASMC_NO_CARRIED_LOAD_HOISTING
  bool exemptShortLoops = true;  // WASMC_NO_SHORT_LOOP_EXEMPTION
  bool testShortTrips = true;    // WASMC_NO_SHORT_TRIP_TEST
  // Counted loops that exit on `counter + offset >u end` too (WASMC_NO_RELATIONAL_EXITS).
  bool relationalExits = true;
};

// Versions innermost loops behind one run-time check before the loop, for two reasons:
//
// * Wasm loops count and address in 32 bits: `i += step; br_if (i != end)` and loads from
//   `base + zext(i32 sum)`. Either sum may wrap around 2^32, so LLVM can neither compute such a
//   loop's trip count nor see its addresses as affine, and the loop vectoriser gives up. The
//   check proves that no address sum wraps on any iteration (and, where LLVM cannot compute the
//   trip count, that the counter meets `end`); the loop that runs when it holds has 64-bit
//   affine addresses (and counts in 64 bits). Conditions that SCEV proves at compile time
//   (constant bounds and bases) are left out; with none left, the loop is widened in place.
// * Every access of linear memory may fault, so its loads carry trap witnesses and its stores
//   trap barriers (lower/TrapWitness.h), which keep LLVM from vectorising the loop or keeping a
//   global in a register across it. Where every access of a loop is memory 0 plus an offset
//   affine in the iteration (and the loop's trip count is known before it starts), the check
//   also proves that each byte the loop may access is below memory 0's current size; the loop
//   that runs when it holds has neither witnesses nor barriers, and in it a load whose value
//   clang carried into the next iteration moves above the stores before it where that lets the
//   vectoriser take the loop (codegen/CarriedLoadHoisting.h).
//
// The original loop, with witnesses, barriers and 32-bit arithmetic, runs when the check fails.
class LoopAddressWideningPass : public llvm::PassInfoMixin<LoopAddressWideningPass> {
public:
  explicit LoopAddressWideningPass(LoopVersioningOptions options) : options_(options) {}
  llvm::PreservedAnalyses run(llvm::Function &function, llvm::FunctionAnalysisManager &analyses);

private:
  LoopVersioningOptions options_;
};

// After LoopAddressWideningPass: loops proved in bounds get a copy whose accesses do not alias,
// behind a check of their ranges, and LICM takes invariant loads out of it (AliasVersioning.cpp).
class AliasVersioningPass : public llvm::PassInfoMixin<AliasVersioningPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &function, llvm::FunctionAnalysisManager &analyses);
};

// Byte-at-a-time comparison loops, as wasi-libc's memcmp is compiled to wasm:
//
//   for (; n && *l == *r; n--, l++, r++);   return n ? *l - *r : 0;
//
// Natively memcmp compares 8 or more bytes per step; in wasm each byte costs a compare and a
// branch, and an early mismatch costs a misprediction. A wider read is not the same program,
// though: the wasm loop stops at the first difference and never touches the bytes after it,
// which may be out of bounds. This pass puts an 8-bytes-per-step loop in front of such a loop,
// taken only when every byte the byte loop could read is inside linear memory (checked against
// memory 0's current size before the loop); it finds the first differing byte of a word with a
// count of trailing zeros and leaves the loop exactly as the byte loop would have, with the same
// values. With `shortWords` (off with WASMC_NO_SHORT_BYTE_COMPARES), the bytes after the last
// whole word are compared in a word that overlaps the one before (all of whose bytes the byte
// loop could read), and a compare of fewer than 8 bytes reads one word at each side with the
// bytes past its end masked off, taken when those words are inside memory 0 as well (block
// `wasm.words.short`): wordfreq's memcmp of words about 6 bytes long. Without it, what is left
// over (fewer than 8 bytes) runs in the original loop.
class ByteCompareWideningPass : public llvm::PassInfoMixin<ByteCompareWideningPass> {
public:
  explicit ByteCompareWideningPass(bool shortWords) : shortWords_(shortWords) {}
  llvm::PreservedAnalyses run(llvm::Function &function, llvm::FunctionAnalysisManager &analyses);

private:
  bool shortWords_;
};

// wasi-libc's memcpy, memmove and memset, recognised by their code when the module is lowered
// (lower/MemoryIdioms.h: the function carries kMemoryIdiomAttribute). Each keeps its symbol and
// becomes a check and the host's memcpy/memmove/memset: when every byte the C code would touch
// lies below memory 0's current size (and, for memcpy, the two ranges are disjoint, as memcpy's
// own word-by-word order decides what overlapping ranges end up holding), the host's operation
// does what the C code does, and cannot fault; otherwise the original body, moved to an internal
// function of its own (`<symbol>.memidiom.original`), runs, with its partial stores and its trap.
// Runs first in the pipeline, so that the inliner puts the check, and a copy of constant length,
// into the callers. With `inlineChecks` (off with WASMC_NO_INLINE_MEMORY_IDIOM_CHECKS), every
// direct call of a recognised function, of this partition or declared from another (where the
// inliner cannot reach its body), calls an internal copy of the check and host operation instead
// (`<symbol>.memidiom.inline`, its host block `wasm.memidiom.inline`), whose fallback calls the
// C code (the original of this partition, or the other partition's symbol, which checks again).
class MemoryIdiomsPass : public llvm::PassInfoMixin<MemoryIdiomsPass> {
public:
  explicit MemoryIdiomsPass(bool inlineChecks) : inlineChecks_(inlineChecks) {}
  llvm::PreservedAnalyses run(llvm::Module &module, llvm::ModuleAnalysisManager &analyses);

private:
  bool inlineChecks_;
};

// Removes the trap witnesses (lower/TrapWitness.h) of loads in loop nests that LICM cannot
// leave with a write undone by a fault, and whose value is used in full anyway, in the load's
// own block (so that it cannot be sunk away from paths that do not use it): an integer load some
// bits of whose first and last bytes are demanded (LLVM's DemandedBits), so that no narrower load
// can replace it, and a float load used by arithmetic, a comparison, a conversion, a store or a
// call. Such a load is neither deleted nor narrowed, and without its witness the loop around it
// can be vectorised. The nests are those that write nothing (no store, no global write, no call:
// which of their loads faults first does not matter), and those whose only writes are stores to
// addresses that change every iteration (and that load from no fixed address): there the nest is
// marked not to be vectorised (a vector loop loads iterations ahead of their stores). Outside
// loops witnesses stay (they cost next to nothing there). Trap barriers stay, in loops and
// outside them (the SLP vectoriser would combine stores across a fault). Also removes the
// witnesses of loads that LLVM replaced by a value stored or loaded before from the same bytes.
// Runs before the loop
// vectoriser (after LoopAddressWideningPass, which removes both from loops proved not to fault)
// and at the end of the pipeline; the witnesses of dead, partly used and vector loads stay to
// the machine code.
//
// Anywhere, and first, it removes the witnesses of loads and the barriers of stores that cannot
// fault: at memory 0's base plus a constant, below the minimum size of memory 0's type
// (lower::cannotFault), as accesses of a C program's global variables are once loops over them
// are unrolled (bench/'s nbody: its positions update becomes SLP-vectorisable); they are marked
// `!wasmc.below.minimum`. A barrier also keeps later accesses that may fault below its store,
// so the last of such stores before anything else in its block keeps it.
// WASMC_NO_BELOW_MINIMUM_RELEASE, or -O1, keeps them all.
class ReleaseTrapWitnessesPass : public llvm::PassInfoMixin<ReleaseTrapWitnessesPass> {
public:
  explicit ReleaseTrapWitnessesPass(bool releaseBelowMinimum)
      : releaseBelowMinimum_(releaseBelowMinimum) {}
  llvm::PreservedAnalyses run(llvm::Function &function, llvm::FunctionAnalysisManager &analyses);

private:
  bool releaseBelowMinimum_;
};

// clang's wasm build unrolls loops (it has no SIMD to vectorise them with), and LLVM's vectoriser
// then sees interleaved groups of accesses (gemm's `C[i][j] *= beta`, five elements an iteration)
// that its cost model rejects. This pass, right after ReleaseTrapWitnessesPass, rolls a
// single-block loop back up when its loads and stores are `k` (4 to 16) lanes of the same
// accesses, each lane's addresses one element (a k-th of each address's stride) after the lane
// before and its values computed alike: lane 0 alone then runs k times as often, on a 64-bit
// count (`wasm.rerolled`), with the same accesses in the same order as before (lane by lane;
// only loads may have been in another order), so that faults happen where they did. The loop gets the metadata kRerolledLoopMarker. Off with
// WASMC_NO_LOOP_REROLLING. With `carriedLanes`, also two or three lanes when a lane's loaded
// value is carried to later ones in phis (`wasm.rerolled.carried` chains; in loops marked
// kInBoundsLoopMarker, the loads CarriedLoadHoisting moved go back among their lane's stores);
// off with WASMC_NO_CARRIED_LANE_REROLLING.
inline constexpr const char *kRerolledLoopMarker = "wasmc.rerolled";
class LoopRerollingPass : public llvm::PassInfoMixin<LoopRerollingPass> {
public:
  explicit LoopRerollingPass(bool carriedLanes = true) : carriedLanes_(carriedLanes) {}
  llvm::PreservedAnalyses run(llvm::Function &function, llvm::FunctionAnalysisManager &analyses);

private:
  bool carriedLanes_;
};

// At the end of the pipeline (before WitnessExtendedLoadsPass): a load whose bytes the next
// store overwrites with an add or subtract of the loaded value, nothing with an effect between
// them, loses its witness (the load is marked `!wasmc.overwritten`): the store traps where the
// load would, and x86 folds the three into one read-modify-write instruction (wordfreq's
// `bigram[...]++`). WASMC_NO_OVERWRITTEN_LOAD_RELEASE, or -O1, keeps them.
class OverwrittenLoadWitnessesPass : public llvm::PassInfoMixin<OverwrittenLoadWitnessesPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &function, llvm::FunctionAnalysisManager &analyses);
};

// Last in the pipeline: a narrow load's witness takes the load's extension, which then folds
// into the load (WitnessExtendedLoads.cpp).
class WitnessExtendedLoadsPass : public llvm::PassInfoMixin<WitnessExtendedLoadsPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &function, llvm::FunctionAnalysisManager &analyses);
};

// After inlining, a function holds the stack check (FunctionLowering::emitStackCheck: trap when
// the stack pointer is below the thread's limit) of every function inlined into it that made
// calls. In one frame the stack pointer is the same wherever it is read (the frame has a fixed
// size, and calls give back what they push) and the limit does not change while wasm code runs
// (runtime/src/trap.cpp), so once the entry block's check has passed, no later one can fail:
// this pass folds them to false, and the next cleanups remove their branches and trap blocks.
// Only in functions whose entry block ends in a stack check; the function is marked with
// kFoldedStackChecksAttribute (how many). Runs after the inliner (test/spec/wasmc/stack_checks.wast
// checks that recursion through inlined functions is still caught).
// A function that calls nothing any more (only intrinsics and the runtime's trap: a leaf, as
// lowering leaves a function that makes no calls without a check) loses its entry check as well,
// and is marked with kLeafAfterInliningAttribute (bench/'s qsort: its memcmp-inlining comparator).
inline constexpr const char *kFoldedStackChecksAttribute = "wasmc-folded-stack-checks";
inline constexpr const char *kLeafAfterInliningAttribute = "wasmc-leaf-after-inlining";
class InlinedStackChecksPass : public llvm::PassInfoMixin<InlinedStackChecksPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &function, llvm::FunctionAnalysisManager &analyses);
};

// At the end of the pipeline, in a function small enough to have no check if it made no calls
// (lower::kSmallLeafSize), the entry block's stack check moves down to the nearest block that
// dominates every call that may take more stack (hoisted out of any loop around it): paths that
// call nothing, such as an early return, run without it, as a leaf does. The function is marked
// with kSunkStackCheckAttribute (StackChecks.cpp; stack_checks.wast).
// WASMC_NO_STACK_CHECK_SINKING, or -O1, keeps it on entry.
inline constexpr const char *kSunkStackCheckAttribute = "wasmc-sunk-stack-check";
class StackCheckSinkingPass : public llvm::PassInfoMixin<StackCheckSinkingPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &function, llvm::FunctionAnalysisManager &analyses);
};

// Removes the NaN guards (lower/NaNGuard.h) whose operand can no longer become a constant that
// lets LLVM fold a float operation away: inlining and constant propagation are done when the
// vectoriser starts, and a guard in a loop would keep it scalar. A guard stays where its operand
// is such a constant; where its operand is a phi or select that may pick one of its own operands
// (a loop may still be peeled or unrolled, a branch threaded), the guard moves onto those
// constants, out of the loop for a loop-carried value.
class ReleaseNaNGuardsPass : public llvm::PassInfoMixin<ReleaseNaNGuardsPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &function, llvm::FunctionAnalysisManager &analyses);
};

// The largest switch ThreadedDispatchPass rewrites, counted in jump-table entries (the default's
// included). Threading copies the dispatch into every case: it made bench/'s interp (31 entries)
// 1.5x faster, and SQLite's VDBE loop (186 entries) 30% larger and the SQL workload 3% slower.
inline constexpr unsigned kMaximumDispatchCases = 128;
// A switch with fewer cases has little to predict (and LLVM may compare instead of using a
// table): it is not a dispatch loop, for ThreadedDispatchPass and for the tiers (Tiers.h).
inline unsigned minimumDispatchCases() { return lower::sizeBound(8u, 2u); }

// A dispatch loop (an interpreter's `for (;;) switch (*pc++)`, a state machine) becomes a
// br_table in a loop, and its default target makes the jump table's code check the index's range
// before jumping. With that check the dispatch block ends in a conditional branch, and LLVM
// keeps one shared dispatch that every case jumps back to: one indirect jump, predicted from one
// history for all cases. A br_table's default is just the entry past its last, though: this pass
// rewrites `switch (x)` with cases 0..n-1 as `switch (umin(x, n))` with case n (and any holes)
// going to the former default, and an unreachable default. The block then ends in the indirect
// jump itself, and LLVM's early tail duplication copies it into the end of every case (as
// interpreters written with computed goto do by hand), so each case predicts its successor from
// its own jump. Only switches inside loops with dense, small case values are rewritten.
class ThreadedDispatchPass : public llvm::PassInfoMixin<ThreadedDispatchPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &function, llvm::FunctionAnalysisManager &analyses);
};

// At the end of the pipeline: `(x & M) <u C` (or `>u`) with M a byte's (or 16 or 32 bits')
// mask, its low bits possibly cleared, becomes a compare of x truncated to that width, as C's
// byte tests compile natively (`cmpb`); wasm computes them in i32 (NarrowMaskedCompares.cpp).
// Marked `!wasmc.narrowed.compare`; WASMC_NO_NARROWED_COMPARES, or -O1, keeps them.
class NarrowMaskedComparesPass : public llvm::PassInfoMixin<NarrowMaskedComparesPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &function, llvm::FunctionAnalysisManager &analyses);
};

// Last in the pipeline: the instructions of a single-block innermost loop with a long
// loop-carried dependency chain in critical-path order (that chain first), instead of the wasm
// producer's operand-stack order;
// loads, stores, calls and anything that may trap keep their order (CriticalPathOrder.cpp).
// WASMC_NO_CRITICAL_PATH_ORDER, or -O1, keeps the wasm order.
class CriticalPathOrderPass : public llvm::PassInfoMixin<CriticalPathOrderPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &function, llvm::FunctionAnalysisManager &analyses);
};

} // namespace wasmc::codegen
