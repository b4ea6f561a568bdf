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

#include <vector>

namespace wasmc::codegen {

namespace {

constexpr unsigned kMaxLanes = 16;
// Two or three lanes are interleaved groups that LLVM's vectoriser takes as they are; rolled up,
// they cost instructions (bench/RESULTS.md, stop 25: gemm's and trisolv's inner loops, two lanes,
// +8.5%, their vector loops no longer unrolled; matmul's three lanes +8.5%).
constexpr unsigned kMinLanes = 4;

// One loop, its lanes and what matching them established.
class Reroller {
public:
  Reroller(llvm::Loop &loop, llvm::ScalarEvolution &scev) : loop_(loop), scev_(scev) {}

  bool run();

private:
  bool findCounter();
  bool collectAccesses();
  bool matchLanes();
  bool sameValue(llvm::Value *first, llvm::Value *other, unsigned lane);
  bool sameAccess(llvm::Instruction &first, llvm::Instruction &other, unsigned lane);
  void reroll();

  llvm::Loop &loop_;
  llvm::ScalarEvolution &scev_;
  llvm::BasicBlock *block_ = nullptr;
  std::vector<llvm::PHINode *> counters_;
  llvm::BranchInst *latchBranch_ = nullptr;
  std::vector<llvm::Instruction *> accesses_; // every load and store, in order
  unsigned lanes_ = 0;
  unsigned perLane_ = 0;
  // Lane 0's value for each instruction of a later lane already matched, per lane.
  std::vector<llvm::DenseMap<llvm::Value *, llvm::Value *>> matched_;
};

// A single-block loop whose phis are integers and whose instructions are used in the loop only,
// with a trip count computed before it.
bool Reroller::findCounter() {
  block_ = loop_.getHeader();
  if (loop_.getNumBlocks() != 1 || loop_.getLoopLatch() != block_ || !loop_.getLoopPreheader() ||
      !loop_.getExitBlock())
    return false;
  latchBranch_ = llvm::dyn_cast<llvm::BranchInst>(block_->getTerminator());
  if (!latchBranch_ || !latchBranch_->isConditional())
    return false;
  // Counters only (a lane's values must not depend on them: sameValue), such as the original
  // 32-bit counter beside LoopAddressWidening's 64-bit one.
  for (llvm::PHINode &phi : block_->phis()) {
    if (!phi.getType()->isIntegerTy())
      return false;
    counters_.push_back(&phi);
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

// `other`, in lane `lane`, computes what `first` computes in lane 0. Loads match by position
// (sameAccess checks their addresses); anything else must be the same operation of matching
// operands, or the same value defined outside the loop. A phi matches nothing: a lane's
// values must not depend on the iteration other than through its addresses.
bool Reroller::sameValue(llvm::Value *first, llvm::Value *other, unsigned lane) {
  auto *firstInstruction = llvm::dyn_cast<llvm::Instruction>(first);
  auto *otherInstruction = llvm::dyn_cast<llvm::Instruction>(other);
  const bool firstInside = firstInstruction && firstInstruction->getParent() == block_;
  const bool otherInside = otherInstruction && otherInstruction->getParent() == block_;
  if (!firstInside || !otherInside)
    return !firstInside && !otherInside && first == other;
  if (auto found = matched_[lane].find(other); found != matched_[lane].end())
    return found->second == first;
  if (llvm::isa<llvm::PHINode, llvm::LoadInst>(firstInstruction) ||
      firstInstruction->mayReadOrWriteMemory() || firstInstruction->mayHaveSideEffects() ||
      !firstInstruction->isSameOperationAs(otherInstruction) ||
      firstInstruction->getRawSubclassOptionalData() !=
          otherInstruction->getRawSubclassOptionalData() ||
      firstInstruction->getNumOperands() != otherInstruction->getNumOperands())
    return false;
  for (unsigned i = 0; i < firstInstruction->getNumOperands(); ++i)
    if (!sameValue(firstInstruction->getOperand(i), otherInstruction->getOperand(i), lane))
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

// The accesses, in their order, are `lanes_` runs of the same accesses one lane apart; the lane
// count is the first access's stride over its size.
bool Reroller::matchLanes() {
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
  if (lanes_ < kMinLanes)
    return false;
  perLane_ = unsigned(accesses_.size() / lanes_);
  matched_.assign(lanes_, llvm::DenseMap<llvm::Value *, llvm::Value *>());
  for (unsigned lane = 1; lane < lanes_; ++lane)
    for (unsigned i = 0; i < perLane_; ++i)
      if (!sameAccess(*accesses_[i], *accesses_[lane * perLane_ + i], lane))
        return false;
  return true;
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
  for (unsigned i = 0; i < perLane_; ++i) {
    llvm::Value *pointer = llvm::getLoadStorePointerOperand(accesses_[i]);
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
    llvm::Instruction &access = *accesses_[i];
    dead.push_back(llvm::getLoadStorePointerOperand(&access));
    builder.SetInsertPoint(&access);
    llvm::Value *offset = builder.CreateMul(count, builder.getInt64(uint64_t(steps[i])));
    llvm::Value *pointer = builder.CreateGEP(builder.getInt8Ty(), starts[i], offset);
    // Lane 0's access now makes every lane's: what it claims must hold for all of them.
    llvm::Align align = llvm::getLoadStoreAlignment(&access);
    for (unsigned lane = 1; lane < lanes_; ++lane) {
      llvm::Instruction *other = accesses_[lane * perLane_ + i];
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

  for (unsigned i = perLane_; i < accesses_.size(); ++i) {
    for (llvm::Value *operand : accesses_[i]->operands())
      dead.push_back(operand);
    // A later lane's load feeds only that lane's own values, deleted with its stores.
    accesses_[i]->replaceAllUsesWith(llvm::PoisonValue::get(accesses_[i]->getType()));
    accesses_[i]->eraseFromParent();
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
    if (loop->isInnermost() && Reroller(*loop, scev).run()) {
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
