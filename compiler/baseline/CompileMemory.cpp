// Locals, globals and memory 0 (32-bit, guard pages: no bounds checks, a fault past the current
// size becomes the trap, as in LLVM's code; abi.h, "Linear memory").
#include "baseline/FunctionCompiler.h"

#include "wasmc/abi.h"

namespace wasmc::baseline {

using binary::Opcode;
using binary::ValType;

bool FunctionCompiler::compileVariables(const Instruction &instruction) {
  switch (instruction.op) {
  case Opcode::LocalGet: {
    const ValType::Kind type = localTypes_[instruction.index].kind;
    if (inRegister(instruction.index)) {
      pushLocal(instruction.index);
      return true;
    }
    // Copied straight into a local kept in a register when the next operator sets that one.
    if (const std::optional<uint32_t> target = nextLocalStore(type)) {
      copyLocalEntries(*target);
      if (isFloat(type))
        a_.loadXmm(type == ValType::Kind::F64, Xmm(locals_.reg[*target]),
                   localSlot(instruction.index));
      else
        a_.load(widthOf(type), Reg(locals_.reg[*target]), localSlot(instruction.index));
      consumeLocalStore(*target);
      return true;
    }
    if (isFloat(type)) {
      const Xmm xmm = allocateXmm();
      a_.loadXmm(type == ValType::Kind::F64, xmm, localSlot(instruction.index));
      pushXmm(type, xmm);
      return true;
    }
    const Reg reg = allocate();
    // Right after a local.set/tee of the same local (nothing emitted since, no label), the
    // register it stored still has the value: a move, not a load waiting on that store.
    if (storedLocalAt_ == a_.size() && !a_.labelAt(a_.size()) &&
        storedLocal_ == instruction.index) {
      if (reg != storedLocalReg_)
        a_.mov(widthOf(type), reg, storedLocalReg_);
    } else {
      a_.load(widthOf(type), reg, localSlot(instruction.index));
    }
    push(type, reg);
    return true;
  }
  case Opcode::LocalSet:
  case Opcode::LocalTee: {
    const ValType::Kind type = localTypes_[instruction.index].kind;
    if (inRegister(instruction.index)) {
      const Reg local = Reg(locals_.reg[instruction.index]);
      copyLocalEntries(instruction.index);
      const Value value = pop();
      releaseValue(value);
      if (isFloat(type))
        materializeXmm(value, Xmm(local));
      else
        materialize(value, local);
      storedLocalAt_ = UINT32_MAX;
      if (instruction.op == Opcode::LocalTee)
        pushLocal(instruction.index);
      return true;
    }
    if (isFloat(type)) {
      const Value value = stack_.back();
      bool owned = false;
      const Xmm xmm = popToReadableXmm(owned);
      a_.storeXmm(type == ValType::Kind::F64, localSlot(instruction.index), xmm);
      if (instruction.op == Opcode::LocalTee && owned)
        pushXmm(type, xmm);
      else if (instruction.op == Opcode::LocalTee)
        stack_.push_back(value); // another local's register: still that value
      else if (owned)
        releaseXmm(xmm);
      return true;
    }
    if (stack_.back().loc == Value::Loc::Local) { // another local's register: stored from there
      a_.store(widthOf(type), localSlot(instruction.index), stack_.back().reg);
      if (instruction.op == Opcode::LocalSet)
        stack_.pop_back();
      return true;
    }
    const Reg reg = popToReg();
    a_.store(widthOf(type), localSlot(instruction.index), reg);
    storedLocal_ = instruction.index;
    storedLocalReg_ = reg;
    storedLocalAt_ = a_.size();
    if (instruction.op == Opcode::LocalTee)
      push(type, reg);
    else
      release(reg);
    return true;
  }
  case Opcode::GlobalGet:
  case Opcode::GlobalSet: {
    const ValType::Kind type = module_.globals[instruction.index].type.kind;
    if (type != ValType::Kind::I32 && type != ValType::Kind::I64 && type != ValType::Kind::F32 &&
        type != ValType::Kind::F64)
      return false;
    if (isFloat(type)) {
      const bool isDouble = type == ValType::Kind::F64;
      bool owned = false;
      const Xmm value = instruction.op == Opcode::GlobalSet ? popToReadableXmm(owned) : allocateXmm();
      const Reg address = allocate();
      a_.load(Width::W64, address, mem(Reg::r14, WASMC_INSTANCE_GLOBALS));
      a_.load(Width::W64, address, mem(address, int32_t(8 * instruction.index)));
      if (instruction.op == Opcode::GlobalGet) {
        a_.loadXmm(isDouble, value, mem(address));
        pushXmm(type, value);
      } else {
        a_.storeXmm(isDouble, mem(address), value);
        if (owned)
          releaseXmm(value);
      }
      release(address);
      return true;
    }
    const Reg value = instruction.op == Opcode::GlobalSet ? popToReg() : allocate();
    const Reg address = instruction.op == Opcode::GlobalSet ? allocate() : value;
    a_.load(Width::W64, address, mem(Reg::r14, WASMC_INSTANCE_GLOBALS));
    a_.load(Width::W64, address, mem(address, int32_t(8 * instruction.index)));
    if (instruction.op == Opcode::GlobalGet) {
      a_.load(widthOf(type), value, mem(address));
      push(type, value);
    } else {
      a_.store(widthOf(type), mem(address), value);
      release(value);
      release(address);
    }
    return true;
  }
  default:
    return false;
  }
}

namespace {

uint32_t bit(Reg reg) { return 1u << unsigned(reg); }

struct Access {
  ValType::Kind type;
  Width width;
  bool isSigned;
  bool isStore;
};

bool accessOf(Opcode op, Access &access) {
  using K = ValType::Kind;
  switch (op) {
  case Opcode::I32Load: access = {K::I32, Width::W32, false, false}; return true;
  case Opcode::I64Load: access = {K::I64, Width::W64, false, false}; return true;
  case Opcode::F32Load: access = {K::F32, Width::W32, false, false}; return true;
  case Opcode::F64Load: access = {K::F64, Width::W64, false, false}; return true;
  case Opcode::I32Load8S: access = {K::I32, Width::W8, true, false}; return true;
  case Opcode::I32Load8U: access = {K::I32, Width::W8, false, false}; return true;
  case Opcode::I32Load16S: access = {K::I32, Width::W16, true, false}; return true;
  case Opcode::I32Load16U: access = {K::I32, Width::W16, false, false}; return true;
  case Opcode::I64Load8S: access = {K::I64, Width::W8, true, false}; return true;
  case Opcode::I64Load8U: access = {K::I64, Width::W8, false, false}; return true;
  case Opcode::I64Load16S: access = {K::I64, Width::W16, true, false}; return true;
  case Opcode::I64Load16U: access = {K::I64, Width::W16, false, false}; return true;
  case Opcode::I64Load32S: access = {K::I64, Width::W32, true, false}; return true;
  case Opcode::I64Load32U: access = {K::I64, Width::W32, false, false}; return true;
  case Opcode::I32Store: access = {K::I32, Width::W32, false, true}; return true;
  case Opcode::I64Store: access = {K::I64, Width::W64, false, true}; return true;
  case Opcode::F32Store: access = {K::F32, Width::W32, false, true}; return true;
  case Opcode::F64Store: access = {K::F64, Width::W64, false, true}; return true;
  case Opcode::I32Store8: access = {K::I32, Width::W8, false, true}; return true;
  case Opcode::I32Store16: access = {K::I32, Width::W16, false, true}; return true;
  case Opcode::I64Store8: access = {K::I64, Width::W8, false, true}; return true;
  case Opcode::I64Store16: access = {K::I64, Width::W16, false, true}; return true;
  case Opcode::I64Store32: access = {K::I64, Width::W32, false, true}; return true;
  default: return false;
  }
}

} // namespace

bool FunctionCompiler::compileMemory(const Instruction &instruction) {
  Access access{};
  const bool isAccess = accessOf(instruction.op, access);
  if (!isAccess && instruction.op != Opcode::MemorySize && instruction.op != Opcode::MemoryGrow)
    return false;
  const uint32_t memory = isAccess ? instruction.memArg.memoryIndex : instruction.index;
  if (memory != 0 || module_.memories.empty() || module_.memories[0].limits.is64)
    return false;

  if (instruction.op == Opcode::MemorySize) {
    const Reg reg = allocate();
    a_.load(Width::W64, reg, mem(Reg::r14, WASMC_INSTANCE_MEMORIES));
    a_.load(Width::W64, reg, mem(reg));
    a_.load(Width::W64, reg, mem(reg, WASMC_MEMORY_SIZE));
    a_.shiftImm(Shift::shr, Width::W64, reg, 16);
    push(ValType::Kind::I32, reg);
    return true;
  }
  if (instruction.op == Opcode::MemoryGrow) {
    // wasmc_rt_memory_grow(instance, memory, delta as u64) -> the old size in pages, or -1.
    spillForCall();
    materialize(pop(), Reg::rdx);
    a_.mov(Width::W64, Reg::rdi, Reg::r14);
    a_.alu(Alu::xor_, Width::W32, Reg::rsi, Reg::rsi);
    a_.call(WASMC_RT_MEMORY_GROW);
    reloadAfterCall();
    a_.mov(Width::W32, Reg::rax, Reg::rax);
    push(ValType::Kind::I32, Reg::rax);
    return true;
  }

  bool valueOwned = false, addressOwned = false;
  const bool isFloatAccess = isFloat(access.type);
  const bool isDouble = access.type == ValType::Kind::F64;
  Xmm floatValue = Xmm::xmm0;
  Reg value = Reg::rax;
  if (access.isStore && isFloatAccess)
    floatValue = popToReadableXmm(valueOwned);
  else if (access.isStore)
    value = popToReadable(valueOwned);
  const Reg address = popToReadable(addressOwned);
  // i32 values are kept zero-extended, but the sandbox must not rest on every operator keeping
  // that promise: an address with upper bits set would reach past the guard region. So every
  // address is zero-extended where it is used, an i32 local's register too (in place: its i32
  // value stays the same), although only 32-bit writes should reach it.
  a_.mov(Width::W32, address, address);
  Mem effective = mem(Reg::r15, address, 1, 0);
  Reg offsetReg = Reg::rax;
  const bool bigOffset = instruction.memArg.offset > uint64_t(INT32_MAX);
  if (bigOffset) {
    offsetReg = allocate();
    a_.movImm(offsetReg, instruction.memArg.offset, true);
    a_.alu(Alu::add, Width::W64, offsetReg, address);
    effective.index = offsetReg;
  } else {
    effective.disp = int32_t(instruction.memArg.offset);
  }
  if (access.isStore && isFloatAccess) {
    a_.storeXmm(isDouble, effective, floatValue);
    if (valueOwned)
      releaseXmm(floatValue);
    if (addressOwned)
      release(address);
  } else if (access.isStore) {
    a_.store(access.width, effective, value);
    if (valueOwned)
      release(value);
    if (addressOwned)
      release(address);
  } else {
    // A load whose value the next operator stores to a local in a register loads it there (the
    // address is read before the register is written, even when it is that local's).
    const std::optional<uint32_t> local = nextLocalStore(access.type);
    if (local)
      copyLocalEntries(*local); // other readers of the local keep its old value
    if (isFloatAccess) {
      const Xmm result = local ? Xmm(locals_.reg[*local]) : allocateXmm();
      a_.loadXmm(isDouble, result, effective);
      if (addressOwned)
        release(address);
      if (!local)
        pushXmm(access.type, result);
    } else {
      const Width to = widthOf(access.type);
      const Reg result = local         ? Reg(locals_.reg[*local])
                         : addressOwned ? address
                                        : allocate(bigOffset ? bit(offsetReg) : 0);
      if (access.isSigned)
        a_.loadSigned(access.width, to, result, effective);
      else
        a_.load(access.width, result, effective);
      if (local && addressOwned)
        release(address);
      if (!local)
        push(access.type, result);
    }
    if (local)
      consumeLocalStore(*local);
  }
  if (bigOffset)
    release(offsetReg);
  return true;
}

} // namespace wasmc::baseline
