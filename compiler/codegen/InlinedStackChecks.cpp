#include "codegen/WasmPasses.h"

#include "lower/ModuleEnv.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/IntrinsicInst.h>

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

// Whether the function, inlining done, calls nothing that may take more stack: no call is left
// but to intrinsics, inline asm (trap witnesses and barriers) and functions that do not return
// and are not wasm code (the runtime's trap). It is then a leaf, as lowering leaves a small
// function that makes no calls without a check (FunctionLowering::emitStackCheck), if it is as
// small (a large frame next to the limit would leave host code too little stack).
bool isLeaf(llvm::Function &function) {
  if (function.getInstructionCount() > lower::kSmallLeafSize)
    return false;
  for (llvm::Instruction &instruction : llvm::instructions(function)) {
    const auto *call = llvm::dyn_cast<llvm::CallBase>(&instruction);
    if (!call || llvm::isa<llvm::IntrinsicInst>(call) || call->isInlineAsm())
      continue;
    const llvm::Function *callee = call->getCalledFunction();
    if (!callee || !callee->doesNotReturn() ||
        callee->hasFnAttribute(lower::kWasmFunctionAttribute))
      return false;
  }
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
  // A leaf's entry check goes too: once it has passed, the caller's frame and the leaf's are all
  // that can be on top of the stack.
  const bool leaf = isLeaf(function);
  std::vector<llvm::Instruction *> redundant;
  for (llvm::BasicBlock &block : function) {
    if (&block == &function.getEntryBlock() && !leaf)
      continue;
    for (llvm::Instruction &instruction : block)
      if (lower::isStackCheck(&instruction))
        redundant.push_back(&instruction);
  }
  if (redundant.empty())
    return llvm::PreservedAnalyses::all();
  if (leaf)
    function.addFnAttr(kLeafAfterInliningAttribute);
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
