// Linear memory: loads and stores without bounds checks (the guard region of abi.h makes every
// access past the current size fault), memory.size/grow, and the bulk memory operations, which
// do check their ranges because they must trap before writing anything.
#include "lower/FunctionLowering.h"
#include "lower/TrapWitness.h"

namespace wasmc::lower {

llvm::Value *FunctionLowering::memoryBase() { return memoryBase_; }

llvm::Value *FunctionLowering::effectiveAddress(llvm::Value *address, uint64_t offset) {
  // Zero-extend: a sign extension would reach below the base, outside the sandbox.
  llvm::Value *index = b_.CreateZExt(address, env_.i64());
  if (offset != 0)
    index = b_.CreateAdd(index, b_.getInt64(offset), "", /*HasNUW=*/true, /*HasNSW=*/true);
  return b_.CreateGEP(env_.i8(), memoryBase(), index);
}

llvm::LoadInst *FunctionLowering::loadMemory(llvm::Type *type, llvm::Value *address,
                                             uint64_t offset) {
  llvm::LoadInst *load =
      b_.CreateAlignedLoad(type, effectiveAddress(address, offset), llvm::Align(1));
  load->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaMemory());
  // Without the optimiser, nothing but instruction selection deletes or narrows a load, and a
  // volatile one it never does (an inline asm witness would send it to the slow selector).
  if (env_.options().optimized)
    addTrapWitness(b_, load);
  else
    load->setVolatile(true);
  return load;
}

llvm::StoreInst *FunctionLowering::storeMemory(llvm::Value *value, llvm::Value *address,
                                               uint64_t offset) {
  llvm::StoreInst *store =
      b_.CreateAlignedStore(value, effectiveAddress(address, offset), llvm::Align(1));
  store->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaMemory());
  if (env_.options().optimized)
    addTrapBarrier(b_);
  return store;
}

void FunctionLowering::checkMemoryRange(llvm::Value *start32, llvm::Value *length32,
                                        llvm::Value *sizeBytes, wasmc_trap_code code) {
  llvm::Value *end = b_.CreateAdd(b_.CreateZExt(start32, env_.i64()),
                                  b_.CreateZExt(length32, env_.i64()));
  trapIf(b_.CreateICmpUGT(end, sizeBytes), code);
}

bool FunctionLowering::emitMemory(const Instruction &instruction) {
  const uint64_t offset = instruction.memArg.offset;
  auto load = [&](llvm::Type *memoryType, llvm::Type *resultType, bool isSigned) {
    llvm::Value *value = loadMemory(memoryType, pop(), offset);
    if (memoryType != resultType)
      value = isSigned ? b_.CreateSExt(value, resultType) : b_.CreateZExt(value, resultType);
    push(value);
  };
  auto store = [&](llvm::Type *memoryType) {
    llvm::Value *value = pop();
    llvm::Value *address = pop();
    if (value->getType() != memoryType)
      value = b_.CreateTrunc(value, memoryType);
    storeMemory(value, address, offset);
  };
  llvm::Type *i8 = env_.i8();
  llvm::Type *i16 = b_.getInt16Ty();
  llvm::Type *i32 = env_.i32();
  llvm::Type *i64 = env_.i64();
  switch (instruction.op) {
  case Opcode::I32Load: load(i32, i32, false); return true;
  case Opcode::I64Load: load(i64, i64, false); return true;
  case Opcode::F32Load: load(env_.f32(), env_.f32(), false); return true;
  case Opcode::F64Load: load(env_.f64(), env_.f64(), false); return true;
  case Opcode::I32Load8S: load(i8, i32, true); return true;
  case Opcode::I32Load8U: load(i8, i32, false); return true;
  case Opcode::I32Load16S: load(i16, i32, true); return true;
  case Opcode::I32Load16U: load(i16, i32, false); return true;
  case Opcode::I64Load8S: load(i8, i64, true); return true;
  case Opcode::I64Load8U: load(i8, i64, false); return true;
  case Opcode::I64Load16S: load(i16, i64, true); return true;
  case Opcode::I64Load16U: load(i16, i64, false); return true;
  case Opcode::I64Load32S: load(i32, i64, true); return true;
  case Opcode::I64Load32U: load(i32, i64, false); return true;
  case Opcode::I32Store: store(i32); return true;
  case Opcode::I64Store: store(i64); return true;
  case Opcode::F32Store: store(env_.f32()); return true;
  case Opcode::F64Store: store(env_.f64()); return true;
  case Opcode::I32Store8: store(i8); return true;
  case Opcode::I32Store16: store(i16); return true;
  case Opcode::I64Store8: store(i8); return true;
  case Opcode::I64Store16: store(i16); return true;
  case Opcode::I64Store32: store(i32); return true;

  case Opcode::MemorySize: {
    llvm::Value *bytes = env_.memorySizeBytes(b_, ctx_, 0);
    push(b_.CreateTrunc(b_.CreateLShr(bytes, 16), i32));
    return true;
  }
  case Opcode::MemoryGrow: {
    push(env_.callRuntime(b_, RuntimeFunction::memory_grow, {ctx_, b_.getInt32(0), pop()}));
    return true;
  }
  case Opcode::MemoryCopy: {
    llvm::Value *length = pop();
    llvm::Value *source = pop();
    llvm::Value *destination = pop();
    llvm::Value *size = env_.memorySizeBytes(b_, ctx_, 0);
    checkMemoryRange(source, length, size, WASMC_TRAP_OUT_OF_BOUNDS_MEMORY);
    checkMemoryRange(destination, length, size, WASMC_TRAP_OUT_OF_BOUNDS_MEMORY);
    llvm::CallInst *copy = b_.CreateMemMove(effectiveAddress(destination, 0), llvm::MaybeAlign(1),
                                            effectiveAddress(source, 0), llvm::MaybeAlign(1),
                                            b_.CreateZExt(length, i64));
    copy->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaMemory());
    return true;
  }
  case Opcode::MemoryFill: {
    llvm::Value *length = pop();
    llvm::Value *value = pop();
    llvm::Value *destination = pop();
    checkMemoryRange(destination, length, env_.memorySizeBytes(b_, ctx_, 0),
                     WASMC_TRAP_OUT_OF_BOUNDS_MEMORY);
    llvm::CallInst *fill = b_.CreateMemSet(effectiveAddress(destination, 0),
                                           b_.CreateTrunc(value, i8), b_.CreateZExt(length, i64),
                                           llvm::MaybeAlign(1));
    fill->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaMemory());
    return true;
  }
  case Opcode::MemoryInit: {
    llvm::Value *length = pop();
    llvm::Value *source = pop();
    llvm::Value *destination = pop();
    env_.callRuntime(b_, RuntimeFunction::memory_init,
                     {ctx_, b_.getInt32(0), b_.getInt32(instruction.index), destination, source,
                      length});
    return true;
  }
  case Opcode::DataDrop: {
    llvm::StoreInst *drop = b_.CreateAlignedStore(
        b_.getInt64(0), env_.segmentSizeAddress(b_, ctx_, true, instruction.index), llvm::Align(8));
    drop->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaSegment());
    return true;
  }
  default:
    return false;
  }
}

} // namespace wasmc::lower
