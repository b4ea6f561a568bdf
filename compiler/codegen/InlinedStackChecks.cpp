#include "codegen/WasmPasses.h"

#include "lower/ModuleEnv.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Instructions.h>

#include <vector>

namespace wasmc::codegen {

namespace {

// Whether the function's frame has a fixed size: no alloca outside the entry block and none of
// a size known only at run time (wasm code makes none; this keeps the reasoning honest).
bool hasFixedFrame(llvm::Function &function) {
  for (llvm::Instruction &instruction : llvm::instructions(function))
    if (const auto *alloca = llvm::dyn_cast<llvm::AllocaInst>(&instruction))
      if (alloca->getParent() != &function.getEntryBlock() || !alloca->isStaticAlloca())
        return false;
  return true;
}

} // namespace

llvm::PreservedAnalyses InlinedStackChecksPass::run(llvm::Function &function,
                                                    llvm::FunctionAnalysisManager &) {
  if (!function.hasFnAttribute(lower::kWasmFunctionAttribute) || function.isDeclaration())
    return llvm::PreservedAnalyses::all();
  // The entry block's check runs before anything else the function does.
  const auto *entryBranch =
      llvm::dyn_cast<llvm::BranchInst>(function.getEntryBlock().getTerminator());
  if (!entryBranch || !entryBranch->isConditional() ||
      !lower::isStackCheck(entryBranch->getCondition()) || !hasFixedFrame(function))
    return llvm::PreservedAnalyses::all();
  std::vector<llvm::Instruction *> redundant;
  for (llvm::BasicBlock &block : function) {
    if (&block == &function.getEntryBlock())
      continue;
    for (llvm::Instruction &instruction : block)
      if (lower::isStackCheck(&instruction))
        redundant.push_back(&instruction);
  }
  if (redundant.empty())
    return llvm::PreservedAnalyses::all();
  for (llvm::Instruction *check : redundant)
    check->replaceAllUsesWith(llvm::ConstantInt::getFalse(function.getContext()));
  // The checks' operands (the stack pointer's read, the limit's load), now unused, go with the
  // next cleanup, and so do the branches to the trap blocks.
  for (llvm::Instruction *check : redundant)
    check->eraseFromParent();
  function.addFnAttr(kFoldedStackChecksAttribute, std::to_string(redundant.size()));
  llvm::PreservedAnalyses preserved;
  preserved.preserveSet<llvm::CFGAnalyses>();
  return preserved;
}

} // namespace wasmc::codegen
