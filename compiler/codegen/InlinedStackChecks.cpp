#include "codegen/WasmPasses.h"

#include "lower/ModuleEnv.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/IntrinsicInst.h>

#include <vector>

namespace wasmc::codegen {

namespace {

// Whether `value` is `sp < limit` as FunctionLowering::emitStackCheck writes it: the stack
// pointer from llvm.read_register, the limit loaded from the thread-local wasmc_rt_stack_limit.
bool isStackCheck(const llvm::Value *value) {
  const auto *compare = llvm::dyn_cast<llvm::ICmpInst>(value);
  if (!compare || compare->getPredicate() != llvm::ICmpInst::ICMP_ULT)
    return false;
  const auto *sp = llvm::dyn_cast<llvm::IntrinsicInst>(compare->getOperand(0));
  const auto *limit = llvm::dyn_cast<llvm::LoadInst>(compare->getOperand(1));
  if (!sp || sp->getIntrinsicID() != llvm::Intrinsic::read_register || !limit)
    return false;
  const auto *address = llvm::dyn_cast<llvm::IntrinsicInst>(limit->getPointerOperand());
  return address && address->getIntrinsicID() == llvm::Intrinsic::threadlocal_address &&
         address->getArgOperand(0)->getName() == "wasmc_rt_stack_limit";
}

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
  const auto *entryBranch = llvm::dyn_cast<llvm::BranchInst>(function.getEntryBlock().getTerminator());
  if (!entryBranch || !entryBranch->isConditional() || !isStackCheck(entryBranch->getCondition()) ||
      !hasFixedFrame(function))
    return llvm::PreservedAnalyses::all();
  std::vector<llvm::Instruction *> redundant;
  for (llvm::BasicBlock &block : function) {
    if (&block == &function.getEntryBlock())
      continue;
    for (llvm::Instruction &instruction : block)
      if (isStackCheck(&instruction))
        redundant.push_back(&instruction);
  }
  if (redundant.empty())
    return llvm::PreservedAnalyses::all();
  for (llvm::Instruction *check : redundant)
    check->replaceAllUsesWith(llvm::ConstantInt::getFalse(function.getContext()));
  // The checks' operands, now unused, go with the next cleanup (read_register is not removable
  // by LLVM: it is marked as reading memory, so the dead compare keeps nothing alive for long).
  for (llvm::Instruction *check : redundant)
    check->eraseFromParent();
  function.addFnAttr(kFoldedStackChecksAttribute, std::to_string(redundant.size()));
  llvm::PreservedAnalyses preserved;
  preserved.preserveSet<llvm::CFGAnalyses>();
  return preserved;
}

} // namespace wasmc::codegen
