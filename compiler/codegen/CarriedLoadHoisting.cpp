#include "codegen/CarriedLoadHoisting.h"

#include <llvm/Analysis/LoopInfo.h>
#include <llvm/Analysis/ScalarEvolution.h>
#include <llvm/Analysis/ScalarEvolutionExpressions.h>
#include <llvm/IR/DataLayout.h>
#include <llvm/IR/Instructions.h>

#include <vector>

namespace wasmc::codegen {

namespace {

// Whether the bytes `load` reads and those `store` writes, in the same iteration, are provably
// disjoint: their addresses a constant apart, by at least the size of the lower access.
bool disjoint(llvm::LoadInst &load, llvm::StoreInst &store, llvm::ScalarEvolution &scev) {
  const llvm::DataLayout &layout = load.getDataLayout();
  const auto *distance = llvm::dyn_cast<llvm::SCEVConstant>(
      scev.getMinusSCEV(scev.getSCEV(load.getPointerOperand()),
                        scev.getSCEV(store.getPointerOperand())));
  if (!distance || distance->getAPInt().getSignificantBits() > 64)
    return false;
  const int64_t d = distance->getAPInt().getSExtValue();
  const int64_t loaded = int64_t(layout.getTypeStoreSize(load.getType()).getFixedValue());
  const int64_t stored =
      int64_t(layout.getTypeStoreSize(store.getValueOperand()->getType()).getFixedValue());
  return d >= stored || d <= -loaded;
}

// Adds to `chain` the instructions of `block` (phis aside) that `value` is computed from; false
// when one of them reads or writes memory.
bool collectAddressChain(llvm::Value *value, llvm::BasicBlock *block,
                         std::vector<llvm::Instruction *> &chain) {
  auto *instruction = llvm::dyn_cast<llvm::Instruction>(value);
  if (!instruction || instruction->getParent() != block || llvm::isa<llvm::PHINode>(instruction) ||
      llvm::is_contained(chain, instruction))
    return true;
  if (instruction->mayReadOrWriteMemory() || instruction->mayHaveSideEffects())
    return false;
  for (llvm::Value *operand : instruction->operands())
    if (!collectAddressChain(operand, block, chain))
      return false;
  chain.push_back(instruction);
  return true;
}

// Whether a user of `phi` comes before `load` in their block.
bool usedBefore(llvm::PHINode &phi, const llvm::LoadInst &load) {
  return llvm::any_of(phi.users(), [&](const llvm::User *user) {
    const auto *instruction = llvm::dyn_cast<llvm::Instruction>(user);
    return instruction && instruction->getParent() == load.getParent() &&
           !llvm::isa<llvm::PHINode>(instruction) && instruction->comesBefore(&load);
  });
}

bool hoist(llvm::LoadInst &load, llvm::ScalarEvolution &scev) {
  llvm::BasicBlock *block = load.getParent();
  if (!load.isSimple())
    return false;
  // Every write between the top of the block and the load must leave its bytes alone.
  for (llvm::Instruction &instruction : *block) {
    if (&instruction == &load)
      break;
    if (!instruction.mayWriteToMemory())
      continue;
    auto *store = llvm::dyn_cast<llvm::StoreInst>(&instruction);
    if (!store || !store->isSimple() || !disjoint(load, *store, scev))
      return false;
  }
  std::vector<llvm::Instruction *> chain;
  if (!collectAddressChain(load.getPointerOperand(), block, chain))
    return false;
  llvm::sort(chain, [](const llvm::Instruction *a, const llvm::Instruction *b) {
    return a->comesBefore(b);
  });
  chain.push_back(&load);
  // Everything goes, in its order, before the first instruction that does not move (which may
  // come after some that do).
  llvm::BasicBlock::iterator top = block->getFirstNonPHIIt();
  while (llvm::is_contained(chain, &*top))
    ++top;
  for (llvm::Instruction *instruction : chain)
    instruction->moveBefore(*block, top);
  load.setName("wasm.carried");
  return true;
}

} // namespace

bool hoistCarriedLoads(llvm::Loop &loop, llvm::ScalarEvolution &scev) {
  llvm::BasicBlock *header = loop.getHeader();
  if (loop.getNumBlocks() != 1 || loop.getLoopLatch() != header)
    return false;
  bool changed = false;
  for (llvm::PHINode &phi : header->phis()) {
    auto *load = llvm::dyn_cast<llvm::LoadInst>(phi.getIncomingValueForBlock(header));
    if (load && load->getParent() == header && usedBefore(phi, *load))
      changed |= hoist(*load, scev);
  }
  return changed;
}

} // namespace wasmc::codegen
