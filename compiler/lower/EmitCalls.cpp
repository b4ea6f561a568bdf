// Calls: direct calls to defined functions, calls to imports (through the instance's funcref
// array, or straight to the WASI shim in executables), call_indirect with its checks, call_ref,
// their tail-call forms (return_call*), and the stack-limit check in the prologue of every
// function that calls.
#include "lower/CallingConventions.h"
#include "lower/FunctionLowering.h"

#include <llvm/IR/InlineAsm.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/TargetParser/Triple.h>

namespace wasmc::lower {

llvm::Value *FunctionLowering::indirectCallee(uint32_t typeIndex, uint32_t tableIndex,
                                              llvm::Value *index) {
  llvm::Value *table = env_.tableObject(b_, ctx_, tableIndex);
  // `index` is an i64 for a table64.
  trapIf(b_.CreateICmpUGE(index,
                          b_.CreateZExt(env_.tableSize(b_, table, tableIndex), index->getType())),
         WASMC_TRAP_UNDEFINED_ELEMENT);
  llvm::Value *elements = env_.tableElements(b_, table, tableIndex);
  llvm::Value *funcref = env_.tableElement(
      b_, b_.CreateInBoundsGEP(env_.ptr(), elements, b_.CreateZExt(index, env_.i64())),
      tableIndex);
  trapIf(b_.CreateIsNull(funcref), WASMC_TRAP_UNINITIALIZED_ELEMENT);
  // A funcref never changes once created, so its type id is invariant.
  auto *typeId = b_.CreateAlignedLoad(
      env_.i32(), b_.CreateConstInBoundsGEP1_64(env_.i8(), funcref, WASMC_FUNCREF_TYPE_ID),
      llvm::Align(8));
  env_.markInvariant(typeId);
  trapIf(b_.CreateICmpNE(typeId, env_.typeId(b_, ctx_, typeIndex)),
         WASMC_TRAP_INDIRECT_CALL_TYPE_MISMATCH);
  return funcref;
}

void FunctionLowering::finishCall(const ModuleEnv::Call &call, bool tail) {
  // A tail call leaves the function, and its try blocks: it stays a call.
  if (!call.isTail && currentHandler() >= 0) {
    llvm::Value *invoke = unwindToHandler(call.instruction);
    ModuleEnv::Call converted = call;
    for (llvm::Value *&result : converted.results)
      if (result == call.instruction)
        result = invoke;
    converted.instruction = nullptr; // erased
    pushValues(converted.results);
    if (tail)
      emitReturn();
    return;
  }
  if (!tail) {
    pushValues(call.results);
    return;
  }
  if (call.isTail) {
    // The callee's results are the caller's: its one result returned, or none (several went
    // through the caller's own results pointer).
    if (type_.results.size() == 1)
      b_.CreateRet(call.instruction);
    else
      b_.CreateRetVoid();
    enterUnreachable();
    return;
  }
  // A call that cannot be a tail call (a WASI function in the C convention): return its results.
  pushValues(call.results);
  emitReturn();
}

bool FunctionLowering::emitCalls(const Instruction &instruction) {
  using CallKind = ModuleEnv::CallKind;
  const bool tail = instruction.op == Opcode::ReturnCall ||
                    instruction.op == Opcode::ReturnCallIndirect ||
                    instruction.op == Opcode::ReturnCallRef;
  const CallKind kind = tail ? CallKind::Tail : CallKind::Normal;
  llvm::Value *ownResults =
      returnsThroughPointer(type_) ? function_->getArg(1) : nullptr;
  switch (instruction.op) {
  case Opcode::Call:
  case Opcode::ReturnCall: {
    const binary::FuncType &type = wasm_.functionType(instruction.index);
    std::vector<llvm::Value *> args = popValues(type.params.size());
    hasCalls_ = true;
    finishCall(env_.emitCall(b_, ctx_, instruction.index, args, kind, ownResults), tail);
    return true;
  }
  case Opcode::CallIndirect:
  case Opcode::ReturnCallIndirect: {
    const binary::FuncType &type = wasm_.types[instruction.index];
    llvm::Value *index = pop();
    std::vector<llvm::Value *> args = popValues(type.params.size());
    hasCalls_ = true;
    llvm::Value *funcref = indirectCallee(instruction.index, instruction.index2, index);
    finishCall(env_.emitFuncrefCall(b_, funcref, type, args, kind, ownResults), tail);
    return true;
  }
  case Opcode::CallRef:
  case Opcode::ReturnCallRef: {
    const binary::FuncType &type = wasm_.types[instruction.index];
    llvm::Value *funcref = pop();
    std::vector<llvm::Value *> args = popValues(type.params.size());
    hasCalls_ = true;
    // The type is the reference's static type: only null needs a check.
    trapIf(b_.CreateIsNull(funcref), WASMC_TRAP_NULL_FUNCTION_REFERENCE);
    finishCall(env_.emitFuncrefCall(b_, funcref, type, args, kind, ownResults), tail);
    return true;
  }
  default:
    return false;
  }
}

// In the entry block: trap with "call stack exhausted" when the stack pointer is below the
// thread's limit. Functions that make no calls skip it: the limit leaves them room.
void FunctionLowering::emitStackCheck() {
  llvm::BasicBlock *body = entry_->splitBasicBlock(entry_->getFirstNonPHIOrDbgOrAlloca(), "body");
  entry_->getTerminator()->eraseFromParent();
  b_.SetInsertPoint(entry_);
  const llvm::Triple triple(env_.module().getTargetTriple());
  const char *spName = triple.isX86() ? "rsp" : "sp";
  llvm::MDNode *registerName =
      llvm::MDNode::get(env_.context(), {llvm::MDString::get(env_.context(), spName)});
  llvm::Value *sp = callIntrinsic(llvm::Intrinsic::read_register, {env_.i64()},
                                  {llvm::MetadataAsValue::get(env_.context(), registerName)});
  llvm::Value *limitAddress =
      callIntrinsic(llvm::Intrinsic::threadlocal_address, {env_.ptr()}, {env_.stackLimit()});
  llvm::Value *limit = b_.CreateAlignedLoad(env_.i64(), limitAddress, llvm::Align(8));
  llvm::MDBuilder md(env_.context());
  b_.CreateCondBr(b_.CreateICmpULT(sp, limit), trapBlock(WASMC_TRAP_CALL_STACK_EXHAUSTED), body,
                  md.createUnlikelyBranchWeights());
}

} // namespace wasmc::lower
