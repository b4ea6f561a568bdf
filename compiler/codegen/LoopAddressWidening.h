// Wasm loops count and address in 32 bits: `i += step; br_if (i != end)` and loads from
// `base + zext(i32 sum)`. Either sum may wrap around 2^32, so LLVM can neither compute such a
// loop's trip count nor see its addresses as affine, and the loop vectoriser gives up. This pass
// versions such loops: a check before the loop proves that the counter reaches `end` without
// wrapping and that no address sum wraps on any iteration; the loop that runs when it holds has a
// no-wrap counter and 64-bit affine addresses; the original loop runs otherwise.
#pragma once

#include <llvm/IR/PassManager.h>

namespace wasmc::codegen {

class LoopAddressWideningPass : public llvm::PassInfoMixin<LoopAddressWideningPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &function, llvm::FunctionAnalysisManager &analyses);
};

} // namespace wasmc::codegen
