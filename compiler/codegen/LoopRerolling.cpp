// LoopRerollingPass (codegen/WasmPasses.h).
#include "codegen/WasmPasses.h"
#include "lower/ModuleEnv.h"

#include <llvm/Analysis/LoopInfo.h>
#include <llvm/Analysis/ScalarEvolution.h>
#include <llvm/Analysis/ScalarEvolutionExpressions.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/Transforms/Utils/Local.h>
#include <llvm/Transforms/Utils/LoopUtils.h>
#include <llvm/Transforms/Utils/ScalarEvolutionExpander.h>

#include <map>
#include <optional>
#include <vector>

namespace wasmc::codegen {

namespace {

constexpr unsigned kMaxLanes = 16;
// Two or three lanes are interleaved groups that LLVM's vectoriser takes as they are; rolled up,
// they cost instructions (bench/RESULTS.md, stop 25: gemm's and trisolv's inner loops, two lanes,
// +8.5%, their vector loops no longer unrolled; matmul's three lanes +8.5%). Unless values loaded
// by one lane are carried to the next in phis: the vectoriser then shuffles both the interleaved
// group and the recurrence (stencil1d, bench/RESULTS.md stop 28).
constexpr unsigned kMinLanes = 4;

// One loop, its lanes and what matching them established.
class Reroller {
public:
  Reroller(llvm::Loop &loop, llvm::ScalarEvolution &scev, bool carriedLanes)
      : loop_(loop), scev_(scev), carriedLanes_(carriedLanes) {}

  bool run();

private:
  // Where a loaded value comes from, seen from the rolled-up loop: the load at `position` of
  // lane 0, `steps` rolled-up iterations before the one using it (0: that iteration's own load).
  struct Loaded {
    unsigned position;
    unsigned steps;
    bool operator==(const Loaded &other) const {
      return position == other.position && steps == other.steps;
    }
  };

  bool findCounter();
  bool collectAccesses();
  bool assignLanes();
  bool reorderIsSafe() const;
  bool matchLanes();
  std::optional<Loaded> loaded(llvm::Value *value, unsigned lane) const;
  bool sameValue(llvm::Value *first, llvm::Value *other, unsigned lane);
  bool sameAccess(llvm::Instruction &first, llvm::Instruction &other, unsigned lane);
  void rollCarriedValues(llvm::BasicBlock *preheader);
  void reroll();

  llvm::Loop &loop_;
  llvm::ScalarEvolution &scev_;
  const bool carriedLanes_;
  llvm::BasicBlock *block_ = nullptr;
  std::vector<llvm::PHINode *> counters_;
  // Phis whose next value is one of the loop's loads (clang's loop load elimination:
  // stencil1d's `A[i+1]` becomes the next iteration's `A[i]`).
  std::vector<llvm::PHINode *> carried_;
  llvm::BranchInst *latchBranch_ = nullptr;
  std::vector<llvm::Instruction *> accesses_; // every load and store, in order
  // [lane][position]: each lane's accesses, lane 0's in their order; a position holds the same
  // access one lane further on.
  std::vector<std::vector<llvm::Instruction *>> lanesAccesses_;
  llvm::DenseMap<const llvm::Instruction *, std::pair<unsigned, unsigned>> slot_; // lane, position
  unsigned lanes_ = 0;
  unsigned perLane_ = 0;
  // Lane 0's value for each instruction of a later lane already matched, per lane.
  std::vector<llvm::DenseMap<llvm::Value *, llvm::Value *>> matched_;
};

// A single-block loop whose phis are integer counters or carry a value one of its loads
// produced, whose instructions are used in the loop only, with a trip count computed before it.
bool Reroller::findCounter() {
  block_ = loop_.getHeader();
  if (loop_.getNumBlocks() != 1 || loop_.getLoopLatch() != block_ || !loop_.getLoopPreheader() ||
      !loop_.getExitBlock())
    return false;
  latchBranch_ = llvm::dyn_cast<llvm::BranchInst>(block_->getTerminator());
  if (!latchBranch_ || !latchBranch_->isConditional())
    return false;
  // Counters (a lane's values must not depend on them: sameValue), such as the original 32-bit
  // counter beside LoopAddressWidening's 64-bit one.
  for (llvm::PHINode &phi : block_->phis()) {
    auto *next = llvm::dyn_cast<llvm::LoadInst>(phi.getIncomingValueForBlock(block_));
    if (carriedLanes_ && next && next->getParent() == block_)
      carried_.push_back(&phi);
    else if (phi.getType()->isIntegerTy())
      counters_.push_back(&phi);
    else
      return false;
  }
  if (counters_.empty())
    return false;
  for (llvm::Instruction &instruction : *block_)
    for (const llvm::User *user : instruction.users())
      if (llvm::cast<llvm::Instruction>(user)->getParent() != block_)
        return false;
  const llvm::SCEV *backedges = scev_.getBackedgeTakenCount(&loop_);
  // The rerolled count, lanes times the trip count, must not overflow 64 bits.
  return !llvm::isa<llvm::SCEVCouldNotCompute>(backedges) &&
         scev_.isLoopInvariant(backedges, &loop_) &&
         scev_.getUnsignedRangeMax(backedges).getActiveBits() <= 40;
}

bool Reroller::collectAccesses() {
  for (llvm::Instruction &instruction : *block_) {
    if (!instruction.mayReadOrWriteMemory() && !instruction.mayHaveSideEffects())
      continue;
    auto *load = llvm::dyn_cast<llvm::LoadInst>(&instruction);
    auto *store = llvm::dyn_cast<llvm::StoreInst>(&instruction);
    if (!(load && load->isSimple()) && !(store && store->isSimple()))
      return false;
    if (llvm::isa<llvm::ScalableVectorType>(llvm::getLoadStoreType(&instruction)))
      return false;
    accesses_.push_back(&instruction);
  }
  return !accesses_.empty();
}

// The accesses fall into positions of `lanes_` accesses each: the same operation and type, the
// same constant stride, a multiple of the lane count, their addresses one lane's step apart
// (SCEV); the lane of an access is how many steps its address is after the lowest-numbered one
// (lane 0 is the first when addresses grow). Lane 0's accesses, in their order, give the
// positions. The lane count is the first access's stride over its size.
bool Reroller::assignLanes() {
  llvm::Instruction &first = *accesses_.front();
  const auto *address = llvm::dyn_cast<llvm::SCEVAddRecExpr>(
      scev_.getSCEV(llvm::getLoadStorePointerOperand(&first)));
  if (!address || address->getLoop() != &loop_)
    return false;
  const auto *stride = llvm::dyn_cast<llvm::SCEVConstant>(address->getStepRecurrence(scev_));
  const uint64_t size =
      first.getDataLayout().getTypeStoreSize(llvm::getLoadStoreType(&first)).getFixedValue();
  if (!stride || size == 0 || stride->getAPInt().getSignificantBits() > 40)
    return false;
  const int64_t bytes = stride->getAPInt().getSExtValue();
  const uint64_t magnitude = uint64_t(bytes < 0 ? -bytes : bytes);
  if (magnitude % size != 0 || magnitude / size < 2 || magnitude / size > kMaxLanes ||
      accesses_.size() % (magnitude / size) != 0)
    return false;
  lanes_ = unsigned(magnitude / size);
  if (lanes_ < kMinLanes && carried_.empty())
    return false;
  perLane_ = unsigned(accesses_.size() / lanes_);
  lanesAccesses_.assign(lanes_, std::vector<llvm::Instruction *>());
  // Each access joins the position of an earlier one it is a whole number of steps from.
  std::vector<std::vector<std::pair<int64_t, llvm::Instruction *>>> positions;
  for (llvm::Instruction *access : accesses_) {
    const auto *own = llvm::dyn_cast<llvm::SCEVAddRecExpr>(
        scev_.getSCEV(llvm::getLoadStorePointerOperand(access)));
    if (!own || own->getLoop() != &loop_ || !own->isAffine() ||
        own->getStepRecurrence(scev_) != address->getStepRecurrence(scev_))
      return false;
    const int64_t step = bytes / int64_t(lanes_);
    bool placed = false;
    for (auto &members : positions) {
      llvm::Instruction *leader = members.front().second;
      const auto *distance = llvm::dyn_cast<llvm::SCEVConstant>(scev_.getMinusSCEV(
          own, scev_.getSCEV(llvm::getLoadStorePointerOperand(leader))));
      if (leader->getOpcode() != access->getOpcode() ||
          llvm::getLoadStoreType(leader) != llvm::getLoadStoreType(access) || !distance ||
          distance->getAPInt().getSignificantBits() > 40 ||
          distance->getAPInt().getSExtValue() % step != 0)
        continue;
      const int64_t steps = distance->getAPInt().getSExtValue() / step;
      if (steps <= -int64_t(lanes_) || steps >= int64_t(lanes_))
        continue;
      members.emplace_back(steps, access);
      placed = true;
      break;
    }
    if (!placed)
      positions.push_back({{0, access}});
  }
  if (positions.size() != perLane_)
    return false;
  // Positions in the order of their lane-0 access.
  std::vector<std::pair<llvm::Instruction *, std::vector<llvm::Instruction *>>> ordered;
  for (auto &members : positions) {
    int64_t lowest = members.front().first;
    for (auto &[steps, access] : members)
      lowest = std::min(lowest, steps);
    std::vector<llvm::Instruction *> byLane(lanes_, nullptr);
    for (auto &[steps, access] : members) {
      const int64_t lane = steps - lowest;
      if (lane >= int64_t(lanes_) || byLane[size_t(lane)])
        return false;
      byLane[size_t(lane)] = access;
    }
    if (llvm::is_contained(byLane, nullptr))
      return false;
    ordered.emplace_back(byLane.front(), std::move(byLane));
  }
  llvm::sort(ordered, [](const auto &a, const auto &b) { return a.first->comesBefore(b.first); });
  for (unsigned position = 0; position < perLane_; ++position)
    for (unsigned lane = 0; lane < lanes_; ++lane) {
      lanesAccesses_[lane].push_back(ordered[position].second[lane]);
      slot_[ordered[position].second[lane]] = {lane, position};
    }
  return true;
}

// Whether the bytes of two accesses of one iteration are disjoint: their addresses a constant
// apart, by at least the size of the lower one.
bool disjoint(llvm::Instruction &a, llvm::Instruction &b, llvm::ScalarEvolution &scev) {
  const llvm::DataLayout &layout = a.getDataLayout();
  const auto *distance = llvm::dyn_cast<llvm::SCEVConstant>(
      scev.getMinusSCEV(scev.getSCEV(llvm::getLoadStorePointerOperand(&a)),
                        scev.getSCEV(llvm::getLoadStorePointerOperand(&b))));
  if (!distance || distance->getAPInt().getSignificantBits() > 64)
    return false;
  const int64_t d = distance->getAPInt().getSExtValue();
  const auto bytes = [&](llvm::Instruction &access) {
    return int64_t(layout.getTypeStoreSize(llvm::getLoadStoreType(&access)).getFixedValue());
  };
  return d >= bytes(b) || d <= -bytes(a);
}

// The rolled-up loop makes each lane's accesses in lane 0's order, lane after lane. Where that
// is not the order of the unrolled loop (CarriedLoadHoisting moved the loads of all lanes to the
// top), a load and a store may trade places only in a loop whose accesses cannot fault
// (kInBoundsLoopMarker) and when their bytes are disjoint; two stores never do.
bool Reroller::reorderIsSafe() const {
  const bool inBounds = llvm::findStringMetadataForLoop(&loop_, kInBoundsLoopMarker).has_value();
  for (size_t i = 0; i < accesses_.size(); ++i)
    for (size_t j = i + 1; j < accesses_.size(); ++j) {
      llvm::Instruction *before = accesses_[i];
      llvm::Instruction *after = accesses_[j];
      if (slot_.lookup(before) < slot_.lookup(after))
        continue;
      const int loads = int(llvm::isa<llvm::LoadInst>(before)) + int(llvm::isa<llvm::LoadInst>(after));
      if (loads == 2)
        continue;
      if (loads == 0 || !inBounds || !disjoint(*before, *after, scev_))
        return false;
    }
  return true;
}

// What lane `lane` uses `value` as, if it is a value loaded in the loop: a load of lane m at
// position p is p's load in the rolled-up iteration lane - m before; a carried phi whose next
// value is that load, lane - m + lanes before.
std::optional<Reroller::Loaded> Reroller::loaded(llvm::Value *value, unsigned lane) const {
  auto *phi = llvm::dyn_cast<llvm::PHINode>(value);
  const bool carried = phi && llvm::is_contained(carried_, phi);
  auto *load = llvm::dyn_cast<llvm::LoadInst>(carried ? phi->getIncomingValueForBlock(block_)
                                                      : value);
  if (!load || !slot_.count(load))
    return std::nullopt;
  const auto [from, position] = slot_.lookup(load);
  const int64_t steps = int64_t(lane) - int64_t(from) + (carried ? int64_t(lanes_) : 0);
  if (steps < 0)
    return std::nullopt;
  return Loaded{position, unsigned(steps)};
}

// `other`, in lane `lane`, computes what `first` computes in lane 0. Loaded values match when
// they come from the same position the same number of rolled-up iterations before (loaded);
// anything else must be the same operation of matching operands (in either order if it
// commutes), or the same value defined outside the loop. A counter matches nothing: a lane's values must not depend on the
// iteration other than through its addresses.
bool Reroller::sameValue(llvm::Value *first, llvm::Value *other, unsigned lane) {
  auto *firstInstruction = llvm::dyn_cast<llvm::Instruction>(first);
  auto *otherInstruction = llvm::dyn_cast<llvm::Instruction>(other);
  const bool firstInside = firstInstruction && firstInstruction->getParent() == block_;
  const bool otherInside = otherInstruction && otherInstruction->getParent() == block_;
  if (!firstInside || !otherInside)
    return !firstInside && !otherInside && first == other;
  if (auto found = matched_[lane].find(other); found != matched_[lane].end())
    return found->second == first;
  if (llvm::isa<llvm::PHINode, llvm::LoadInst>(firstInstruction)) {
    const std::optional<Loaded> firstLoaded = loaded(first, 0);
    return firstLoaded && firstLoaded == loaded(other, lane);
  }
  if (firstInstruction->mayReadOrWriteMemory() || firstInstruction->mayHaveSideEffects() ||
      !firstInstruction->isSameOperationAs(otherInstruction) ||
      firstInstruction->getRawSubclassOptionalData() !=
          otherInstruction->getRawSubclassOptionalData() ||
      firstInstruction->getNumOperands() != otherInstruction->getNumOperands())
    return false;
  const auto operandsMatch = [&](bool swapped) {
    for (unsigned i = 0; i < firstInstruction->getNumOperands(); ++i)
      if (!sameValue(firstInstruction->getOperand(i),
                     otherInstruction->getOperand(swapped && i < 2 ? 1 - i : i), lane))
        return false;
    return true;
  };
  // LLVM orders a commutative operation's operands as it likes (stencil1d's second lane adds
  // the values in the other order).
  if (!operandsMatch(false) && !(firstInstruction->isCommutative() && operandsMatch(true)))
    return false;
  matched_[lane][other] = first;
  return true;
}

// `other`, the same access of lane `lane`, reads or writes what `first` does with its address
// `lane` steps further: both addresses are affine in the iteration with the same stride, a
// multiple of the lane count, and `other`'s is `lane * stride / lanes` bytes after `first`'s.
bool Reroller::sameAccess(llvm::Instruction &first, llvm::Instruction &other, unsigned lane) {
  if (first.getOpcode() != other.getOpcode() ||
      llvm::getLoadStoreType(&first) != llvm::getLoadStoreType(&other))
    return false;
  const auto *firstAddress =
      llvm::dyn_cast<llvm::SCEVAddRecExpr>(scev_.getSCEV(llvm::getLoadStorePointerOperand(&first)));
  if (!firstAddress || firstAddress->getLoop() != &loop_ || !firstAddress->isAffine())
    return false;
  const auto *stride = llvm::dyn_cast<llvm::SCEVConstant>(firstAddress->getStepRecurrence(scev_));
  if (!stride || stride->getAPInt().getSignificantBits() > 40 ||
      stride->getAPInt().getSExtValue() % lanes_ != 0)
    return false;
  const int64_t step = stride->getAPInt().getSExtValue() / lanes_;
  const auto *distance = llvm::dyn_cast<llvm::SCEVConstant>(
      scev_.getMinusSCEV(scev_.getSCEV(llvm::getLoadStorePointerOperand(&other)), firstAddress));
  if (!distance || distance->getAPInt().getSignificantBits() > 64 ||
      distance->getAPInt().getSExtValue() != int64_t(lane) * step)
    return false;
  if (auto *store = llvm::dyn_cast<llvm::StoreInst>(&first))
    if (!sameValue(store->getValueOperand(), llvm::cast<llvm::StoreInst>(other).getValueOperand(),
                   lane))
      return false;
  matched_[lane][&other] = &first;
  return true;
}

// Every later lane's access is the same access as lane 0's at its position, one lane on, and
// computes its value alike; the order the rolled-up loop makes them in is safe.
bool Reroller::matchLanes() {
  if (!assignLanes() || !reorderIsSafe())
    return false;
  matched_.assign(lanes_, llvm::DenseMap<llvm::Value *, llvm::Value *>());
  for (unsigned lane = 1; lane < lanes_; ++lane)
    for (unsigned i = 0; i < perLane_; ++i)
      if (!sameAccess(*lanesAccesses_[0][i], *lanesAccesses_[lane][i], lane))
        return false;
  // A carried value lane 0 uses `steps` iterations back becomes a chain of `steps` phis, each
  // started with the carried phi of the unrolled loop that held that value on entry. That phi
  // must be the only one: two carrying the same load that start differently (locals x = 100,
  // y = 7, both set to the same loaded value) would share one chain, and one start.
  for (llvm::PHINode *phi : carried_) {
    const std::optional<Loaded> used = loaded(phi, 0);
    if (!used || used->steps > lanes_ ||
        llvm::any_of(carried_, [&](llvm::PHINode *other) {
          return other != phi && loaded(other, 0) == used;
        }))
      return false;
    for (unsigned steps = 1; steps < used->steps; ++steps)
      if (llvm::none_of(carried_, [&](llvm::PHINode *shorter) {
            return loaded(shorter, 0) == Loaded{used->position, steps};
          }))
        return false;
  }
  return true;
}

// The carried phis, as lane 0 sees them: for each position, a chain of phis `steps` rolled-up
// iterations deep, the first taking the position's load, each next one the one before; each
// starts with what the unrolled loop's phi of that depth started with.
void Reroller::rollCarriedValues(llvm::BasicBlock *preheader) {
  std::map<std::pair<unsigned, unsigned>, llvm::PHINode *> chain; // position, steps
  std::vector<std::pair<Loaded, llvm::PHINode *>> byDepth;
  for (llvm::PHINode *phi : carried_)
    byDepth.emplace_back(*loaded(phi, 0), phi);
  llvm::sort(byDepth, [](const auto &a, const auto &b) { return a.first.steps < b.first.steps; });
  llvm::IRBuilder<> builder(&*block_->getFirstInsertionPt());
  for (auto &[from, phi] : byDepth) {
    llvm::PHINode *rolled = builder.CreatePHI(phi->getType(), 2, "wasm.rerolled.carried");
    rolled->addIncoming(phi->getIncomingValueForBlock(preheader), preheader);
    rolled->addIncoming(from.steps == 1 ? lanesAccesses_[0][from.position]
                                        : chain.at({from.position, from.steps - 1}),
                        block_);
    chain[{from.position, from.steps}] = rolled;
  }
  for (auto &[from, phi] : byDepth) {
    phi->replaceAllUsesWith(chain.at({from.position, from.steps}));
    phi->eraseFromParent();
  }
}

// Lane 0 alone, `lanes_` times as often: a new 64-bit count from 0, each of its addresses
// `start + count * stride / lanes`, the later lanes' accesses deleted (with what only they used).
void Reroller::reroll() {
  llvm::BasicBlock *preheader = loop_.getLoopPreheader();
  const llvm::DataLayout &layout = block_->getDataLayout();
  llvm::SCEVExpander expander(scev_, layout, "wasm.reroll");
  llvm::Type *i64 = llvm::Type::getInt64Ty(block_->getContext());
  const llvm::SCEV *iterations = scev_.getAddExpr(
      scev_.getNoopOrZeroExtend(scev_.getBackedgeTakenCount(&loop_), i64), scev_.getOne(i64));
  llvm::Value *end = expander.expandCodeFor(
      scev_.getMulExpr(iterations, scev_.getConstant(i64, lanes_)), i64,
      preheader->getTerminator());
  end->setName("wasm.rerolled.count");
  // Each of lane 0's addresses: where it starts (expanded before the loop) and its step a lane.
  std::vector<llvm::Value *> starts;
  std::vector<int64_t> steps;
  for (llvm::Instruction *access : lanesAccesses_[0]) {
    llvm::Value *pointer = llvm::getLoadStorePointerOperand(access);
    const auto *address = llvm::cast<llvm::SCEVAddRecExpr>(scev_.getSCEV(pointer));
    starts.push_back(expander.expandCodeFor(address->getStart(), pointer->getType(),
                                            preheader->getTerminator()));
    const auto *stride = llvm::cast<llvm::SCEVConstant>(address->getStepRecurrence(scev_));
    steps.push_back(stride->getAPInt().getSExtValue() / int64_t(lanes_));
  }

  llvm::SmallVector<llvm::WeakTrackingVH, 16> dead;
  llvm::IRBuilder<> builder(&*block_->getFirstInsertionPt());
  llvm::PHINode *count = builder.CreatePHI(i64, 2, "wasm.rerolled");
  count->addIncoming(builder.getInt64(0), preheader);
  for (unsigned i = 0; i < perLane_; ++i) {
    llvm::Instruction &access = *lanesAccesses_[0][i];
    dead.push_back(llvm::getLoadStorePointerOperand(&access));
    builder.SetInsertPoint(&access);
    llvm::Value *offset = builder.CreateMul(count, builder.getInt64(uint64_t(steps[i])));
    llvm::Value *pointer = builder.CreateGEP(builder.getInt8Ty(), starts[i], offset);
    // Lane 0's access now makes every lane's: what it claims must hold for all of them.
    llvm::Align align = llvm::getLoadStoreAlignment(&access);
    for (unsigned lane = 1; lane < lanes_; ++lane) {
      llvm::Instruction *other = lanesAccesses_[lane][i];
      align = std::min(align, llvm::getLoadStoreAlignment(other));
      llvm::combineMetadataForCSE(&access, other, true);
    }
    if (auto *load = llvm::dyn_cast<llvm::LoadInst>(&access)) {
      load->setOperand(llvm::LoadInst::getPointerOperandIndex(), pointer);
      load->setAlignment(align);
    } else {
      auto *store = llvm::cast<llvm::StoreInst>(&access);
      store->setOperand(llvm::StoreInst::getPointerOperandIndex(), pointer);
      store->setAlignment(align);
    }
  }
  rollCarriedValues(preheader);
  builder.SetInsertPoint(latchBranch_);
  llvm::Value *next =
      builder.CreateAdd(count, builder.getInt64(1), "wasm.rerolled.next", true, true);
  count->addIncoming(next, block_);
  llvm::Value *done = builder.CreateICmpEQ(next, end);
  llvm::Value *oldCondition = latchBranch_->getCondition();
  const bool exitsOnTrue = !loop_.contains(latchBranch_->getSuccessor(0));
  latchBranch_->setCondition(exitsOnTrue ? done : builder.CreateICmpNE(next, end));
  if (!exitsOnTrue)
    llvm::cast<llvm::Instruction>(done)->eraseFromParent();

  for (unsigned lane = 1; lane < lanes_; ++lane)
    for (llvm::Instruction *access : lanesAccesses_[lane]) {
      for (llvm::Value *operand : access->operands())
        dead.push_back(operand);
      // A later lane's load feeds only that lane's own values, deleted with its stores.
      access->replaceAllUsesWith(llvm::PoisonValue::get(access->getType()));
      access->eraseFromParent();
    }
  dead.push_back(oldCondition);
  llvm::RecursivelyDeleteTriviallyDeadInstructionsPermissive(dead);
  for (llvm::PHINode *counter : counters_)
    llvm::RecursivelyDeleteDeadPHINode(counter);
  llvm::addStringMetadataToLoop(&loop_, kRerolledLoopMarker, lanes_);
}

bool Reroller::run() {
  if (!findCounter() || !collectAccesses() || !matchLanes())
    return false;
  reroll();
  return true;
}

} // namespace

llvm::PreservedAnalyses LoopRerollingPass::run(llvm::Function &function,
                                               llvm::FunctionAnalysisManager &analyses) {
  if (!function.hasFnAttribute(lower::kWasmFunctionAttribute))
    return llvm::PreservedAnalyses::all();
  auto &loops = analyses.getResult<llvm::LoopAnalysis>(function);
  auto &scev = analyses.getResult<llvm::ScalarEvolutionAnalysis>(function);
  bool changed = false;
  for (llvm::Loop *loop : loops.getLoopsInPreorder())
    if (loop->isInnermost() && Reroller(*loop, scev, carriedLanes_).run()) {
      scev.forgetAllLoops();
      changed = true;
    }
  if (!changed)
    return llvm::PreservedAnalyses::all();
  llvm::PreservedAnalyses preserved;
  preserved.preserveSet<llvm::CFGAnalyses>();
  preserved.preserve<llvm::LoopAnalysis>();
  return preserved;
}

} // namespace wasmc::codegen
