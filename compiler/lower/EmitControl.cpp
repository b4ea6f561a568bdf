// Structured control flow: block, loop, if/else, branches, br_table, br_on_null and
// br_on_non_null, return, unreachable. Leaving a legacy catch block, by its end or a branch,
// releases its exception (EmitExceptions.cpp).
//
// Each frame has an `end` block whose phis receive the frame's results from every branch to it;
// a loop also has a header whose phis receive its params. Code after an unconditional branch is
// unreachable: it is skipped (only nesting is tracked) until the end or else of its frame.
#include "lower/FunctionLowering.h"

#include <llvm/IR/MDBuilder.h>

#include <algorithm>

#include <map>

namespace wasmc::lower {

void FunctionLowering::blockSignature(const binary::BlockType &type, std::vector<ValType> &params,
                                      std::vector<ValType> &results) const {
  params.clear();
  results.clear();
  switch (type.kind) {
  case binary::BlockType::Kind::Empty:
    break;
  case binary::BlockType::Kind::Value:
    results.push_back(type.value);
    break;
  case binary::BlockType::Kind::TypeIndex:
    params = wasm_.types[type.typeIndex].params;
    results = wasm_.types[type.typeIndex].results;
    break;
  }
}

FunctionLowering::ControlFrame &FunctionLowering::pushFrame(ControlFrame::Kind kind,
                                                          const binary::BlockType &type) {
  ControlFrame frame;
  frame.kind = kind;
  frame.handler = control_.back().handler;
  blockSignature(type, frame.params, frame.results);
  frame.height = stack_.size() - frame.params.size();
  frame.end = newBlock(kind == ControlFrame::Kind::Loop ? "loop.end" : "block.end");
  for (ValType result : frame.results)
    frame.endPhis.push_back(makePhi(frame.end, result));
  control_.push_back(std::move(frame));
  return control_.back();
}

llvm::BasicBlock *FunctionLowering::branchTarget(ControlFrame &target) {
  return target.kind == ControlFrame::Kind::Loop ? target.loopHeader : target.end;
}

void FunctionLowering::addIncoming(const std::vector<llvm::PHINode *> &phis,
                                   llvm::BasicBlock *from) {
  std::vector<llvm::Value *> values = topValues(phis.size());
  for (size_t i = 0; i < phis.size(); ++i)
    phis[i]->addIncoming(values[i], from);
}

void FunctionLowering::addBranchArguments(ControlFrame &target, llvm::BasicBlock *from) {
  addIncoming(target.kind == ControlFrame::Kind::Loop ? target.headerPhis : target.endPhis, from);
}

void FunctionLowering::enterUnreachable() {
  unreachable_ = true;
  skippedDepth_ = 0;
  stack_.resize(control_.back().height);
}

bool FunctionLowering::skipUnreachable(const Instruction &instruction) {
  switch (instruction.op) {
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If:
  case Opcode::Try:
  case Opcode::TryTable:
    ++skippedDepth_;
    return true;
  case Opcode::End:
  case Opcode::Delegate:
    if (skippedDepth_ == 0)
      return false;
    --skippedDepth_;
    return true;
  case Opcode::Else:
  case Opcode::Catch:
  case Opcode::CatchAll:
    return skippedDepth_ != 0;
  default:
    return true;
  }
}

void FunctionLowering::startElse() {
  ControlFrame &frame = control_.back();
  b_.SetInsertPoint(frame.elseBlock);
  frame.elseBlock = nullptr;
  stack_.resize(frame.height);
  pushValues(frame.ifParams);
  unreachable_ = false;
  skippedDepth_ = 0;
}

void FunctionLowering::endFrame() {
  ControlFrame &frame = control_.back();
  if (!unreachable_) {
    releaseCaught(0, 0); // the end of a catch block
    addIncoming(frame.endPhis, b_.GetInsertBlock());
    b_.CreateBr(frame.end);
  }
  // A try's handler after the code falling out of its block: the handler may branch anywhere.
  if (frame.kind == ControlFrame::Kind::TryTable)
    emitTryTableDispatch(frame);
  else if (frame.kind == ControlFrame::Kind::Try)
    endTry(frame);
  if (frame.kind == ControlFrame::Kind::If && frame.elseBlock) {
    // No else: the false branch passes the params through (validation made them the results).
    startElse();
    addIncoming(frame.endPhis, b_.GetInsertBlock());
    b_.CreateBr(frame.end);
  }
  ControlFrame finished = std::move(control_.back());
  control_.pop_back();
  stack_.resize(finished.height);

  llvm::BasicBlock *end = finished.end;
  if (llvm::pred_empty(end)) {
    for (llvm::PHINode *phi : finished.endPhis)
      phi->eraseFromParent();
    end->eraseFromParent();
    if (!control_.empty())
      enterUnreachable();
    return;
  }
  end->moveAfter(&function_->back());
  b_.SetInsertPoint(end);
  unreachable_ = false;
  skippedDepth_ = 0;
  if (finished.kind != ControlFrame::Kind::Function) {
    for (llvm::PHINode *phi : finished.endPhis)
      push(phi);
    return;
  }
  // The function's end: return its results.
  if (finished.endPhis.empty()) {
    b_.CreateRetVoid();
  } else if (finished.endPhis.size() == 1) {
    b_.CreateRet(finished.endPhis[0]);
  } else {
    llvm::StructType *fields = env_.resultsType(type_);
    for (unsigned i = 0; i < finished.endPhis.size(); ++i)
      b_.CreateStore(finished.endPhis[i], b_.CreateStructGEP(fields, function_->getArg(1), i));
    b_.CreateRetVoid();
  }
}

bool FunctionLowering::emitControl(const Instruction &instruction) {
  switch (instruction.op) {
  case Opcode::Nop:
    return true;
  case Opcode::Unreachable:
    emitTrap(WASMC_TRAP_UNREACHABLE);
    return true;
  case Opcode::Block:
    pushFrame(ControlFrame::Kind::Block, instruction.blockType);
    return true;
  case Opcode::Loop: {
    ControlFrame &frame = pushFrame(ControlFrame::Kind::Loop, instruction.blockType);
    frame.loopHeader = newBlock("loop");
    for (ValType param : frame.params)
      frame.headerPhis.push_back(makePhi(frame.loopHeader, param));
    addBranchArguments(frame, b_.GetInsertBlock());
    b_.CreateBr(frame.loopHeader);
    b_.SetInsertPoint(frame.loopHeader);
    stack_.resize(frame.height);
    for (llvm::PHINode *phi : frame.headerPhis)
      push(phi);
    return true;
  }
  case Opcode::If: {
    llvm::Value *condition = b_.CreateICmpNE(pop(), b_.getInt32(0));
    ControlFrame &frame = pushFrame(ControlFrame::Kind::If, instruction.blockType);
    frame.ifParams = topValues(frame.params.size());
    llvm::BasicBlock *thenBlock = newBlock("then");
    frame.elseBlock = newBlock("else");
    b_.CreateCondBr(condition, thenBlock, frame.elseBlock, branchHintWeights(instruction));
    b_.SetInsertPoint(thenBlock);
    return true;
  }
  case Opcode::Else: {
    ControlFrame &frame = control_.back();
    if (!unreachable_) {
      addIncoming(frame.endPhis, b_.GetInsertBlock());
      b_.CreateBr(frame.end);
    }
    startElse();
    return true;
  }
  case Opcode::End:
    endFrame();
    return true;
  case Opcode::Br: {
    ControlFrame &target = frameAt(instruction.index);
    releaseCaught(0, instruction.index);
    addBranchArguments(target, b_.GetInsertBlock());
    b_.CreateBr(branchTarget(target));
    enterUnreachable();
    return true;
  }
  case Opcode::BrIf: {
    llvm::Value *condition = b_.CreateICmpNE(pop(), b_.getInt32(0));
    ControlFrame &target = frameAt(instruction.index);
    llvm::BasicBlock *leave = catchLeavingBlock(instruction.index);
    if (!leave)
      addBranchArguments(target, b_.GetInsertBlock());
    llvm::BasicBlock *next = newBlock("br_if.else");
    b_.CreateCondBr(condition, leave ? leave : branchTarget(target), next,
                    branchHintWeights(instruction));
    b_.SetInsertPoint(next);
    return true;
  }
  case Opcode::BrTable: {
    llvm::Value *index = pop();
    const std::vector<uint32_t> &targets = *instruction.brTableTargets;
    // One block per distinct target, so each phi gets one incoming value per predecessor.
    std::map<uint32_t, llvm::BasicBlock *> trampolines;
    auto trampolineFor = [&](uint32_t depth) {
      llvm::BasicBlock *&block = trampolines[depth];
      if (!block)
        block = catchLeavingBlock(depth);
      if (!block) {
        block = newBlock("br_table.case");
        ControlFrame &target = frameAt(depth);
        addBranchArguments(target, block);
        llvm::BranchInst::Create(branchTarget(target), block);
      }
      return block;
    };
    llvm::SwitchInst *dispatch =
        b_.CreateSwitch(index, trampolineFor(targets.back()), unsigned(targets.size() - 1));
    for (size_t i = 0; i + 1 < targets.size(); ++i)
      dispatch->addCase(b_.getInt32(uint32_t(i)), trampolineFor(targets[i]));
    enterUnreachable();
    return true;
  }
  case Opcode::Return:
    releaseCaught(0, uint32_t(control_.size() - 1));
    emitReturn();
    return true;
  case Opcode::BrOnNull:
  case Opcode::BrOnNonNull:
    emitBranchOnNull(instruction);
    return true;
  default:
    return false;
  }
}

void FunctionLowering::emitReturn() {
  ControlFrame &function = control_.front();
  addBranchArguments(function, b_.GetInsertBlock());
  b_.CreateBr(function.end);
  enterUnreachable();
}

// br_on_null branches with the operands below the reference and goes on with the reference
// (non-null from then on); br_on_non_null branches with the reference too and goes on without it.
void FunctionLowering::emitBranchOnNull(const Instruction &instruction) {
  llvm::Value *reference = pop();
  llvm::Value *isNull = b_.CreateIsNull(reference);
  ControlFrame &target = frameAt(instruction.index);
  llvm::BasicBlock *next = newBlock(instruction.op == Opcode::BrOnNull ? "br_on_null.else"
                                                                     : "br_on_non_null.else");
  if (instruction.op == Opcode::BrOnNull) {
    llvm::BasicBlock *leave = catchLeavingBlock(instruction.index);
    if (!leave)
      addBranchArguments(target, b_.GetInsertBlock());
    b_.CreateCondBr(isNull, leave ? leave : branchTarget(target), next);
    b_.SetInsertPoint(next);
    push(reference);
    return;
  }
  push(reference);
  llvm::BasicBlock *leave = catchLeavingBlock(instruction.index);
  if (!leave)
    addBranchArguments(target, b_.GetInsertBlock());
  pop();
  b_.CreateCondBr(isNull, next, leave ? leave : branchTarget(target));
  b_.SetInsertPoint(next);
}

// A hint says whether the condition is likely non-zero: the `then` branch of an `if`, the
// branch of a `br_if` (as V8 and SpiderMonkey read it).
llvm::MDNode *FunctionLowering::branchHintWeights(const binary::Instruction &instruction) {
  auto hints = wasm_.branchHints.find(functionIndex_);
  if (hints == wasm_.branchHints.end())
    return nullptr;
  const binary::FunctionBody &body = wasm_.bodies[functionIndex_ - wasm_.numImportedFunctions];
  const uint64_t offset = instruction.offset - body.offset;
  auto hint = std::lower_bound(
      hints->second.begin(), hints->second.end(), offset,
      [](const binary::BranchHint &hint, uint64_t offset) { return hint.offset < offset; });
  if (hint == hints->second.end() || hint->offset != offset)
    return nullptr;
  llvm::MDBuilder builder(env_.context());
  return hint->likely ? builder.createLikelyBranchWeights() : builder.createUnlikelyBranchWeights();
}

} // namespace wasmc::lower
