// Linear memory: loads and stores, kept in the sandbox by their memory's strategy
// (MemoryStrategy.h: guard pages, a clamped address, or a bounds check), memory.size/grow, and
// the bulk memory operations, which check their ranges because they must trap before writing
// anything.
#include "lower/FunctionLowering.h"
#include "lower/TrapWitness.h"

#include <llvm/IR/Intrinsics.h>

namespace wasmc::lower {

llvm::Value *FunctionLowering::accessAddress(const binary::MemArg &memArg, llvm::Value *address,
                                             uint64_t bytes) {
  const MemoryStrategy &strategy = env_.memoryStrategy(memArg.memoryIndex);
  llvm::Value *base = memoryBases_[memArg.memoryIndex];
  uint64_t offset = memArg.offset;
  llvm::Value *index = nullptr;
  switch (strategy.access) {
  case MemoryAccess::GuardPages:
    // Zero-extend: a sign extension would reach below the base, outside the sandbox.
    index = b_.CreateZExt(address, env_.i64());
    break;
  case MemoryAccess::ClampedAddress:
    if (offset >= kClampedAddressLimit) {
      // Past any memory's size whatever the address; the code after the trap is never run.
      trapIf(b_.getTrue(), WASMC_TRAP_OUT_OF_BOUNDS_MEMORY);
      offset = 0;
    }
    index = callIntrinsic(llvm::Intrinsic::umin, {env_.i64()},
                          {address, b_.getInt64(kClampedAddressLimit)});
    break;
  case MemoryAccess::BoundsChecked: {
    llvm::Value *size = env_.memorySizeBytes(b_, ctx_, memArg.memoryIndex);
    if (offset > UINT64_MAX - bytes) {
      trapIf(b_.getTrue(), WASMC_TRAP_OUT_OF_BOUNDS_MEMORY);
      offset = 0;
    }
    llvm::Value *end = callIntrinsic(llvm::Intrinsic::uadd_with_overflow, {env_.i64()},
                                     {address, b_.getInt64(offset + bytes)});
    trapIf(b_.CreateOr(b_.CreateExtractValue(end, 1),
                       b_.CreateICmpUGT(b_.CreateExtractValue(end, 0), size)),
           WASMC_TRAP_OUT_OF_BOUNDS_MEMORY);
    index = address;
    break;
  }
  }
  if (offset != 0)
    index = b_.CreateAdd(index, b_.getInt64(offset), "", /*HasNUW=*/true, /*HasNSW=*/true);
  return b_.CreateGEP(env_.i8(), base, index);
}

llvm::Value *FunctionLowering::checkedAddress(uint32_t memory, llvm::Value *address) {
  return b_.CreateGEP(env_.i8(), memoryBases_[memory], b_.CreateZExt(address, env_.i64()));
}

llvm::LoadInst *FunctionLowering::loadMemory(llvm::Type *type, llvm::Value *address,
                                             const binary::MemArg &memArg) {
  const uint64_t bytes = env_.module().getDataLayout().getTypeStoreSize(type);
  return loadMemoryAt(type, accessAddress(memArg, address, bytes), memArg.memoryIndex);
}

llvm::LoadInst *FunctionLowering::loadMemoryAt(llvm::Type *type, llvm::Value *pointer,
                                               uint32_t memory) {
  llvm::LoadInst *load = b_.CreateAlignedLoad(type, pointer, llvm::Align(1));
  load->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaMemory());
  // A load that traps by faulting must stay, whether or not its value is used. Without the
  // optimiser, nothing but instruction selection deletes or narrows a load, and a volatile one
  // it never does (an inline asm witness would send it to the slow selector).
  if (!env_.memoryStrategy(memory).faults())
    return load;
  if (env_.options().optimized)
    addTrapWitness(b_, env_.triple(), load);
  else
    load->setVolatile(true);
  return load;
}

llvm::StoreInst *FunctionLowering::storeMemory(llvm::Value *value, llvm::Value *address,
                                               const binary::MemArg &memArg) {
  const uint64_t bytes = env_.module().getDataLayout().getTypeStoreSize(value->getType());
  llvm::Value *target = accessAddress(memArg, address, bytes);
  if (storeMayTear(memArg, bytes)) {
    // A store that straddles the end of memory faults on its second page, and AArch64 and
    // RISC-V may write its bytes on the first before the fault (Wasmtime #7237). A trapping
    // store must write nothing: a load of the same bytes faults first, and writes nothing.
    llvm::LoadInst *probe = loadMemoryAt(value->getType(), target, memArg.memoryIndex);
    probe->setMetadata(kStoreProbeMetadata, llvm::MDNode::get(env_.context(), {}));
  }
  llvm::StoreInst *store = b_.CreateAlignedStore(value, target, llvm::Align(1));
  store->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaMemory());
  if (env_.options().optimized)
    addTrapBarrier(b_, env_.triple());
  return store;
}

bool FunctionLowering::storeMayTear(const binary::MemArg &memArg, uint64_t bytes) const {
  // x86 commits no byte of a store that faults; a single byte has no second page.
  return targetFamily() != TargetFamily::X86 && bytes > 1 &&
         env_.memoryStrategy(memArg.memoryIndex).faults();
}

void FunctionLowering::checkMemoryRange(llvm::Value *start, llvm::Value *length,
                                        llvm::Value *sizeBytes, wasmc_trap_code code) {
  llvm::Value *start64 = b_.CreateZExt(start, env_.i64());
  llvm::Value *length64 = b_.CreateZExt(length, env_.i64());
  if (start->getType() == env_.i32() && length->getType() == env_.i32()) {
    trapIf(b_.CreateICmpUGT(b_.CreateAdd(start64, length64), sizeBytes), code);
    return;
  }
  llvm::Value *end =
      callIntrinsic(llvm::Intrinsic::uadd_with_overflow, {env_.i64()}, {start64, length64});
  trapIf(b_.CreateOr(b_.CreateExtractValue(end, 1),
                     b_.CreateICmpUGT(b_.CreateExtractValue(end, 0), sizeBytes)),
         code);
}

bool FunctionLowering::emitMemory(const Instruction &instruction) {
  const binary::MemArg &memArg = instruction.memArg;
  auto load = [&](llvm::Type *memoryType, llvm::Type *resultType, bool isSigned) {
    llvm::Value *value = loadMemory(memoryType, pop(), memArg);
    if (memoryType != resultType)
      value = isSigned ? b_.CreateSExt(value, resultType) : b_.CreateZExt(value, resultType);
    push(value);
  };
  auto store = [&](llvm::Type *memoryType) {
    llvm::Value *value = pop();
    llvm::Value *address = pop();
    if (value->getType() != memoryType)
      value = b_.CreateTrunc(value, memoryType);
    storeMemory(value, address, memArg);
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
    const uint32_t memory = instruction.index;
    llvm::Value *pages = b_.CreateLShr(env_.memorySizeBytes(b_, ctx_, memory), 16);
    push(env_.memoryStrategy(memory).is64 ? pages : b_.CreateTrunc(pages, i32));
    return true;
  }
  case Opcode::MemoryGrow: {
    const uint32_t memory = instruction.index;
    llvm::Value *delta = b_.CreateZExt(pop(), i64);
    llvm::Value *old = callHost(RuntimeFunction::memory_grow,
                                {ctx_, b_.getInt32(memory), delta});
    push(env_.memoryStrategy(memory).is64 ? old : b_.CreateTrunc(old, i32));
    return true;
  }
  case Opcode::MemoryCopy: {
    const uint32_t destinationMemory = instruction.index, sourceMemory = instruction.index2;
    llvm::Value *length = pop();
    llvm::Value *source = pop();
    llvm::Value *destination = pop();
    checkMemoryRange(source, length, env_.memorySizeBytes(b_, ctx_, sourceMemory),
                     WASMC_TRAP_OUT_OF_BOUNDS_MEMORY);
    checkMemoryRange(destination, length, env_.memorySizeBytes(b_, ctx_, destinationMemory),
                     WASMC_TRAP_OUT_OF_BOUNDS_MEMORY);
    llvm::CallInst *copy = b_.CreateMemMove(
        checkedAddress(destinationMemory, destination), llvm::MaybeAlign(1),
        checkedAddress(sourceMemory, source), llvm::MaybeAlign(1), b_.CreateZExt(length, i64));
    copy->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaMemory());
    return true;
  }
  case Opcode::MemoryFill: {
    const uint32_t memory = instruction.index;
    llvm::Value *length = pop();
    llvm::Value *value = pop();
    llvm::Value *destination = pop();
    checkMemoryRange(destination, length, env_.memorySizeBytes(b_, ctx_, memory),
                     WASMC_TRAP_OUT_OF_BOUNDS_MEMORY);
    llvm::CallInst *fill = b_.CreateMemSet(checkedAddress(memory, destination),
                                           b_.CreateTrunc(value, i8), b_.CreateZExt(length, i64),
                                           llvm::MaybeAlign(1));
    fill->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaMemory());
    return true;
  }
  case Opcode::MemoryInit: {
    llvm::Value *length = pop();
    llvm::Value *source = pop();
    llvm::Value *destination = b_.CreateZExt(pop(), i64);
    callHost(RuntimeFunction::memory_init,
             {ctx_, b_.getInt32(instruction.index2), b_.getInt32(instruction.index),
             destination, source, length});
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
