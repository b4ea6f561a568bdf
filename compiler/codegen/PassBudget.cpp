#include "codegen/PassBudget.h"

#include <llvm/ADT/Any.h>
#include <llvm/IR/Function.h>
#include <llvm/IR/Instructions.h>

namespace wasmc::codegen {

namespace {

size_t largestBlock(const llvm::Function &function) {
  size_t largest = 0;
  for (const llvm::BasicBlock &block : function)
    largest = std::max(largest, block.size());
  return largest;
}

bool shouldRun(llvm::StringRef pass, llvm::Any unit) {
  const auto *function = llvm::any_cast<const llvm::Function *>(&unit);
  if (!function)
    return true;
  if (pass == "SLPVectorizerPass")
    return largestBlock(**function) <= maximumSlpBlockInstructions();
  return true;
}

} // namespace

void registerPassBudget(llvm::PassInstrumentationCallbacks &callbacks) {
  callbacks.registerShouldRunOptionalPassCallback(shouldRun);
}

void splitLongBlocks(llvm::Function &function) {
  const size_t maximum = maximumCodegenBlockInstructions();
  std::vector<llvm::BasicBlock *> blocks;
  for (llvm::BasicBlock &block : function)
    if (block.size() > maximum)
      blocks.push_back(&block);
  for (llvm::BasicBlock *block : blocks) {
    size_t count = 0;
    for (auto it = block->getFirstInsertionPt(); it != block->end(); ++it) {
      llvm::Instruction &instruction = *it;
      if (++count < maximum || instruction.isTerminator() ||
          llvm::isa<llvm::AllocaInst>(instruction))
        continue;
      // A musttail call must stay right before its return.
      if (const auto *previous = llvm::dyn_cast_or_null<llvm::CallInst>(instruction.getPrevNode());
          previous && previous->isMustTailCall())
        continue;
      // Continue with the new block, which holds the rest.
      block = block->splitBasicBlock(&instruction, "split");
      it = block->begin();
      count = 0;
    }
  }
}

} // namespace wasmc::codegen
