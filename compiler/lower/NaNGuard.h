// NaN guards. Wasm's float add, sub, mul and div return a quiet NaN when an operand is a
// signalling one; LLVM folds x - 0, x + -0, x * 1, x / 1 (and -0 - x, x * -1 into a negation)
// to x, or -x, as if NaN payloads did not matter, and then a signalling x comes out signalling.
// The lowering fences constant operands that allow such a fold (FunctionLowering::
// fenceIdentityConstant), but an operand may become one of those constants only in the
// optimiser: a local that is never set, a constant argument after inlining, a stored constant
// loaded back. So, in optimised code, every operand of these operations that is neither a
// constant nor the result of another of them (which the optimiser cannot fold to a constant when
// its own operands are guarded) goes through a guard: an arithmetic fence, which LLVM does not
// fold, marked as a guard. Constants reach the operations' operands by inlining and constant
// propagation, all before the vectoriser; there ReleaseNaNGuardsPass (codegen/WasmPasses.h)
// removes the guards whose operand cannot be such a constant any more, since a fence in a loop
// keeps the loop from being vectorised.
#pragma once

#include <llvm/IR/IRBuilder.h>

namespace wasmc::lower {

// `operand` behind a guard, or as it is where no fold can reach it (see above).
llvm::Value *guardAgainstIdentityFold(llvm::IRBuilder<> &b, llvm::Value *operand);

// A guard of `value` at the builder's position, whatever the value.
llvm::Instruction *addNaNGuard(llvm::IRBuilder<> &b, llvm::Value *value);

// Whether `instruction` is a guard added by guardAgainstIdentityFold or addNaNGuard.
bool isNaNGuard(const llvm::Instruction &instruction);

// Whether `constant` (a float or a vector of floats) is, or has a lane that is, an operand that
// lets LLVM fold the operation away: +-0 for an add or sub (`additive`), +-1 for a mul or div.
// Lanes that are not plain float constants count as such.
bool mayBeFoldingIdentity(const llvm::Constant &constant, bool additive);

} // namespace wasmc::lower
