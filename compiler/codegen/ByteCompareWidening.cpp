#include "codegen/WasmPasses.h"

#include "lower/ModuleEnv.h"
#include "lower/TrapWitness.h"

#include <llvm/Analysis/AssumptionCache.h>
#include <llvm/Analysis/LoopInfo.h>
#include <llvm/Analysis/ScalarEvolution.h>
#include <llvm/Analysis/ScalarEvolutionExpressions.h>
#include <llvm/Analysis/TargetLibraryInfo.h>
#include <llvm/Analysis/ValueTracking.h>
#include <llvm/IR/Dominators.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Instructions.h>
#include <llvm/Transforms/Utils/BasicBlockUtils.h>
#include <llvm/Transforms/Utils/LoopSimplify.h>
#include <llvm/Transforms/Utils/LoopUtils.h>
#include <llvm/Transforms/Utils/ScalarEvolutionExpander.h>

#include <map>
#include <optional>
#include <vector>

namespace wasmc::codegen {

namespace {

constexpr uint64_t kWordBytes = 8;
// Marks a byte loop already given its wide loop (the pass may see it again after inlining).
constexpr const char *kWidenedMarker = "wasmc.bytewise.widened";
constexpr unsigned kMaxLoopsPerFunction = 16;

// One side of the comparison: byte j of the loop is at memory + first + j.
struct ByteStream {
  llvm::LoadInst *load = nullptr;
  const llvm::SCEV *first = nullptr; // i64
};

struct ByteCompareLoop {
  llvm::Loop *loop = nullptr;
  llvm::BasicBlock *header = nullptr, *latch = nullptr;
  llvm::BasicBlock *mismatchExit = nullptr, *endExit = nullptr;
  llvm::Value *memory = nullptr;
  ByteStream left, right;
  const llvm::SCEV *iterations = nullptr; // i64: how many bytes the loop compares at most
};

// A byte load at memory + first + j in iteration j, with no 32-bit wrap as long as the bytes
// stay below 4 GiB.
std::optional<ByteStream> matchByteStream(llvm::Value *value, const ByteCompareLoop &shape,
                                          llvm::ScalarEvolution &scev) {
  auto *load = llvm::dyn_cast<llvm::LoadInst>(value);
  if (!load || !load->isSimple() || !load->getType()->isIntegerTy(8) ||
      !shape.loop->contains(load))
    return std::nullopt;
  const llvm::SCEV *offset =
      scev.getMinusSCEV(scev.getSCEV(load->getPointerOperand()), scev.getSCEV(shape.memory));
  if (llvm::isa<llvm::SCEVCouldNotCompute>(offset))
    return std::nullopt;
  const llvm::SCEV *constant = scev.getZero(offset->getType());
  if (auto *sum = llvm::dyn_cast<llvm::SCEVAddExpr>(offset);
      sum && sum->getNumOperands() == 2 && llvm::isa<llvm::SCEVConstant>(sum->getOperand(0))) {
    constant = sum->getOperand(0);
    offset = sum->getOperand(1);
  }
  if (llvm::cast<llvm::SCEVConstant>(constant)->getAPInt().isNegative())
    return std::nullopt;
  const llvm::SCEV *index = offset;
  if (auto *zext = llvm::dyn_cast<llvm::SCEVZeroExtendExpr>(offset))
    index = zext->getOperand();
  auto *recurrence = llvm::dyn_cast<llvm::SCEVAddRecExpr>(index);
  if (!recurrence || recurrence->getLoop() != shape.loop || !recurrence->isAffine() ||
      !recurrence->getStepRecurrence(scev)->isOne())
    return std::nullopt;
  const llvm::SCEV *start = scev.getZeroExtendExpr(recurrence->getStart(), offset->getType());
  return ByteStream{load, scev.getAddExpr(constant, start)};
}

std::optional<ByteCompareLoop> matchByteCompareLoop(llvm::Loop &loop, llvm::Function &function,
                                                    llvm::ScalarEvolution &scev) {
  ByteCompareLoop shape;
  shape.loop = &loop;
  shape.header = loop.getHeader();
  shape.latch = loop.getLoopLatch();
  if (!loop.isLoopSimplifyForm() || shape.latch == shape.header ||
      llvm::findStringMetadataForLoop(&loop, kWidenedMarker))
    return std::nullopt;
  llvm::SmallVector<llvm::BasicBlock *, 4> exiting;
  loop.getExitingBlocks(exiting);
  if (exiting.size() != 2 || !llvm::is_contained(exiting, shape.header) ||
      !llvm::is_contained(exiting, shape.latch))
    return std::nullopt;

  // The header compares two bytes and leaves the loop when they differ.
  auto *headerBranch = llvm::dyn_cast<llvm::BranchInst>(shape.header->getTerminator());
  if (!headerBranch || !headerBranch->isConditional())
    return std::nullopt;
  auto *compare = llvm::dyn_cast<llvm::ICmpInst>(headerBranch->getCondition());
  if (!compare || !compare->isEquality())
    return std::nullopt;
  const unsigned unequalSuccessor = compare->getPredicate() == llvm::ICmpInst::ICMP_EQ ? 1 : 0;
  shape.mismatchExit = headerBranch->getSuccessor(unequalSuccessor);
  if (loop.contains(shape.mismatchExit) ||
      !loop.contains(headerBranch->getSuccessor(1 - unequalSuccessor)))
    return std::nullopt;
  auto *latchBranch = llvm::dyn_cast<llvm::BranchInst>(shape.latch->getTerminator());
  if (!latchBranch || !latchBranch->isConditional())
    return std::nullopt;
  shape.endExit = latchBranch->getSuccessor(loop.contains(latchBranch->getSuccessor(0)) ? 1 : 0);
  if (shape.endExit == shape.mismatchExit || loop.contains(shape.endExit))
    return std::nullopt;

  // Nothing else in the loop reads or writes memory or has effects, so skipping iterations
  // that compare equal changes nothing but the values the loop leaves with.
  for (llvm::BasicBlock *block : loop.blocks())
    for (llvm::Instruction &instruction : *block)
      if ((instruction.mayHaveSideEffects() || instruction.mayReadFromMemory()) &&
          &instruction != compare->getOperand(0) && &instruction != compare->getOperand(1) &&
          !lower::isTrapWitness(instruction))
        return std::nullopt;

  auto *leftLoad = llvm::dyn_cast<llvm::LoadInst>(compare->getOperand(0));
  if (!leftLoad)
    return std::nullopt;
  // Find the memory base through the address: gep(memory, ...) possibly nested.
  const llvm::Value *base = llvm::getUnderlyingObject(leftLoad->getPointerOperand());
  if (!lower::isMemoryZeroBase(base, function))
    return std::nullopt;
  shape.memory = const_cast<llvm::Value *>(base);
  std::optional<ByteStream> left = matchByteStream(compare->getOperand(0), shape, scev);
  std::optional<ByteStream> right = matchByteStream(compare->getOperand(1), shape, scev);
  if (!left || !right)
    return std::nullopt;
  shape.left = *left;
  shape.right = *right;

  const llvm::SCEV *backedges = scev.getExitCount(&loop, shape.latch);
  if (llvm::isa<llvm::SCEVCouldNotCompute>(backedges) ||
      !backedges->getType()->isIntegerTy() || backedges->getType()->getIntegerBitWidth() > 32)
    return std::nullopt;
  llvm::Type *i64 = llvm::Type::getInt64Ty(function.getContext());
  shape.iterations = scev.getAddExpr(scev.getZeroExtendExpr(backedges, i64), scev.getOne(i64));
  return shape;
}

// How a value the loop leaves with is recomputed for a given iteration.
struct ExitValue {
  llvm::PHINode *phi;
  llvm::Value *invariant = nullptr;         // the same in every iteration
  const llvm::SCEVAddRecExpr *recurrence = nullptr; // start + step * iteration
  int byteOfSide = -1;                       // 0: the left byte, 1: the right byte
};

bool classifyExitValues(llvm::BasicBlock *exit, llvm::BasicBlock *from,
                        const ByteCompareLoop &shape, llvm::ScalarEvolution &scev,
                        bool bytesAllowed, std::vector<ExitValue> &values) {
  for (llvm::PHINode &phi : exit->phis()) {
    if (phi.getNumIncomingValues() != 1)
      return false;
    llvm::Value *incoming = phi.getIncomingValueForBlock(from);
    ExitValue value{&phi};
    if (shape.loop->isLoopInvariant(incoming)) {
      value.invariant = incoming;
    } else if (bytesAllowed && (incoming == shape.left.load || incoming == shape.right.load)) {
      value.byteOfSide = incoming == shape.left.load ? 0 : 1;
    } else {
      if (!incoming->getType()->isIntegerTy() || !scev.isSCEVable(incoming->getType()))
        return false;
      auto *recurrence = llvm::dyn_cast<llvm::SCEVAddRecExpr>(scev.getSCEV(incoming));
      if (!recurrence || recurrence->getLoop() != shape.loop || !recurrence->isAffine())
        return false;
      value.recurrence = recurrence;
    }
    values.push_back(value);
  }
  return true;
}

// Start and step of a recurrence, expanded where both are available to every new block.
struct ExpandedRecurrence {
  llvm::Value *start, *step;
};

class WideLoopBuilder {
public:
  WideLoopBuilder(ByteCompareLoop &shape, llvm::ScalarEvolution &scev, llvm::Function &function,
                  bool shortWords)
      : shape_(shape), function_(function),
        expander_(scev, function.getDataLayout(), "wasm.bytes"),
        check_(shape.loop->getLoopPreheader()), shortWords_(shortWords) {}

  void build(std::vector<ExitValue> &mismatchValues, std::vector<ExitValue> &endValues,
             std::vector<ExitValue> &headerValues);

private:
  llvm::Value *expand(const llvm::SCEV *value) {
    return expander_.expandCodeFor(value, value->getType(), check_->getTerminator());
  }
  llvm::Value *atIteration(const ExitValue &value, llvm::Value *iteration, llvm::IRBuilder<> &b,
                           llvm::Value *leftByte = nullptr, llvm::Value *rightByte = nullptr);

  ByteCompareLoop &shape_;
  llvm::Function &function_;
  llvm::SCEVExpander expander_;
  llvm::BasicBlock *check_;
  bool shortWords_;
  std::map<const llvm::SCEVAddRecExpr *, ExpandedRecurrence> expanded_;
};

llvm::Value *WideLoopBuilder::atIteration(const ExitValue &value, llvm::Value *iteration,
                                          llvm::IRBuilder<> &b, llvm::Value *leftByte,
                                          llvm::Value *rightByte) {
  if (value.invariant)
    return value.invariant;
  if (value.byteOfSide >= 0)
    return value.byteOfSide == 0 ? leftByte : rightByte;
  const ExpandedRecurrence &parts = expanded_.at(value.recurrence);
  llvm::Value *index = b.CreateZExtOrTrunc(iteration, parts.start->getType());
  return b.CreateAdd(parts.start, b.CreateMul(parts.step, index));
}

void WideLoopBuilder::build(std::vector<ExitValue> &mismatchValues,
                            std::vector<ExitValue> &endValues,
                            std::vector<ExitValue> &headerValues) {
  llvm::LLVMContext &context = function_.getContext();
  for (auto *values : {&mismatchValues, &endValues, &headerValues})
    for (const ExitValue &value : *values)
      if (value.recurrence && !expanded_.count(value.recurrence))
        expanded_[value.recurrence] = {expand(value.recurrence->getStart()),
                                       expand(value.recurrence->getStepRecurrence(
                                           *expander_.getSE()))};
  llvm::Value *iterations = expand(shape_.iterations);
  llvm::Value *leftFirst = expand(shape_.left.first);
  llvm::Value *rightFirst = expand(shape_.right.first);

  // The byte loop's own preheader, entered from the check or after the wide loop.
  llvm::BasicBlock *bytePreheader =
      llvm::SplitBlock(check_, check_->getTerminator(), static_cast<llvm::DominatorTree *>(nullptr),
                       nullptr, nullptr, "wasm.bytes.preheader");
  auto *wideBody = llvm::BasicBlock::Create(context, "wasm.words", &function_, bytePreheader);
  auto *wideNext = llvm::BasicBlock::Create(context, "wasm.words.next", &function_, bytePreheader);
  auto *wideMismatch =
      llvm::BasicBlock::Create(context, "wasm.words.mismatch", &function_, bytePreheader);
  auto *wideTail = llvm::BasicBlock::Create(context, "wasm.words.tail", &function_, bytePreheader);

  // Every byte the byte loop could read is in memory 0: its current size bounds both ranges
  // (and, being at most 4 GiB, rules out 32-bit wrap-around). With short words, a compare of
  // fewer than 8 bytes reads a whole word at each side, its extra bytes masked off: those must
  // be in memory 0 too. The check then covers 7 bytes more than the loop's (at least 8 as it
  // compares at least one): the 7 fold into the constant of the address sum, where an exact
  // `umax(n, 8)` costs two instructions a call (lz77's match loop); compares that end less
  // than 7 bytes before the end of memory run in the byte loop.
  llvm::IRBuilder<> b(check_->getTerminator());
  llvm::Value *size = lower::memoryZeroSizeBytes(b, function_.getArg(0));
  llvm::Value *span =
      shortWords_ ? b.CreateAdd(iterations, b.getInt64(kWordBytes - 1)) : iterations;
  // Both ranges end below the size when the later one does: one compare (qsort's comparator
  // checks on every call).
  llvm::Value *laterFirst = b.CreateBinaryIntrinsic(llvm::Intrinsic::umax, leftFirst, rightFirst);
  llvm::Value *inBounds = b.CreateICmpULE(b.CreateAdd(laterFirst, span), size);
  llvm::Value *isShort = b.CreateICmpULT(iterations, b.getInt64(kWordBytes));
  auto *wideShort =
      shortWords_ ? llvm::BasicBlock::Create(context, "wasm.words.short", &function_, wideBody)
                  : nullptr;
  if (shortWords_) {
    auto *wideEntry =
        llvm::BasicBlock::Create(context, "wasm.words.entry", &function_, wideShort);
    b.CreateCondBr(inBounds, wideEntry, bytePreheader);
    b.SetInsertPoint(wideEntry);
    b.CreateCondBr(isShort, wideShort, wideBody);
  } else {
    b.CreateCondBr(b.CreateAnd(b.CreateNot(isShort), inBounds), wideBody, bytePreheader);
  }
  check_->getTerminator()->eraseFromParent();
  llvm::BasicBlock *wideFrom = shortWords_ ? wideShort->getSinglePredecessor() : check_;

  auto loadWord = [&](const ByteStream &side, llvm::Value *first, llvm::Value *done) {
    llvm::Value *address = b.CreateGEP(b.getInt8Ty(), shape_.memory, b.CreateAdd(first, done));
    llvm::LoadInst *word = b.CreateAlignedLoad(b.getInt64Ty(), address, llvm::Align(1));
    word->copyMetadata(*side.load, {llvm::LLVMContext::MD_tbaa});
    return word;
  };
  b.SetInsertPoint(wideBody);
  llvm::PHINode *done = b.CreatePHI(b.getInt64Ty(), 2, "wasm.words.done");
  llvm::Value *leftWord = loadWord(shape_.left, leftFirst, done);
  llvm::Value *rightWord = loadWord(shape_.right, rightFirst, done);
  llvm::Value *wordDifference = b.CreateXor(leftWord, rightWord);
  b.CreateCondBr(b.CreateICmpEQ(leftWord, rightWord), wideNext, wideMismatch);

  // Fewer than 8 bytes: one word at each side, the bytes past the last compared masked off
  // (wasm memory is little-endian, as are the targets: byte j is bits 8j..8j+7).
  llvm::Value *shortDifference = nullptr, *shortLeft = nullptr, *shortRight = nullptr;
  if (shortWords_) {
    b.SetInsertPoint(wideShort);
    shortLeft = loadWord(shape_.left, leftFirst, b.getInt64(0));
    shortRight = loadWord(shape_.right, rightFirst, b.getInt64(0));
    llvm::Value *mask =
        b.CreateSub(b.CreateShl(b.getInt64(1), b.CreateShl(iterations, 3)), b.getInt64(1));
    shortDifference = b.CreateAnd(b.CreateXor(shortLeft, shortRight), mask);
    b.CreateCondBr(b.CreateICmpEQ(shortDifference, b.getInt64(0)), wideTail, wideMismatch);
  }

  b.SetInsertPoint(wideNext);
  llvm::Value *next = b.CreateAdd(done, b.getInt64(kWordBytes), "wasm.words.next");
  llvm::Value *nextDone = next;
  if (shortWords_) {
    // The bytes after the last whole word are compared in a word that overlaps the one before:
    // its first bytes compared equal, so its first difference is the first one after them.
    // (One loop with a minimum rather than a block of its own for that word: memcmp stays small
    // enough for the inliner, wordfreq's add_word.)
    nextDone = b.CreateBinaryIntrinsic(llvm::Intrinsic::umin, next,
                                       b.CreateSub(iterations, b.getInt64(kWordBytes)));
    b.CreateCondBr(b.CreateICmpEQ(next, iterations), wideTail, wideBody);
  } else {
    b.CreateCondBr(b.CreateICmpULE(b.CreateAdd(next, b.getInt64(kWordBytes)), iterations),
                   wideBody, wideTail);
  }
  done->addIncoming(b.getInt64(0), wideFrom);
  done->addIncoming(nextDone, wideNext);

  // The first differing byte is the lowest one: leave as the byte loop would have in that
  // iteration.
  b.SetInsertPoint(wideMismatch);
  llvm::Value *mismatchLeft = leftWord, *mismatchRight = rightWord;
  llvm::Value *difference = wordDifference, *mismatchDone = done;
  if (shortWords_) {
    auto merge = [&](llvm::Value *fromWords, llvm::Value *fromShort, const char *name) {
      llvm::PHINode *phi = b.CreatePHI(fromWords->getType(), 2, name);
      phi->addIncoming(fromWords, wideBody);
      phi->addIncoming(fromShort, wideShort);
      return phi;
    };
    mismatchLeft = merge(leftWord, shortLeft, "wasm.words.left");
    mismatchRight = merge(rightWord, shortRight, "wasm.words.right");
    difference = merge(wordDifference, shortDifference, "wasm.words.difference");
    mismatchDone = merge(done, b.getInt64(0), "wasm.words.at");
  }
  llvm::Value *bitIndex = b.CreateBinaryIntrinsic(llvm::Intrinsic::cttz, difference, b.getTrue());
  llvm::Value *byteShift = b.CreateAnd(bitIndex, b.getInt64(~uint64_t(7)));
  llvm::Value *iteration = b.CreateAdd(mismatchDone, b.CreateLShr(bitIndex, 3));
  llvm::Value *leftByte = b.CreateTrunc(b.CreateLShr(mismatchLeft, byteShift), b.getInt8Ty());
  llvm::Value *rightByte = b.CreateTrunc(b.CreateLShr(mismatchRight, byteShift), b.getInt8Ty());
  std::vector<llvm::Value *> mismatchIncoming;
  for (const ExitValue &value : mismatchValues)
    mismatchIncoming.push_back(atIteration(value, iteration, b, leftByte, rightByte));
  b.CreateBr(shape_.mismatchExit);
  for (size_t i = 0; i < mismatchValues.size(); ++i)
    mismatchValues[i].phi->addIncoming(mismatchIncoming[i], wideMismatch);

  // All words equal: either every byte was compared (the loop's normal end, in its last
  // iteration), or (without short words) the byte loop finishes the rest.
  b.SetInsertPoint(wideTail);
  llvm::Value *last = b.CreateSub(iterations, b.getInt64(1));
  std::vector<llvm::Value *> endIncoming;
  for (const ExitValue &value : endValues)
    endIncoming.push_back(atIteration(value, last, b));
  if (shortWords_) {
    b.CreateBr(shape_.endExit);
  } else {
    std::vector<llvm::Value *> resumeIncoming;
    for (const ExitValue &value : headerValues)
      resumeIncoming.push_back(atIteration(value, next, b));
    b.CreateCondBr(b.CreateICmpEQ(next, iterations), shape_.endExit, bytePreheader);
    b.SetInsertPoint(bytePreheader->getTerminator());
    for (size_t i = 0; i < headerValues.size(); ++i) {
      llvm::PHINode *header = headerValues[i].phi;
      llvm::Value *original = header->getIncomingValueForBlock(bytePreheader);
      llvm::PHINode *resume = llvm::PHINode::Create(header->getType(), 2, "wasm.bytes.resume",
                                                    bytePreheader->begin());
      resume->addIncoming(original, check_);
      resume->addIncoming(resumeIncoming[i], wideTail);
      header->setIncomingValueForBlock(bytePreheader, resume);
    }
  }
  for (size_t i = 0; i < endValues.size(); ++i)
    endValues[i].phi->addIncoming(endIncoming[i], wideTail);
}

bool widenLoop(llvm::Loop &loop, llvm::Function &function, llvm::DominatorTree &dominators,
               llvm::LoopInfo &loops, llvm::ScalarEvolution &scev,
               llvm::AssumptionCache &assumptions, bool shortWords, bool &changed) {
  changed |= llvm::simplifyLoop(&loop, &dominators, &loops, &scev, &assumptions, nullptr, false);
  changed |= llvm::formLCSSA(loop, dominators, &loops, &scev);
  std::optional<ByteCompareLoop> shape = matchByteCompareLoop(loop, function, scev);
  if (!shape)
    return false;
  std::vector<ExitValue> mismatchValues, endValues, headerValues;
  if (!classifyExitValues(shape->mismatchExit, shape->header, *shape, scev, true,
                          mismatchValues) ||
      !classifyExitValues(shape->endExit, shape->latch, *shape, scev, false, endValues))
    return false;
  for (llvm::PHINode &phi : shape->header->phis()) {
    if (!phi.getType()->isIntegerTy())
      return false;
    auto *recurrence = llvm::dyn_cast<llvm::SCEVAddRecExpr>(scev.getSCEV(&phi));
    if (!recurrence || recurrence->getLoop() != &loop || !recurrence->isAffine())
      return false;
    ExitValue value{&phi};
    value.recurrence = recurrence;
    headerValues.push_back(value);
  }
  llvm::addStringMetadataToLoop(&loop, kWidenedMarker);
  WideLoopBuilder(*shape, scev, function, shortWords).build(mismatchValues, endValues, headerValues);
  changed = true;
  return true;
}

bool mayHaveByteCompare(const llvm::Function &function) {
  for (const llvm::BasicBlock &block : function)
    for (const llvm::Instruction &instruction : block)
      if (const auto *compare = llvm::dyn_cast<llvm::ICmpInst>(&instruction))
        if (compare->isEquality() && compare->getOperand(0)->getType()->isIntegerTy(8) &&
            llvm::isa<llvm::LoadInst>(compare->getOperand(0)) &&
            llvm::isa<llvm::LoadInst>(compare->getOperand(1)))
          return true;
  return false;
}

} // namespace

llvm::PreservedAnalyses ByteCompareWideningPass::run(llvm::Function &function,
                                                     llvm::FunctionAnalysisManager &analyses) {
  if (!function.hasFnAttribute(lower::kWasmFunctionAttribute) || !mayHaveByteCompare(function))
    return llvm::PreservedAnalyses::all();
  auto &libraryInfo = analyses.getResult<llvm::TargetLibraryAnalysis>(function);
  auto &assumptions = analyses.getResult<llvm::AssumptionAnalysis>(function);
  bool changed = false;
  // Each widening adds blocks: analyses are rebuilt for the next loop.
  for (unsigned round = 0; round < kMaxLoopsPerFunction; ++round) {
    llvm::DominatorTree dominators(function);
    llvm::LoopInfo loops(dominators);
    llvm::ScalarEvolution scev(function, libraryInfo, assumptions, dominators, loops);
    bool widened = false;
    for (llvm::Loop *loop : loops.getLoopsInPreorder())
      if (loop->isInnermost() &&
          widenLoop(*loop, function, dominators, loops, scev, assumptions, shortWords_, changed)) {
        widened = true;
        break;
      }
    if (!widened)
      break;
  }
  return changed ? llvm::PreservedAnalyses::none() : llvm::PreservedAnalyses::all();
}

} // namespace wasmc::codegen
