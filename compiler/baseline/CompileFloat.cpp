// f32 and f64: values travel as their bits in general-purpose registers (loads, stores, locals,
// select and reinterpretations keep every bit, NaN payloads included); arithmetic moves them
// through xmm0 and xmm1. Sign operations are integer bit operations, exact as the specification
// asks. Truncation to integers checks NaN and range first (the traps), then truncates.
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

void FunctionCompiler::floatOperand(Width width, Reg value) {
  if (xmm0At_ == a_.size() && !a_.labelAt(a_.size()) && xmm0Holds_ == value &&
      xmm0Width_ == width)
    return;
  a_.movdToXmm(width, Xmm::xmm0, value);
}

void FunctionCompiler::floatOperands(Width width, Reg lhs, Reg rhs) {
  // The same width too: an f32 result's upper bits in xmm0 are not the zeros of its register.
  const bool cached = xmm0At_ == a_.size() && !a_.labelAt(a_.size()) && xmm0Width_ == width;
  if (cached && xmm0Holds_ == rhs) {
    a_.movaps(Xmm::xmm1, Xmm::xmm0);
    a_.movdToXmm(width, Xmm::xmm0, lhs);
    return;
  }
  if (!(cached && xmm0Holds_ == lhs))
    a_.movdToXmm(width, Xmm::xmm0, lhs);
  a_.movdToXmm(width, Xmm::xmm1, rhs);
}

void FunctionCompiler::floatResult(Width width, Reg into) {
  a_.movdFromXmm(width, into, Xmm::xmm0);
  xmm0Holds_ = into;
  xmm0Width_ = width;
  xmm0At_ = a_.size();
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
    const Width width = isDouble ? Width::W64 : Width::W32;
    const Reg rhs = popToReg();
    const Reg lhs = popToReg();
    floatOperands(width, lhs, rhs);
    a_.sse(sse, isDouble, Xmm::xmm0, Xmm::xmm1);
    floatResult(width, lhs);
    release(rhs);
    push(isDouble ? K::F64 : K::F32, lhs);
    return true;
  }
  if (comparison(op, compare, isDouble)) {
    const Width width = isDouble ? Width::W64 : Width::W32;
    const Reg rhs = popToReg();
    const Reg lhs = popToReg();
    floatOperands(width, lhs, rhs);
    // Unordered operands set ZF, PF and CF: "above" and "above or equal" with the operands in
    // the right order are false for NaN; equality needs PF clear, inequality accepts PF set.
    switch (compare) {
    case FloatCompare::eq:
    case FloatCompare::ne: {
      const bool eq = compare == FloatCompare::eq;
      a_.ucomis(isDouble, Xmm::xmm0, Xmm::xmm1);
      a_.setcc(eq ? Cond::e : Cond::ne, lhs);
      a_.setcc(eq ? Cond::np : Cond::p, rhs);
      a_.movzx8(lhs, lhs);
      a_.movzx8(rhs, rhs);
      a_.alu(eq ? Alu::and_ : Alu::or_, Width::W32, lhs, rhs);
      break;
    }
    case FloatCompare::lt:
    case FloatCompare::le:
      a_.ucomis(isDouble, Xmm::xmm1, Xmm::xmm0);
      a_.setcc(compare == FloatCompare::lt ? Cond::a : Cond::ae, lhs);
      a_.movzx8(lhs, lhs);
      break;
    case FloatCompare::gt:
    case FloatCompare::ge:
      a_.ucomis(isDouble, Xmm::xmm0, Xmm::xmm1);
      a_.setcc(compare == FloatCompare::gt ? Cond::a : Cond::ae, lhs);
      a_.movzx8(lhs, lhs);
      break;
    }
    release(rhs);
    push(K::I32, lhs);
    return true;
  }
  switch (op) {
  case Opcode::F32Sqrt:
  case Opcode::F64Sqrt: {
    isDouble = op == Opcode::F64Sqrt;
    const Width width = isDouble ? Width::W64 : Width::W32;
    const Reg reg = popToReg();
    floatOperand(width, reg);
    a_.sse(SseOp::sqrt, isDouble, Xmm::xmm0, Xmm::xmm0);
    floatResult(width, reg);
    push(isDouble ? K::F64 : K::F32, reg);
    return true;
  }
  case Opcode::F32Abs: {
    const Reg reg = popToReg();
    a_.aluImm(Alu::and_, Width::W32, reg, 0x7fffffff);
    push(K::F32, reg);
    return true;
  }
  case Opcode::F32Neg: {
    const Reg reg = popToReg();
    a_.aluImm(Alu::xor_, Width::W32, reg, INT32_MIN);
    push(K::F32, reg);
    return true;
  }
  case Opcode::F64Abs:
  case Opcode::F64Neg: {
    const Reg reg = popToReg();
    a_.bitTestImm(op == Opcode::F64Abs ? 6 : 7, Width::W64, reg, 63); // btr / btc
    push(K::F64, reg);
    return true;
  }
  case Opcode::F32Copysign:
  case Opcode::F64Copysign: {
    isDouble = op == Opcode::F64Copysign;
    const Width width = isDouble ? Width::W64 : Width::W32;
    const uint8_t signBit = isDouble ? 63 : 31;
    const Reg sign = popToReg();
    const Reg magnitude = popToReg();
    a_.shiftImm(Shift::shr, width, sign, signBit);
    a_.shiftImm(Shift::shl, width, sign, signBit);
    a_.bitTestImm(6, width, magnitude, signBit);
    a_.alu(Alu::or_, width, magnitude, sign);
    release(sign);
    push(isDouble ? K::F64 : K::F32, magnitude);
    return true;
  }
  case Opcode::F32ConvertI32S: case Opcode::F32ConvertI32U: case Opcode::F32ConvertI64S:
  case Opcode::F64ConvertI32S: case Opcode::F64ConvertI32U: case Opcode::F64ConvertI64S: {
    isDouble = op == Opcode::F64ConvertI32S || op == Opcode::F64ConvertI32U ||
               op == Opcode::F64ConvertI64S;
    // An unsigned i32 is converted as the (zero-extended) i64 it is kept as.
    const Width from = op == Opcode::F32ConvertI32S || op == Opcode::F64ConvertI32S ? Width::W32
                                                                                     : Width::W64;
    const Reg reg = popToReg();
    a_.cvtsi2s(isDouble, from, Xmm::xmm0, reg);
    floatResult(isDouble ? Width::W64 : Width::W32, reg);
    push(isDouble ? K::F64 : K::F32, reg);
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
    const Reg reg = popToReg();
    const Reg scratch = allocate();
    a_.movdToXmm(width, Xmm::xmm0, reg);
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
    const Reg reg = popToReg();
    floatOperand(demote ? Width::W64 : Width::W32, reg);
    if (demote)
      a_.cvtsd2ss(Xmm::xmm0, Xmm::xmm0);
    else
      a_.cvtss2sd(Xmm::xmm0, Xmm::xmm0);
    floatResult(demote ? Width::W32 : Width::W64, reg);
    push(demote ? K::F32 : K::F64, reg);
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
    stack_.back().type = to; // the same bits
    return true;
  }
  default:
    return false;
  }
}

} // namespace wasmc::baseline
