#include "codegen/WasmPasses.h"

#include "codegen/CarriedLoadHoisting.h"

#include "lower/ModuleEnv.h"
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

// A loop whose only exit is at the latch, on its 32-bit counter (next = counter + step): when
// `next == end`, or (`relational`) once `counter + offset >u end` (`>=u` when `inclusive`), as
// `for (; i + 3 <= n; i += 3)` compiles (base64's encode: exits when i + 6 >u n).
struct CountedLoop {
  llvm::BranchInst *latchBranch = nullptr;
  // Of the widened exit compare: exits on equality either way.
  llvm::ICmpInst::Predicate predicate = llvm::ICmpInst::ICMP_EQ;
  llvm::PHINode *counter = nullptr;
  llvm::BinaryOperator *next = nullptr;
  llvm::Value *start = nullptr, *end = nullptr;
  uint64_t step = 0;
  bool relational = false;
  bool inclusive = false;
  uint64_t offset = 0;
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

// The counter stepping by a positive constant that `value` adds `offset` (0 to maxStride) to, if
// any; sets counter, next, step and start.
bool findCounter(llvm::Loop &loop, llvm::Value *value, CountedLoop &counted, uint64_t &offset) {
  llvm::BasicBlock *preheader = loop.getLoopPreheader(), *latch = loop.getLoopLatch();
  counted.counter = llvm::dyn_cast<llvm::PHINode>(value);
  offset = 0;
  if (auto *sum = llvm::dyn_cast<llvm::BinaryOperator>(value);
      sum && sum->getOpcode() == llvm::Instruction::Add) {
    auto *constant = llvm::dyn_cast<llvm::ConstantInt>(sum->getOperand(1));
    if (!constant || constant->getSExtValue() < 0 || constant->getSExtValue() > maxStride)
      return false;
    counted.counter = llvm::dyn_cast<llvm::PHINode>(sum->getOperand(0));
    offset = constant->getZExtValue();
  }
  if (!counted.counter || counted.counter->getParent() != loop.getHeader() ||
      counted.counter->getNumIncomingValues() != 2)
    return false;
  counted.next = llvm::dyn_cast<llvm::BinaryOperator>(counted.counter->getIncomingValueForBlock(latch));
  if (!counted.next || counted.next->getOpcode() != llvm::Instruction::Add ||
      counted.next->getOperand(0) != counted.counter)
    return false;
  auto *step = llvm::dyn_cast<llvm::ConstantInt>(counted.next->getOperand(1));
  if (!step || step->getSExtValue() <= 0 || step->getSExtValue() > maxStride)
    return false;
  counted.step = step->getZExtValue();
  counted.start = counted.counter->getIncomingValueForBlock(preheader);
  return true;
}

std::optional<CountedLoop> findCountedLoop(llvm::Loop &loop, bool relationalExits) {
  llvm::BasicBlock *preheader = loop.getLoopPreheader(), *latch = loop.getLoopLatch();
  if (!preheader || !latch || loop.getExitingBlock() != latch || !loop.getUniqueExitBlock() ||
      !loop.isLoopSimplifyForm())
    return std::nullopt;
  auto *branch = llvm::dyn_cast<llvm::BranchInst>(latch->getTerminator());
  if (!branch || !branch->isConditional())
    return std::nullopt;
  auto *compare = llvm::dyn_cast<llvm::ICmpInst>(branch->getCondition());
  if (!compare || !compare->getOperand(0)->getType()->isIntegerTy(32))
    return std::nullopt;
  const bool exitsOnTrue = !loop.contains(branch->getSuccessor(0));
  for (unsigned side = 0; side < 2; ++side) {
    CountedLoop counted;
    counted.latchBranch = branch;
    counted.end = compare->getOperand(1 - side);
    if (!loop.isLoopInvariant(counted.end))
      continue;
    uint64_t offset = 0;
    if (compare->isEquality()) {
      // The loop must exit exactly when the compared values are equal.
      if (exitsOnTrue != (compare->getPredicate() == llvm::ICmpInst::ICMP_EQ))
        return std::nullopt;
      counted.predicate = compare->getPredicate();
      if (!findCounter(loop, compare->getOperand(side), counted, offset) ||
          counted.next != compare->getOperand(side))
        continue;
      return counted;
    }
    if (!relationalExits)
      return std::nullopt;
    // The condition on which the loop exits, with the counter's side first.
    llvm::ICmpInst::Predicate exitWhen =
        exitsOnTrue ? compare->getPredicate() : compare->getInversePredicate();
    if (side == 1)
      exitWhen = llvm::ICmpInst::getSwappedPredicate(exitWhen);
    if (exitWhen != llvm::ICmpInst::ICMP_UGT && exitWhen != llvm::ICmpInst::ICMP_UGE)
      continue;
    if (!findCounter(loop, compare->getOperand(side), counted, offset))
      continue;
    counted.predicate = exitsOnTrue ? llvm::ICmpInst::ICMP_EQ : llvm::ICmpInst::ICMP_NE;
    counted.relational = true;
    counted.inclusive = exitWhen == llvm::ICmpInst::ICMP_UGE;
    counted.offset = offset;
    return counted;
  }
  return std::nullopt;
}

bool hasCallsOrIsLarge(const llvm::Loop &loop) {
  unsigned instructions = 0;
  for (const llvm::BasicBlock *block : loop.blocks())
    for (const llvm::Instruction &instruction : *block) {
      if (llvm::isa<llvm::CallBase>(instruction) && !llvm::isa<llvm::IntrinsicInst>(instruction) &&
          !lower::isTrapWitness(instruction) && !lower::isTrapBarrier(instruction))
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

// The conditions of a check before a loop, and-ed together. A condition that SCEV's ranges prove
// for every value its operands can take there (constant trip counts and constant bases, outer
// induction variables with constant bounds) is left out: `ok` stays `true` when all are.
class LoopCheck {
public:
  LoopCheck(llvm::IRBuilder<> &builder, llvm::SCEVExpander &expander, llvm::ScalarEvolution &scev)
      : builder_(builder), expander_(expander), scev_(scev), ok_(builder.getTrue()) {}

  // value <u bound
  void below(const llvm::SCEV *value, uint64_t bound) {
    if (scev_.getUnsignedRange(value).getUnsignedMax().ult(bound))
      return;
    require(builder_.CreateICmpULT(expand(value), builder_.getInt64(bound)));
  }
  // bound <=s value
  void atLeast(const llvm::SCEV *value, int64_t bound) {
    if (scev_.getSignedRange(value).getSignedMin().sge(bound))
      return;
    require(builder_.CreateICmpSGE(expand(value), builder_.getInt64(uint64_t(bound))));
  }
  // value <=s bound
  void atMost(const llvm::SCEV *value, int64_t bound) {
    if (scev_.getSignedRange(value).getSignedMax().sle(bound))
      return;
    require(builder_.CreateICmpSLE(expand(value), builder_.getInt64(uint64_t(bound))));
  }
  // value <=s bound, a value known only at run time
  void atMost(const llvm::SCEV *value, llvm::Value *bound) {
    require(builder_.CreateICmpSLE(expand(value), bound));
  }
  // 0 <=s lowest and highest <=s max (a constant, or a value known only at run time)
  template <typename Max>
  void within(const llvm::SCEV *lowest, const llvm::SCEV *highest, Max max) {
    atLeast(lowest, 0);
    atMost(highest, max);
  }
  void require(llvm::Value *condition) { ok_ = builder_.CreateAnd(ok_, condition); }
  llvm::Value *ok() const { return ok_; }
  llvm::Value *expand(const llvm::SCEV *value) {
    return expander_.expandCodeFor(value, value->getType(), &*builder_.GetInsertPoint());
  }

  // The lowest and highest of `start + stride * i + c` for i in [0, last] and c in
  // [minOffset, maxOffset] (64-bit SCEVs).
  std::pair<const llvm::SCEV *, const llvm::SCEV *> extremes(const llvm::SCEV *start, int64_t stride,
                                                             const llvm::SCEV *last,
                                                             int64_t minOffset, int64_t maxOffset) {
    const llvm::SCEV *travel = scev_.getMulExpr(last, constant(stride));
    const llvm::SCEV *lowest = stride >= 0 ? start : scev_.getAddExpr(start, travel);
    const llvm::SCEV *highest = stride >= 0 ? scev_.getAddExpr(start, travel) : start;
    return {scev_.getAddExpr(lowest, constant(minOffset)),
            scev_.getAddExpr(highest, constant(maxOffset))};
  }
  const llvm::SCEV *constant(int64_t value) {
    return scev_.getConstant(builder_.getInt64Ty(), uint64_t(value), /*isSigned=*/true);
  }

private:
  llvm::IRBuilder<> &builder_;
  llvm::SCEVExpander &expander_;
  llvm::ScalarEvolution &scev_;
  llvm::Value *ok_;
};

// Whether a loop LLVM counts is better left unwidened: SCEV sees every address of `groups` as
// affine already (LLVM proved that no 32-bit sum wraps), and one group holds three or more
// addresses a constant apart, as a body that clang interleaved (unrolled) does. LLVM's vectoriser
// turns such accesses into wide loads and stores with shuffles that cancel out, but only where its
// own dependence analysis needs no run-time checks; the widened form, a base per group, needs
// them, and then only the stores are combined (matmul, unrolled three times: 1.0x native as it
// is, 1.7x widened). Loops with fewer accesses per group gain from the widening all the same
// (trisolv, floyd: the group bases give the vectoriser exact dependences within each group).
bool keepsInterleavedAccesses(const std::vector<AddressGroup> &groups, llvm::ScalarEvolution &scev,
                              const llvm::Loop &loop) {
  const bool allAffine = llvm::all_of(groups, [&](const AddressGroup &group) {
    return llvm::all_of(group.members, [&](const WidenedAddress &member) {
      const auto *address = llvm::dyn_cast<llvm::SCEVAddRecExpr>(scev.getSCEV(member.zext));
      return address && address->getLoop() == &loop && address->isAffine();
    });
  });
  return allAffine && llvm::any_of(groups, [](const AddressGroup &group) {
           return group.members.size() >= 3;
         });
}

// True when the counter meets end (in 32-bit arithmetic, which may wrap: clang's wasm loops often
// count from a negative start up to 0), or, for a relational exit, when the loop exits before
// its compared value wraps. Sets the number of iterations.
llvm::Value *emitCounterCheck(llvm::IRBuilder<> &builder, const CountedLoop &counted,
                              llvm::Value *&iterations) {
  llvm::Type *i64 = builder.getInt64Ty();
  if (counted.relational) {
    // In 64 bits: the compared value starts at s = start + offset and the loop exits after the
    // first iteration whose value exceeds t = end (end - 1 when inclusive, possibly -1): one
    // iteration when s > t, (t - s) / step + 2 otherwise. True when no compared value up to that
    // one wraps in 32 bits (nor, as offset >= 0, the counter).
    llvm::Value *first = builder.CreateAdd(builder.CreateZExt(counted.start, i64),
                                           builder.getInt64(counted.offset));
    llvm::Value *threshold = builder.CreateSub(builder.CreateZExt(counted.end, i64),
                                               builder.getInt64(counted.inclusive ? 1 : 0));
    llvm::Value *more = builder.CreateAdd(
        builder.CreateUDiv(builder.CreateSub(threshold, first), builder.getInt64(counted.step)),
        builder.getInt64(2));
    iterations = builder.CreateSelect(builder.CreateICmpSGT(first, threshold),
                                      builder.getInt64(1), more, "wasm.iterations");
    llvm::Value *lastCompared = builder.CreateAdd(
        first, builder.CreateMul(builder.CreateSub(iterations, builder.getInt64(1)),
                                 builder.getInt64(counted.step)));
    return builder.CreateICmpULE(lastCompared, builder.getInt64(0xffffffff));
  }
  llvm::Value *span = builder.CreateZExt(builder.CreateSub(counted.end, counted.start), i64);
  llvm::Value *ok = builder.CreateICmpNE(span, builder.getInt64(0));
  ok = builder.CreateAnd(
      ok, builder.CreateICmpEQ(builder.CreateURem(span, builder.getInt64(counted.step)),
                               builder.getInt64(0)));
  iterations = builder.CreateUDiv(span, builder.getInt64(counted.step), "wasm.iterations");
  return ok;
}

// Requires every address of every group to stay in [0, 2^32) on iterations 0 to `last` (a
// 64-bit SCEV), so that it equals its 64-bit affine form; conditions SCEV proves are left out.
// Sets each group's base, zero-extended.
void checkNoWrap(LoopCheck &check, llvm::IRBuilder<> &builder, llvm::ScalarEvolution &scev,
                 const std::vector<AddressGroup> &groups, const llvm::SCEV *last,
                 std::vector<llvm::Value *> &bases64) {
  llvm::Type *i64 = builder.getInt64Ty();
  for (const AddressGroup &group : groups) {
    const llvm::SCEV *base64 = scev.getZeroExtendExpr(group.base, i64);
    bases64.push_back(check.expand(base64));
    auto [lowest, highest] =
        check.extremes(base64, group.stride, last, group.minOffset, group.maxOffset);
    check.within(lowest, highest, 0xffffffffu);
  }
}

// The accesses of linear memory in a loop, `memory0 + offset` with an offset affine in the
// iteration, gathered so that one check before the loop proves none of them can fault. A group
// holds the accesses whose offsets are a constant apart: `start + stride * iteration + c`.
// Where the offset is `zext(i32 sum)` and SCEV could not prove that the sum does not wrap,
// `sum` (`start32 + stride * iteration + d`) is checked not to wrap as well, and start is
// zext(start32).
struct BoundsGroup {
  const llvm::SCEV *start;
  const llvm::SCEV *start32 = nullptr;
  int64_t stride;
  int64_t minSum = INT64_MAX, maxSum = INT64_MIN;    // d, for start32
  int64_t minOffset = INT64_MAX, maxEnd = INT64_MIN; // c and c + the access's size, for start
};

// Offsets and distances beyond this are left alone, so that the check's arithmetic is exact.
constexpr int64_t maxBoundsDistance = int64_t(1) << 32;
// The check requires start below this (it is an offset into a memory of at most 2^32 bytes...
// or 2^34 with memory64 offsets; wider is never in bounds).
constexpr uint64_t maxBoundsStart = uint64_t(1) << 40;

// ModuleEnv's alias type of linear memory (lower/ModuleEnv.cpp); accesses tagged with another
// of its types (globals, the instance, tables) cannot fault.
bool mayAccessLinearMemory(const llvm::Instruction &access) {
  const llvm::MDNode *tag = access.getMetadata(llvm::LLVMContext::MD_tbaa);
  if (!tag || tag->getNumOperands() < 2)
    return true;
  const auto *type = llvm::dyn_cast<llvm::MDNode>(tag->getOperand(1));
  if (!type || type->getNumOperands() < 1)
    return true;
  const auto *name = llvm::dyn_cast<llvm::MDString>(type->getOperand(0));
  return !name || name->getString() == "linear memory";
}

bool addToBoundsGroups(std::vector<BoundsGroup> &groups, const llvm::SCEV *start,
                       const llvm::SCEV *start32, int64_t stride, int64_t offset, uint64_t size,
                       llvm::ScalarEvolution &scev) {
  if (offset <= -maxBoundsDistance || offset >= maxBoundsDistance)
    return false;
  for (BoundsGroup &group : groups) {
    if (group.stride != stride || (group.start32 == nullptr) != (start32 == nullptr))
      continue;
    const llvm::SCEV *distance = start32 ? scev.getMinusSCEV(start32, group.start32)
                                         : scev.getMinusSCEV(start, group.start);
    const auto *constant = llvm::dyn_cast<llvm::SCEVConstant>(distance);
    if (!constant)
      continue;
    const int64_t d = constant->getAPInt().getSExtValue();
    if (d <= -maxBoundsDistance || d >= maxBoundsDistance)
      continue;
    if (start32) {
      group.minSum = std::min(group.minSum, d);
      group.maxSum = std::max(group.maxSum, d);
    }
    group.minOffset = std::min(group.minOffset, d + offset);
    group.maxEnd = std::max(group.maxEnd, d + offset + int64_t(size));
    return true;
  }
  BoundsGroup &group = groups.emplace_back(BoundsGroup{start, start32, stride});
  if (start32)
    group.minSum = group.maxSum = 0;
  group.minOffset = offset;
  group.maxEnd = offset + int64_t(size);
  return true;
}

// Whether `witness` keeps alive a load inside `loop` (through the bitcast or the extracted pieces
// of a vector load's witness).
bool witnessesLoadIn(const llvm::CallInst &witness, const llvm::Loop &loop) {
  const llvm::Value *value = lower::witnessedValue(witness);
  while (llvm::isa<llvm::BitCastInst>(value) || llvm::isa<llvm::ExtractElementInst>(value))
    value = llvm::cast<llvm::Instruction>(value)->getOperand(0);
  const auto *load = llvm::dyn_cast<llvm::LoadInst>(value);
  return load && loop.contains(load);
}

// Every access of `loop` that may touch linear memory, in groups; nullopt when one of them is
// not `memory0 + affine offset` (or a call or an atomic access may touch memory), so that no
// check before the loop covers it.
std::optional<std::vector<BoundsGroup>> findBoundsGroups(llvm::Loop &loop,
                                                         llvm::ScalarEvolution &scev,
                                                         const llvm::SCEVExpander &expander,
                                                         const llvm::Instruction *checkPoint) {
  const llvm::Function &function = *loop.getHeader()->getParent();
  const llvm::DataLayout &layout = function.getDataLayout();
  llvm::Type *i64 = llvm::Type::getInt64Ty(function.getContext());
  std::vector<BoundsGroup> groups;
  bool anyFaulting = false;
  for (llvm::BasicBlock *block : loop.blocks())
    for (llvm::Instruction &instruction : *block) {
      if (lower::isTrapBarrier(instruction)) {
        anyFaulting = true;
        continue;
      }
      if (lower::isTrapWitness(instruction)) {
        anyFaulting |= witnessesLoadIn(llvm::cast<llvm::CallInst>(instruction), loop);
        continue;
      }
      llvm::Value *pointer = nullptr;
      llvm::Type *accessed = nullptr;
      if (auto *load = llvm::dyn_cast<llvm::LoadInst>(&instruction)) {
        if (load->isVolatile() || load->isAtomic())
          return std::nullopt;
        pointer = load->getPointerOperand();
        accessed = load->getType();
      } else if (auto *store = llvm::dyn_cast<llvm::StoreInst>(&instruction)) {
        if (store->isVolatile() || store->isAtomic())
          return std::nullopt;
        pointer = store->getPointerOperand();
        accessed = store->getValueOperand()->getType();
      } else {
        if (instruction.mayReadOrWriteMemory())
          return std::nullopt; // calls (of intrinsics: hasCallsOrIsLarge), atomics
        continue;
      }
      const llvm::SCEV *address = scev.getSCEV(pointer);
      const auto *base = llvm::dyn_cast<llvm::SCEVUnknown>(scev.getPointerBase(address));
      if (!base || !lower::isMemoryZeroBase(base->getValue(), function)) {
        if (mayAccessLinearMemory(instruction))
          return std::nullopt;
        continue;
      }
      const llvm::SCEV *offset = scev.getMinusSCEV(address, base);
      if (llvm::isa<llvm::SCEVCouldNotCompute>(offset) || offset->getType() != i64)
        return std::nullopt;
      int64_t constant = 0;
      if (const auto *sum = llvm::dyn_cast<llvm::SCEVAddExpr>(offset);
          sum && sum->getNumOperands() == 2 && llvm::isa<llvm::SCEVConstant>(sum->getOperand(0))) {
        constant = llvm::cast<llvm::SCEVConstant>(sum->getOperand(0))->getAPInt().getSExtValue();
        offset = sum->getOperand(1);
      }
      const uint64_t size = layout.getTypeStoreSize(accessed).getFixedValue();
      const llvm::SCEV *start = nullptr, *start32 = nullptr;
      int64_t stride = 0;
      const llvm::SCEV *recurrence = offset;
      if (const auto *zext = llvm::dyn_cast<llvm::SCEVZeroExtendExpr>(offset);
          zext && zext->getOperand()->getType()->isIntegerTy(32) &&
          !scev.isLoopInvariant(offset, &loop))
        recurrence = zext->getOperand();
      if (scev.isLoopInvariant(offset, &loop)) {
        start = offset;
      } else if (const auto *affine = llvm::dyn_cast<llvm::SCEVAddRecExpr>(recurrence);
                 affine && affine->getLoop() == &loop && affine->isAffine()) {
        const auto *step = llvm::dyn_cast<llvm::SCEVConstant>(affine->getStepRecurrence(scev));
        if (!step)
          return std::nullopt;
        stride = step->getAPInt().getSExtValue();
        if (stride > maxStride || stride < -maxStride)
          return std::nullopt;
        if (recurrence == offset) {
          start = affine->getStart();
        } else {
          start32 = affine->getStart();
          start = scev.getZeroExtendExpr(start32, i64);
        }
      } else {
        return std::nullopt;
      }
      if (!expander.isSafeToExpandAt(start, checkPoint))
        return std::nullopt;
      if (!addToBoundsGroups(groups, start, start32, stride, constant, size, scev))
        return std::nullopt;
    }
  if (!anyFaulting)
    return std::nullopt; // nothing to prove
  return groups;
}

// Requires that no access of `groups` faults on iterations 0 to `last` (a 64-bit SCEV): every
// 32-bit sum stays in [0, 2^32), and every byte accessed is below memory 0's current size.
// Memories only grow, so what holds at the loop's entry holds for all of it.
void checkInBounds(LoopCheck &check, llvm::IRBuilder<> &builder, const llvm::SCEV *last, const std::vector<BoundsGroup> &groups,
                   llvm::Value *ctx) {
  // Bounds the travel below 2^52, so nothing here overflows.
  check.below(last, uint64_t(1) << 32);
  llvm::Value *memorySize = lower::memoryZeroSizeBytes(builder, ctx);
  for (const BoundsGroup &group : groups) {
    check.below(group.start, maxBoundsStart);
    if (group.start32) {
      auto [lowest, highest] =
          check.extremes(group.start, group.stride, last, group.minSum, group.maxSum);
      check.within(lowest, highest, 0xffffffffu);
    }
    auto [lowest, highest] =
        check.extremes(group.start, group.stride, last, group.minOffset, group.maxEnd);
    check.within(lowest, highest, memorySize);
  }
}

// In the loop that runs when the in-bounds check holds, no access faults: the witnesses of its
// loads and the barriers after its stores go, and LLVM may move, combine and vectorise them.
// A witness in the loop may witness a load LICM hoisted out of it (from an address that does not
// change), which the check does not cover: its witness stays (found by the fuzzer, seed 2354).
void removeTrapMarks(llvm::Loop &loop) {
  for (llvm::BasicBlock *block : loop.blocks())
    for (llvm::Instruction &instruction : llvm::make_early_inc_range(*block))
      if (lower::isTrapBarrier(instruction) ||
          (lower::isTrapWitness(instruction) &&
           witnessesLoadIn(llvm::cast<llvm::CallInst>(instruction), loop)))
        instruction.eraseFromParent();
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
// `counted` is the loop's 32-bit counter where LLVM cannot count the loop's iterations itself
// (null where it can): the loop then exits after `iterations`, counted in 64 bits.
void widenAddresses(llvm::Loop &loop, llvm::BasicBlock *preheader, const CountedLoop *counted,
                    llvm::Value *iterations, const std::vector<AddressGroup> &groups,
                    const std::vector<llvm::Value *> &bases64) {
  llvm::BasicBlock *header = loop.getHeader(), *latch = loop.getLoopLatch();
  llvm::IRBuilder<> before(preheader->getTerminator());
  llvm::Type *i64 = before.getInt64Ty();
  if (counted) {
    llvm::PHINode *iteration = llvm::PHINode::Create(i64, 2, "wasm.iteration", header->begin());
    llvm::IRBuilder<> atLatch(counted->latchBranch);
    llvm::Value *nextIteration = atLatch.CreateNUWAdd(iteration, atLatch.getInt64(1));
    iteration->addIncoming(before.getInt64(0), preheader);
    iteration->addIncoming(nextIteration, latch);
    auto *oldCondition = llvm::cast<llvm::Instruction>(counted->latchBranch->getCondition());
    counted->latchBranch->setCondition(
        atLatch.CreateICmp(counted->predicate, nextIteration, iterations));
    if (oldCondition->use_empty())
      oldCondition->eraseFromParent();
  }
  // One induction variable per stride, shared by the groups that advance by it.
  std::map<int64_t, llvm::PHINode *> travels;
  for (size_t g = 0; g < groups.size(); ++g) {
    const AddressGroup &group = groups[g];
    llvm::PHINode *&travel = travels[group.stride];
    if (!travel) {
      travel = llvm::PHINode::Create(i64, 2, "wasm.travel", header->begin());
      llvm::Instruction *advanced = llvm::BinaryOperator::CreateNSWAdd(
          travel, llvm::ConstantInt::get(i64, uint64_t(group.stride)), "wasm.travel.next",
          latch->getTerminator()->getIterator());
      travel->addIncoming(before.getInt64(0), preheader);
      travel->addIncoming(advanced, latch);
    }
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
  if (counted)
    llvm::RecursivelyDeleteDeadPHINode(counted->counter);
}

// A versioned loop whose trip count depends on values (a count read from memory or passed in, or
// a counter-checked loop's start or end) takes its original copy, tested before the rest of the
// check is computed, when its iterations make fewer accesses of linear memory than the check has
// instructions: those accesses are what the checked copy saves (a witness, a barrier, 32-bit
// address arithmetic each), and the check is paid on every entry. fannkuch's
// flips, reversals of 1-5 elements in a loop unrolled by 2 (8 accesses an iteration, a check of
// over 20 instructions), took 23 % more instructions versioned; nbody's pairwise loop (about
// two iterations an entry, but 20 accesses each and a check of a few instructions) is faster
// checked. A count made of constants and outer induction variables only (syr2k's triangular
// `j <= i`) gets no test: its compare and branch on every entry cost more there than the few
// short entries save (+0.55 % with the test). lu's `k < j < N`, whose start clang's unrolling
// merges in a phi (a value to SCEV), is tested and pays +0.13 %. Returns the `last <u bound`
// that takes the original copy (last = trips - 1, the trips below kMaxShortLoopTrips + 1), 0 for
// no test. `test` is the first instruction of the check that stays; what follows it up to
// `checkEnd` is the rest.
uint64_t shortTripBound(const llvm::Loop &loop, const llvm::Instruction &test,
                        const llvm::Instruction &checkEnd) {
  uint64_t checkInstructions = 0;
  for (const llvm::Instruction *i = test.getNextNode(); i && i != &checkEnd; i = i->getNextNode())
    ++checkInstructions;
  uint64_t accesses = 0;
  for (const llvm::BasicBlock *block : loop.blocks())
    for (const llvm::Instruction &instruction : *block)
      if ((llvm::isa<llvm::LoadInst>(instruction) || llvm::isa<llvm::StoreInst>(instruction)) &&
          mayAccessLinearMemory(instruction))
        ++accesses;
  if (accesses == 0)
    return 0;
  const uint64_t minTrips =
      std::min<uint64_t>((checkInstructions + accesses - 1) / accesses, kMaxShortLoopTrips + 1);
  return minTrips <= 1 ? 0 : minTrips - 1;
}

// Whether any instruction of `loop` reads or writes memory.
bool accessesMemory(const llvm::Loop &loop) {
  return llvm::any_of(loop.blocks(), [](const llvm::BasicBlock *block) {
    return llvm::any_of(*block,
                        [](const llvm::Instruction &i) { return i.mayReadOrWriteMemory(); });
  });
}

// Sets `changed` also when only the loop's form was normalised.
bool versionLoop(llvm::Function &function, llvm::Loop &loop, llvm::LoopInfo &loops,
                 llvm::DominatorTree &dominators, llvm::ScalarEvolution &scev,
                 llvm::AssumptionCache &assumptions, const LoopVersioningOptions &options,
                 bool &changed) {
  changed |= llvm::simplifyLoop(&loop, &dominators, &loops, &scev, &assumptions, nullptr, false);
  llvm::BasicBlock *checkBlock = loop.getLoopPreheader();
  llvm::BasicBlock *latch = loop.getLoopLatch();
  if (!checkBlock || !latch || loop.getExitingBlock() != latch || !loop.getUniqueExitBlock() ||
      hasCallsOrIsLarge(loop))
    return false;
  llvm::Instruction *checkPoint = checkBlock->getTerminator();
  llvm::SCEVExpander expander(scev, function.getDataLayout(), "wasm.check");
  llvm::Type *i64 = llvm::Type::getInt64Ty(function.getContext());
  const llvm::SCEV *backedges = scev.getBackedgeTakenCount(&loop);
  const bool counts = !llvm::isa<llvm::SCEVCouldNotCompute>(backedges) &&
                      expander.isSafeToExpandAt(backedges, checkPoint);
  // Where LLVM computes the trip count, the addresses are widened all the same (when the loop
  // runs at most 2^32 times): `base + zext(i32 sum)` is not affine to SCEV when the sum may
  // wrap, even in a loop with constant bounds.
  const unsigned maxTrips = counts ? scev.getSmallConstantMaxTripCount(&loop) : 0;
  const bool counts32 = counts && backedges->getType()->getIntegerBitWidth() <= 32 &&
                        (maxTrips == 0 || maxTrips > kMaxShortLoopTrips);
  std::optional<CountedLoop> counted;
  std::vector<AddressGroup> groups;
  if (options.widenAddresses && accessesMemory(loop)) {
    if (!counts)
      counted = findCountedLoop(loop, options.relationalExits);
    if (counts32 || counted)
      groups = findAddresses(loop, scev, expander, checkPoint);
    if (counts32 && keepsInterleavedAccesses(groups, scev, loop))
      groups.clear();
  }
  const bool widen = !groups.empty();
  if (!widen)
    counted.reset();
  std::optional<std::vector<BoundsGroup>> bounds;
  // Nor is a short loop of a variable trip count checked for bounds: the check, once an entry,
  // costs more than the witnesses it removes from a few iterations (qsort's swap of 20-byte
  // records: clang unrolled its word loop by 4, and the remainder, `n & 3` words, was versioned
  // on every swap). One of a constant trip count is: its checked copy becomes straight-line code
  // without witnesses, whose loads LLVM combines (sha256's 16 big-endian words of a block).
  const bool exemptShort = options.exemptShortLoops && !widen && maxTrips != 0 &&
                           maxTrips <= kMaxShortLoopTrips &&
                           scev.getSmallConstantTripCount(&loop) == 0;
  if (options.checkBounds && (widen || counts) && !exemptShort)
    bounds = findBoundsGroups(loop, scev, expander, checkPoint);
  if (exemptShort && options.checkBounds && accessesMemory(loop)) {
    llvm::addStringMetadataToLoop(&loop, kShortLoopMarker);
    changed = true;
  }
  if (!widen && !bounds)
    return false;
  changed = true;

  llvm::IRBuilder<> builder(checkPoint);
  LoopCheck check(builder, expander, scev);
  // The last iteration's index (meaningless, but harmless, when the counter check fails).
  llvm::Value *iterations = nullptr;
  const llvm::SCEV *last = nullptr;
  if (counted) {
    check.require(emitCounterCheck(builder, *counted, iterations));
    last = scev.getSCEV(builder.CreateSub(iterations, builder.getInt64(1)));
  } else {
    last = scev.getNoopOrZeroExtend(backedges, i64);
  }
  // Short at run time (the bound is set once the check is built, see shortTripBound).
  llvm::ICmpInst *shortTrips = nullptr;
  auto hasValues = [](const llvm::SCEV *expression) {
    return llvm::SCEVExprContains(
        expression, [](const llvm::SCEV *term) { return llvm::isa<llvm::SCEVUnknown>(term); });
  };
  const bool countFromValues =
      counted ? hasValues(scev.getSCEV(counted->start)) || hasValues(scev.getSCEV(counted->end))
              : hasValues(backedges);
  if (options.testShortTrips && countFromValues) {
    llvm::Value *lastValue =
        counted ? builder.CreateSub(iterations, builder.getInt64(1)) : check.expand(last);
    shortTrips = llvm::dyn_cast<llvm::ICmpInst>(
        builder.CreateICmpULT(lastValue, builder.getInt64(0), "wasm.short.trips"));
  }
  std::vector<llvm::Value *> bases64;
  if (widen)
    checkNoWrap(check, builder, scev, groups, last, bases64);
  if (bounds)
    checkInBounds(check, builder, last, *bounds, function.getArg(0));

  if (shortTrips) {
    const uint64_t bound = shortTripBound(loop, *shortTrips, *checkPoint);
    if (bound == 0 || (!bounds && check.ok() == builder.getTrue())) {
      llvm::RecursivelyDeleteTriviallyDeadInstructions(shortTrips);
      shortTrips = nullptr;
    } else {
      shortTrips->setOperand(1, builder.getInt64(bound));
    }
  }
  // Widening alone, with a no-wrap fact SCEV proves: the same loop, with 64-bit addresses.
  if (!bounds && check.ok() == builder.getTrue()) {
    widenAddresses(loop, checkBlock, nullptr, nullptr, groups, bases64);
    scev.forgetAllLoops();
    return true;
  }
  llvm::formLCSSA(loop, dominators, &loops, &scev);
  llvm::Value *ok = builder.CreateAnd(builder.getTrue(), check.ok(), "wasm.inbounds");
  llvm::BasicBlock *preheader =
      llvm::SplitBlock(checkBlock, checkPoint, &dominators, &loops, nullptr,
                       widen ? "wasm.widened" : "wasm.checked");
  llvm::ValueToValueMapTy clonedValues;
  llvm::SmallVector<llvm::BasicBlock *, 8> clonedBlocks;
  llvm::Loop *fallback = llvm::cloneLoopWithPreheader(preheader, checkBlock, &loop, clonedValues,
                                                      bounds ? ".mayfault" : ".wrapping", &loops,
                                                      &dominators, clonedBlocks);
  llvm::remapInstructionsInBlocks(clonedBlocks, clonedValues);
  checkBlock->getTerminator()->eraseFromParent();
  llvm::BranchInst::Create(preheader, fallback->getLoopPreheader(), ok, checkBlock);
  if (shortTrips) {
    llvm::BasicBlock *rest = llvm::SplitBlock(checkBlock, shortTrips->getNextNode(), &dominators,
                                              &loops, nullptr, "wasm.long");
    checkBlock->getTerminator()->eraseFromParent();
    llvm::BranchInst::Create(fallback->getLoopPreheader(), rest, shortTrips, checkBlock);
  }

  llvm::BasicBlock *exit = loop.getUniqueExitBlock();
  auto *clonedLatch = llvm::cast<llvm::BasicBlock>(clonedValues[latch]);
  for (llvm::PHINode &phi : exit->phis()) {
    llvm::Value *value = phi.getIncomingValueForBlock(latch);
    if (llvm::Value *cloned = clonedValues.lookup(value))
      value = cloned;
    phi.addIncoming(value, clonedLatch);
  }
  // The fallback only runs for wrapping sums or accesses that may fault: keep it small.
  llvm::addStringMetadataToLoop(fallback, "llvm.loop.vectorize.enable", 0);
  llvm::addStringMetadataToLoop(fallback, "llvm.loop.unroll.disable");

  if (bounds) {
    removeTrapMarks(loop);
    llvm::addStringMetadataToLoop(&loop, kInBoundsLoopMarker);
  }
  if (widen)
    widenAddresses(loop, preheader, counted ? &*counted : nullptr, iterations, groups, bases64);
  dominators.recalculate(function);
  scev.forgetAllLoops();
  if (bounds && options.hoistCarriedLoads && hoistCarriedLoads(loop, scev))
    scev.forgetLoop(&loop);
  return true;
}

} // namespace

llvm::PreservedAnalyses LoopAddressWideningPass::run(llvm::Function &function,
                                                     llvm::FunctionAnalysisManager &analyses) {
  if (!function.hasFnAttribute(lower::kWasmFunctionAttribute))
    return llvm::PreservedAnalyses::all();
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
    versionLoop(function, *loop, loops, dominators, scev, assumptions, options_, changed);
  return changed ? llvm::PreservedAnalyses::none() : llvm::PreservedAnalyses::all();
}

} // namespace wasmc::codegen
