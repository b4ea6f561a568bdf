#include "codegen/WasmPasses.h"

#include "lower/ModuleEnv.h"

#include <llvm/Analysis/LoopInfo.h>
#include <llvm/Analysis/PostDominators.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/Dominators.h>
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

// Whether the instruction is a call that may take more stack: anything but intrinsics, inline
// asm (trap witnesses and barriers) and functions that do not return and are not wasm code (the
// runtime's trap).
bool takesStack(const llvm::Instruction &instruction) {
  const auto *call = llvm::dyn_cast<llvm::CallBase>(&instruction);
  if (!call || llvm::isa<llvm::IntrinsicInst>(call) || call->isInlineAsm())
    return false;
  const llvm::Function *callee = call->getCalledFunction();
  return !callee || !callee->doesNotReturn() ||
         callee->hasFnAttribute(lower::kWasmFunctionAttribute);
}

// Whether the function's frame is small enough for host code (a trap's) to run on top of it
// next to the limit: as lowering leaves a small function that makes no calls without a check
// (FunctionLowering::emitStackCheck), by its size.
bool hasSmallFrame(llvm::Function &function) {
  return function.getInstructionCount() <= lower::kSmallLeafSize;
}

// Whether the function, inlining done, calls nothing that may take more stack. It is then a
// leaf, as lowering leaves a small function that makes no calls without a check, if it is as
// small (a large frame next to the limit would leave host code too little stack).
bool isLeaf(llvm::Function &function) {
  if (!hasSmallFrame(function))
    return false;
  for (llvm::Instruction &instruction : llvm::instructions(function))
    if (takesStack(instruction))
      return false;
  return true;
}

// The entry block's stack check: its conditional branch, to the fault when the check holds.
llvm::BranchInst *entryStackCheck(llvm::Function &function) {
  auto *branch = llvm::dyn_cast<llvm::BranchInst>(function.getEntryBlock().getTerminator());
  if (!branch || !branch->isConditional() || !lower::isStackCheck(branch->getCondition()))
    return nullptr;
  return branch;
}

} // namespace

llvm::PreservedAnalyses InlinedStackChecksPass::run(llvm::Function &function,
                                                    llvm::FunctionAnalysisManager &) {
  if (!function.hasFnAttribute(lower::kWasmFunctionAttribute) || function.isDeclaration())
    return llvm::PreservedAnalyses::all();
  // The entry block's check runs before anything else the function does.
  if (!entryStackCheck(function) || !hasFixedFrame(function))
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

llvm::PreservedAnalyses StackCheckSinkingPass::run(llvm::Function &function,
                                                   llvm::FunctionAnalysisManager &analyses) {
  if (!function.hasFnAttribute(lower::kWasmFunctionAttribute) || function.isDeclaration())
    return llvm::PreservedAnalyses::all();
  llvm::BranchInst *entryBranch = entryStackCheck(function);
  if (!entryBranch || !hasSmallFrame(function) || !hasFixedFrame(function))
    return llvm::PreservedAnalyses::all();
  // The check's own instructions, each used by the next only, move with it.
  auto *exhausted = llvm::cast<llvm::Instruction>(entryBranch->getCondition());
  auto *sp = llvm::cast<llvm::Instruction>(exhausted->getOperand(0));
  auto *limit = llvm::cast<llvm::Instruction>(exhausted->getOperand(1));
  auto *limitAddress = llvm::cast<llvm::Instruction>(limit->getOperand(0));
  llvm::BasicBlock *entry = &function.getEntryBlock();
  for (llvm::Instruction *part : {exhausted, sp, limit, limitAddress})
    if (!part->hasOneUse() || part->getParent() != entry)
      return llvm::PreservedAnalyses::all();

  auto &dominators = analyses.getResult<llvm::DominatorTreeAnalysis>(function);
  auto &loops = analyses.getResult<llvm::LoopAnalysis>(function);
  llvm::BasicBlock *site = nullptr;
  for (llvm::BasicBlock &block : function) {
    // A block no path reaches (some passes leave them) is in no dominator tree.
    if (!dominators.isReachableFromEntry(&block))
      continue;
    for (llvm::Instruction &instruction : block)
      if (takesStack(instruction)) {
        site = site ? dominators.findNearestCommonDominator(site, &block) : &block;
        break;
      }
  }
  // A leaf keeps its check here only if InlinedStackChecksPass is off: leave it.
  if (!site)
    return llvm::PreservedAnalyses::all();
  // Never into a loop: before the outermost one around the site.
  while (llvm::Loop *loop = loops.getLoopFor(site))
    site = dominators.getNode(loop->getOutermostLoop()->getHeader())->getIDom()->getBlock();
  // Where every path past the check passes the site, nothing would run without the check.
  llvm::BasicBlock *fault = entryBranch->getSuccessor(0);
  llvm::BasicBlock *body = entryBranch->getSuccessor(1);
  if (site == entry || site->isEHPad() || site->getFirstInsertionPt() == site->end() ||
      analyses.getResult<llvm::PostDominatorTreeAnalysis>(function).dominates(site, body))
    return llvm::PreservedAnalyses::all();

  llvm::MDNode *weights = entryBranch->getMetadata(llvm::LLVMContext::MD_prof);
  llvm::BranchInst::Create(body, entryBranch);
  entryBranch->eraseFromParent();
  llvm::BasicBlock *checked =
      site->splitBasicBlock(site->getFirstInsertionPt(), site->getName() + ".stack_checked");
  llvm::Instruction *jump = site->getTerminator();
  for (llvm::Instruction *part : {limitAddress, limit, sp, exhausted})
    part->moveBefore(jump);
  llvm::BranchInst *check = llvm::BranchInst::Create(fault, checked, exhausted, jump);
  check->setMetadata(llvm::LLVMContext::MD_prof, weights);
  jump->eraseFromParent();
  function.addFnAttr(kSunkStackCheckAttribute);
  return llvm::PreservedAnalyses::none();
}

} // namespace wasmc::codegen
