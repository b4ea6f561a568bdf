// The order of a loop body's instructions, as the wasm producer left it, is the order of its
// operand stack (clang's WebAssembly backend moves each value next to its use so that it need
// not go through a local), not the order of the C source. x86's code generation keeps that order
// where registers are scarce (its machine scheduler then schedules for register pressure, in
// the order it was given), and an out-of-order core issues in that order: a long loop-carried
// dependency chain that comes last in the body starts late in every iteration. sha256's round
// loop computes Σ0(a) and Maj before Σ1(e) and Ch, the e chain that the next round waits for,
// which cost it 16% against native code, with the same instructions in the other order.
//
// So in single-block innermost loops whose longest loop-carried chain is long (kMinRecurrence),
// the instructions are put in critical-path order: depth first from the ends of the chains,
// the deeper operand (the one with the longest chain of latencies before it) first, so that
// each chain comes out whole and the longest before the others (ties in the original order).
// (A list schedule that interleaves the chains, the tallest ready instruction first, gained
// less on sha256: 1.07x native against 1.01-1.03x.)
// Instructions that read or write memory, have other effects or may trap (loads, stores, trap
// witnesses, calls, divisions) keep their order among themselves: only instructions that can
// neither fault nor be observed move, so every trap, and every store before it, stays where it
// was. The loop's branch is marked `!wasmc.critical.path.order` when its body changed.
#include "codegen/WasmPasses.h"
#include "lower/ModuleEnv.h"

#include <llvm/Analysis/LoopInfo.h>
#include <llvm/Analysis/ValueTracking.h>
#include <llvm/IR/Instructions.h>

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <vector>

namespace wasmc::codegen {

namespace {

constexpr const char *kCriticalPathOrderMark = "wasmc.critical.path.order";

// Bodies larger than this are left alone (a bound on the pass's work, and on how far it can move
// a value from its use).
constexpr size_t kMaxBodyInstructions = 400;

// Loops whose longest loop-carried dependency chain is shorter than this (in the latencies below)
// are left alone: there the core overlaps iterations whatever the order, and a new order only
// moves register allocation (SQLite's loops of counters and copies). sha256's rounds are 6.
constexpr unsigned kMinRecurrence = 6;

// Rough latencies in cycles, only to rank chains against each other.
unsigned latency(const llvm::Instruction &instruction) {
  if (llvm::isa<llvm::LoadInst>(instruction))
    return 4;
  if (llvm::isa<llvm::GetElementPtrInst>(instruction) || llvm::isa<llvm::CastInst>(instruction))
    return 0;
  switch (instruction.getOpcode()) {
  case llvm::Instruction::Mul:
    return 3;
  case llvm::Instruction::UDiv:
  case llvm::Instruction::SDiv:
  case llvm::Instruction::URem:
  case llvm::Instruction::SRem:
  case llvm::Instruction::FDiv:
    return 12;
  case llvm::Instruction::FAdd:
  case llvm::Instruction::FSub:
  case llvm::Instruction::FMul:
    return 4;
  default:
    return 1;
  }
}

// Whether `instruction` keeps its place among the body's other such instructions.
bool isOrdered(const llvm::Instruction &instruction) {
  return instruction.mayReadOrWriteMemory() || instruction.mayHaveSideEffects() ||
         !llvm::isSafeToSpeculativelyExecute(&instruction);
}

// Reorders `body` (a loop's only block); returns whether the order changed.
bool reorder(llvm::BasicBlock &body) {
  std::vector<llvm::Instruction *> original;
  for (llvm::Instruction &instruction : body)
    if (!llvm::isa<llvm::PHINode>(instruction) && !instruction.isTerminator())
      original.push_back(&instruction);
  if (original.size() < 2 || original.size() > kMaxBodyInstructions)
    return false;
  std::unordered_map<const llvm::Instruction *, size_t> index;
  for (size_t i = 0; i < original.size(); ++i)
    index[original[i]] = i;
  const size_t n = original.size();
  // predecessors[j]: what must come before j: the instructions it uses and, for an ordered
  // instruction, the ordered one before it. used[j]: whether anything in the body must follow j.
  std::vector<std::vector<size_t>> predecessors(n);
  std::vector<bool> used(n, false);
  // Depth: the longest chain of latencies from the start of the iteration to the end of an
  // instruction, through the values it uses.
  std::vector<unsigned> depth(n, 0);
  // Carried depth: the same, counted from the values the previous iteration left in the phis
  // (nothing when the instruction does not depend on them).
  std::vector<std::optional<unsigned>> carried(n);
  std::optional<size_t> lastOrdered;
  for (size_t j = 0; j < n; ++j) {
    unsigned deepest = 0;
    std::optional<unsigned> deepestCarried;
    for (llvm::Value *operand : original[j]->operands()) {
      if (auto *phi = llvm::dyn_cast<llvm::PHINode>(operand);
          phi && phi->getParent() == &body && !deepestCarried)
        deepestCarried = 0;
      if (auto *def = llvm::dyn_cast<llvm::Instruction>(operand)) {
        auto found = index.find(def);
        if (found != index.end()) {
          predecessors[j].push_back(found->second);
          deepest = std::max(deepest, depth[found->second]);
          if (carried[found->second])
            deepestCarried = std::max(deepestCarried.value_or(0), *carried[found->second]);
        }
      }
    }
    depth[j] = latency(*original[j]) + deepest;
    if (deepestCarried)
      carried[j] = latency(*original[j]) + *deepestCarried;
    if (isOrdered(*original[j])) {
      if (lastOrdered)
        predecessors[j].push_back(*lastOrdered);
      lastOrdered = j;
    }
    for (size_t before : predecessors[j])
      used[before] = true;
  }
  // The longest recurrence: a value the next iteration gets through a phi.
  unsigned recurrence = 0;
  for (llvm::PHINode &phi : body.phis())
    if (auto *next = llvm::dyn_cast<llvm::Instruction>(phi.getIncomingValueForBlock(&body))) {
      auto found = index.find(next);
      if (found != index.end() && carried[found->second])
        recurrence = std::max(recurrence, *carried[found->second]);
    }
  if (recurrence < kMinRecurrence)
    return false;
  // Depth first from the ends of the chains, the deeper predecessor first: each chain comes out
  // whole (its values live briefly), the one that takes longest before the others.
  auto deeperFirst = [&](size_t a, size_t b) {
    return depth[a] != depth[b] ? depth[a] > depth[b] : a < b;
  };
  std::vector<size_t> order;
  order.reserve(n);
  std::vector<bool> placed(n, false);
  std::vector<std::pair<size_t, size_t>> stack; // (instruction, next predecessor to visit)
  auto place = [&](size_t root) {
    stack.push_back({root, 0});
    while (!stack.empty()) {
      auto &[k, next] = stack.back();
      if (next == 0)
        std::sort(predecessors[k].begin(), predecessors[k].end(), deeperFirst);
      if (next < predecessors[k].size()) {
        const size_t before = predecessors[k][next++];
        if (!placed[before])
          stack.push_back({before, 0});
        continue;
      }
      if (!placed[k]) {
        placed[k] = true;
        order.push_back(k);
      }
      stack.pop_back();
    }
  };
  std::vector<size_t> roots;
  for (size_t k = 0; k < n; ++k)
    if (!used[k])
      roots.push_back(k);
  std::sort(roots.begin(), roots.end(), deeperFirst);
  for (size_t root : roots)
    place(root);
  bool changed = false;
  for (size_t position = 0; position < n; ++position)
    changed |= order[position] != position;
  if (!changed)
    return false;
  llvm::Instruction *terminator = body.getTerminator();
  for (size_t k : order)
    original[k]->moveBefore(terminator);
  terminator->setMetadata(kCriticalPathOrderMark, llvm::MDNode::get(body.getContext(), {}));
  return true;
}

} // namespace

llvm::PreservedAnalyses CriticalPathOrderPass::run(llvm::Function &function,
                                                   llvm::FunctionAnalysisManager &analyses) {
  if (!function.hasFnAttribute(lower::kWasmFunctionAttribute))
    return llvm::PreservedAnalyses::all();
  auto &loops = analyses.getResult<llvm::LoopAnalysis>(function);
  bool changed = false;
  for (llvm::Loop *loop : loops.getLoopsInPreorder())
    if (loop->isInnermost() && loop->getNumBlocks() == 1)
      changed |= reorder(*loop->getHeader());
  return preservedUnlessChanged(changed);
}

} // namespace wasmc::codegen
