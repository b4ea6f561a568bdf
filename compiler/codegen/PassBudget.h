// Which of LLVM's optional passes run on which function. Some passes of the -O2 pipeline cost
// more than linearly in the size of a basic block; on the straight-line code that generators
// and initialisers produce (a 10,000-term sum, 20,000 table stores) one function then takes
// minutes. Such passes are skipped on blocks too large for them, so that compile time stays
// linear in the input; the code is still correct, just less optimised where it rarely matters.
#pragma once

#include "lower/StressedBounds.h"

#include <llvm/IR/PassInstrumentation.h>

namespace wasmc::codegen {

// The largest basic block (in instructions) on which the SLP vectoriser runs: its cost grows
// with the square of a reduction's length (1,000 adds: 5 s; 2,000: 20 s).
inline size_t maximumSlpBlockInstructions() { return lower::sizeBound<size_t>(1000, 20); }

// Registers the skipping with LLVM's pass instrumentation.
void registerPassBudget(llvm::PassInstrumentationCallbacks &callbacks);

// The largest basic block instruction selection gets. SelectionDAG's checks whether a load can
// fold into its user walk the block's DAG, so a block costs the square of its size (a 4,000-term
// sum took 13 s); splitting longer blocks with unconditional branches keeps code generation
// linear, at the cost of one jump per piece.
inline size_t maximumCodegenBlockInstructions() { return lower::sizeBound<size_t>(2000, 16); }

// Splits `function`'s blocks longer than maximumCodegenBlockInstructions(); runs after the
// optimiser.
void splitLongBlocks(llvm::Function &function);

} // namespace wasmc::codegen
