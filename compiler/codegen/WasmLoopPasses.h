// wasmc's own passes in LLVM's -O2/-O3 pipeline (registered in codegen/Compile.cpp). Each puts
// a fast loop in front of a wasm loop, behind a run-time check that makes it the same program.
#pragma once

#include <llvm/IR/PassManager.h>

namespace wasmc::codegen {

// Wasm loops count and address in 32 bits: `i += step; br_if (i != end)` and loads from
// `base + zext(i32 sum)`. Either sum may wrap around 2^32, so LLVM can neither compute such a
// loop's trip count nor see its addresses as affine, and the loop vectoriser gives up. This pass
// versions such loops (those whose trip count LLVM cannot compute): a check before the loop
// proves that the counter meets `end` and that no address sum wraps on any iteration; the loop
// that runs when it holds counts in 64 bits and has 64-bit affine addresses; the original loop
// runs otherwise.
class LoopAddressWideningPass : public llvm::PassInfoMixin<LoopAddressWideningPass> {
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
// values. What is left over (fewer than 8 bytes) runs in the original loop.
class ByteCompareWideningPass : public llvm::PassInfoMixin<ByteCompareWideningPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &function, llvm::FunctionAnalysisManager &analyses);
};

} // namespace wasmc::codegen
