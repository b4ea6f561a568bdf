// Conversions between value types: wrapping and extension, float-to-int truncation (trapping on
// NaN and on values out of range, or saturating), int-to-float, demote/promote, reinterpretation
// and the sign-extension operators.
#include "lower/FunctionLowering.h"

#include <llvm/IR/Intrinsics.h>

#include <cmath>

namespace wasmc::lower {

namespace {

// The range of floats that truncate to a representable integer: lower < x < upper, or
// lower <= x when the lower bound itself is representable and valid.
struct TruncRange {
  double lower;
  bool lowerInclusive;
  double upper;
};

TruncRange truncRange(unsigned bits, bool isSigned, bool fromF32) {
  const double upper = isSigned ? std::ldexp(1.0, int(bits) - 1) : std::ldexp(1.0, int(bits));
  if (!isSigned)
    return {-1.0, false, upper};
  const double minimum = -std::ldexp(1.0, int(bits) - 1);
  // f64 can represent values just below INT32_MIN that still truncate to it.
  if (bits == 32 && !fromF32)
    return {minimum - 1.0, false, upper};
  return {minimum, true, upper};
}

} // namespace

bool FunctionLowering::emitConversion(const Instruction &instruction) {
  llvm::Type *i32 = env_.i32();
  llvm::Type *i64 = env_.i64();
  llvm::Type *f32 = env_.f32();
  llvm::Type *f64 = env_.f64();
  auto convert = [&](auto &&make) { push(make(pop())); };
  auto truncate = [&](llvm::Type *to, bool isSigned) {
    llvm::Value *value = pop();
    const bool fromF32 = value->getType()->isFloatTy();
    const TruncRange range = truncRange(to->getIntegerBitWidth(), isSigned, fromF32);
    trapIf(b_.CreateFCmpUNO(value, value), WASMC_TRAP_INVALID_CONVERSION);
    llvm::Value *lower = llvm::ConstantFP::get(value->getType(), range.lower);
    llvm::Value *upper = llvm::ConstantFP::get(value->getType(), range.upper);
    llvm::Value *inRange = b_.CreateAnd(
        range.lowerInclusive ? b_.CreateFCmpOGE(value, lower) : b_.CreateFCmpOGT(value, lower),
        b_.CreateFCmpOLT(value, upper));
    trapIf(b_.CreateNot(inRange), WASMC_TRAP_INTEGER_OVERFLOW);
    push(isSigned ? b_.CreateFPToSI(value, to) : b_.CreateFPToUI(value, to));
  };
  auto saturate = [&](llvm::Type *to, bool isSigned) {
    llvm::Value *value = pop();
    push(callIntrinsic(isSigned ? llvm::Intrinsic::fptosi_sat : llvm::Intrinsic::fptoui_sat,
                       {to, value->getType()}, {value}));
  };
  auto signExtend = [&](unsigned fromBits) {
    convert([&](llvm::Value *v) {
      return b_.CreateSExt(b_.CreateTrunc(v, b_.getIntNTy(fromBits)), v->getType());
    });
  };

  switch (instruction.op) {
  case Opcode::I32WrapI64: convert([&](llvm::Value *v) { return b_.CreateTrunc(v, i32); }); return true;
  case Opcode::I64ExtendI32S: convert([&](llvm::Value *v) { return b_.CreateSExt(v, i64); }); return true;
  case Opcode::I64ExtendI32U: convert([&](llvm::Value *v) { return b_.CreateZExt(v, i64); }); return true;

  case Opcode::I32TruncF32S: case Opcode::I32TruncF64S: truncate(i32, true); return true;
  case Opcode::I32TruncF32U: case Opcode::I32TruncF64U: truncate(i32, false); return true;
  case Opcode::I64TruncF32S: case Opcode::I64TruncF64S: truncate(i64, true); return true;
  case Opcode::I64TruncF32U: case Opcode::I64TruncF64U: truncate(i64, false); return true;
  case Opcode::I32TruncSatF32S: case Opcode::I32TruncSatF64S: saturate(i32, true); return true;
  case Opcode::I32TruncSatF32U: case Opcode::I32TruncSatF64U: saturate(i32, false); return true;
  case Opcode::I64TruncSatF32S: case Opcode::I64TruncSatF64S: saturate(i64, true); return true;
  case Opcode::I64TruncSatF32U: case Opcode::I64TruncSatF64U: saturate(i64, false); return true;

  case Opcode::F32ConvertI32S: case Opcode::F32ConvertI64S:
    convert([&](llvm::Value *v) { return b_.CreateSIToFP(v, f32); });
    return true;
  case Opcode::F32ConvertI32U: case Opcode::F32ConvertI64U:
    convert([&](llvm::Value *v) { return b_.CreateUIToFP(v, f32); });
    return true;
  case Opcode::F64ConvertI32S: case Opcode::F64ConvertI64S:
    convert([&](llvm::Value *v) { return b_.CreateSIToFP(v, f64); });
    return true;
  case Opcode::F64ConvertI32U: case Opcode::F64ConvertI64U:
    convert([&](llvm::Value *v) { return b_.CreateUIToFP(v, f64); });
    return true;
  case Opcode::F32DemoteF64:
    convert([&](llvm::Value *v) {
      // LLVM folds demote(promote(x)) to x, which would keep a signalling NaN signalling.
      if (llvm::isa<llvm::FPExtInst>(v))
        v = callIntrinsic(llvm::Intrinsic::arithmetic_fence, {v->getType()}, {v});
      return b_.CreateFPTrunc(v, f32);
    });
    return true;
  case Opcode::F64PromoteF32: convert([&](llvm::Value *v) { return b_.CreateFPExt(v, f64); }); return true;

  case Opcode::I32ReinterpretF32: convert([&](llvm::Value *v) { return b_.CreateBitCast(v, i32); }); return true;
  case Opcode::I64ReinterpretF64: convert([&](llvm::Value *v) { return b_.CreateBitCast(v, i64); }); return true;
  case Opcode::F32ReinterpretI32: convert([&](llvm::Value *v) { return b_.CreateBitCast(v, f32); }); return true;
  case Opcode::F64ReinterpretI64: convert([&](llvm::Value *v) { return b_.CreateBitCast(v, f64); }); return true;

  case Opcode::I32Extend8S: case Opcode::I64Extend8S: signExtend(8); return true;
  case Opcode::I32Extend16S: case Opcode::I64Extend16S: signExtend(16); return true;
  case Opcode::I64Extend32S: signExtend(32); return true;
  default:
    return false;
  }
}

} // namespace wasmc::lower
