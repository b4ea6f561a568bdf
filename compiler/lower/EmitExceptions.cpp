// Exception handling: try_table, throw, throw_ref (the standard encoding) and try, catch,
// catch_all, rethrow, delegate (the legacy one). See abi.h, "Exception handling".
//
// A try region opens a handler: a dispatch block that receives the exception and tests the
// region's catch clauses in order, comparing the exception's tag with the instance's tags. What
// reaches it: calls in the region, which become invokes unwinding to the handler's landing pad,
// and throws inside the function, which branch to it directly (no unwinding). An exception no
// clause matches goes on to the enclosing handler of the function, or is raised again to the
// caller. Code outside any try region keeps plain calls: it costs nothing while nothing throws.
//
// Exceptions are freed once no wasm value can refer to them (abi.h, "Exception handling"): a
// try_table clause without _ref drops its exception, one with _ref keeps it (an exnref), and a
// legacy catch block holds its exception until control leaves it: its end and branches out of
// it release it (EmitControl.cpp), and so does its handler, a catch-all around the catch blocks
// that passes every exception on.
#include "lower/FunctionLowering.h"

#include <llvm/IR/MDBuilder.h>
#include <llvm/Transforms/Utils/Local.h>

namespace wasmc::lower {

int FunctionLowering::newHandler() {
  Handler handler;
  handler.dispatch = newBlock("eh.dispatch");
  handler.exception = llvm::PHINode::Create(env_.ptr(), 2, "exception", handler.dispatch);
  handlers_.push_back(handler);
  return static_cast<int>(handlers_.size() - 1);
}

bool FunctionLowering::discardIfUnreachable(int index) {
  Handler &handler = handlers_[index];
  if (!llvm::pred_empty(handler.dispatch))
    return false;
  handler.exception->eraseFromParent();
  handler.dispatch->eraseFromParent();
  return true;
}

llvm::BasicBlock *FunctionLowering::landingPad(int index) {
  Handler &handler = handlers_[index];
  if (handler.landingPad)
    return handler.landingPad;
  if (!function_->hasPersonalityFn()) {
    llvm::FunctionCallee personality = env_.module().getOrInsertFunction(
        WASMC_RT_PERSONALITY, llvm::FunctionType::get(env_.i32(), true));
    function_->setPersonalityFn(llvm::cast<llvm::Constant>(personality.getCallee()));
  }
  handler.landingPad = newBlock("eh.landingpad");
  llvm::IRBuilder<> pad(handler.landingPad);
  // Every wasm exception stops here (the personality routine passes the wasmc_exception* as
  // the exception pointer); the dispatch chooses a clause.
  llvm::LandingPadInst *caught =
      pad.CreateLandingPad(llvm::StructType::get(env_.ptr(), env_.i32()), 1);
  caught->addClause(llvm::ConstantPointerNull::get(env_.ptr()));
  handler.exception->addIncoming(pad.CreateExtractValue(caught, 0), handler.landingPad);
  pad.CreateBr(handler.dispatch);
  return handler.landingPad;
}

llvm::InvokeInst *FunctionLowering::unwindToHandler(llvm::CallInst *call) {
  llvm::BasicBlock *callBlock = call->getParent();
  llvm::BasicBlock *normal =
      llvm::changeToInvokeAndSplitBasicBlock(call, landingPad(currentHandler()));
  b_.SetInsertPoint(normal);
  return llvm::cast<llvm::InvokeInst>(callBlock->getTerminator());
}

void FunctionLowering::raiseTo(int handler, llvm::Value *exception) {
  if (handler >= 0) {
    handlers_[handler].exception->addIncoming(exception, b_.GetInsertBlock());
    b_.CreateBr(handlers_[handler].dispatch);
    return;
  }
  callHost(RuntimeFunction::throw_exception, {exception});
  b_.CreateUnreachable();
}

llvm::Value *FunctionLowering::exceptionValueAddress(llvm::Value *exception, size_t i) {
  return b_.CreateConstInBoundsGEP1_64(env_.i8(), exception,
                                       WASMC_EXCEPTION_VALUES + i * sizeof(wasmc_val));
}

llvm::Value *FunctionLowering::exceptionTag(llvm::Value *exception) {
  return b_.CreateAlignedLoad(env_.ptr(),
                              b_.CreateConstInBoundsGEP1_64(env_.i8(), exception, WASMC_EXCEPTION_TAG),
                              llvm::Align(8));
}

std::vector<llvm::Value *> FunctionLowering::exceptionValues(llvm::Value *exception,
                                                             uint32_t tag) {
  const binary::FuncType &type = wasm_.tagType(tag);
  std::vector<llvm::Value *> values;
  for (size_t i = 0; i < type.params.size(); ++i)
    values.push_back(b_.CreateAlignedLoad(env_.valueType(type.params[i]),
                                          exceptionValueAddress(exception, i), llvm::Align(8)));
  return values;
}

void FunctionLowering::branchWith(ControlFrame &target, const std::vector<llvm::Value *> &values) {
  const std::vector<llvm::PHINode *> &phis =
      target.kind == ControlFrame::Kind::Loop ? target.headerPhis : target.endPhis;
  for (size_t i = 0; i < phis.size(); ++i)
    phis[i]->addIncoming(values[i], b_.GetInsertBlock());
  b_.CreateBr(branchTarget(target));
}

std::vector<llvm::Value *> FunctionLowering::takeException(llvm::Value *exception,
                                                           std::vector<llvm::Value *> values,
                                                           bool asReference) {
  if (asReference) {
    callHost(RuntimeFunction::exception_keep, {exception});
    values.push_back(exception);
  } else {
    callHost(RuntimeFunction::exception_drop, {exception});
  }
  return values;
}

void FunctionLowering::releaseCaught(uint32_t from, uint32_t to, llvm::Value *raised) {
  for (uint32_t depth = from; depth <= to; ++depth) {
    const ControlFrame &frame = frameAt(depth);
    if (frame.inCatch && frame.caught)
      callHost(RuntimeFunction::exception_release,
               {frame.caught, raised ? raised : llvm::ConstantPointerNull::get(env_.ptr())});
  }
}

bool FunctionLowering::leavesCatch(uint32_t depth) {
  for (uint32_t i = 0; i <= depth; ++i)
    if (frameAt(i).inCatch && frameAt(i).caught)
      return true;
  return false;
}

llvm::BasicBlock *FunctionLowering::catchLeavingBlock(uint32_t depth) {
  if (!leavesCatch(depth))
    return nullptr;
  llvm::IRBuilderBase::InsertPointGuard guard(b_);
  llvm::BasicBlock *leave = newBlock("catch.leave");
  b_.SetInsertPoint(leave);
  releaseCaught(0, depth);
  ControlFrame &target = frameAt(depth);
  addBranchArguments(target, leave);
  b_.CreateBr(branchTarget(target));
  return leave;
}

void FunctionLowering::emitThrow(uint32_t tag) {
  const binary::FuncType &type = wasm_.tagType(tag);
  const std::vector<llvm::Value *> values = popValues(type.params.size());
  llvm::Value *exception =
      callHost(RuntimeFunction::exception_new,
               {env_.tag(b_, ctx_, tag), b_.getInt32(uint32_t(values.size()))});
  for (size_t i = 0; i < values.size(); ++i)
    b_.CreateAlignedStore(values[i], exceptionValueAddress(exception, i), llvm::Align(8));
  raiseTo(currentHandler(), exception);
  enterUnreachable();
}

// The handler of a try_table, at its end (its catch labels are outside it: depth + 1 from it).
void FunctionLowering::emitTryTableDispatch(ControlFrame &frame) {
  if (discardIfUnreachable(frame.ownHandler))
    return;
  const Handler &handler = handlers_[frame.ownHandler];
  llvm::Value *exception = handler.exception;
  b_.SetInsertPoint(handler.dispatch);
  llvm::Value *tag = nullptr;
  for (const binary::CatchClause &clause : frame.catches) {
    ControlFrame &target = frameAt(clause.label + 1);
    if (!clause.hasTag()) {
      branchWith(target, takeException(exception, {}, clause.passesRef()));
      return;
    }
    if (!tag)
      tag = exceptionTag(exception);
    llvm::BasicBlock *match = newBlock("catch");
    llvm::BasicBlock *next = newBlock("catch.next");
    b_.CreateCondBr(b_.CreateICmpEQ(tag, env_.tag(b_, ctx_, clause.tag)), match, next);
    b_.SetInsertPoint(match);
    branchWith(target, takeException(exception, exceptionValues(exception, clause.tag),
                                     clause.passesRef()));
    b_.SetInsertPoint(next);
  }
  raiseTo(frameAt(1).handler, exception);
}

// catch and catch_all of the legacy encoding: the end of the previous block (the try's body or
// the previous catch), then the next tag test of the handler.
void FunctionLowering::startCatch(const Instruction &instruction) {
  ControlFrame &frame = control_.back();
  if (!unreachable_) {
    releaseCaught(0, 0); // the end of the previous catch block
    addIncoming(frame.endPhis, b_.GetInsertBlock());
    b_.CreateBr(frame.end);
  }
  if (!frame.inCatch) {
    frame.inCatch = true;
    // A catch block's exceptions go to the handlers around the try.
    frame.handler = frameAt(1).handler;
    if (discardIfUnreachable(frame.ownHandler)) {
      // Nothing in the body can throw: the catch blocks are unreachable.
      frame.ownHandler = -1;
    } else {
      frame.caught = handlers_[frame.ownHandler].exception;
      frame.nextCatchTest = handlers_[frame.ownHandler].dispatch;
      // ... through the catch blocks' own handler, which releases `caught`.
      frame.catchHandler = frame.handler = newHandler();
    }
  }
  stack_.resize(frame.height);
  skippedDepth_ = 0;
  if (!frame.nextCatchTest) {
    unreachable_ = true;
    return;
  }
  unreachable_ = false;
  b_.SetInsertPoint(frame.nextCatchTest);
  if (instruction.op == Opcode::CatchAll) {
    frame.nextCatchTest = nullptr;
    callHost(RuntimeFunction::exception_hold, {frame.caught});
    return;
  }
  llvm::BasicBlock *match = newBlock("catch");
  llvm::BasicBlock *next = newBlock("catch.next");
  b_.CreateCondBr(
      b_.CreateICmpEQ(exceptionTag(frame.caught), env_.tag(b_, ctx_, instruction.index)), match,
      next);
  frame.nextCatchTest = next;
  b_.SetInsertPoint(match);
  pushValues(exceptionValues(frame.caught, instruction.index));
  callHost(RuntimeFunction::exception_hold, {frame.caught});
}

// The end of a legacy try: an exception no catch took goes on to the enclosing handler.
void FunctionLowering::endTry(ControlFrame &frame) {
  const int outer = frameAt(1).handler;
  if (frame.inCatch) {
    if (frame.nextCatchTest) {
      b_.SetInsertPoint(frame.nextCatchTest);
      raiseTo(outer, frame.caught);
    }
    if (frame.catchHandler >= 0 && !discardIfUnreachable(frame.catchHandler)) {
      llvm::Value *raised = handlers_[frame.catchHandler].exception;
      b_.SetInsertPoint(handlers_[frame.catchHandler].dispatch);
      releaseCaught(0, 0, raised);
      raiseTo(outer, raised);
    }
    return;
  }
  if (frame.ownHandler < 0 || discardIfUnreachable(frame.ownHandler))
    return; // delegated, or nothing in the body can throw
  b_.SetInsertPoint(handlers_[frame.ownHandler].dispatch);
  raiseTo(outer, handlers_[frame.ownHandler].exception);
}

// delegate L: the try's exceptions go to the handler in effect inside frame L (counted from
// outside the try), as if thrown there.
void FunctionLowering::emitDelegate(uint32_t depth) {
  ControlFrame &frame = control_.back();
  if (!unreachable_) {
    addIncoming(frame.endPhis, b_.GetInsertBlock());
    b_.CreateBr(frame.end);
    unreachable_ = true;
  }
  if (!discardIfUnreachable(frame.ownHandler)) {
    llvm::Value *exception = handlers_[frame.ownHandler].exception;
    b_.SetInsertPoint(handlers_[frame.ownHandler].dispatch);
    if (depth > 0) // the catch blocks between the try and frame `depth`'s handler are left
      releaseCaught(1, depth, exception);
    raiseTo(frameAt(depth + 1).handler, exception);
  }
  frame.ownHandler = -1;
  endFrame();
}

bool FunctionLowering::emitExceptions(const Instruction &instruction) {
  switch (instruction.op) {
  case Opcode::Try:
  case Opcode::TryTable: {
    const bool table = instruction.op == Opcode::TryTable;
    const int handler = newHandler();
    ControlFrame &frame = pushFrame(table ? ControlFrame::Kind::TryTable : ControlFrame::Kind::Try,
                                    instruction.blockType);
    frame.ownHandler = frame.handler = handler;
    if (table)
      frame.catches = *instruction.catches;
    return true;
  }
  case Opcode::Catch:
  case Opcode::CatchAll:
    startCatch(instruction);
    return true;
  case Opcode::Delegate:
    emitDelegate(instruction.index);
    return true;
  case Opcode::Throw:
    emitThrow(instruction.index);
    return true;
  case Opcode::ThrowRef: {
    llvm::Value *exception = pop();
    trapIf(b_.CreateIsNull(exception), WASMC_TRAP_NULL_EXCEPTION_REFERENCE);
    raiseTo(currentHandler(), exception);
    enterUnreachable();
    return true;
  }
  case Opcode::Rethrow:
    raiseTo(currentHandler(), frameAt(instruction.index).caught);
    enterUnreachable();
    return true;
  default:
    return false;
  }
}

} // namespace wasmc::lower
