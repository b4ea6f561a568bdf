// Wasm has no 8- or 16-bit arithmetic, so C's byte tests reach wasmc as i32 arithmetic masked
// to a byte: clang's wasm build of `(a >= 'a' && a <= 'z')` for a char `a` is
// `((a + 159) & 255) <u 26`, and InstCombine then clears the mask's low bit (26 is even:
// `& 254`). x86 computes that as add, and, compare; the native build compares the byte itself
// (`cmpb`), one instruction less (wordfreq's bigram loop tests two characters an iteration).
//
// `(x & M) <u C` equals `trunc(x) <u C` in the width W of the mask when M keeps bits k..W-1 of
// x (the bits above W cleared, and the low k bits cleared too) and C is a multiple of 2^k
// below 2^W: with t = x mod 2^W, `x & M` is t rounded down to a multiple of 2^k, and a multiple
// of 2^k is below C exactly when t is. `>u C` is `not <u C + 1`: the same with C + 1.
// InstCombine does not narrow such compares (it widens equalities the other way), so this runs
// at the end of the pipeline.
#include "codegen/WasmPasses.h"
#include "lower/ModuleEnv.h"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/PatternMatch.h>

#include <vector>

namespace wasmc::codegen {

namespace {

// Marks a narrowed compare (what tests look for).
constexpr const char *kNarrowedMark = "wasmc.narrowed.compare";

// The width (8, 16 or 32 bits, narrower than x) in which `(x & mask) <u bound` is a compare of
// the truncated x, or 0.
unsigned narrowWidth(const llvm::APInt &mask, const llvm::APInt &bound) {
  for (unsigned width : {8u, 16u, 32u}) {
    if (width >= mask.getBitWidth())
      return 0;
    const llvm::APInt low = llvm::APInt::getLowBitsSet(mask.getBitWidth(), width);
    if (!mask.isSubsetOf(low) || mask.isZero())
      continue;
    // The mask must be bits k..width-1: all of `low` above its lowest set bit.
    const unsigned k = mask.countTrailingZeros();
    if (mask != (low & llvm::APInt::getHighBitsSet(mask.getBitWidth(), mask.getBitWidth() - k)))
      return 0;
    if (bound.isZero() || bound.ugt(low) || bound.countTrailingZeros() < k)
      return 0;
    return width;
  }
  return 0;
}

} // namespace

llvm::PreservedAnalyses NarrowMaskedComparesPass::run(llvm::Function &function,
                                                      llvm::FunctionAnalysisManager &) {
  using namespace llvm::PatternMatch;
  if (!function.hasFnAttribute(lower::kWasmFunctionAttribute))
    return llvm::PreservedAnalyses::all();
  std::vector<llvm::ICmpInst *> compares;
  for (llvm::Instruction &instruction : llvm::instructions(function))
    if (auto *compare = llvm::dyn_cast<llvm::ICmpInst>(&instruction);
        compare && (compare->getPredicate() == llvm::ICmpInst::ICMP_ULT ||
                    compare->getPredicate() == llvm::ICmpInst::ICMP_UGT))
      compares.push_back(compare);
  bool changed = false;
  for (llvm::ICmpInst *compare : compares) {
    llvm::Value *value = nullptr;
    const llvm::APInt *mask = nullptr, *constant = nullptr;
    if (!compare->getOperand(0)->getType()->isIntegerTy() ||
        !match(compare->getOperand(0), m_And(m_Value(value), m_APInt(mask))) ||
        !match(compare->getOperand(1), m_APInt(constant)))
      continue;
    // `>u C` is `not <u C + 1`.
    const bool greater = compare->getPredicate() == llvm::ICmpInst::ICMP_UGT;
    if (greater && constant->isMaxValue())
      continue;
    const llvm::APInt bound = greater ? *constant + 1 : *constant;
    const unsigned width = narrowWidth(*mask, bound);
    if (width == 0)
      continue;
    llvm::IRBuilder<> builder(compare);
    llvm::Value *narrow = builder.CreateTrunc(value, builder.getIntNTy(width));
    // (A constant x folds the compare to a constant.)
    llvm::Value *replacement = builder.CreateICmp(compare->getPredicate(), narrow,
                                                  builder.getInt(constant->trunc(width)));
    if (auto *narrowed = llvm::dyn_cast<llvm::Instruction>(replacement)) {
      narrowed->takeName(compare);
      narrowed->setMetadata(kNarrowedMark, llvm::MDNode::get(function.getContext(), {}));
    }
    compare->replaceAllUsesWith(replacement);
    compare->eraseFromParent();
    changed = true;
  }
  return changed ? llvm::PreservedAnalyses::none() : llvm::PreservedAnalyses::all();
}

} // namespace wasmc::codegen
