// A read-modify-write of linear memory, `p[i] += x` (wordfreq's `bigram[ia * 27 + ib]++`), is
// a load, its trap witness (lower/TrapWitness.h), an add and a store to the same address. The
// witness keeps the loaded value in a register of its own, so x86 cannot fold the three into
// one `incl (mem)`. The store accesses the same bytes right after the load, with nothing in
// between that reads or writes memory or has any other effect: if the load faults, so does the
// store, at the same point of the program, and its trap barrier stays. So at the end of the
// pipeline, when no pass moves loads any more, the witness goes. Only when the stored value is
// an add or a subtract of the loaded one: the DAG narrows a load, `and`/`or`/`xor` with a
// constant and store to the bytes the constant changes (DAGCombiner::ReduceLoadOpStoreWidth),
// which would no longer fault where the whole access straddles the end of memory.
#include "codegen/WasmPasses.h"
#include "lower/ModuleEnv.h"
#include "lower/TrapWitness.h"

#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Instructions.h>

#include <vector>

namespace wasmc::codegen {

namespace {

// Marks a load whose witness went because the store after it traps for it (what tests look for).
constexpr const char *kOverwrittenMark = "wasmc.overwritten";

// The store right after `load` (but for `witness` and instructions that touch no memory and have
// no effects) that writes an add or subtract of the loaded value back to the same bytes, or null.
llvm::StoreInst *overwritingStore(llvm::LoadInst &load, llvm::CallInst &witness) {
  if (!load.isSimple() || !load.getType()->isIntegerTy())
    return nullptr;
  for (llvm::Instruction *next = load.getNextNode(); next; next = next->getNextNode()) {
    if (next == &witness)
      continue;
    if (auto *store = llvm::dyn_cast<llvm::StoreInst>(next)) {
      auto *update = llvm::dyn_cast<llvm::BinaryOperator>(store->getValueOperand());
      const bool addsToLoad =
          update &&
          (update->getOpcode() == llvm::Instruction::Add ||
           update->getOpcode() == llvm::Instruction::Sub) &&
          (update->getOperand(0) == &load || update->getOperand(1) == &load);
      return store->isSimple() && store->getPointerOperand() == load.getPointerOperand() &&
                     store->getValueOperand()->getType() == load.getType() && addsToLoad
                 ? store
                 : nullptr;
    }
    if (next->mayReadOrWriteMemory() || next->mayHaveSideEffects() || next->isTerminator())
      return nullptr;
  }
  return nullptr;
}

} // namespace

llvm::PreservedAnalyses OverwrittenLoadWitnessesPass::run(llvm::Function &function,
                                                          llvm::FunctionAnalysisManager &) {
  if (!function.hasFnAttribute(lower::kWasmFunctionAttribute))
    return llvm::PreservedAnalyses::all();
  std::vector<llvm::CallInst *> released;
  for (llvm::Instruction &instruction : llvm::instructions(function)) {
    if (!lower::isTrapWitness(instruction))
      continue;
    auto &witness = llvm::cast<llvm::CallInst>(instruction);
    auto *load = llvm::dyn_cast<llvm::LoadInst>(lower::witnessedValue(witness));
    if (!load || load->getParent() != witness.getParent() || !overwritingStore(*load, witness))
      continue;
    load->setMetadata(kOverwrittenMark, llvm::MDNode::get(load->getContext(), {}));
    released.push_back(&witness);
  }
  for (llvm::CallInst *witness : released)
    witness->eraseFromParent();
  return preservedUnlessChanged(!released.empty());
}

} // namespace wasmc::codegen
