#include "codegen/WasmPasses.h"

#include "lower/TrapWitness.h"

#include <llvm/Analysis/AssumptionCache.h>
#include <llvm/Analysis/LoopInfo.h>
#include <llvm/Analysis/ScalarEvolution.h>
#include <llvm/Analysis/ScalarEvolutionExpressions.h>
#include <llvm/Analysis/ValueTracking.h>
#include <llvm/IR/Dominators.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/Transforms/Utils/BasicBlockUtils.h>
#include <llvm/Transforms/Utils/Cloning.h>
#include <llvm/Transforms/Utils/LoopSimplify.h>
#include <llvm/Transforms/Utils/Local.h>
#include <llvm/Transforms/Utils/LoopUtils.h>
#include <llvm/Transforms/Utils/ScalarEvolutionExpander.h>

#include <map>
#include <vector>

namespace wasmc::codegen {

namespace {

// Larger loops are left alone: versioning doubles their code, and they rarely vectorise.
constexpr unsigned maxLoopInstructions = 400;
// Bounds on steps and strides keep the 64-bit range arithmetic of the checks exact.
constexpr int64_t maxStride = int64_t(1) << 20;

// A loop whose only exit is `next == end` at the latch, with next = counter + step.
struct CountedLoop {
  llvm::BranchInst *latchBranch = nullptr;
  llvm::ICmpInst::Predicate predicate; // of the latch's compare: exits on equality either way
  llvm::PHINode *counter = nullptr;
  llvm::BinaryOperator *next = nullptr;
  llvm::Value *start = nullptr, *end = nullptr;
  uint64_t step = 0;
};

struct WidenedAddress {
  llvm::ZExtInst *zext;
  int64_t offset;
};

// Addresses zext(base + offset + stride * iteration) in 32 bits, sharing base and stride.
struct AddressGroup {
  const llvm::SCEV *base;
  int64_t stride;
  int64_t minOffset = INT64_MAX, maxOffset = INT64_MIN;
  std::vector<WidenedAddress> members;
};

std::optional<CountedLoop> findCountedLoop(llvm::Loop &loop) {
  llvm::BasicBlock *preheader = loop.getLoopPreheader(), *latch = loop.getLoopLatch();
  if (!preheader || !latch || loop.getExitingBlock() != latch || !loop.getUniqueExitBlock() ||
      !loop.isLoopSimplifyForm())
    return std::nullopt;
  auto *branch = llvm::dyn_cast<llvm::BranchInst>(latch->getTerminator());
  if (!branch || !branch->isConditional())
    return std::nullopt;
  auto *compare = llvm::dyn_cast<llvm::ICmpInst>(branch->getCondition());
  if (!compare || !compare->isEquality() || !compare->getOperand(0)->getType()->isIntegerTy(32))
    return std::nullopt;
  // The loop must exit exactly when the compared values are equal.
  const bool exitsOnTrue = !loop.contains(branch->getSuccessor(0));
  if (exitsOnTrue != (compare->getPredicate() == llvm::ICmpInst::ICMP_EQ))
    return std::nullopt;
  for (unsigned side = 0; side < 2; ++side) {
    CountedLoop counted;
    counted.latchBranch = branch;
    counted.predicate = compare->getPredicate();
    counted.next = llvm::dyn_cast<llvm::BinaryOperator>(compare->getOperand(side));
    counted.end = compare->getOperand(1 - side);
    if (!counted.next || counted.next->getOpcode() != llvm::Instruction::Add ||
        !loop.isLoopInvariant(counted.end))
      continue;
    counted.counter = llvm::dyn_cast<llvm::PHINode>(counted.next->getOperand(0));
    auto *step = llvm::dyn_cast<llvm::ConstantInt>(counted.next->getOperand(1));
    if (!counted.counter || !step || counted.counter->getParent() != loop.getHeader() ||
        counted.counter->getNumIncomingValues() != 2 ||
        counted.counter->getIncomingValueForBlock(latch) != counted.next)
      continue;
    const int64_t stepValue = step->getSExtValue();
    if (stepValue <= 0 || stepValue > maxStride)
      continue;
    counted.step = uint64_t(stepValue);
    counted.start = counted.counter->getIncomingValueForBlock(preheader);
    return counted;
  }
  return std::nullopt;
}

bool hasCallsOrIsLarge(const llvm::Loop &loop) {
  unsigned instructions = 0;
  for (const llvm::BasicBlock *block : loop.blocks())
    for (const llvm::Instruction &instruction : *block) {
      if (llvm::isa<llvm::CallBase>(instruction) && !llvm::isa<llvm::IntrinsicInst>(instruction) &&
          !lower::isTrapWitness(instruction))
        return true;
      if (++instructions > maxLoopInstructions)
        return true;
    }
  return false;
}

// zext(i32 x) in the loop, where x is base + offset + stride * iteration.
std::vector<AddressGroup> findAddresses(llvm::Loop &loop, llvm::ScalarEvolution &scev,
                                        const llvm::SCEVExpander &expander,
                                        const llvm::Instruction *checkPoint) {
  std::vector<AddressGroup> groups;
  for (llvm::BasicBlock *block : loop.blocks())
    for (llvm::Instruction &instruction : *block) {
      auto *zext = llvm::dyn_cast<llvm::ZExtInst>(&instruction);
      if (!zext || !zext->getSrcTy()->isIntegerTy(32) || !zext->getDestTy()->isIntegerTy(64))
        continue;
      auto *sum = llvm::dyn_cast<llvm::SCEVAddRecExpr>(scev.getSCEV(zext->getOperand(0)));
      if (!sum || sum->getLoop() != &loop || !sum->isAffine())
        continue;
      auto *stride = llvm::dyn_cast<llvm::SCEVConstant>(sum->getStepRecurrence(scev));
      if (!stride)
        continue;
      const int64_t strideValue = stride->getAPInt().getSExtValue();
      if (strideValue == 0 || strideValue > maxStride || strideValue < -maxStride)
        continue;
      // Addresses a constant apart share a group: one induction variable, constant offsets
      // (read as signed).
      const llvm::SCEV *start = sum->getStart();
      AddressGroup *group = nullptr;
      int64_t offset = 0;
      for (AddressGroup &candidate : groups) {
        if (candidate.stride != strideValue)
          continue;
        if (auto *distance =
                llvm::dyn_cast<llvm::SCEVConstant>(scev.getMinusSCEV(start, candidate.base))) {
          group = &candidate;
          offset = distance->getAPInt().getSExtValue();
          break;
        }
      }
      if (!group) {
        if (!expander.isSafeToExpandAt(start, checkPoint))
          continue;
        group = &groups.emplace_back(AddressGroup{start, strideValue, INT64_MAX, INT64_MIN, {}});
      }
      group->members.push_back({zext, offset});
      group->minOffset = std::min(group->minOffset, offset);
      group->maxOffset = std::max(group->maxOffset, offset);
    }
  return groups;
}

// True when the counter meets end (in 32-bit arithmetic, which may wrap: clang's wasm loops often
// count from a negative start up to 0) and every address of every group stays in [0, 2^32) on
// every iteration, so that it equals its 64-bit affine form. Sets the number of iterations.
llvm::Value *emitNoWrapCheck(llvm::IRBuilder<> &builder, const CountedLoop &counted,
                             std::vector<AddressGroup> &groups, llvm::SCEVExpander &expander,
                             std::vector<llvm::Value *> &bases64, llvm::Value *&iterations) {
  llvm::Type *i64 = builder.getInt64Ty();
  llvm::Value *span = builder.CreateZExt(builder.CreateSub(counted.end, counted.start), i64);
  llvm::Value *ok = builder.CreateICmpNE(span, builder.getInt64(0));
  ok = builder.CreateAnd(
      ok, builder.CreateICmpEQ(builder.CreateURem(span, builder.getInt64(counted.step)),
                               builder.getInt64(0)));
  iterations = builder.CreateUDiv(span, builder.getInt64(counted.step), "wasm.iterations");
  // The last iteration's index; meaningless (but harmless) when the checks above fail.
  llvm::Value *lastIteration = builder.CreateSub(iterations, builder.getInt64(1));
  for (AddressGroup &group : groups) {
    llvm::Value *base = expander.expandCodeFor(group.base, builder.getInt32Ty(),
                                               &*builder.GetInsertPoint());
    llvm::Value *base64 = builder.CreateZExt(base, i64);
    bases64.push_back(base64);
    llvm::Value *travel = builder.CreateMul(lastIteration, builder.getInt64(group.stride));
    llvm::Value *first = base64, *last = builder.CreateAdd(base64, travel);
    llvm::Value *lowest = group.stride > 0 ? first : last;
    llvm::Value *highest = group.stride > 0 ? last : first;
    lowest = builder.CreateAdd(lowest, builder.getInt64(uint64_t(group.minOffset)));
    highest = builder.CreateAdd(highest, builder.getInt64(uint64_t(group.maxOffset)));
    ok = builder.CreateAnd(ok, builder.CreateICmpSGE(lowest, builder.getInt64(0)));
    ok = builder.CreateAnd(ok, builder.CreateICmpSLE(highest, builder.getInt64(0xffffffffu)));
  }
  return ok;
}

// Rewrites `gep`, a byte access `memory + zext(address)` with `memory` invariant in `loop`, as
// `groupBase + relative`; the group's base, `memory + groupOffset` made from an integer (see
// widenAddresses), is built once per memory in the preheader. Other accesses are left alone.
void rewriteAccess(llvm::GetElementPtrInst &gep, const llvm::Loop &loop, llvm::Value *relative,
                   llvm::Value *groupOffset, llvm::IRBuilder<> &preheader,
                   std::map<llvm::Value *, llvm::Value *> &groupBases) {
  if (gep.getNumIndices() != 1 || !gep.getSourceElementType()->isIntegerTy(8) ||
      !loop.isLoopInvariant(gep.getPointerOperand()))
    return;
  // LICM may have moved a static offset into the pointer: one base per memory.
  int64_t staticOffset = 0;
  llvm::Value *memory = llvm::GetPointerBaseWithConstantOffset(gep.getPointerOperand(),
                                                               staticOffset, gep.getDataLayout());
  llvm::Value *&groupBase = groupBases[memory];
  if (!groupBase) {
    llvm::Type *i64 = preheader.getInt64Ty();
    llvm::Value *address =
        preheader.CreateAdd(preheader.CreatePtrToInt(memory, i64), groupOffset);
    groupBase = preheader.CreateIntToPtr(address, memory->getType(), "wasm.group");
  }
  llvm::Value *index = relative;
  if (staticOffset != 0) {
    llvm::IRBuilder<> atUse(&gep);
    index = atUse.CreateNSWAdd(relative, atUse.getInt64(uint64_t(staticOffset)));
  }
  llvm::Value *replacement = llvm::GetElementPtrInst::Create(
      preheader.getInt8Ty(), groupBase, {index}, "", gep.getIterator());
  gep.replaceAllUsesWith(replacement);
  gep.eraseFromParent();
}

// In the versioned loop each group's accesses are `groupBase + stride * iteration + offset`,
// with groupBase = memory + zext(base) computed once before the loop. groupBase goes through an
// integer so that it is an object of its own to the loop vectoriser's dependence analysis: every
// access into linear memory has the same underlying object, which would make it check each pair
// of addresses at run time (and find neighbouring addresses of one array "overlapping"); with a
// base per group, accesses within a group are analysed exactly, and only groups are checked
// against each other. To alias analysis an integer-made pointer may alias anything: sound.
void widenAddresses(llvm::Loop &loop, llvm::BasicBlock *preheader, const CountedLoop &counted,
                    llvm::Value *iterations, const std::vector<AddressGroup> &groups,
                    const std::vector<llvm::Value *> &bases64) {
  llvm::BasicBlock *header = loop.getHeader(), *latch = loop.getLoopLatch();
  llvm::IRBuilder<> before(preheader->getTerminator());
  llvm::Type *i64 = before.getInt64Ty();
  // The loop exits after `iterations` iterations: counted in 64 bits, LLVM sees the trip count.
  llvm::PHINode *iteration = llvm::PHINode::Create(i64, 2, "wasm.iteration", header->begin());
  llvm::IRBuilder<> atLatch(counted.latchBranch);
  llvm::Value *nextIteration = atLatch.CreateNUWAdd(iteration, atLatch.getInt64(1));
  iteration->addIncoming(before.getInt64(0), preheader);
  iteration->addIncoming(nextIteration, latch);
  auto *oldCondition = llvm::cast<llvm::Instruction>(counted.latchBranch->getCondition());
  counted.latchBranch->setCondition(
      atLatch.CreateICmp(counted.predicate, nextIteration, iterations));
  if (oldCondition->use_empty())
    oldCondition->eraseFromParent();
  for (size_t g = 0; g < groups.size(); ++g) {
    const AddressGroup &group = groups[g];
    llvm::PHINode *travel = llvm::PHINode::Create(i64, 2, "wasm.travel", header->begin());
    llvm::Instruction *advanced = llvm::BinaryOperator::CreateNSWAdd(
        travel, llvm::ConstantInt::get(i64, uint64_t(group.stride)), "wasm.travel.next",
        latch->getTerminator()->getIterator());
    travel->addIncoming(before.getInt64(0), preheader);
    travel->addIncoming(advanced, latch);
    std::map<llvm::Value *, llvm::Value *> groupBases; // memory pointer -> group base pointer
    for (const WidenedAddress &member : group.members) {
      llvm::IRBuilder<> at(member.zext);
      llvm::Value *relative = member.offset == 0
                                  ? static_cast<llvm::Value *>(travel)
                                  : at.CreateNSWAdd(travel, at.getInt64(uint64_t(member.offset)));
      for (llvm::Use &use : llvm::make_early_inc_range(member.zext->uses()))
        if (auto *gep = llvm::dyn_cast<llvm::GetElementPtrInst>(use.getUser());
            gep && use.getOperandNo() == 1)
          rewriteAccess(*gep, loop, relative, bases64[g], before, groupBases);
      if (!member.zext->use_empty())
        member.zext->replaceAllUsesWith(at.CreateNSWAdd(bases64[g], relative));
      member.zext->eraseFromParent();
    }
  }
  // The 32-bit counter and sums are mostly dead now; left in, they would weigh in the
  // vectoriser's cost model.
  for (llvm::BasicBlock *block : loop.blocks())
    for (llvm::Instruction &instruction : llvm::make_early_inc_range(llvm::reverse(*block)))
      if (llvm::isInstructionTriviallyDead(&instruction))
        instruction.eraseFromParent();
  llvm::RecursivelyDeleteDeadPHINode(counted.counter);
}

// Sets `changed` also when only the loop's form was normalised.
bool versionLoop(llvm::Function &function, llvm::Loop &loop, llvm::LoopInfo &loops,
                 llvm::DominatorTree &dominators, llvm::ScalarEvolution &scev,
                 llvm::AssumptionCache &assumptions, bool &changed) {
  changed |= llvm::simplifyLoop(&loop, &dominators, &loops, &scev, &assumptions, nullptr, false);
  const std::optional<CountedLoop> counted = findCountedLoop(loop);
  // Where LLVM computes the trip count itself, its vectoriser also handles the addresses (with
  // run-time checks of its own) and does better than on the versioned loop (matmul's unrolled
  // body vectorises without shuffles).
  if (!counted || hasCallsOrIsLarge(loop) ||
      !llvm::isa<llvm::SCEVCouldNotCompute>(scev.getBackedgeTakenCount(&loop)))
    return false;
  llvm::BasicBlock *checkBlock = loop.getLoopPreheader();
  llvm::SCEVExpander expander(scev, function.getDataLayout(), "wasm.check");
  std::vector<AddressGroup> groups =
      findAddresses(loop, scev, expander, checkBlock->getTerminator());
  const bool anyMemoryAccess = llvm::any_of(loop.blocks(), [](llvm::BasicBlock *block) {
    return llvm::any_of(*block, [](llvm::Instruction &i) { return i.mayReadOrWriteMemory(); });
  });
  if (groups.empty() || !anyMemoryAccess)
    return false;
  llvm::formLCSSA(loop, dominators, &loops, &scev);
  changed = true;

  llvm::IRBuilder<> builder(checkBlock->getTerminator());
  std::vector<llvm::Value *> bases64;
  llvm::Value *iterations = nullptr;
  llvm::Value *noWrap = emitNoWrapCheck(builder, *counted, groups, expander, bases64, iterations);

  llvm::BasicBlock *preheader = llvm::SplitBlock(checkBlock, checkBlock->getTerminator(),
                                                 &dominators, &loops, nullptr, "wasm.widened");
  llvm::ValueToValueMapTy clonedValues;
  llvm::SmallVector<llvm::BasicBlock *, 8> clonedBlocks;
  llvm::Loop *wrapping = llvm::cloneLoopWithPreheader(preheader, checkBlock, &loop, clonedValues,
                                                      ".wrapping", &loops, &dominators,
                                                      clonedBlocks);
  llvm::remapInstructionsInBlocks(clonedBlocks, clonedValues);
  checkBlock->getTerminator()->eraseFromParent();
  llvm::BranchInst::Create(preheader, wrapping->getLoopPreheader(), noWrap, checkBlock);

  llvm::BasicBlock *exit = loop.getUniqueExitBlock();
  llvm::BasicBlock *latch = loop.getLoopLatch();
  auto *clonedLatch = llvm::cast<llvm::BasicBlock>(clonedValues[latch]);
  for (llvm::PHINode &phi : exit->phis()) {
    llvm::Value *value = phi.getIncomingValueForBlock(latch);
    if (llvm::Value *cloned = clonedValues.lookup(value))
      value = cloned;
    phi.addIncoming(value, clonedLatch);
  }
  // The fallback only runs for wrapping sums: keep it small.
  llvm::addStringMetadataToLoop(wrapping, "llvm.loop.vectorize.enable", 0);
  llvm::addStringMetadataToLoop(wrapping, "llvm.loop.unroll.disable");

  widenAddresses(loop, preheader, *counted, iterations, groups, bases64);
  dominators.recalculate(function);
  scev.forgetAllLoops();
  return true;
}

} // namespace

llvm::PreservedAnalyses LoopAddressWideningPass::run(llvm::Function &function,
                                                     llvm::FunctionAnalysisManager &analyses) {
  auto &loops = analyses.getResult<llvm::LoopAnalysis>(function);
  auto &dominators = analyses.getResult<llvm::DominatorTreeAnalysis>(function);
  auto &scev = analyses.getResult<llvm::ScalarEvolutionAnalysis>(function);
  auto &assumptions = analyses.getResult<llvm::AssumptionAnalysis>(function);
  std::vector<llvm::Loop *> innermost;
  for (llvm::Loop *loop : loops.getLoopsInPreorder())
    if (loop->isInnermost())
      innermost.push_back(loop);
  bool changed = false;
  for (llvm::Loop *loop : innermost)
    versionLoop(function, *loop, loops, dominators, scev, assumptions, changed);
  return changed ? llvm::PreservedAnalyses::none() : llvm::PreservedAnalyses::all();
}

} // namespace wasmc::codegen
