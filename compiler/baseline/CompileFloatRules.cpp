// The float operators with rules of their own in the specification: rounding, min/max (NaN wins
// and is quieted, -0 < +0), conversions from u64, and the saturating truncations (and the
// conversion to u64 that the trapping truncations of CompileFloat.cpp share).
// Rounding calls libm's ceil/floor/trunc/roundeven, as LLVM's code does for the x86-64 baseline
// CPU (roundss/roundsd need SSE4.1, which -O0 and -O2 do not assume).
#include "baseline/FunctionCompiler.h"

#include <llvm/ADT/bit.h>

namespace wasmc::baseline {

using binary::Opcode;
using K = binary::ValType::Kind;

namespace {

const char *roundingFunction(Opcode op) {
  switch (op) {
  case Opcode::F32Ceil: return "ceilf";
  case Opcode::F64Ceil: return "ceil";
  case Opcode::F32Floor: return "floorf";
  case Opcode::F64Floor: return "floor";
  case Opcode::F32Trunc: return "truncf";
  case Opcode::F64Trunc: return "trunc";
  case Opcode::F32Nearest: return "roundevenf";
  case Opcode::F64Nearest: return "roundeven";
  default: return nullptr;
  }
}

struct SaturatingTruncation {
  bool isDouble, isSigned, to64;
};

bool saturatingTruncation(Opcode op, SaturatingTruncation &t) {
  switch (op) {
  case Opcode::I32TruncSatF32S: t = {false, true, false}; return true;
  case Opcode::I32TruncSatF32U: t = {false, false, false}; return true;
  case Opcode::I32TruncSatF64S: t = {true, true, false}; return true;
  case Opcode::I32TruncSatF64U: t = {true, false, false}; return true;
  case Opcode::I64TruncSatF32S: t = {false, true, true}; return true;
  case Opcode::I64TruncSatF32U: t = {false, false, true}; return true;
  case Opcode::I64TruncSatF64S: t = {true, true, true}; return true;
  case Opcode::I64TruncSatF64U: t = {true, false, true}; return true;
  default: return false;
  }
}

} // namespace

void FunctionCompiler::truncateToU64(bool isDouble, Reg into, Reg scratch) {
  // xmm0 in [0, 2^64): at or above 2^63, the signed truncation of x - 2^63 with the top bit set.
  const Width width = isDouble ? Width::W64 : Width::W32;
  const Label small = a_.newLabel(), done = a_.newLabel();
  a_.movImm(scratch, isDouble ? 0x43e0000000000000ull : 0x5f000000u, isDouble); // 2^63
  a_.movdToXmm(width, Xmm::xmm1, scratch);
  a_.ucomis(isDouble, Xmm::xmm0, Xmm::xmm1);
  a_.jcc(Cond::b, small);
  a_.sse(SseOp::sub, isDouble, Xmm::xmm0, Xmm::xmm1);
  a_.cvtts2si(isDouble, Width::W64, into, Xmm::xmm0);
  a_.bitTestImm(5, Width::W64, into, 63); // bts
  a_.jmp(done);
  a_.bind(small);
  a_.cvtts2si(isDouble, Width::W64, into, Xmm::xmm0);
  a_.bind(done);
}

bool FunctionCompiler::compileFloatRules(const Instruction &instruction) {
  const Opcode op = instruction.op;
  if (const char *function = roundingFunction(op)) {
    const bool isDouble = op == Opcode::F64Ceil || op == Opcode::F64Floor ||
                          op == Opcode::F64Trunc || op == Opcode::F64Nearest;
    spillForCall(); // a C call: every register is the callee's
    materializeXmm(pop(), Xmm::xmm0);
    a_.call(function);
    reloadAfterCall();
    const Xmm xmm = allocateXmm();
    a_.movaps(xmm, Xmm::xmm0);
    pushXmm(isDouble ? K::F64 : K::F32, xmm);
    return true;
  }
  switch (op) {
  case Opcode::F32Min: case Opcode::F32Max: case Opcode::F64Min: case Opcode::F64Max: {
    const bool isDouble = op == Opcode::F64Min || op == Opcode::F64Max;
    const bool minimum = op == Opcode::F32Min || op == Opcode::F64Min;
    bool rhsOwned = false;
    const Xmm rhs = popToReadableXmm(rhsOwned);
    const Xmm lhs = popToXmm();
    const Label ordered = a_.newLabel(), nan = a_.newLabel(), done = a_.newLabel();
    a_.ucomis(isDouble, lhs, rhs);
    a_.jcc(Cond::p, nan);
    a_.jcc(Cond::ne, ordered);
    // Equal: the same bits, or zeros of either sign, where min takes -0 and max +0.
    if (minimum)
      a_.orps(lhs, rhs);
    else
      a_.andps(lhs, rhs);
    a_.jmp(done);
    a_.bind(ordered);
    a_.sse(minimum ? SseOp::min : SseOp::max, isDouble, lhs, rhs);
    a_.jmp(done);
    a_.bind(nan);
    a_.sse(SseOp::add, isDouble, lhs, rhs); // a NaN operand, quieted
    a_.bind(done);
    if (rhsOwned)
      releaseXmm(rhs);
    pushXmm(isDouble ? K::F64 : K::F32, lhs);
    return true;
  }
  case Opcode::F32ConvertI64U:
  case Opcode::F64ConvertI64U: {
    // Below 2^63 a signed conversion; above, half the value with its lowest bit kept sticky
    // (so the rounding is the same), converted and doubled.
    const bool isDouble = op == Opcode::F64ConvertI64U;
    const Reg reg = popToReg();
    const Reg half = allocate();
    const Xmm xmm = allocateXmm();
    const Label large = a_.newLabel(), done = a_.newLabel();
    a_.xorps(xmm, xmm);
    a_.test(Width::W64, reg, reg);
    a_.jcc(Cond::s, large);
    a_.cvtsi2s(isDouble, Width::W64, xmm, reg);
    a_.jmp(done);
    a_.bind(large);
    a_.mov(Width::W64, half, reg);
    a_.shiftImm(Shift::shr, Width::W64, half, 1);
    a_.aluImm(Alu::and_, Width::W32, reg, 1);
    a_.alu(Alu::or_, Width::W64, half, reg);
    a_.cvtsi2s(isDouble, Width::W64, xmm, half);
    a_.sse(SseOp::add, isDouble, xmm, xmm);
    a_.bind(done);
    release(half);
    release(reg);
    pushXmm(isDouble ? K::F64 : K::F32, xmm);
    return true;
  }
  default:
    break;
  }
  SaturatingTruncation t;
  if (!saturatingTruncation(op, t))
    return false;
  // NaN gives 0; at or beyond a bound, the bound's integer; within, the truncation. u32 is
  // truncated as the i64 it fits in; u64 at or above 2^63 as the signed truncation of x - 2^63,
  // with the top bit set back.
  const Width width = t.isDouble ? Width::W64 : Width::W32;
  auto bits = [&](double value) -> uint64_t {
    return t.isDouble ? llvm::bit_cast<uint64_t>(value) : llvm::bit_cast<uint32_t>(float(value));
  };
  double lower = 0, upper;
  int64_t lowest = 0, highest;
  if (t.isSigned) {
    lower = t.to64 ? -9223372036854775808.0 : -2147483648.0;
    upper = t.to64 ? 9223372036854775808.0 : 2147483648.0;
    lowest = t.to64 ? INT64_MIN : INT32_MIN;
    highest = t.to64 ? INT64_MAX : INT32_MAX;
  } else {
    upper = t.to64 ? 18446744073709551616.0 : 4294967296.0;
    highest = t.to64 ? -1 : int64_t(UINT32_MAX);
  }
  const Width to = t.to64 ? Width::W64 : Width::W32;
  popFloatIntoXmm0();
  const Reg reg = allocate();
  const Reg scratch = allocate();
  const Label done = a_.newLabel(), belowUpper = a_.newLabel(), aboveLower = a_.newLabel();
  a_.alu(Alu::xor_, Width::W32, reg, reg);
  a_.ucomis(t.isDouble, Xmm::xmm0, Xmm::xmm0);
  a_.jcc(Cond::p, done); // NaN: 0
  a_.movImm(scratch, bits(upper), t.isDouble);
  a_.movdToXmm(width, Xmm::xmm1, scratch);
  a_.ucomis(t.isDouble, Xmm::xmm0, Xmm::xmm1);
  a_.jcc(Cond::b, belowUpper);
  a_.movImm(reg, uint64_t(highest), t.to64);
  a_.jmp(done);
  a_.bind(belowUpper);
  a_.movImm(scratch, bits(lower), t.isDouble);
  a_.movdToXmm(width, Xmm::xmm1, scratch);
  a_.ucomis(t.isDouble, Xmm::xmm0, Xmm::xmm1);
  a_.jcc(Cond::a, aboveLower);
  a_.movImm(reg, t.to64 ? uint64_t(lowest) : uint32_t(lowest), t.to64);
  a_.jmp(done);
  a_.bind(aboveLower);
  if (t.isSigned) {
    a_.cvtts2si(t.isDouble, to, reg, Xmm::xmm0);
  } else if (!t.to64) {
    a_.cvtts2si(t.isDouble, Width::W64, reg, Xmm::xmm0);
    a_.mov(Width::W32, reg, reg);
  } else {
    truncateToU64(t.isDouble, reg, scratch);
  }
  a_.bind(done);
  release(scratch);
  push(t.to64 ? K::I64 : K::I32, reg);
  return true;
}

} // namespace wasmc::baseline
