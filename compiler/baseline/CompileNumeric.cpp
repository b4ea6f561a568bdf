// Integer constants, arithmetic, comparisons and conversions between integer types.
#include "baseline/FunctionCompiler.h"

#include "wasmc/abi.h"

namespace wasmc::baseline {

using binary::Opcode;
using K = binary::ValType::Kind;

namespace {

bool binaryAlu(Opcode op, Alu &alu, K &type) {
  switch (op) {
  case Opcode::I32Add: alu = Alu::add; type = K::I32; return true;
  case Opcode::I32Sub: alu = Alu::sub; type = K::I32; return true;
  case Opcode::I32And: alu = Alu::and_; type = K::I32; return true;
  case Opcode::I32Or: alu = Alu::or_; type = K::I32; return true;
  case Opcode::I32Xor: alu = Alu::xor_; type = K::I32; return true;
  case Opcode::I64Add: alu = Alu::add; type = K::I64; return true;
  case Opcode::I64Sub: alu = Alu::sub; type = K::I64; return true;
  case Opcode::I64And: alu = Alu::and_; type = K::I64; return true;
  case Opcode::I64Or: alu = Alu::or_; type = K::I64; return true;
  case Opcode::I64Xor: alu = Alu::xor_; type = K::I64; return true;
  default: return false;
  }
}

bool comparison(Opcode op, Cond &cond, K &type) {
  switch (op) {
  case Opcode::I32Eq: cond = Cond::e; type = K::I32; return true;
  case Opcode::I32Ne: cond = Cond::ne; type = K::I32; return true;
  case Opcode::I32LtS: cond = Cond::l; type = K::I32; return true;
  case Opcode::I32LtU: cond = Cond::b; type = K::I32; return true;
  case Opcode::I32GtS: cond = Cond::g; type = K::I32; return true;
  case Opcode::I32GtU: cond = Cond::a; type = K::I32; return true;
  case Opcode::I32LeS: cond = Cond::le; type = K::I32; return true;
  case Opcode::I32LeU: cond = Cond::be; type = K::I32; return true;
  case Opcode::I32GeS: cond = Cond::ge; type = K::I32; return true;
  case Opcode::I32GeU: cond = Cond::ae; type = K::I32; return true;
  case Opcode::I64Eq: cond = Cond::e; type = K::I64; return true;
  case Opcode::I64Ne: cond = Cond::ne; type = K::I64; return true;
  case Opcode::I64LtS: cond = Cond::l; type = K::I64; return true;
  case Opcode::I64LtU: cond = Cond::b; type = K::I64; return true;
  case Opcode::I64GtS: cond = Cond::g; type = K::I64; return true;
  case Opcode::I64GtU: cond = Cond::a; type = K::I64; return true;
  case Opcode::I64LeS: cond = Cond::le; type = K::I64; return true;
  case Opcode::I64LeU: cond = Cond::be; type = K::I64; return true;
  case Opcode::I64GeS: cond = Cond::ge; type = K::I64; return true;
  case Opcode::I64GeU: cond = Cond::ae; type = K::I64; return true;
  default: return false;
  }
}

bool shift(Opcode op, Shift &shift, K &type) {
  switch (op) {
  case Opcode::I32Shl: shift = Shift::shl; type = K::I32; return true;
  case Opcode::I32ShrS: shift = Shift::sar; type = K::I32; return true;
  case Opcode::I32ShrU: shift = Shift::shr; type = K::I32; return true;
  case Opcode::I32Rotl: shift = Shift::rol; type = K::I32; return true;
  case Opcode::I32Rotr: shift = Shift::ror; type = K::I32; return true;
  case Opcode::I64Shl: shift = Shift::shl; type = K::I64; return true;
  case Opcode::I64ShrS: shift = Shift::sar; type = K::I64; return true;
  case Opcode::I64ShrU: shift = Shift::shr; type = K::I64; return true;
  case Opcode::I64Rotl: shift = Shift::rol; type = K::I64; return true;
  case Opcode::I64Rotr: shift = Shift::ror; type = K::I64; return true;
  default: return false;
  }
}

uint32_t bit(Reg reg) { return 1u << unsigned(reg); }

} // namespace

bool FunctionCompiler::operandsAllowTarget(uint32_t local) const {
  auto reads = [&](const Value &value) {
    return value.loc == Value::Loc::Local && value.bits == int64_t(local);
  };
  return reads(stack_[stack_.size() - 2]) || !reads(stack_.back());
}

bool FunctionCompiler::sumAsAddress(Alu operation, Width width, Mem &sum) const {
  if (operation != Alu::add && operation != Alu::sub)
    return false;
  const Value &lhs = stack_[stack_.size() - 2], &rhs = stack_.back();
  if (lhs.loc != Value::Loc::Register && lhs.loc != Value::Loc::Local)
    return false;
  if (rhs.loc == Value::Loc::Const) {
    const uint64_t bits = operation == Alu::sub ? 0 - uint64_t(rhs.bits) : uint64_t(rhs.bits);
    // A 32-bit lea wraps as i32 arithmetic does; a 64-bit one needs a sign-extended disp32.
    if (width == Width::W64 && int64_t(bits) != int64_t(int32_t(uint32_t(bits))))
      return false;
    sum = mem(lhs.reg, int32_t(uint32_t(bits)));
    return true;
  }
  if (operation == Alu::add &&
      (rhs.loc == Value::Loc::Register || rhs.loc == Value::Loc::Local)) {
    sum = mem(lhs.reg, rhs.reg, 1);
    return true;
  }
  return false;
}

bool FunctionCompiler::aluIntoLocal(Alu operation, bool multiply, K type) {
  const std::optional<uint32_t> local = nextLocalStore(type);
  if (!local || !operandsAllowTarget(*local))
    return false;
  const Reg target = Reg(locals_.reg[*local]);
  const Width width = widthOf(type);
  const Value &top = stack_[stack_.size() - 2];
  const bool lhsIsTarget = top.loc == Value::Loc::Local && top.bits == int64_t(*local);
  Mem sum;
  if (!multiply && !lhsIsTarget && sumAsAddress(operation, width, sum)) {
    const Value rhs = pop();
    const Value lhs = pop();
    copyLocalEntries(*local); // other readers of the local keep its old value
    if (width == Width::W32)
      a_.lea32(target, sum);
    else
      a_.lea(target, sum);
    releaseValue(lhs);
    releaseValue(rhs);
    consumeLocalStore(*local);
    return true;
  }
  const Value rhs = pop();
  const Value lhs = pop();
  copyLocalEntries(*local); // other readers of the local keep its old value
  materialize(lhs, target); // nothing when lhs is the local itself
  releaseValue(lhs);
  const bool immediate = rhs.loc == Value::Loc::Const &&
                         (width == Width::W32 || rhs.bits == int64_t(int32_t(rhs.bits)));
  if (!multiply && immediate) {
    a_.aluImm(operation, width, target, int32_t(rhs.bits));
  } else if (!multiply && rhs.loc == Value::Loc::Slot) {
    a_.aluRegMem(operation, width, target, stackSlot(size_t(rhs.bits)));
  } else {
    const bool inRegister = rhs.loc == Value::Loc::Register || rhs.loc == Value::Loc::Local;
    const Reg r = inRegister ? rhs.reg : allocate();
    if (!inRegister)
      materialize(rhs, r);
    if (multiply)
      a_.imul(width, target, r);
    else
      a_.alu(operation, width, target, r);
    if (!inRegister)
      release(r);
  }
  releaseValue(rhs);
  consumeLocalStore(*local);
  return true;
}

void FunctionCompiler::pushCondition(Cond cond, Reg into) {
  const uint32_t start = a_.size();
  a_.setcc(cond, into);
  a_.movzx8(into, into);
  push(K::I32, into);
  condition_ = {start, a_.size(), cond, into};
}

std::optional<Cond> FunctionCompiler::popFusedCondition() {
  const Value &top = stack_.back();
  if (top.loc != Value::Loc::Register || isFloat(top.type) || top.reg != condition_.reg ||
      condition_.end != a_.size() || a_.labelAt(a_.size()))
    return std::nullopt;
  a_.truncate(condition_.start); // the flags are still those of the comparison
  condition_.end = UINT32_MAX;
  release(top.reg);
  stack_.pop_back();
  return condition_.cond;
}

bool FunctionCompiler::compileNumeric(const Instruction &instruction) {
  const Opcode op = instruction.op;
  Alu alu = Alu::add;
  Cond cond = Cond::e;
  Shift shiftOp = Shift::shl;
  K type = K::I32;
  if (op == Opcode::I32Const) {
    pushConst(K::I32, int64_t(uint32_t(instruction.value.i32)));
    return true;
  }
  if (op == Opcode::I64Const) {
    pushConst(K::I64, instruction.value.i64);
    return true;
  }
  if (binaryAlu(op, alu, type) && aluIntoLocal(alu, false, type))
    return true;
  if (binaryAlu(op, alu, type) && stack_[stack_.size() - 2].loc == Value::Loc::Local) {
    // A local's register on the left would need a copy first: a lea computes a sum into a new
    // register, and a commutative operation takes the right-hand side's own register.
    const Width width = widthOf(type);
    Mem sum;
    if (sumAsAddress(alu, width, sum)) {
      const Value rhs = pop();
      pop();
      const Reg result = allocate();
      if (width == Width::W32)
        a_.lea32(result, sum);
      else
        a_.lea(result, sum);
      releaseValue(rhs);
      push(type, result);
      return true;
    }
    if (alu != Alu::sub && stack_.back().loc == Value::Loc::Register) {
      const Reg rhs = pop().reg;
      const Reg lhs = pop().reg;
      a_.alu(alu, width, rhs, lhs);
      push(type, rhs);
      return true;
    }
  }
  if (binaryAlu(op, alu, type) || comparison(op, cond, type)) {
    const bool isComparison = comparison(op, cond, type);
    const Width width = widthOf(type);
    const Value rhs = pop();
    bool lhsOwned = true;
    const Reg lhs = isComparison ? popToReadable(lhsOwned) : popToReg();
    const Alu operation = isComparison ? Alu::cmp : alu;
    if (rhs.loc == Value::Loc::Const &&
        (width == Width::W32 || rhs.bits == int64_t(int32_t(rhs.bits)))) {
      a_.aluImm(operation, width, lhs, int32_t(rhs.bits));
    } else if (rhs.loc == Value::Loc::Slot) {
      a_.aluRegMem(operation, width, lhs, stackSlot(size_t(rhs.bits)));
    } else if (rhs.loc == Value::Loc::Local) {
      a_.alu(operation, width, lhs, rhs.reg);
    } else {
      const Reg r = rhs.loc == Value::Loc::Register ? rhs.reg : allocate();
      materialize(rhs, r);
      a_.alu(operation, width, lhs, r);
      release(r);
    }
    if (isComparison) {
      const Reg result = lhsOwned ? lhs : allocate(); // moves only: the flags stay
      pushCondition(cond, result);
    } else {
      push(type, lhs);
    }
    return true;
  }
  if (shift(op, shiftOp, type)) {
    const Width width = widthOf(type);
    const Value count = pop();
    if (count.loc == Value::Loc::Const) {
      const Reg value = popToReg();
      a_.shiftImm(shiftOp, width, value, uint8_t(count.bits & (width == Width::W64 ? 63 : 31)));
      push(type, value);
      return true;
    }
    // The count goes to cl: take rcx first (moving a stack entry out of it).
    if (count.loc == Value::Loc::Register && count.reg == Reg::rcx) {
      const Reg value = popToReg(bit(Reg::rcx));
      a_.shiftCl(shiftOp, width, value);
      release(Reg::rcx);
      push(type, value);
      return true;
    }
    reserve(Reg::rcx);
    materialize(count, Reg::rcx);
    if (count.loc == Value::Loc::Register)
      release(count.reg);
    const Reg value = popToReg(bit(Reg::rcx));
    a_.shiftCl(shiftOp, width, value);
    release(Reg::rcx);
    push(type, value);
    return true;
  }
  switch (op) {
  case Opcode::I32Mul:
  case Opcode::I64Mul: {
    type = op == Opcode::I32Mul ? K::I32 : K::I64;
    if (aluIntoLocal(Alu::add, true, type))
      return true;
    bool rhsOwned = false;
    const Reg rhs = popToReadable(rhsOwned);
    const Reg lhs = popToReg();
    a_.imul(widthOf(type), lhs, rhs);
    if (rhsOwned)
      release(rhs);
    push(type, lhs);
    return true;
  }
  case Opcode::I32DivS: case Opcode::I32DivU: case Opcode::I32RemS: case Opcode::I32RemU:
  case Opcode::I64DivS: case Opcode::I64DivU: case Opcode::I64RemS: case Opcode::I64RemU: {
    type = op == Opcode::I32DivS || op == Opcode::I32DivU || op == Opcode::I32RemS ||
                   op == Opcode::I32RemU
               ? K::I32
               : K::I64;
    const Width width = widthOf(type);
    const bool isSigned = op == Opcode::I32DivS || op == Opcode::I32RemS ||
                          op == Opcode::I64DivS || op == Opcode::I64RemS;
    const bool isRem = op == Opcode::I32RemS || op == Opcode::I32RemU || op == Opcode::I64RemS ||
                       op == Opcode::I64RemU;
    // Operands out of rax and rdx, which the division takes.
    reserve(Reg::rax);
    reserve(Reg::rdx);
    const Reg divisor = popToReg(bit(Reg::rax) | bit(Reg::rdx));
    const Value dividend = pop();
    materialize(dividend, Reg::rax);
    if (dividend.loc == Value::Loc::Register && dividend.reg != Reg::rax)
      release(dividend.reg);
    a_.test(width, divisor, divisor);
    a_.jcc(Cond::e, trapLabel(WASMC_TRAP_INTEGER_DIVIDE_BY_ZERO));
    const Label done = a_.newLabel();
    if (isSigned) {
      // x / -1: INT_MIN overflows (a trap for div, 0 for rem); idiv would fault on it.
      const Label normal = a_.newLabel();
      a_.aluImm(Alu::cmp, width, divisor, -1);
      a_.jcc(Cond::ne, normal);
      if (isRem) {
        a_.alu(Alu::xor_, Width::W32, Reg::rdx, Reg::rdx);
        a_.jmp(done);
      } else {
        a_.neg(width, Reg::rax);
        a_.jcc(Cond::o, trapLabel(WASMC_TRAP_INTEGER_OVERFLOW));
        a_.jmp(done);
      }
      a_.bind(normal);
      a_.signExtendAccumulator(width);
    } else {
      a_.alu(Alu::xor_, Width::W32, Reg::rdx, Reg::rdx);
    }
    a_.div(width, divisor, isSigned);
    a_.bind(done);
    release(divisor);
    if (isRem) {
      release(Reg::rax);
      push(type, Reg::rdx);
    } else {
      release(Reg::rdx);
      push(type, Reg::rax);
    }
    return true;
  }
  case Opcode::I32Eqz:
  case Opcode::I64Eqz: {
    bool owned = false;
    const Reg reg = popToReadable(owned);
    a_.test(op == Opcode::I32Eqz ? Width::W32 : Width::W64, reg, reg);
    pushCondition(Cond::e, owned ? reg : allocate());
    return true;
  }
  case Opcode::I32Clz: case Opcode::I64Clz: case Opcode::I32Ctz: case Opcode::I64Ctz: {
    type = op == Opcode::I32Clz || op == Opcode::I32Ctz ? K::I32 : K::I64;
    const Width width = widthOf(type);
    const int bits = width == Width::W64 ? 64 : 32;
    const bool isClz = op == Opcode::I32Clz || op == Opcode::I64Clz;
    const Reg value = popToReg();
    const Reg result = allocate();
    const Reg zero = allocate();
    // bsr/bsf leave their destination undefined for 0: replace it with what gives `bits`.
    if (isClz) {
      a_.bsr(width, result, value);
      a_.movImm(zero, uint64_t(-1), true);
      a_.cmov(Width::W64, Cond::e, result, zero);
      a_.neg(width, result);
      a_.aluImm(Alu::add, width, result, bits - 1); // bits-1 - index
    } else {
      a_.bsf(width, result, value);
      a_.movImm(zero, uint64_t(bits), false);
      a_.cmov(width, Cond::e, result, zero);
    }
    release(value);
    release(zero);
    push(type, result);
    return true;
  }
  case Opcode::I32Popcnt:
  case Opcode::I64Popcnt: {
    // Without assuming the popcnt instruction (not in the baseline x86-64): bits summed in
    // pairs, nibbles and bytes, the bytes added up by a multiplication.
    type = op == Opcode::I32Popcnt ? K::I32 : K::I64;
    const Width width = widthOf(type);
    const bool is64 = width == Width::W64;
    auto repeated = [&](uint8_t byte) {
      const uint64_t all = 0x0101010101010101ull * byte;
      return is64 ? all : uint32_t(all);
    };
    const Reg x = popToReg();
    const Reg t = allocate();
    const Reg mask = allocate();
    a_.mov(width, t, x);
    a_.shiftImm(Shift::shr, width, t, 1);
    a_.movImm(mask, repeated(0x55), is64);
    a_.alu(Alu::and_, width, t, mask);
    a_.alu(Alu::sub, width, x, t);
    a_.mov(width, t, x);
    a_.shiftImm(Shift::shr, width, t, 2);
    a_.movImm(mask, repeated(0x33), is64);
    a_.alu(Alu::and_, width, t, mask);
    a_.alu(Alu::and_, width, x, mask);
    a_.alu(Alu::add, width, x, t);
    a_.mov(width, t, x);
    a_.shiftImm(Shift::shr, width, t, 4);
    a_.alu(Alu::add, width, x, t);
    a_.movImm(mask, repeated(0x0f), is64);
    a_.alu(Alu::and_, width, x, mask);
    a_.movImm(mask, repeated(0x01), is64);
    a_.imul(width, x, mask);
    a_.shiftImm(Shift::shr, width, x, is64 ? 56 : 24);
    release(t);
    release(mask);
    push(type, x);
    return true;
  }
  case Opcode::I32WrapI64: {
    const Reg reg = popToReg();
    a_.mov(Width::W32, reg, reg);
    push(K::I32, reg);
    return true;
  }
  case Opcode::I64ExtendI32U: {
    const Reg reg = popToReg(); // i32 values are kept zero-extended
    push(K::I64, reg);
    return true;
  }
  case Opcode::I64ExtendI32S:
  case Opcode::I64Extend32S: {
    const Reg reg = popToReg();
    a_.movsx(Width::W32, Width::W64, reg, reg);
    push(K::I64, reg);
    return true;
  }
  case Opcode::I32Extend8S: case Opcode::I32Extend16S:
  case Opcode::I64Extend8S: case Opcode::I64Extend16S: {
    type = op == Opcode::I32Extend8S || op == Opcode::I32Extend16S ? K::I32 : K::I64;
    const Width from = op == Opcode::I32Extend8S || op == Opcode::I64Extend8S ? Width::W8 : Width::W16;
    const Reg reg = popToReg();
    a_.movsx(from, widthOf(type), reg, reg);
    push(type, reg);
    return true;
  }
  default:
    return false;
  }
}

} // namespace wasmc::baseline
