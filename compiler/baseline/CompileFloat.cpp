// f32 and f64 in xmm registers (moves, loads and stores by movaps/movss/movsd/movd/movq, which
// keep every bit, NaN payloads included). Sign operations are integer bit operations in a general
// register, exact as the specification asks. Truncation to integers checks NaN and range first
// (the traps), then truncates.
// min, max, rounding, the saturating truncations and conversions from u64 are in
// CompileFloatRules.cpp.
#include "baseline/FunctionCompiler.h"

#include "wasmc/abi.h"

#include <llvm/ADT/bit.h>

namespace wasmc::baseline {

using binary::Opcode;
using K = binary::ValType::Kind;

namespace {

bool arithmetic(Opcode op, SseOp &sse, bool &isDouble) {
  switch (op) {
  case Opcode::F32Add: sse = SseOp::add; isDouble = false; return true;
  case Opcode::F32Sub: sse = SseOp::sub; isDouble = false; return true;
  case Opcode::F32Mul: sse = SseOp::mul; isDouble = false; return true;
  case Opcode::F32Div: sse = SseOp::div; isDouble = false; return true;
  case Opcode::F64Add: sse = SseOp::add; isDouble = true; return true;
  case Opcode::F64Sub: sse = SseOp::sub; isDouble = true; return true;
  case Opcode::F64Mul: sse = SseOp::mul; isDouble = true; return true;
  case Opcode::F64Div: sse = SseOp::div; isDouble = true; return true;
  default: return false;
  }
}

enum class FloatCompare { eq, ne, lt, gt, le, ge };

bool comparison(Opcode op, FloatCompare &compare, bool &isDouble) {
  switch (op) {
  case Opcode::F32Eq: compare = FloatCompare::eq; isDouble = false; return true;
  case Opcode::F32Ne: compare = FloatCompare::ne; isDouble = false; return true;
  case Opcode::F32Lt: compare = FloatCompare::lt; isDouble = false; return true;
  case Opcode::F32Gt: compare = FloatCompare::gt; isDouble = false; return true;
  case Opcode::F32Le: compare = FloatCompare::le; isDouble = false; return true;
  case Opcode::F32Ge: compare = FloatCompare::ge; isDouble = false; return true;
  case Opcode::F64Eq: compare = FloatCompare::eq; isDouble = true; return true;
  case Opcode::F64Ne: compare = FloatCompare::ne; isDouble = true; return true;
  case Opcode::F64Lt: compare = FloatCompare::lt; isDouble = true; return true;
  case Opcode::F64Gt: compare = FloatCompare::gt; isDouble = true; return true;
  case Opcode::F64Le: compare = FloatCompare::le; isDouble = true; return true;
  case Opcode::F64Ge: compare = FloatCompare::ge; isDouble = true; return true;
  default: return false;
  }
}

} // namespace

bool FunctionCompiler::sseIntoLocal(SseOp operation, bool isDouble) {
  const K type = isDouble ? K::F64 : K::F32;
  const std::optional<uint32_t> local = nextLocalStore(type);
  if (!local || !operandsAllowTarget(*local))
    return false;
  const Xmm target = Xmm(locals_.reg[*local]);
  const Value rhs = pop();
  const Value lhs = pop();
  copyLocalEntries(*local); // other readers of the local keep its old value
  materializeXmm(lhs, target); // nothing when lhs is the local itself
  releaseValue(lhs);
  if (rhs.loc == Value::Loc::Const) {
    a_.sseLabel(operation, isDouble, target, constantLabel(uint64_t(rhs.bits)));
    consumeLocalStore(*local);
    return true;
  }
  const bool inRegister = rhs.loc == Value::Loc::Register || rhs.loc == Value::Loc::Local;
  const Xmm r = inRegister ? Xmm(rhs.reg) : allocateXmm();
  if (!inRegister)
    materializeXmm(rhs, r);
  a_.sse(operation, isDouble, target, r);
  if (!inRegister)
    releaseXmm(r);
  releaseValue(rhs);
  consumeLocalStore(*local);
  return true;
}

bool FunctionCompiler::compileFloat(const Instruction &instruction) {
  const Opcode op = instruction.op;
  SseOp sse;
  FloatCompare compare;
  bool isDouble = false;
  if (op == Opcode::F32Const) {
    pushConst(K::F32, int64_t(instruction.value.f32Bits));
    return true;
  }
  if (op == Opcode::F64Const) {
    pushConst(K::F64, int64_t(instruction.value.f64Bits));
    return true;
  }
  if (arithmetic(op, sse, isDouble)) {
    if (sseIntoLocal(sse, isDouble))
      return true;
    if (stack_.back().loc == Value::Loc::Const) {
      const uint64_t bits = uint64_t(pop().bits);
      const Xmm lhs = popToXmm();
      a_.sseLabel(sse, isDouble, lhs, constantLabel(bits));
      pushXmm(isDouble ? K::F64 : K::F32, lhs);
      return true;
    }
    // add and mul commute (with a NaN on each side either payload is allowed): an operand of
    // its own on the right takes the result, and a local's register on the left needs no copy.
    if ((sse == SseOp::add || sse == SseOp::mul) && stack_.back().loc == Value::Loc::Register &&
        stack_[stack_.size() - 2].loc == Value::Loc::Local) {
      const Xmm rhs = Xmm(pop().reg);
      const Xmm lhs = Xmm(pop().reg);
      a_.sse(sse, isDouble, rhs, lhs);
      pushXmm(isDouble ? K::F64 : K::F32, rhs);
      return true;
    }
    bool rhsOwned = false;
    const Xmm rhs = popToReadableXmm(rhsOwned);
    const Xmm lhs = popToXmm();
    a_.sse(sse, isDouble, lhs, rhs);
    if (rhsOwned)
      releaseXmm(rhs);
    pushXmm(isDouble ? K::F64 : K::F32, lhs);
    return true;
  }
  if (comparison(op, compare, isDouble)) {
    bool rhsOwned = false, lhsOwned = false;
    const Xmm rhs = popToReadableXmm(rhsOwned);
    const Xmm lhs = popToReadableXmm(lhsOwned);
    if (rhsOwned)
      releaseXmm(rhs);
    if (lhsOwned)
      releaseXmm(lhs);
    // Unordered operands set ZF, PF and CF: "above" and "above or equal" with the operands in
    // the right order are false for NaN; equality needs PF clear, inequality accepts PF set.
    // (allocate() after the comparison emits moves only: the flags stay.)
    switch (compare) {
    case FloatCompare::eq:
    case FloatCompare::ne: {
      const bool eq = compare == FloatCompare::eq;
      a_.ucomis(isDouble, lhs, rhs);
      const Reg result = allocate();
      const Reg parity = allocate();
      a_.setcc(eq ? Cond::e : Cond::ne, result);
      a_.setcc(eq ? Cond::np : Cond::p, parity);
      a_.movzx8(result, result);
      a_.movzx8(parity, parity);
      a_.alu(eq ? Alu::and_ : Alu::or_, Width::W32, result, parity);
      release(parity);
      push(K::I32, result);
      break;
    }
    case FloatCompare::lt:
    case FloatCompare::le:
      a_.ucomis(isDouble, rhs, lhs);
      pushCondition(compare == FloatCompare::lt ? Cond::a : Cond::ae, allocate());
      break;
    case FloatCompare::gt:
    case FloatCompare::ge:
      a_.ucomis(isDouble, lhs, rhs);
      pushCondition(compare == FloatCompare::gt ? Cond::a : Cond::ae, allocate());
      break;
    }
    return true;
  }
  switch (op) {
  case Opcode::F32Sqrt:
  case Opcode::F64Sqrt: {
    isDouble = op == Opcode::F64Sqrt;
    const Xmm xmm = popToXmm();
    a_.sse(SseOp::sqrt, isDouble, xmm, xmm);
    pushXmm(isDouble ? K::F64 : K::F32, xmm);
    return true;
  }
  case Opcode::F32Abs:
  case Opcode::F32Neg:
  case Opcode::F64Abs:
  case Opcode::F64Neg: {
    isDouble = op == Opcode::F64Abs || op == Opcode::F64Neg;
    const bool abs = op == Opcode::F32Abs || op == Opcode::F64Abs;
    const Width width = isDouble ? Width::W64 : Width::W32;
    const Xmm xmm = popToXmm();
    const Reg bits = allocate();
    a_.movdFromXmm(width, bits, xmm);
    if (isDouble)
      a_.bitTestImm(abs ? 6 : 7, Width::W64, bits, 63); // btr / btc
    else
      a_.aluImm(abs ? Alu::and_ : Alu::xor_, Width::W32, bits, abs ? 0x7fffffff : INT32_MIN);
    a_.movdToXmm(width, xmm, bits);
    release(bits);
    pushXmm(isDouble ? K::F64 : K::F32, xmm);
    return true;
  }
  case Opcode::F32Copysign:
  case Opcode::F64Copysign: {
    isDouble = op == Opcode::F64Copysign;
    const Width width = isDouble ? Width::W64 : Width::W32;
    const uint8_t signBit = isDouble ? 63 : 31;
    const Reg sign = popToReg(); // a float's bits
    const Xmm xmm = popToXmm();
    const Reg magnitude = allocate();
    a_.movdFromXmm(width, magnitude, xmm);
    a_.shiftImm(Shift::shr, width, sign, signBit);
    a_.shiftImm(Shift::shl, width, sign, signBit);
    a_.bitTestImm(6, width, magnitude, signBit);
    a_.alu(Alu::or_, width, magnitude, sign);
    a_.movdToXmm(width, xmm, magnitude);
    release(sign);
    release(magnitude);
    pushXmm(isDouble ? K::F64 : K::F32, xmm);
    return true;
  }
  case Opcode::F32ConvertI32S: case Opcode::F32ConvertI32U: case Opcode::F32ConvertI64S:
  case Opcode::F64ConvertI32S: case Opcode::F64ConvertI32U: case Opcode::F64ConvertI64S: {
    isDouble = op == Opcode::F64ConvertI32S || op == Opcode::F64ConvertI32U ||
               op == Opcode::F64ConvertI64S;
    // An unsigned i32 is converted as the (zero-extended) i64 it is kept as.
    const Width from = op == Opcode::F32ConvertI32S || op == Opcode::F64ConvertI32S ? Width::W32
                                                                                     : Width::W64;
    bool owned = false;
    const Reg reg = popToReadable(owned);
    const Xmm xmm = allocateXmm();
    a_.xorps(xmm, xmm); // cvtsi2s keeps the upper lanes: no wait on their last writer
    a_.cvtsi2s(isDouble, from, xmm, reg);
    if (owned)
      release(reg);
    pushXmm(isDouble ? K::F64 : K::F32, xmm);
    return true;
  }
  case Opcode::I32TruncF32S: case Opcode::I32TruncF32U: case Opcode::I32TruncF64S:
  case Opcode::I32TruncF64U: case Opcode::I64TruncF32S: case Opcode::I64TruncF64S:
  case Opcode::I64TruncF32U: case Opcode::I64TruncF64U: {
    isDouble = op == Opcode::I32TruncF64S || op == Opcode::I32TruncF64U ||
               op == Opcode::I64TruncF64S || op == Opcode::I64TruncF64U;
    const bool toU64 = op == Opcode::I64TruncF32U || op == Opcode::I64TruncF64U;
    const bool isSigned = op != Opcode::I32TruncF32U && op != Opcode::I32TruncF64U && !toU64;
    const bool to64 = op == Opcode::I64TruncF32S || op == Opcode::I64TruncF64S || toU64;
    // The valid inputs are the open interval (lower, upper): each bound is exact in the source
    // type, except f32's -2^31 and -2^63, which are themselves valid (the next f32 down is
    // more than one away), so for them the interval is closed below.
    double lower = -1, upper = 4294967296.0;
    bool lowerValid = false;
    if (toU64) {
      upper = 18446744073709551616.0;
    } else if (isSigned && !to64) {
      lower = isDouble ? -2147483649.0 : -2147483648.0;
      lowerValid = !isDouble;
      upper = 2147483648.0;
    } else if (to64) {
      lower = -9223372036854775808.0;
      lowerValid = true;
      upper = 9223372036854775808.0;
    }
    const Width width = isDouble ? Width::W64 : Width::W32;
    auto bits = [&](double value) -> uint64_t {
      if (isDouble)
        return llvm::bit_cast<uint64_t>(value);
      return llvm::bit_cast<uint32_t>(float(value));
    };
    popFloatIntoXmm0();
    const Reg reg = allocate();
    const Reg scratch = allocate();
    a_.ucomis(isDouble, Xmm::xmm0, Xmm::xmm0);
    a_.jcc(Cond::p, trapLabel(WASMC_TRAP_INVALID_CONVERSION));
    a_.movImm(scratch, bits(lower), isDouble);
    a_.movdToXmm(width, Xmm::xmm1, scratch);
    a_.ucomis(isDouble, Xmm::xmm0, Xmm::xmm1);
    a_.jcc(lowerValid ? Cond::b : Cond::be, trapLabel(WASMC_TRAP_INTEGER_OVERFLOW));
    a_.movImm(scratch, bits(upper), isDouble);
    a_.movdToXmm(width, Xmm::xmm1, scratch);
    a_.ucomis(isDouble, Xmm::xmm0, Xmm::xmm1);
    a_.jcc(Cond::ae, trapLabel(WASMC_TRAP_INTEGER_OVERFLOW));
    // An unsigned i32 is truncated as the i64 it fits in, and its low half kept.
    if (toU64) {
      truncateToU64(isDouble, reg, scratch);
    } else {
      a_.cvtts2si(isDouble, isSigned && !to64 ? Width::W32 : Width::W64, reg, Xmm::xmm0);
      if (!isSigned)
        a_.mov(Width::W32, reg, reg);
    }
    release(scratch);
    push(to64 ? K::I64 : K::I32, reg);
    return true;
  }
  case Opcode::F32DemoteF64:
  case Opcode::F64PromoteF32: {
    const bool demote = op == Opcode::F32DemoteF64;
    const Xmm xmm = popToXmm();
    if (demote)
      a_.cvtsd2ss(xmm, xmm);
    else
      a_.cvtss2sd(xmm, xmm);
    pushXmm(demote ? K::F32 : K::F64, xmm);
    return true;
  }
  case Opcode::I32ReinterpretF32:
  case Opcode::I64ReinterpretF64:
  case Opcode::F32ReinterpretI32:
  case Opcode::F64ReinterpretI64: {
    const K to = op == Opcode::I32ReinterpretF32 ? K::I32
                 : op == Opcode::I64ReinterpretF64 ? K::I64
                 : op == Opcode::F32ReinterpretI32 ? K::F32
                                                   : K::F64;
    const Value::Loc loc = stack_.back().loc;
    if (loc == Value::Loc::Const || loc == Value::Loc::Slot) {
      stack_.back().type = to; // the same bits
      return true;
    }
    const Width width = widthOf(to);
    bool owned = false;
    if (isFloat(to)) {
      const Reg bits = popToReadable(owned);
      const Xmm xmm = allocateXmm();
      a_.movdToXmm(width, xmm, bits);
      if (owned)
        release(bits);
      pushXmm(to, xmm);
    } else {
      const Xmm xmm = popToReadableXmm(owned);
      if (owned)
        releaseXmm(xmm);
      const Reg bits = allocate();
      a_.movdFromXmm(width, bits, xmm);
      push(to, bits);
    }
    return true;
  }
  default:
    return false;
  }
}

} // namespace wasmc::baseline
