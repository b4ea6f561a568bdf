// Threads: atomic loads, stores, read-modify-writes and compare-exchanges (all sequentially
// consistent, as the threads proposal defines them), memory.atomic.wait32/64 and notify (the
// runtime's parking lot), and atomic.fence. An atomic access at an address that is not a
// multiple of its size traps (`unaligned atomic`), unless it is also out of bounds, which the
// specification checks first; bounds are otherwise the memory's strategy's (MemoryStrategy.h).
#include "lower/FunctionLowering.h"

#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/MDBuilder.h>

namespace wasmc::lower {

namespace {

// The access size of an atomic operator (its natural alignment, which validation requires).
uint64_t accessBytes(binary::Opcode op) { return binary::opcodeInfo(op).accessBytes; }

} // namespace

bool FunctionLowering::emitAtomics(const Instruction &instruction) {
  if (binary::opcodeInfo(instruction.op).prefix != 0xfe)
    return false;
  if (instruction.op == Opcode::AtomicFence) {
    b_.CreateFence(llvm::AtomicOrdering::SequentiallyConsistent);
    return true;
  }
  const binary::MemArg &memArg = instruction.memArg;
  const uint64_t bytes = accessBytes(instruction.op);
  llvm::Type *i64 = env_.i64();
  llvm::Type *access = b_.getIntNTy(unsigned(bytes * 8));
  const auto seqCst = llvm::AtomicOrdering::SequentiallyConsistent;

  // The effective address as a 64-bit integer (what wait/notify take), checked for alignment.
  auto effectiveAddress = [&](llvm::Value *address) {
    llvm::Value *address64 = b_.CreateZExt(address, i64);
    llvm::Value *effective = b_.CreateAdd(address64, b_.getInt64(memArg.offset));
    if (bytes == 1)
      return effective;
    llvm::Value *misaligned =
        b_.CreateICmpNE(b_.CreateAnd(effective, b_.getInt64(bytes - 1)), b_.getInt64(0));
    llvm::BasicBlock *which = newBlock("misaligned");
    llvm::BasicBlock *aligned = newBlock("aligned");
    llvm::MDBuilder md(env_.context());
    b_.CreateCondBr(misaligned, which, aligned, md.createUnlikelyBranchWeights());
    b_.SetInsertPoint(which);
    // Out of bounds as well: that trap comes first. (offset + bytes cannot overflow: offsets of
    // 64-bit memories this large are out of bounds whatever the address, and the sum is then
    // compared as wrapped, which the overflow flag catches.)
    llvm::Value *end = callIntrinsic(llvm::Intrinsic::uadd_with_overflow, {i64},
                                     {address64, b_.getInt64(memArg.offset)});
    llvm::Value *last = callIntrinsic(llvm::Intrinsic::uadd_with_overflow, {i64},
                                      {b_.CreateExtractValue(end, 0), b_.getInt64(bytes)});
    llvm::Value *outOfBounds = b_.CreateOr(
        b_.CreateOr(b_.CreateExtractValue(end, 1), b_.CreateExtractValue(last, 1)),
        b_.CreateICmpUGT(b_.CreateExtractValue(last, 0),
                         env_.memorySizeBytes(b_, ctx_, memArg.memoryIndex)));
    b_.CreateCondBr(outOfBounds, trapBlock(WASMC_TRAP_OUT_OF_BOUNDS_MEMORY),
                    trapBlock(WASMC_TRAP_UNALIGNED_ATOMIC));
    b_.SetInsertPoint(aligned);
    return effective;
  };
  // The native address of the access at `address`, after the alignment check.
  auto atomicAddress = [&](llvm::Value *address) {
    effectiveAddress(address);
    return accessAddress(memArg, address, bytes);
  };
  auto widen = [&](llvm::Value *value, llvm::Type *type) { return b_.CreateZExt(value, type); };
  auto narrow = [&](llvm::Value *value) { return b_.CreateTrunc(value, access); };

  switch (instruction.op) {
  case Opcode::MemoryAtomicNotify: {
    llvm::Value *count = pop();
    llvm::Value *effective = effectiveAddress(pop());
    push(callHost(RuntimeFunction::memory_atomic_notify,
                  {ctx_, b_.getInt32(memArg.memoryIndex), effective, count}));
    return true;
  }
  case Opcode::MemoryAtomicWait32:
  case Opcode::MemoryAtomicWait64: {
    llvm::Value *timeout = pop();
    llvm::Value *expected = pop();
    llvm::Value *effective = effectiveAddress(pop());
    const RuntimeFunction wait = instruction.op == Opcode::MemoryAtomicWait32
                                     ? RuntimeFunction::memory_atomic_wait32
                                     : RuntimeFunction::memory_atomic_wait64;
    // It may block for long: a call like any other.
    push(callHost(wait, {ctx_, b_.getInt32(memArg.memoryIndex), effective, expected, timeout}));
    return true;
  }
  default:
    break;
  }

  const std::string text(binary::opcodeName(instruction.op));
  llvm::Type *valueType = text.compare(0, 3, "i64") == 0 ? i64 : env_.i32();
  // Loads: one operand; stores: two, no result.
  if (text.find(".atomic.load") != std::string::npos) {
    llvm::LoadInst *load =
        b_.CreateAlignedLoad(access, atomicAddress(pop()), llvm::Align(bytes));
    load->setAtomic(seqCst);
    load->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaMemory());
    push(widen(load, valueType));
    return true;
  }
  if (text.find(".atomic.store") != std::string::npos) {
    llvm::Value *value = narrow(pop());
    llvm::StoreInst *store =
        b_.CreateAlignedStore(value, atomicAddress(pop()), llvm::Align(bytes));
    store->setAtomic(seqCst);
    store->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaMemory());
    return true;
  }
  if (text.find(".cmpxchg") != std::string::npos) {
    // The expected value is wrapped to the access size, as the stored one is.
    llvm::Value *replacement = narrow(pop());
    llvm::Value *expected = narrow(pop());
    llvm::AtomicCmpXchgInst *exchange = b_.CreateAtomicCmpXchg(
        atomicAddress(pop()), expected, replacement, llvm::Align(bytes), seqCst, seqCst);
    exchange->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaMemory());
    push(widen(b_.CreateExtractValue(exchange, 0), valueType));
    return true;
  }
  llvm::AtomicRMWInst::BinOp operation;
  if (text.find(".add") != std::string::npos)
    operation = llvm::AtomicRMWInst::Add;
  else if (text.find(".sub") != std::string::npos)
    operation = llvm::AtomicRMWInst::Sub;
  else if (text.find(".and") != std::string::npos)
    operation = llvm::AtomicRMWInst::And;
  else if (text.find(".xor") != std::string::npos)
    operation = llvm::AtomicRMWInst::Xor;
  else if (text.find(".or") != std::string::npos)
    operation = llvm::AtomicRMWInst::Or;
  else if (text.find(".xchg") != std::string::npos)
    operation = llvm::AtomicRMWInst::Xchg;
  else
    return false;
  llvm::Value *operand = narrow(pop());
  llvm::AtomicRMWInst *rmw =
      b_.CreateAtomicRMW(operation, atomicAddress(pop()), operand, llvm::Align(bytes), seqCst);
  rmw->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaMemory());
  push(widen(rmw, valueType));
  return true;
}

} // namespace wasmc::lower
