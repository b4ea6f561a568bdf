// Part of LoopAddressWideningPass (codegen/WasmPasses.h), for the loops its in-bounds check
// proves cannot fault.
#pragma once

namespace llvm {
class Loop;
class ScalarEvolution;
} // namespace llvm

namespace wasmc::codegen {

// clang carries a value loaded in one iteration into the next in a phi (LLVM's loop load
// elimination: a stencil's `A[i+1]` becomes the next iteration's `A[i]`), and when it builds a
// wasm module it does so after a loop vectoriser that had no SIMD to use. LLVM's vectoriser
// handles such a phi (a first-order recurrence) only when the load defining its next value comes
// before every use of the phi, or when the uses can sink below it; a store among them cannot.
// In a single-block loop, this moves such a load (and its address arithmetic) to the top of the
// block, when each store before it writes bytes a constant distance away from those it reads
// (so that its value cannot change). The load is named `wasm.carried`. Only for loops whose
// accesses cannot fault: the order of a fault and a store would otherwise change.
bool hoistCarriedLoads(llvm::Loop &loop, llvm::ScalarEvolution &scev);

} // namespace wasmc::codegen
