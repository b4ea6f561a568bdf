// Locals, globals and the parametric operators (drop, select).
#include "lower/FunctionLowering.h"
#include "lower/TrapWitness.h"

namespace wasmc::lower {

bool FunctionLowering::emitVariables(const Instruction &instruction) {
  switch (instruction.op) {
  case Opcode::LocalGet: {
    llvm::AllocaInst *local = locals_[instruction.index];
    push(b_.CreateLoad(local->getAllocatedType(), local));
    return true;
  }
  case Opcode::LocalSet:
    b_.CreateStore(pop(), locals_[instruction.index]);
    return true;
  case Opcode::LocalTee:
    b_.CreateStore(stack_.back(), locals_[instruction.index]);
    return true;
  case Opcode::GlobalGet: {
    const binary::GlobalType &global = wasm_.globals[instruction.index];
    llvm::Value *address = env_.globalAddress(b_, ctx_, instruction.index);
    llvm::LoadInst *value =
        b_.CreateAlignedLoad(env_.valueType(global.type), address, llvm::Align(16));
    value->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaGlobal(instruction.index));
    if (!global.isMutable) // set once by the initialisation, before any function runs
      value->setMetadata(llvm::LLVMContext::MD_invariant_load,
                         llvm::MDNode::get(env_.context(), {}));
    push(value);
    return true;
  }
  case Opcode::GlobalSet: {
    llvm::Value *address = env_.globalAddress(b_, ctx_, instruction.index);
    llvm::StoreInst *store = b_.CreateAlignedStore(pop(), address, llvm::Align(16));
    store->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaGlobal(instruction.index));
    // A load from a fixed address after it in a loop could otherwise be hoisted out of the loop,
    // above this write, and fault before it (TrapWitness.h).
    if (env_.options().optimized)
      addTrapBarrier(b_, env_.triple());
    return true;
  }
  case Opcode::Drop: // a dropped load still traps: its trap witness keeps it (TrapWitness.h)
    pop();
    return true;
  case Opcode::Select:
  case Opcode::SelectT: {
    llvm::Value *condition = b_.CreateICmpNE(pop(), b_.getInt32(0));
    llvm::Value *ifFalse = pop();
    llvm::Value *ifTrue = pop();
    push(b_.CreateSelect(condition, ifTrue, ifFalse));
    return true;
  }
  default:
    return false;
  }
}

} // namespace wasmc::lower
