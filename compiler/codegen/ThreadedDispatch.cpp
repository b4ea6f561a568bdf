// Dispatch loops (an interpreter's `for (;;) switch (*pc++)`, a state machine) compiled to
// wasm end in a br_table inside a loop. See WasmPasses.h for why the default is folded away.
#include "codegen/WasmPasses.h"

#include <llvm/ADT/SmallVector.h>
#include <llvm/Analysis/LoopInfo.h>
#include <llvm/IR/Function.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Instructions.h>
#include <llvm/Support/MathExtras.h>

#include <optional>
#include <vector>

namespace wasmc::codegen {

namespace {

// The clamped switch has one case per value up to the largest: keep its table dense.
constexpr uint64_t kMinimumDensityPercent = 40;

// The largest case value, if every case value is small and non-negative, one past it is a value
// of the condition's type, and the cases fill enough of [0, largest] that a jump table is LLVM's
// choice anyway.
std::optional<uint64_t> denseTableLimit(const llvm::SwitchInst &dispatch) {
  uint64_t largest = 0;
  for (const auto &entry : dispatch.cases()) {
    const llvm::APInt &value = entry.getCaseValue()->getValue();
    if (value.uge(kMaximumDispatchCases - 1)) // the table also needs an entry past `largest`
      return std::nullopt;
    largest = std::max(largest, value.getZExtValue());
  }
  const unsigned width = dispatch.getCondition()->getType()->getIntegerBitWidth();
  if (width < 64 && largest + 1 > llvm::maxUIntN(width))
    return std::nullopt;
  if (dispatch.getNumCases() * 100 < (largest + 1) * kMinimumDensityPercent)
    return std::nullopt;
  return largest;
}

// switch (x) { cases 0..n-1; default: D }  becomes  switch (umin(x, n)) { 0..n-1; n: D;
// holes: D; default: unreachable } — the same targets for every x.
void foldDefaultIntoTable(llvm::SwitchInst &dispatch, uint64_t largest) {
  llvm::BasicBlock *block = dispatch.getParent();
  llvm::BasicBlock *fallback = dispatch.getDefaultDest();
  llvm::IntegerType *type = llvm::cast<llvm::IntegerType>(dispatch.getCondition()->getType());

  std::vector<bool> covered(largest + 2, false);
  for (const auto &entry : dispatch.cases())
    covered[entry.getCaseValue()->getZExtValue()] = true;
  unsigned addedEdges = 0;
  for (uint64_t value = 0; value <= largest + 1; ++value) {
    if (covered[value])
      continue;
    dispatch.addCase(llvm::ConstantInt::get(type, value), fallback);
    ++addedEdges;
  }
  // One edge to the fallback is the former default edge; each PHI needs one entry per edge.
  for (llvm::PHINode &phi : fallback->phis()) {
    llvm::Value *incoming = phi.getIncomingValueForBlock(block);
    for (unsigned i = 1; i < addedEdges; ++i)
      phi.addIncoming(incoming, block);
  }

  llvm::IRBuilder<> builder(&dispatch);
  dispatch.setCondition(builder.CreateBinaryIntrinsic(
      llvm::Intrinsic::umin, dispatch.getCondition(), llvm::ConstantInt::get(type, largest + 1),
      nullptr, "dispatch.index"));
  llvm::Function *function = block->getParent();
  llvm::BasicBlock *unreachable =
      llvm::BasicBlock::Create(function->getContext(), "dispatch.unreachable", function);
  new llvm::UnreachableInst(function->getContext(), unreachable);
  dispatch.setDefaultDest(unreachable);
}

} // namespace

llvm::PreservedAnalyses ThreadedDispatchPass::run(llvm::Function &function,
                                                  llvm::FunctionAnalysisManager &analyses) {
  llvm::SmallVector<std::pair<llvm::SwitchInst *, uint64_t>, 4> candidates;
  for (llvm::BasicBlock &block : function) {
    auto *dispatch = llvm::dyn_cast<llvm::SwitchInst>(block.getTerminator());
    if (!dispatch || dispatch->getNumCases() < minimumDispatchCases() || dispatch->defaultDestUndefined())
      continue;
    if (std::optional<uint64_t> largest = denseTableLimit(*dispatch))
      candidates.push_back({dispatch, *largest});
  }
  if (candidates.empty()) // most functions: no need for loop information
    return llvm::PreservedAnalyses::all();
  const llvm::LoopInfo &loops = analyses.getResult<llvm::LoopAnalysis>(function);
  bool changed = false;
  for (auto [dispatch, largest] : candidates) {
    if (!loops.getLoopFor(dispatch->getParent()))
      continue;
    foldDefaultIntoTable(*dispatch, largest);
    changed = true;
  }
  return changed ? llvm::PreservedAnalyses::none() : llvm::PreservedAnalyses::all();
}

} // namespace wasmc::codegen
