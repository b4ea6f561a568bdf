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
  llvm::Value *funcref = env_.tableElement(
      b_, tableElementAddress(tableIndex, index, WASMC_TRAP_UNDEFINED_ELEMENT), tableIndex);
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

std::pair<llvm::Value *, llvm::Value *>
FunctionLowering::typedIndirectCallee(const ModuleEnv::TypedTable &typed, uint32_t typeIndex,
                                      uint32_t tableIndex, llvm::Value *index) {
  llvm::GlobalVariable *array = typed.array;
  const uint64_t size = llvm::cast<llvm::ArrayType>(array->getValueType())->getNumElements();
  llvm::BasicBlock *lookup = newBlock("call_indirect.typed");
  llvm::BasicBlock *checked = newBlock("call_indirect.checked");
  llvm::BasicBlock *call = newBlock("call_indirect.call");
  llvm::MDBuilder md(env_.context());
  llvm::Value *wide = b_.CreateZExt(index, env_.i64());
  b_.CreateCondBr(b_.CreateICmpULT(wide, b_.getInt64(size)), lookup, checked,
                  md.createLikelyBranchWeights());
  b_.SetInsertPoint(lookup);
  llvm::Value *code = b_.CreateAlignedLoad(
      env_.ptr(), b_.CreateInBoundsGEP(array->getValueType(), array, {b_.getInt64(0), wide}),
      llvm::Align(8));
  b_.CreateCondBr(b_.CreateIsNotNull(code), call, checked, md.createLikelyBranchWeights());
  // Past the table, or an element that is null, of another signature or an import: the checks
  // trap as they would have, or the call goes through the funcref.
  b_.SetInsertPoint(checked);
  llvm::Value *funcref = indirectCallee(typeIndex, tableIndex, index);
  if (typed.exact) {
    // Nothing outside the array passes the checks: the path leaves the loop it is in, so where
    // the callee is the same every iteration its bounds and null tests are unswitched and its
    // load hoisted out of the loop.
    b_.CreateBr(trapBlock(WASMC_TRAP_INDIRECT_CALL_TYPE_MISMATCH));
    b_.SetInsertPoint(call);
    return {code, ctx_};
  }
  auto [checkedCode, checkedCtx] = env_.funcrefCodeAndCtx(b_, funcref);
  llvm::BasicBlock *checkedEnd = b_.GetInsertBlock();
  b_.CreateBr(call);
  b_.SetInsertPoint(call);
  llvm::PHINode *codePhi = b_.CreatePHI(env_.ptr(), 2, "callee.code");
  codePhi->addIncoming(code, lookup);
  codePhi->addIncoming(checkedCode, checkedEnd);
  llvm::PHINode *ctxPhi = b_.CreatePHI(env_.ptr(), 2, "callee.ctx");
  ctxPhi->addIncoming(ctx_, lookup);
  ctxPhi->addIncoming(checkedCtx, checkedEnd);
  return {codePhi, ctxPhi};
}

void FunctionLowering::finishCall(const ModuleEnv::Call &call, bool tail) {
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
  // Inside a try region the call unwinds to the region's handler. (A tail call leaves the
  // function, and its try blocks: it stays a call. So does one made as an ordinary call, to a
  // WASI function, which raises no wasm exception: its catch blocks are released already.)
  std::vector<llvm::Value *> results = call.results;
  if (currentHandler() >= 0 && !tail) {
    llvm::Value *invoke = unwindToHandler(call.instruction);
    for (llvm::Value *&result : results)
      if (result == call.instruction)
        result = invoke;
  }
  pushValues(results);
  // return_call* of a function that cannot be tail-called (a WASI function in the C convention):
  // return its results.
  if (tail)
    emitReturn();
}

bool FunctionLowering::emitCalls(const Instruction &instruction) {
  bool tail;
  switch (instruction.op) {
  case Opcode::Call:
  case Opcode::CallIndirect:
  case Opcode::CallRef:
    tail = false;
    break;
  case Opcode::ReturnCall:
  case Opcode::ReturnCallIndirect:
  case Opcode::ReturnCallRef:
    tail = true;
    break;
  default:
    return false;
  }
  hasCalls_ = true;
  const ModuleEnv::CallKind kind = tail ? ModuleEnv::CallKind::Tail : ModuleEnv::CallKind::Normal;
  // A tail call passes the caller's results pointer on.
  llvm::Value *ownResults = tail && returnsThroughPointer(type_) ? function_->getArg(1) : nullptr;
  if (instruction.op == Opcode::Call || instruction.op == Opcode::ReturnCall) {
    const binary::FuncType &type = wasm_.functionType(instruction.index);
    std::vector<llvm::Value *> args = popValues(type.params.size());
    if (tail)
      releaseCaught(0, uint32_t(control_.size() - 1));
    finishCall(env_.emitCall(b_, ctx_, instruction.index, args, kind, ownResults), tail);
    return true;
  }
  // call_indirect and call_ref: through a funcref, a table's element or the operand.
  const binary::FuncType &type = wasm_.types[instruction.index];
  llvm::Value *operand = pop();
  std::vector<llvm::Value *> args = popValues(type.params.size());
  const bool indirect =
      instruction.op == Opcode::CallIndirect || instruction.op == Opcode::ReturnCallIndirect;
  if (indirect && env_.options().typedTables && !hugeFunction())
    if (const ModuleEnv::TypedTable typed = env_.typedTable(instruction.index2, instruction.index);
        typed.array) {
      auto [code, calleeCtx] =
          typedIndirectCallee(typed, instruction.index, instruction.index2, operand);
      if (tail)
        releaseCaught(0, uint32_t(control_.size() - 1));
      finishCall(env_.emitCodeCall(b_, code, calleeCtx, type, args, kind, ownResults), tail);
      return true;
    }
  llvm::Value *funcref = operand;
  if (indirect)
    funcref = indirectCallee(instruction.index, instruction.index2, operand);
  else // the type is the reference's static type: only null needs a check
    trapIf(b_.CreateIsNull(funcref), WASMC_TRAP_NULL_FUNCTION_REFERENCE);
  if (tail)
    releaseCaught(0, uint32_t(control_.size() - 1));
  finishCall(env_.emitFuncrefCall(b_, funcref, type, args, kind, ownResults), tail);
  return true;
}

llvm::CallInst *FunctionLowering::callHost(RuntimeFunction function,
                                           llvm::ArrayRef<llvm::Value *> args) {
  hasCalls_ = true;
  return env_.callRuntime(b_, function, args);
}

// In the entry block: trap with "call stack exhausted" when the stack pointer is below the
// thread's limit, by a fault (ModuleEnv::emitStackExhaustedFault). Small functions that make no
// calls skip it: their frame fits in the room the limit leaves, with the host code of a trap
// they raise; a large one's frame may not (a leaf with 50,000 locals entered the runtime for a
// trap or memory.grow near the end of the stack, and overflowed it in host code: a crash). The
// passes over lowered code recognise the check by lower::isStackCheck
// (codegen/StackChecks.cpp). Unoptimised code on x86-64 calls
// ModuleEnv::stackCheckFunction instead, which FastISel lowers (it lowers neither reading the
// stack pointer nor a thread-local address).
void FunctionLowering::emitStackCheck() {
  llvm::BasicBlock *body = entry_->splitBasicBlock(entry_->getFirstNonPHIOrDbgOrAlloca(), "body");
  entry_->getTerminator()->eraseFromParent();
  b_.SetInsertPoint(entry_);
  llvm::Value *exhausted;
  if (llvm::Function *check = env_.stackCheckFunction())
    exhausted = b_.CreateCall(check);
  else
    exhausted = env_.stackExhausted(b_);
  llvm::BasicBlock *fault = llvm::BasicBlock::Create(env_.context(), "stack_exhausted", function_);
  llvm::MDBuilder md(env_.context());
  b_.CreateCondBr(exhausted, fault, body, md.createUnlikelyBranchWeights());
  llvm::IRBuilder<> faultBuilder(fault);
  env_.emitStackExhaustedFault(faultBuilder);
}

} // namespace wasmc::lower
