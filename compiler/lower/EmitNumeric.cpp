// Constants, comparisons and integer and floating-point arithmetic with exact wasm semantics:
// trapping division and remainder, shift and rotate counts modulo the width, min/max that
// propagate NaN and order -0 below +0, round-to-nearest-even for `nearest`; wide arithmetic's
// 128-bit sums, differences and products in LLVM's i128, which each target legalises into its
// carry chain (adc, adds/adc, sltu) and widening multiply (mul + umulh/smulh, mulhu/mulh).
#include "lower/FunctionLowering.h"

#include <llvm/IR/Intrinsics.h>

namespace wasmc::lower {

// llvm.minimum/maximum have wasm's ordering (NaN wins, -0 < +0) but return a NaN operand
// unchanged, where wasm wants it quieted; adding -0.0 quiets a NaN and leaves every other value,
// zeros included, as it is. Scalars and vectors alike.
llvm::Value *FunctionLowering::floatMinMax(llvm::Value *l, llvm::Value *r, bool minimum) {
  llvm::Value *result = callIntrinsic(minimum ? llvm::Intrinsic::minimum : llvm::Intrinsic::maximum,
                                      {l->getType()}, {l, r});
  return b_.CreateFAdd(result, fenceIdentityConstant(llvm::ConstantFP::getNegativeZero(l->getType()), true));
}

bool FunctionLowering::emitNumeric(const Instruction &instruction) {
  using llvm::CmpInst;
  auto binary = [&](auto &&make) {
    llvm::Value *rhs = pop();
    llvm::Value *lhs = pop();
    push(make(lhs, rhs));
  };
  auto unary = [&](auto &&make) { push(make(pop())); };
  auto icmp = [&](CmpInst::Predicate predicate) {
    binary([&](llvm::Value *l, llvm::Value *r) { return boolToI32(b_.CreateICmp(predicate, l, r)); });
  };
  auto fcmp = [&](CmpInst::Predicate predicate) {
    binary([&](llvm::Value *l, llvm::Value *r) { return boolToI32(b_.CreateFCmp(predicate, l, r)); });
  };
  auto unaryIntrinsic = [&](llvm::Intrinsic::ID id) {
    unary([&](llvm::Value *v) { return callIntrinsic(id, {v->getType()}, {v}); });
  };
  auto rounding = [&](llvm::Intrinsic::ID id) {
    unary([&](llvm::Value *v) { return quietRounding(callIntrinsic(id, {v->getType()}, {v})); });
  };
  auto binaryIntrinsic = [&](llvm::Intrinsic::ID id) {
    binary([&](llvm::Value *l, llvm::Value *r) { return callIntrinsic(id, {l->getType()}, {l, r}); });
  };
  auto countBits = [&](llvm::Intrinsic::ID id) { // ctlz/cttz with zero defined as the width
    unary([&](llvm::Value *v) { return callIntrinsic(id, {v->getType()}, {v, b_.getFalse()}); });
  };
  auto shift = [&](llvm::Instruction::BinaryOps op) {
    binary([&](llvm::Value *l, llvm::Value *r) {
      const unsigned width = l->getType()->getIntegerBitWidth();
      llvm::Value *count = b_.CreateAnd(r, llvm::ConstantInt::get(r->getType(), width - 1));
      return b_.CreateBinOp(op, l, count);
    });
  };
  auto divide = [&](bool isSigned, bool remainder) {
    binary([&](llvm::Value *l, llvm::Value *r) -> llvm::Value * {
      llvm::Type *type = l->getType();
      trapIf(b_.CreateICmpEQ(r, llvm::ConstantInt::get(type, 0)), WASMC_TRAP_INTEGER_DIVIDE_BY_ZERO);
      if (!isSigned)
        return remainder ? b_.CreateURem(l, r) : b_.CreateUDiv(l, r);
      const unsigned width = type->getIntegerBitWidth();
      llvm::Value *minusOne = llvm::ConstantInt::getSigned(type, -1);
      llvm::Value *overflows = b_.CreateAnd(
          b_.CreateICmpEQ(l, llvm::ConstantInt::get(type, llvm::APInt::getSignedMinValue(width))),
          b_.CreateICmpEQ(r, minusOne));
      if (!remainder) {
        trapIf(overflows, WASMC_TRAP_INTEGER_OVERFLOW);
        return b_.CreateSDiv(l, r);
      }
      // INT_MIN % -1 is 0 in wasm but undefined for srem: divide by 1 instead.
      llvm::Value *divisor = b_.CreateSelect(b_.CreateICmpEQ(r, minusOne),
                                             llvm::ConstantInt::get(type, 1), r);
      return b_.CreateSRem(l, divisor);
    });
  };
  // Wide arithmetic: an i128 is a (low, high) pair of i64 on the wasm stack, the high half on top.
  llvm::Type *i64 = b_.getInt64Ty(), *i128 = b_.getInt128Ty();
  auto pushHalves = [&](llvm::Value *wide) {
    push(b_.CreateTrunc(wide, i64));
    push(b_.CreateTrunc(b_.CreateLShr(wide, 64), i64));
  };
  auto popHalves = [&] {
    llvm::Value *high = b_.CreateZExt(pop(), i128);
    llvm::Value *low = b_.CreateZExt(pop(), i128);
    return b_.CreateOr(b_.CreateShl(high, 64), low);
  };
  auto wide = [&](llvm::Instruction::BinaryOps op) { // add128, sub128
    llvm::Value *rhs = popHalves();
    llvm::Value *lhs = popHalves();
    pushHalves(b_.CreateBinOp(op, lhs, rhs));
  };
  auto multiplyWide = [&](bool isSigned) { // mul_wide_s/u: the exact product of two i64
    llvm::Value *rhs = b_.CreateIntCast(pop(), i128, isSigned);
    llvm::Value *lhs = b_.CreateIntCast(pop(), i128, isSigned);
    pushHalves(b_.CreateMul(lhs, rhs));
  };

  switch (instruction.op) {
  case Opcode::I32Const: push(b_.getInt32(uint32_t(instruction.value.i32))); return true;
  case Opcode::I64Const: push(b_.getInt64(uint64_t(instruction.value.i64))); return true;
  case Opcode::F32Const:
    push(llvm::ConstantFP::get(env_.context(),
                               llvm::APFloat(llvm::APFloat::IEEEsingle(),
                                             llvm::APInt(32, instruction.value.f32Bits))));
    return true;
  case Opcode::F64Const:
    push(llvm::ConstantFP::get(env_.context(),
                               llvm::APFloat(llvm::APFloat::IEEEdouble(),
                                             llvm::APInt(64, instruction.value.f64Bits))));
    return true;

  case Opcode::I32Eqz:
  case Opcode::I64Eqz:
    unary([&](llvm::Value *v) {
      return boolToI32(b_.CreateICmpEQ(v, llvm::ConstantInt::get(v->getType(), 0)));
    });
    return true;
  case Opcode::I32Eq: case Opcode::I64Eq: icmp(CmpInst::ICMP_EQ); return true;
  case Opcode::I32Ne: case Opcode::I64Ne: icmp(CmpInst::ICMP_NE); return true;
  case Opcode::I32LtS: case Opcode::I64LtS: icmp(CmpInst::ICMP_SLT); return true;
  case Opcode::I32LtU: case Opcode::I64LtU: icmp(CmpInst::ICMP_ULT); return true;
  case Opcode::I32GtS: case Opcode::I64GtS: icmp(CmpInst::ICMP_SGT); return true;
  case Opcode::I32GtU: case Opcode::I64GtU: icmp(CmpInst::ICMP_UGT); return true;
  case Opcode::I32LeS: case Opcode::I64LeS: icmp(CmpInst::ICMP_SLE); return true;
  case Opcode::I32LeU: case Opcode::I64LeU: icmp(CmpInst::ICMP_ULE); return true;
  case Opcode::I32GeS: case Opcode::I64GeS: icmp(CmpInst::ICMP_SGE); return true;
  case Opcode::I32GeU: case Opcode::I64GeU: icmp(CmpInst::ICMP_UGE); return true;
  // Ordered comparisons are false on NaN; `ne` is the unordered one, true on NaN.
  case Opcode::F32Eq: case Opcode::F64Eq: fcmp(CmpInst::FCMP_OEQ); return true;
  case Opcode::F32Ne: case Opcode::F64Ne: fcmp(CmpInst::FCMP_UNE); return true;
  case Opcode::F32Lt: case Opcode::F64Lt: fcmp(CmpInst::FCMP_OLT); return true;
  case Opcode::F32Gt: case Opcode::F64Gt: fcmp(CmpInst::FCMP_OGT); return true;
  case Opcode::F32Le: case Opcode::F64Le: fcmp(CmpInst::FCMP_OLE); return true;
  case Opcode::F32Ge: case Opcode::F64Ge: fcmp(CmpInst::FCMP_OGE); return true;

  case Opcode::I32Clz: case Opcode::I64Clz: countBits(llvm::Intrinsic::ctlz); return true;
  case Opcode::I32Ctz: case Opcode::I64Ctz: countBits(llvm::Intrinsic::cttz); return true;
  case Opcode::I32Popcnt: case Opcode::I64Popcnt: unaryIntrinsic(llvm::Intrinsic::ctpop); return true;
  case Opcode::I32Add: case Opcode::I64Add:
    binary([&](llvm::Value *l, llvm::Value *r) { return b_.CreateAdd(l, r); });
    return true;
  case Opcode::I32Sub: case Opcode::I64Sub:
    binary([&](llvm::Value *l, llvm::Value *r) { return b_.CreateSub(l, r); });
    return true;
  case Opcode::I32Mul: case Opcode::I64Mul:
    binary([&](llvm::Value *l, llvm::Value *r) { return b_.CreateMul(l, r); });
    return true;
  case Opcode::I32DivS: case Opcode::I64DivS: divide(true, false); return true;
  case Opcode::I32DivU: case Opcode::I64DivU: divide(false, false); return true;
  case Opcode::I32RemS: case Opcode::I64RemS: divide(true, true); return true;
  case Opcode::I32RemU: case Opcode::I64RemU: divide(false, true); return true;
  case Opcode::I32And: case Opcode::I64And:
    binary([&](llvm::Value *l, llvm::Value *r) { return b_.CreateAnd(l, r); });
    return true;
  case Opcode::I32Or: case Opcode::I64Or:
    binary([&](llvm::Value *l, llvm::Value *r) { return b_.CreateOr(l, r); });
    return true;
  case Opcode::I32Xor: case Opcode::I64Xor:
    binary([&](llvm::Value *l, llvm::Value *r) { return b_.CreateXor(l, r); });
    return true;
  case Opcode::I32Shl: case Opcode::I64Shl: shift(llvm::Instruction::Shl); return true;
  case Opcode::I32ShrS: case Opcode::I64ShrS: shift(llvm::Instruction::AShr); return true;
  case Opcode::I32ShrU: case Opcode::I64ShrU: shift(llvm::Instruction::LShr); return true;
  // Funnel shifts of a value with itself are rotates; they take the count modulo the width.
  case Opcode::I32Rotl: case Opcode::I64Rotl:
    binary([&](llvm::Value *l, llvm::Value *r) {
      return callIntrinsic(llvm::Intrinsic::fshl, {l->getType()}, {l, l, r});
    });
    return true;
  case Opcode::I32Rotr: case Opcode::I64Rotr:
    binary([&](llvm::Value *l, llvm::Value *r) {
      return callIntrinsic(llvm::Intrinsic::fshr, {l->getType()}, {l, l, r});
    });
    return true;
  case Opcode::I64Add128: wide(llvm::Instruction::Add); return true;
  case Opcode::I64Sub128: wide(llvm::Instruction::Sub); return true;
  case Opcode::I64MulWideS: multiplyWide(true); return true;
  case Opcode::I64MulWideU: multiplyWide(false); return true;

  case Opcode::F32Abs: case Opcode::F64Abs: unaryIntrinsic(llvm::Intrinsic::fabs); return true;
  case Opcode::F32Neg: case Opcode::F64Neg:
    unary([&](llvm::Value *v) { return b_.CreateFNeg(v); });
    return true;
  case Opcode::F32Ceil: case Opcode::F64Ceil: rounding(llvm::Intrinsic::ceil); return true;
  case Opcode::F32Floor: case Opcode::F64Floor: rounding(llvm::Intrinsic::floor); return true;
  case Opcode::F32Trunc: case Opcode::F64Trunc: rounding(llvm::Intrinsic::trunc); return true;
  case Opcode::F32Nearest: case Opcode::F64Nearest: rounding(llvm::Intrinsic::roundeven); return true;
  case Opcode::F32Sqrt: case Opcode::F64Sqrt: unaryIntrinsic(llvm::Intrinsic::sqrt); return true;
  case Opcode::F32Add: case Opcode::F64Add:
    binary([&](llvm::Value *l, llvm::Value *r) {
      return b_.CreateFAdd(fenceIdentityConstant(l, true), fenceIdentityConstant(r, true));
    });
    return true;
  case Opcode::F32Sub: case Opcode::F64Sub:
    binary([&](llvm::Value *l, llvm::Value *r) {
      return b_.CreateFSub(fenceIdentityConstant(l, true), fenceIdentityConstant(r, true));
    });
    return true;
  case Opcode::F32Mul: case Opcode::F64Mul:
    binary([&](llvm::Value *l, llvm::Value *r) {
      return b_.CreateFMul(fenceIdentityConstant(l, false), fenceIdentityConstant(r, false));
    });
    return true;
  case Opcode::F32Div: case Opcode::F64Div:
    binary([&](llvm::Value *l, llvm::Value *r) {
      return b_.CreateFDiv(l, fenceIdentityConstant(r, false));
    });
    return true;
  case Opcode::F32Min: case Opcode::F64Min:
    binary([&](llvm::Value *l, llvm::Value *r) { return floatMinMax(l, r, true); });
    return true;
  case Opcode::F32Max: case Opcode::F64Max:
    binary([&](llvm::Value *l, llvm::Value *r) { return floatMinMax(l, r, false); });
    return true;
  case Opcode::F32Copysign: case Opcode::F64Copysign:
    binaryIntrinsic(llvm::Intrinsic::copysign);
    return true;
  default:
    return false;
  }
}

} // namespace wasmc::lower
