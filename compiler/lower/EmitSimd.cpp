// Fixed-width SIMD (v128). A v128 travels on the value stack, in locals and across calls as the
// canonical <4 x i32> (ModuleEnv::v128); every operator bitcasts it to its lane shape
// (<16 x i8>, <8 x i16>, <4 x i32>, <2 x i64>, <4 x float>, <2 x double>), works on that with
// target-independent IR (shufflevector, generic intrinsics) and bitcasts the result back.
//
// Where LLVM's semantics differ from wasm's, the lowering says so explicitly:
//  * shift counts are taken modulo the lane width (LLVM gives poison for counts >= width);
//  * swizzle gives 0 for indices >= 16 (extractelement past the end is poison);
//  * avgr_u and q15mulr_sat_s are computed in wider lanes, so that they cannot overflow;
//  * float-to-int conversions saturate, NaN giving 0;
//  * abs/neg are bitwise (fabs/fneg never canonicalise NaN), pmin/pmax are the selects of the
//    spec (b < a ? b : a), keeping the bits of the operand they pick;
//  * NaN results of arithmetic must be quiet (arithmetic NaNs). LLVM lets a signalling NaN
//    operand come out unchanged: llvm.minimum/maximum (on x86 and when constant folded),
//    InstCombine's x * 1 -> x, x - 0 -> x, fptrunc(fpext x) -> x, RISC-V's expansion of ceil &
//    co. As for scalars (fenceIdentityConstant, floatMinMax), constant operands that allow such
//    folds are fenced and the generic min/max adds a fenced -0; the x86 min/max produce the
//    canonical NaN themselves. A constant that only becomes visible after optimisation (a
//    v128.const through a local) is not fenced.
//
// Every operator has one generic lowering. A few have target-specific ones as well, where the
// generic IR gives poor code and an instruction computes exactly the wasm result (they compute
// the same values, so the choice is only about speed):
//  * x86: min/max (minps/maxps both ways), pmin/pmax (minps/maxps: InstCombine moves the select
//    to the integer domain, where it is no longer recognised), the trunc_sat conversions
//    (cvttps2dq/cvttpd2dq with fix-ups; LLVM scalarises vector llvm.fpto[su]i.sat) and the
//    relaxed dot products (lanes sign-extended in place by shifts);
//  * AArch64: min/max (fmin/fmax), q15mulr_sat_s (sqrdmulh), narrow (sqxtn/sqxtun) and
//    trunc_sat_f64x2_*_zero (fcvtz[su] to 64 bits, then sqxtn/uqxtn).
//
// Relaxed SIMD operators compute the deterministic profile's results, the same on every target
// and at every optimisation level (deterministicEquivalent, multiplyAdd, dot).
#include "lower/ConstExpr.h"
#include "lower/FunctionLowering.h"

#include <llvm/Analysis/ConstantFolding.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/IntrinsicsAArch64.h>
#include <llvm/IR/IntrinsicsX86.h>
#include <llvm/TargetParser/Triple.h>

#include <string_view>

namespace wasmc::lower {

namespace {

llvm::FixedVectorType *vectorOf(llvm::Type *lane, unsigned count) {
  return llvm::FixedVectorType::get(lane, count);
}

// Relaxed SIMD: wasmc computes the deterministic profile's result on every target (README.md,
// "Relaxed SIMD"). For most relaxed operators that is the result of a Wasm 2.0 operator, which is
// lowered in its place; madd/nmadd and the dot products have lowerings of their own below.
binary::Opcode deterministicEquivalent(binary::Opcode op) {
  using binary::Opcode;
  switch (op) {
  case Opcode::I8x16RelaxedSwizzle: return Opcode::I8x16Swizzle;
  case Opcode::I32x4RelaxedTruncF32x4S: return Opcode::I32x4TruncSatF32x4S;
  case Opcode::I32x4RelaxedTruncF32x4U: return Opcode::I32x4TruncSatF32x4U;
  case Opcode::I32x4RelaxedTruncF64x2SZero: return Opcode::I32x4TruncSatF64x2SZero;
  case Opcode::I32x4RelaxedTruncF64x2UZero: return Opcode::I32x4TruncSatF64x2UZero;
  case Opcode::I8x16RelaxedLaneselect: case Opcode::I16x8RelaxedLaneselect:
  case Opcode::I32x4RelaxedLaneselect: case Opcode::I64x2RelaxedLaneselect:
    return Opcode::V128Bitselect;
  case Opcode::F32x4RelaxedMin: return Opcode::F32x4Min;
  case Opcode::F32x4RelaxedMax: return Opcode::F32x4Max;
  case Opcode::F64x2RelaxedMin: return Opcode::F64x2Min;
  case Opcode::F64x2RelaxedMax: return Opcode::F64x2Max;
  case Opcode::I16x8RelaxedQ15mulrS: return Opcode::I16x8Q15mulrSatS;
  default: return op;
  }
}

// Shuffle mask {first, first + step, first + 2 * step, ...} of `count` lanes.
llvm::SmallVector<int, 16> laneSequence(unsigned first, unsigned count, unsigned step = 1) {
  llvm::SmallVector<int, 16> mask;
  for (unsigned i = 0; i < count; ++i)
    mask.push_back(int(first + i * step));
  return mask;
}

} // namespace

// ---- Helpers ----

llvm::Value *FunctionLowering::popLanes(llvm::Type *laneType, unsigned lanes) {
  llvm::Value *v128 = pop();
  llvm::Type *type = vectorOf(laneType, lanes);
  // IRBuilder leaves a bitcast between vectors of different lane counts as a constant
  // expression; folded with the data layout it becomes a plain vector of lane constants, which
  // fenceIdentityConstant can inspect.
  if (auto *constant = llvm::dyn_cast<llvm::Constant>(v128))
    if (llvm::Constant *folded = llvm::ConstantFoldCastOperand(
            llvm::Instruction::BitCast, constant, type, env_.module().getDataLayout()))
      return folded;
  return asVector(v128, type);
}

llvm::Value *FunctionLowering::sliceLanes(llvm::Value *vector, unsigned first, unsigned count) {
  return b_.CreateShuffleVector(vector, laneSequence(first, count));
}

llvm::Value *FunctionLowering::extendLanes(llvm::Value *vector, bool isSigned) {
  auto *type = llvm::cast<llvm::FixedVectorType>(vector->getType());
  llvm::Type *wide = vectorOf(b_.getIntNTy(type->getScalarSizeInBits() * 2), type->getNumElements());
  return isSigned ? b_.CreateSExt(vector, wide) : b_.CreateZExt(vector, wide);
}

llvm::Value *FunctionLowering::maskToLanes(llvm::Value *mask, llvm::Type *laneType) {
  auto *type = llvm::cast<llvm::FixedVectorType>(mask->getType());
  llvm::Type *integerLane = b_.getIntNTy(laneType->getPrimitiveSizeInBits());
  return b_.CreateSExt(mask, vectorOf(integerLane, type->getNumElements()));
}

bool FunctionLowering::emitSimd(const Instruction &instruction) {
  if (binary::opcodeInfo(instruction.op).prefix != 0xfd)
    return false;
  if (const Opcode equivalent = deterministicEquivalent(instruction.op);
      equivalent != instruction.op) {
    Instruction asEquivalent = instruction;
    asEquivalent.op = equivalent;
    return emitSimd(asEquivalent);
  }
  return emitSimdMemory(instruction) || emitSimdLanes(instruction) ||
         emitSimdInteger(instruction) || emitSimdFloat(instruction) ||
         emitSimdConversion(instruction);
}

// ---- Loads and stores ----

bool FunctionLowering::emitSimdMemory(const Instruction &instruction) {
  const binary::MemArg &memArg = instruction.memArg;
  llvm::Type *i8 = env_.i8();
  llvm::Type *i16 = b_.getInt16Ty();
  llvm::Type *i32 = env_.i32();
  llvm::Type *i64 = env_.i64();
  auto lanesOf = [](llvm::Type *lane) { return 128 / lane->getPrimitiveSizeInBits(); };
  // Eight bytes of narrow lanes, each extended to twice its width.
  auto loadExtend = [&](llvm::Type *lane, bool isSigned) {
    llvm::Value *narrow = loadMemory(vectorOf(lane, 64 / lane->getPrimitiveSizeInBits()), pop(), memArg);
    pushLanes(extendLanes(narrow, isSigned));
  };
  auto loadSplat = [&](llvm::Type *lane) {
    llvm::Value *scalar = loadMemory(lane, pop(), memArg);
    pushLanes(b_.CreateVectorSplat(lanesOf(lane), scalar));
  };
  auto loadZero = [&](llvm::Type *lane) {
    llvm::Value *scalar = loadMemory(lane, pop(), memArg);
    pushLanes(b_.CreateInsertElement(llvm::Constant::getNullValue(vectorOf(lane, lanesOf(lane))),
                                     scalar, uint64_t(0)));
  };
  auto loadLane = [&](llvm::Type *lane) {
    llvm::Value *vector = popLanes(lane, lanesOf(lane));
    llvm::Value *scalar = loadMemory(lane, pop(), memArg);
    pushLanes(b_.CreateInsertElement(vector, scalar, uint64_t(instruction.lane)));
  };
  auto storeLane = [&](llvm::Type *lane) {
    llvm::Value *vector = popLanes(lane, lanesOf(lane));
    llvm::Value *address = pop();
    storeMemory(b_.CreateExtractElement(vector, uint64_t(instruction.lane)), address, memArg);
  };

  switch (instruction.op) {
  case Opcode::V128Load: push(loadMemory(env_.v128(), pop(), memArg)); return true;
  case Opcode::V128Store: {
    llvm::Value *value = pop();
    llvm::Value *address = pop();
    storeMemory(value, address, memArg);
    return true;
  }
  case Opcode::V128Load8x8S: loadExtend(i8, true); return true;
  case Opcode::V128Load8x8U: loadExtend(i8, false); return true;
  case Opcode::V128Load16x4S: loadExtend(i16, true); return true;
  case Opcode::V128Load16x4U: loadExtend(i16, false); return true;
  case Opcode::V128Load32x2S: loadExtend(i32, true); return true;
  case Opcode::V128Load32x2U: loadExtend(i32, false); return true;
  case Opcode::V128Load8Splat: loadSplat(i8); return true;
  case Opcode::V128Load16Splat: loadSplat(i16); return true;
  case Opcode::V128Load32Splat: loadSplat(i32); return true;
  case Opcode::V128Load64Splat: loadSplat(i64); return true;
  case Opcode::V128Load32Zero: loadZero(i32); return true;
  case Opcode::V128Load64Zero: loadZero(i64); return true;
  case Opcode::V128Load8Lane: loadLane(i8); return true;
  case Opcode::V128Load16Lane: loadLane(i16); return true;
  case Opcode::V128Load32Lane: loadLane(i32); return true;
  case Opcode::V128Load64Lane: loadLane(i64); return true;
  case Opcode::V128Store8Lane: storeLane(i8); return true;
  case Opcode::V128Store16Lane: storeLane(i16); return true;
  case Opcode::V128Store32Lane: storeLane(i32); return true;
  case Opcode::V128Store64Lane: storeLane(i64); return true;
  default:
    return false;
  }
}

// ---- Constants, shuffles, splats, lane access ----

bool FunctionLowering::emitSimdLanes(const Instruction &instruction) {
  llvm::Type *i8 = env_.i8();
  llvm::Type *i16 = b_.getInt16Ty();
  llvm::Type *i32 = env_.i32();
  llvm::Type *i64 = env_.i64();
  llvm::Type *f32 = env_.f32();
  llvm::Type *f64 = env_.f64();
  auto lanesOf = [](llvm::Type *lane) { return 128 / lane->getPrimitiveSizeInBits(); };
  // i8 and i16 lanes take their scalar operand as an i32 and use its low bits.
  auto toLane = [&](llvm::Value *scalar, llvm::Type *lane) {
    return scalar->getType() == lane ? scalar : b_.CreateTrunc(scalar, lane);
  };
  auto splat = [&](llvm::Type *lane) {
    pushLanes(b_.CreateVectorSplat(lanesOf(lane), toLane(pop(), lane)));
  };
  auto extract = [&](llvm::Type *lane, bool isSigned) {
    llvm::Value *scalar =
        b_.CreateExtractElement(popLanes(lane, lanesOf(lane)), uint64_t(instruction.lane));
    if (lane == i8 || lane == i16)
      scalar = isSigned ? b_.CreateSExt(scalar, i32) : b_.CreateZExt(scalar, i32);
    push(scalar);
  };
  auto replace = [&](llvm::Type *lane) {
    llvm::Value *scalar = toLane(pop(), lane);
    llvm::Value *vector = popLanes(lane, lanesOf(lane));
    pushLanes(b_.CreateInsertElement(vector, scalar, uint64_t(instruction.lane)));
  };

  switch (instruction.op) {
  case Opcode::V128Const: push(v128Constant(env_, instruction.bytes)); return true;
  case Opcode::I8x16Shuffle: {
    llvm::Value *right = popLanes(i8, 16);
    llvm::Value *left = popLanes(i8, 16);
    llvm::SmallVector<int, 16> mask(instruction.bytes, instruction.bytes + 16);
    pushLanes(b_.CreateShuffleVector(left, right, mask));
    return true;
  }
  case Opcode::I8x16Swizzle: {
    // result[i] = indices[i] < 16 ? input[indices[i]] : 0. Lanes whose index is out of range
    // read poison, which the final select replaces by 0. The backends recognise a vector built
    // from variable extracts as a table lookup (pshufb, tbl) where they have one.
    llvm::Value *indices = popLanes(i8, 16);
    llvm::Value *input = popLanes(i8, 16);
    llvm::Value *result = llvm::PoisonValue::get(vectorOf(i8, 16));
    for (unsigned i = 0; i < 16; ++i) {
      llvm::Value *index = b_.CreateZExt(b_.CreateExtractElement(indices, uint64_t(i)), i32);
      result = b_.CreateInsertElement(result, b_.CreateExtractElement(input, index), uint64_t(i));
    }
    llvm::Value *inRange =
        b_.CreateICmpULT(indices, llvm::ConstantInt::get(vectorOf(i8, 16), 16));
    pushLanes(b_.CreateSelect(inRange, result, llvm::Constant::getNullValue(vectorOf(i8, 16))));
    return true;
  }
  case Opcode::I8x16Splat: splat(i8); return true;
  case Opcode::I16x8Splat: splat(i16); return true;
  case Opcode::I32x4Splat: splat(i32); return true;
  case Opcode::I64x2Splat: splat(i64); return true;
  case Opcode::F32x4Splat: splat(f32); return true;
  case Opcode::F64x2Splat: splat(f64); return true;
  case Opcode::I8x16ExtractLaneS: extract(i8, true); return true;
  case Opcode::I8x16ExtractLaneU: extract(i8, false); return true;
  case Opcode::I16x8ExtractLaneS: extract(i16, true); return true;
  case Opcode::I16x8ExtractLaneU: extract(i16, false); return true;
  case Opcode::I32x4ExtractLane: extract(i32, false); return true;
  case Opcode::I64x2ExtractLane: extract(i64, false); return true;
  case Opcode::F32x4ExtractLane: extract(f32, false); return true;
  case Opcode::F64x2ExtractLane: extract(f64, false); return true;
  case Opcode::I8x16ReplaceLane: replace(i8); return true;
  case Opcode::I16x8ReplaceLane: replace(i16); return true;
  case Opcode::I32x4ReplaceLane: replace(i32); return true;
  case Opcode::I64x2ReplaceLane: replace(i64); return true;
  case Opcode::F32x4ReplaceLane: replace(f32); return true;
  case Opcode::F64x2ReplaceLane: replace(f64); return true;
  default:
    return false;
  }
}

// ---- Bitwise operators, integer comparisons and arithmetic ----

bool FunctionLowering::emitSimdInteger(const Instruction &instruction) {
  using llvm::CmpInst;
  using llvm::Intrinsic::ID;
  namespace I = llvm::Intrinsic;
  llvm::Type *i8 = env_.i8();
  llvm::Type *i16 = b_.getInt16Ty();
  llvm::Type *i32 = env_.i32();
  llvm::Type *i64 = env_.i64();

  // The lane type named by the operator's shape prefix (the result shape).
  llvm::Type *lane = nullptr;
  const std::string_view name = binary::opcodeName(instruction.op);
  if (name.substr(0, 6) == "i8x16.")
    lane = i8;
  else if (name.substr(0, 6) == "i16x8.")
    lane = i16;
  else if (name.substr(0, 6) == "i32x4.")
    lane = i32;
  else if (name.substr(0, 6) == "i64x2.")
    lane = i64;
  const unsigned lanes = lane ? 128 / lane->getPrimitiveSizeInBits() : 0;
  // The lane type of the inputs of extending operators: half the width of the result's.
  llvm::Type *narrowLane = lane && lane != i8 ? b_.getIntNTy(lane->getPrimitiveSizeInBits() / 2)
                                              : nullptr;

  auto binaryV128 = [&](auto &&make) {
    llvm::Value *right = pop();
    llvm::Value *left = pop();
    push(make(left, right));
  };
  auto binary = [&](auto &&make) {
    llvm::Value *right = popLanes(lane, lanes);
    llvm::Value *left = popLanes(lane, lanes);
    pushLanes(make(left, right));
  };
  auto binaryIntrinsic = [&](ID id) {
    binary([&](llvm::Value *l, llvm::Value *r) {
      return callIntrinsic(id, {l->getType()}, {l, r});
    });
  };
  auto compare = [&](CmpInst::Predicate predicate) {
    binary([&](llvm::Value *l, llvm::Value *r) {
      return maskToLanes(b_.CreateICmp(predicate, l, r), lane);
    });
  };
  auto shift = [&](llvm::Instruction::BinaryOps op) {
    // The count is taken modulo the lane width.
    llvm::Value *count = pop();
    llvm::Value *vector = popLanes(lane, lanes);
    const unsigned width = lane->getPrimitiveSizeInBits();
    count = b_.CreateAnd(count, b_.getInt32(width - 1));
    count = b_.CreateZExtOrTrunc(count, lane);
    pushLanes(b_.CreateBinOp(op, vector, b_.CreateVectorSplat(lanes, count)));
  };
  // Lanes [first, first + lanes) of a vector of narrow lanes, extended.
  auto extendedHalf = [&](llvm::Value *narrow, bool high, bool isSigned) {
    return extendLanes(sliceLanes(narrow, high ? lanes : 0, lanes), isSigned);
  };
  auto extmul = [&](bool high, bool isSigned) {
    llvm::Value *right = popLanes(narrowLane, lanes * 2);
    llvm::Value *left = popLanes(narrowLane, lanes * 2);
    pushLanes(b_.CreateMul(extendedHalf(left, high, isSigned), extendedHalf(right, high, isSigned)));
  };
  // Adjacent lanes of `narrow` added, in lanes twice as wide.
  auto addPairs = [&](llvm::Value *narrow, bool isSigned) {
    auto *type = llvm::cast<llvm::FixedVectorType>(narrow->getType());
    const unsigned pairs = type->getNumElements() / 2;
    llvm::Value *even = extendLanes(b_.CreateShuffleVector(narrow, laneSequence(0, pairs, 2)), isSigned);
    llvm::Value *odd = extendLanes(b_.CreateShuffleVector(narrow, laneSequence(1, pairs, 2)), isSigned);
    return b_.CreateAdd(even, odd);
  };
  // Products of the signed lanes, in lanes twice as wide, adjacent pairs added: wrapping (the
  // sum of two products wraps only for -32768 * -32768 * 2 in i32x4.dot_i16x8_s, as the spec's
  // modular addition does) or saturating (the relaxed dot products' i16 sums).
  auto dot = [&](llvm::Value *left, llvm::Value *right, bool saturate) {
    auto *type = llvm::cast<llvm::FixedVectorType>(left->getType());
    const unsigned bits = type->getScalarSizeInBits();
    const unsigned pairs = type->getNumElements() / 2;
    llvm::Value *even = nullptr;
    llvm::Value *odd = nullptr;
    if (saturate && targetFamily() == TargetFamily::X86) {
      // Lanes 2i and 2i + 1 are the low and high halves of lane i of the same bits in lanes
      // twice as wide, sign-extended there by shifts (psllw/psraw): 11 SSE2 instructions where
      // extending all 16 lanes and separating the products took 21. (x86 recognises the generic
      // form of the wrapping dot product as pmaddwd; AArch64 its own as smull/uzp/sqadd.)
      llvm::Type *wide = vectorOf(b_.getIntNTy(bits * 2), pairs);
      auto low = [&](llvm::Value *v) {
        return b_.CreateAShr(b_.CreateShl(asVector(v, wide), bits), bits);
      };
      auto high = [&](llvm::Value *v) { return b_.CreateAShr(asVector(v, wide), bits); };
      even = b_.CreateMul(low(left), low(right));
      odd = b_.CreateMul(high(left), high(right));
    } else {
      llvm::Value *products = b_.CreateMul(extendLanes(left, true), extendLanes(right, true));
      even = b_.CreateShuffleVector(products, laneSequence(0, pairs, 2));
      odd = b_.CreateShuffleVector(products, laneSequence(1, pairs, 2));
    }
    return saturate ? callIntrinsic(I::sadd_sat, {even->getType()}, {even, odd})
                    : b_.CreateAdd(even, odd);
  };
  auto allTrue = [&] {
    llvm::Value *vector = popLanes(lane, lanes);
    llvm::Value *nonZero = b_.CreateICmpNE(vector, llvm::Constant::getNullValue(vector->getType()));
    push(boolToI32(b_.CreateAndReduce(nonZero)));
  };
  auto bitmask = [&] {
    // The top bit of every lane, lane i at bit i.
    llvm::Value *vector = popLanes(lane, lanes);
    llvm::Value *negative = b_.CreateICmpSLT(vector, llvm::Constant::getNullValue(vector->getType()));
    push(b_.CreateZExt(b_.CreateBitCast(negative, b_.getIntNTy(lanes)), i32));
  };

  switch (instruction.op) {
  // -- v128 bitwise --
  case Opcode::V128Not: push(b_.CreateNot(pop())); return true;
  case Opcode::V128And:
    binaryV128([&](llvm::Value *l, llvm::Value *r) { return b_.CreateAnd(l, r); });
    return true;
  case Opcode::V128Andnot:
    binaryV128([&](llvm::Value *l, llvm::Value *r) { return b_.CreateAnd(l, b_.CreateNot(r)); });
    return true;
  case Opcode::V128Or:
    binaryV128([&](llvm::Value *l, llvm::Value *r) { return b_.CreateOr(l, r); });
    return true;
  case Opcode::V128Xor:
    binaryV128([&](llvm::Value *l, llvm::Value *r) { return b_.CreateXor(l, r); });
    return true;
  case Opcode::V128Bitselect: {
    llvm::Value *mask = pop();
    llvm::Value *falseBits = pop();
    llvm::Value *trueBits = pop();
    push(b_.CreateOr(b_.CreateAnd(trueBits, mask), b_.CreateAnd(falseBits, b_.CreateNot(mask))));
    return true;
  }
  case Opcode::V128AnyTrue: {
    llvm::Value *bits = b_.CreateBitCast(pop(), b_.getInt128Ty());
    push(boolToI32(b_.CreateICmpNE(bits, llvm::ConstantInt::get(bits->getType(), 0))));
    return true;
  }

  // -- comparisons --
  case Opcode::I8x16Eq: case Opcode::I16x8Eq: case Opcode::I32x4Eq: case Opcode::I64x2Eq:
    compare(CmpInst::ICMP_EQ);
    return true;
  case Opcode::I8x16Ne: case Opcode::I16x8Ne: case Opcode::I32x4Ne: case Opcode::I64x2Ne:
    compare(CmpInst::ICMP_NE);
    return true;
  case Opcode::I8x16LtS: case Opcode::I16x8LtS: case Opcode::I32x4LtS: case Opcode::I64x2LtS:
    compare(CmpInst::ICMP_SLT);
    return true;
  case Opcode::I8x16LtU: case Opcode::I16x8LtU: case Opcode::I32x4LtU:
    compare(CmpInst::ICMP_ULT);
    return true;
  case Opcode::I8x16GtS: case Opcode::I16x8GtS: case Opcode::I32x4GtS: case Opcode::I64x2GtS:
    compare(CmpInst::ICMP_SGT);
    return true;
  case Opcode::I8x16GtU: case Opcode::I16x8GtU: case Opcode::I32x4GtU:
    compare(CmpInst::ICMP_UGT);
    return true;
  case Opcode::I8x16LeS: case Opcode::I16x8LeS: case Opcode::I32x4LeS: case Opcode::I64x2LeS:
    compare(CmpInst::ICMP_SLE);
    return true;
  case Opcode::I8x16LeU: case Opcode::I16x8LeU: case Opcode::I32x4LeU:
    compare(CmpInst::ICMP_ULE);
    return true;
  case Opcode::I8x16GeS: case Opcode::I16x8GeS: case Opcode::I32x4GeS: case Opcode::I64x2GeS:
    compare(CmpInst::ICMP_SGE);
    return true;
  case Opcode::I8x16GeU: case Opcode::I16x8GeU: case Opcode::I32x4GeU:
    compare(CmpInst::ICMP_UGE);
    return true;

  // -- unary --
  case Opcode::I8x16Abs: case Opcode::I16x8Abs: case Opcode::I32x4Abs: case Opcode::I64x2Abs: {
    // abs(INT_MIN) is INT_MIN: the minimum is not poison.
    llvm::Value *vector = popLanes(lane, lanes);
    pushLanes(callIntrinsic(I::abs, {vector->getType()}, {vector, b_.getFalse()}));
    return true;
  }
  case Opcode::I8x16Neg: case Opcode::I16x8Neg: case Opcode::I32x4Neg: case Opcode::I64x2Neg:
    pushLanes(b_.CreateNeg(popLanes(lane, lanes)));
    return true;
  case Opcode::I8x16Popcnt: {
    llvm::Value *vector = popLanes(lane, lanes);
    pushLanes(callIntrinsic(I::ctpop, {vector->getType()}, {vector}));
    return true;
  }
  case Opcode::I8x16AllTrue: case Opcode::I16x8AllTrue: case Opcode::I32x4AllTrue:
  case Opcode::I64x2AllTrue:
    allTrue();
    return true;
  case Opcode::I8x16Bitmask: case Opcode::I16x8Bitmask: case Opcode::I32x4Bitmask:
  case Opcode::I64x2Bitmask:
    bitmask();
    return true;

  // -- shifts --
  case Opcode::I8x16Shl: case Opcode::I16x8Shl: case Opcode::I32x4Shl: case Opcode::I64x2Shl:
    shift(llvm::Instruction::Shl);
    return true;
  case Opcode::I8x16ShrS: case Opcode::I16x8ShrS: case Opcode::I32x4ShrS: case Opcode::I64x2ShrS:
    shift(llvm::Instruction::AShr);
    return true;
  case Opcode::I8x16ShrU: case Opcode::I16x8ShrU: case Opcode::I32x4ShrU: case Opcode::I64x2ShrU:
    shift(llvm::Instruction::LShr);
    return true;

  // -- arithmetic --
  case Opcode::I8x16Add: case Opcode::I16x8Add: case Opcode::I32x4Add: case Opcode::I64x2Add:
    binary([&](llvm::Value *l, llvm::Value *r) { return b_.CreateAdd(l, r); });
    return true;
  case Opcode::I8x16Sub: case Opcode::I16x8Sub: case Opcode::I32x4Sub: case Opcode::I64x2Sub:
    binary([&](llvm::Value *l, llvm::Value *r) { return b_.CreateSub(l, r); });
    return true;
  case Opcode::I16x8Mul: case Opcode::I32x4Mul: case Opcode::I64x2Mul:
    binary([&](llvm::Value *l, llvm::Value *r) { return b_.CreateMul(l, r); });
    return true;
  case Opcode::I8x16AddSatS: case Opcode::I16x8AddSatS: binaryIntrinsic(I::sadd_sat); return true;
  case Opcode::I8x16AddSatU: case Opcode::I16x8AddSatU: binaryIntrinsic(I::uadd_sat); return true;
  case Opcode::I8x16SubSatS: case Opcode::I16x8SubSatS: binaryIntrinsic(I::ssub_sat); return true;
  case Opcode::I8x16SubSatU: case Opcode::I16x8SubSatU: binaryIntrinsic(I::usub_sat); return true;
  case Opcode::I8x16MinS: case Opcode::I16x8MinS: case Opcode::I32x4MinS:
    binaryIntrinsic(I::smin);
    return true;
  case Opcode::I8x16MinU: case Opcode::I16x8MinU: case Opcode::I32x4MinU:
    binaryIntrinsic(I::umin);
    return true;
  case Opcode::I8x16MaxS: case Opcode::I16x8MaxS: case Opcode::I32x4MaxS:
    binaryIntrinsic(I::smax);
    return true;
  case Opcode::I8x16MaxU: case Opcode::I16x8MaxU: case Opcode::I32x4MaxU:
    binaryIntrinsic(I::umax);
    return true;
  case Opcode::I8x16AvgrU: case Opcode::I16x8AvgrU:
    // (a + b + 1) >> 1 in lanes twice as wide, so that the sum cannot overflow.
    binary([&](llvm::Value *l, llvm::Value *r) {
      llvm::Value *sum = b_.CreateAdd(extendLanes(l, false), extendLanes(r, false));
      sum = b_.CreateAdd(sum, llvm::ConstantInt::get(sum->getType(), 1));
      return b_.CreateTrunc(b_.CreateLShr(sum, 1), l->getType());
    });
    return true;
  case Opcode::I16x8Q15mulrSatS:
    // (a * b + 0x4000) >> 15, saturated, spelled as (((a * b) >> 14) + 1) >> 1, the form x86
    // recognises as pmulhrsw. Only -32768 * -32768 overflows, to 32768, which truncates to
    // -32768 (a value the exact result never takes otherwise): flipping all its bits gives 32767.
    binary([&](llvm::Value *l, llvm::Value *r) -> llvm::Value * {
      // AArch64's sqrdmulh is this operator: sat((2 * a * b + 0x8000) >> 16).
      if (targetFamily() == TargetFamily::AArch64)
        return callIntrinsic(I::aarch64_neon_sqrdmulh, {l->getType()}, {l, r});
      llvm::Value *product = b_.CreateMul(extendLanes(l, true), extendLanes(r, true));
      llvm::Value *rounded = b_.CreateAdd(b_.CreateLShr(product, 14),
                                          llvm::ConstantInt::get(product->getType(), 1));
      llvm::Value *result = b_.CreateTrunc(b_.CreateLShr(rounded, 1), l->getType());
      llvm::Value *overflowed =
          b_.CreateICmpEQ(result, llvm::ConstantInt::get(result->getType(), 0x8000));
      return b_.CreateXor(result, maskToLanes(overflowed, lane));
    });
    return true;
  case Opcode::I32x4DotI16x8S: {
    llvm::Value *right = popLanes(i16, 8);
    llvm::Value *left = popLanes(i16, 8);
    pushLanes(dot(left, right, false));
    return true;
  }
  // The deterministic profile's relaxed dot products: the second operand's lanes are signed too
  // (not 7-bit unsigned), and the i16 sums saturate (only -128 * -128 * 2 overflows).
  case Opcode::I16x8RelaxedDotI8x16I7x16S: {
    llvm::Value *right = popLanes(i8, 16);
    llvm::Value *left = popLanes(i8, 16);
    pushLanes(dot(left, right, true));
    return true;
  }
  case Opcode::I32x4RelaxedDotI8x16I7x16AddS: {
    llvm::Value *addend = popLanes(i32, 4);
    llvm::Value *right = popLanes(i8, 16);
    llvm::Value *left = popLanes(i8, 16);
    pushLanes(b_.CreateAdd(addPairs(dot(left, right, true), true), addend));
    return true;
  }

  // -- extending arithmetic --
  case Opcode::I16x8ExtmulLowI8x16S: case Opcode::I32x4ExtmulLowI16x8S:
  case Opcode::I64x2ExtmulLowI32x4S:
    extmul(false, true);
    return true;
  case Opcode::I16x8ExtmulHighI8x16S: case Opcode::I32x4ExtmulHighI16x8S:
  case Opcode::I64x2ExtmulHighI32x4S:
    extmul(true, true);
    return true;
  case Opcode::I16x8ExtmulLowI8x16U: case Opcode::I32x4ExtmulLowI16x8U:
  case Opcode::I64x2ExtmulLowI32x4U:
    extmul(false, false);
    return true;
  case Opcode::I16x8ExtmulHighI8x16U: case Opcode::I32x4ExtmulHighI16x8U:
  case Opcode::I64x2ExtmulHighI32x4U:
    extmul(true, false);
    return true;
  case Opcode::I16x8ExtaddPairwiseI8x16S: case Opcode::I32x4ExtaddPairwiseI16x8S:
    pushLanes(addPairs(popLanes(narrowLane, lanes * 2), true));
    return true;
  case Opcode::I16x8ExtaddPairwiseI8x16U: case Opcode::I32x4ExtaddPairwiseI16x8U:
    pushLanes(addPairs(popLanes(narrowLane, lanes * 2), false));
    return true;
  case Opcode::I16x8ExtendLowI8x16S: case Opcode::I32x4ExtendLowI16x8S:
  case Opcode::I64x2ExtendLowI32x4S:
    pushLanes(extendedHalf(popLanes(narrowLane, lanes * 2), false, true));
    return true;
  case Opcode::I16x8ExtendHighI8x16S: case Opcode::I32x4ExtendHighI16x8S:
  case Opcode::I64x2ExtendHighI32x4S:
    pushLanes(extendedHalf(popLanes(narrowLane, lanes * 2), true, true));
    return true;
  case Opcode::I16x8ExtendLowI8x16U: case Opcode::I32x4ExtendLowI16x8U:
  case Opcode::I64x2ExtendLowI32x4U:
    pushLanes(extendedHalf(popLanes(narrowLane, lanes * 2), false, false));
    return true;
  case Opcode::I16x8ExtendHighI8x16U: case Opcode::I32x4ExtendHighI16x8U:
  case Opcode::I64x2ExtendHighI32x4U:
    pushLanes(extendedHalf(popLanes(narrowLane, lanes * 2), true, false));
    return true;

  // -- narrowing: both operands' lanes, saturated (signed inputs) --
  case Opcode::I8x16NarrowI16x8S: case Opcode::I16x8NarrowI32x4S:
  case Opcode::I8x16NarrowI16x8U: case Opcode::I16x8NarrowI32x4U: {
    const bool isSigned = instruction.op == Opcode::I8x16NarrowI16x8S ||
                          instruction.op == Opcode::I16x8NarrowI32x4S;
    const unsigned bits = lane->getPrimitiveSizeInBits();
    llvm::Type *wideLane = b_.getIntNTy(bits * 2);
    llvm::Value *right = popLanes(wideLane, lanes / 2);
    llvm::Value *left = popLanes(wideLane, lanes / 2);
    if (targetFamily() == TargetFamily::AArch64) {
      // sqxtn/sqxtun: signed to signed / signed to unsigned saturating narrow, one per half.
      const I::ID id = isSigned ? I::aarch64_neon_sqxtn : I::aarch64_neon_sqxtun;
      llvm::Type *half = vectorOf(lane, lanes / 2);
      pushLanes(b_.CreateShuffleVector(callIntrinsic(id, {half}, {left}),
                                       callIntrinsic(id, {half}, {right}), laneSequence(0, lanes)));
      return true;
    }
    llvm::Value *both = b_.CreateShuffleVector(left, right, laneSequence(0, lanes));
    llvm::Type *wideVector = both->getType();
    const llvm::APInt low = isSigned ? llvm::APInt::getSignedMinValue(bits).sext(bits * 2)
                                     : llvm::APInt::getZero(bits * 2);
    const llvm::APInt high = isSigned ? llvm::APInt::getSignedMaxValue(bits).sext(bits * 2)
                                      : llvm::APInt::getMaxValue(bits).zext(bits * 2);
    both = callIntrinsic(I::smax, {wideVector}, {both, llvm::ConstantInt::get(wideVector, low)});
    both = callIntrinsic(I::smin, {wideVector}, {both, llvm::ConstantInt::get(wideVector, high)});
    pushLanes(b_.CreateTrunc(both, vectorOf(lane, lanes)));
    return true;
  }
  default:
    return false;
  }
}

// ---- Floating point ----

bool FunctionLowering::emitSimdFloat(const Instruction &instruction) {
  using llvm::CmpInst;
  using llvm::Intrinsic::ID;
  namespace I = llvm::Intrinsic;
  const std::string_view name = binary::opcodeName(instruction.op);
  llvm::Type *lane = nullptr;
  if (name.substr(0, 6) == "f32x4.")
    lane = env_.f32();
  else if (name.substr(0, 6) == "f64x2.")
    lane = env_.f64();
  else
    return false;
  const unsigned lanes = 128 / lane->getPrimitiveSizeInBits();

  auto unary = [&](auto &&make) { pushLanes(make(popLanes(lane, lanes))); };
  auto unaryIntrinsic = [&](ID id) {
    unary([&](llvm::Value *v) { return callIntrinsic(id, {v->getType()}, {v}); });
  };
  auto binary = [&](auto &&make) {
    llvm::Value *right = popLanes(lane, lanes);
    llvm::Value *left = popLanes(lane, lanes);
    pushLanes(make(left, right));
  };
  auto compare = [&](CmpInst::Predicate predicate) {
    binary([&](llvm::Value *l, llvm::Value *r) {
      return maskToLanes(b_.CreateFCmp(predicate, l, r), lane);
    });
  };
  // Constant operands that would let LLVM fold the operation away (x + -0, x * 1, ...) are
  // fenced, as for scalars: the operation then runs and quietens a signalling NaN.
  auto arithmetic = [&](llvm::Instruction::BinaryOps op) {
    binary([&](llvm::Value *l, llvm::Value *r) {
      const bool additive = op == llvm::Instruction::FAdd || op == llvm::Instruction::FSub;
      if (op != llvm::Instruction::FDiv)
        l = fenceIdentityConstant(l, additive);
      return b_.CreateBinOp(op, l, fenceIdentityConstant(r, additive));
    });
  };
  const bool isF32 = lane->isFloatTy();
  const TargetFamily target = targetFamily();
  // x86 minps/maxps (and the pd forms): min(a, b) = a < b ? a : b, max(a, b) = a > b ? a : b,
  // the second operand when the comparison is false (NaN, equal zeros). Exactly pmin/pmax.
  auto x86MinMax = [&](bool isMin, llvm::Value *l, llvm::Value *r) -> llvm::Value * {
    const ID id = isF32 ? (isMin ? I::x86_sse_min_ps : I::x86_sse_max_ps)
                        : (isMin ? I::x86_sse2_min_pd : I::x86_sse2_max_pd);
    return b_.CreateCall(intrinsic(id, {}), {l, r});
  };
  // min/max: NaN if either operand is NaN (quiet, canonical when the NaN operands are), -0 < +0.
  // Generically floatMinMax (llvm.minimum/maximum, then a fenced + -0 that quietens NaN).
  auto minMax = [&](bool isMin) {
    binary([&](llvm::Value *l, llvm::Value *r) -> llvm::Value * {
      // Two constants: the generic form, which folds (the x86 intrinsics are not folded).
      const bool constants = llvm::isa<llvm::Constant>(l) && llvm::isa<llvm::Constant>(r);
      if (target == TargetFamily::X86 && !constants) {
        // Both operand orders: they agree unless the operands compare equal (zeros of either
        // sign: OR gives -0 for min, AND +0 for max) or one is NaN. NaN lanes are then forced
        // to all ones and their low (payload) bits cleared: the canonical NaN, negative.
        const unsigned bits = lane->getPrimitiveSizeInBits();
        llvm::Type *integers = vectorOf(b_.getIntNTy(bits), lanes);
        llvm::Value *one = b_.CreateBitCast(x86MinMax(isMin, l, r), integers);
        llvm::Value *other = b_.CreateBitCast(x86MinMax(isMin, r, l), integers);
        llvm::Value *result = isMin ? b_.CreateOr(one, other) : b_.CreateAnd(one, other);
        llvm::Value *nanLanes = maskToLanes(b_.CreateFCmpUNO(l, r), lane);
        llvm::Value *payload = b_.CreateLShr(nanLanes, isF32 ? 10 : 13);
        result = b_.CreateAnd(b_.CreateOr(result, nanLanes), b_.CreateNot(payload));
        return b_.CreateBitCast(result, l->getType());
      }
      // Not with a constant operand: the DAG combiner folds fminimum(x, +inf) to x.
      const bool constant = llvm::isa<llvm::Constant>(l) || llvm::isa<llvm::Constant>(r);
      if (target == TargetFamily::AArch64 && !constant) {
        // FMIN/FMAX order -0 below +0 and return the quietened NaN operand (FPCR.DN is clear).
        return callIntrinsic(isMin ? I::aarch64_neon_fmin : I::aarch64_neon_fmax,
                             {l->getType()}, {l, r});
      }
      return floatMinMax(l, r, isMin);
    });
  };
  // Pseudo-min/max, exactly as specified: pmin(a, b) = b < a ? b : a, pmax(a, b) = a < b ? b : a.
  // With a NaN or with zeros of either sign the comparison is false and `a` comes back as is.
  // On x86 they are minps(b, a)/maxps(b, a); the generic select would do, but InstCombine moves
  // it to the integer domain when the operands are integer vectors, and then it is no longer
  // recognised as minps/maxps.
  auto pseudoMinMax = [&](bool isMin) {
    binary([&](llvm::Value *l, llvm::Value *r) -> llvm::Value * {
      if (target == TargetFamily::X86)
        return x86MinMax(isMin, r, l);
      return isMin ? b_.CreateSelect(b_.CreateFCmpOLT(r, l), r, l)
                   : b_.CreateSelect(b_.CreateFCmpOLT(l, r), r, l);
    });
  };
  // madd(a, b, c) = a * b + c rounded twice, the deterministic profile's unfused form (fused, it
  // would need FMA, which baseline x86-64 lacks, or a libcall per lane); nmadd is madd(-a, b, c).
  // The two steps are mul's and add's lowerings, constant operands fenced as theirs are.
  auto multiplyAdd = [&](bool negate) {
    llvm::Value *addend = pop();
    if (negate) {
      llvm::Value *right = pop();
      pushLanes(b_.CreateFNeg(popLanes(lane, lanes)));
      push(right);
    }
    arithmetic(llvm::Instruction::FMul);
    push(addend);
    arithmetic(llvm::Instruction::FAdd);
  };
  auto rounding = [&](ID id) {
    unary([&](llvm::Value *v) { return quietRounding(callIntrinsic(id, {v->getType()}, {v})); });
  };

  switch (instruction.op) {
  case Opcode::F32x4Eq: case Opcode::F64x2Eq: compare(CmpInst::FCMP_OEQ); return true;
  case Opcode::F32x4Ne: case Opcode::F64x2Ne: compare(CmpInst::FCMP_UNE); return true;
  case Opcode::F32x4Lt: case Opcode::F64x2Lt: compare(CmpInst::FCMP_OLT); return true;
  case Opcode::F32x4Gt: case Opcode::F64x2Gt: compare(CmpInst::FCMP_OGT); return true;
  case Opcode::F32x4Le: case Opcode::F64x2Le: compare(CmpInst::FCMP_OLE); return true;
  case Opcode::F32x4Ge: case Opcode::F64x2Ge: compare(CmpInst::FCMP_OGE); return true;

  // Bitwise: the sign bit only, NaN payloads untouched.
  case Opcode::F32x4Abs: case Opcode::F64x2Abs: unaryIntrinsic(I::fabs); return true;
  case Opcode::F32x4Neg: case Opcode::F64x2Neg:
    unary([&](llvm::Value *v) { return b_.CreateFNeg(v); });
    return true;
  case Opcode::F32x4Sqrt: case Opcode::F64x2Sqrt: unaryIntrinsic(I::sqrt); return true;
  case Opcode::F32x4Ceil: case Opcode::F64x2Ceil: rounding(I::ceil); return true;
  case Opcode::F32x4Floor: case Opcode::F64x2Floor: rounding(I::floor); return true;
  case Opcode::F32x4Trunc: case Opcode::F64x2Trunc: rounding(I::trunc); return true;
  case Opcode::F32x4Nearest: case Opcode::F64x2Nearest: rounding(I::roundeven); return true;

  case Opcode::F32x4Add: case Opcode::F64x2Add: arithmetic(llvm::Instruction::FAdd); return true;
  case Opcode::F32x4Sub: case Opcode::F64x2Sub: arithmetic(llvm::Instruction::FSub); return true;
  case Opcode::F32x4Mul: case Opcode::F64x2Mul: arithmetic(llvm::Instruction::FMul); return true;
  case Opcode::F32x4Div: case Opcode::F64x2Div: arithmetic(llvm::Instruction::FDiv); return true;
  case Opcode::F32x4Min: case Opcode::F64x2Min: minMax(true); return true;
  case Opcode::F32x4Max: case Opcode::F64x2Max: minMax(false); return true;
  case Opcode::F32x4Pmin: case Opcode::F64x2Pmin: pseudoMinMax(true); return true;
  case Opcode::F32x4Pmax: case Opcode::F64x2Pmax: pseudoMinMax(false); return true;
  case Opcode::F32x4RelaxedMadd: case Opcode::F64x2RelaxedMadd: multiplyAdd(false); return true;
  case Opcode::F32x4RelaxedNmadd: case Opcode::F64x2RelaxedNmadd: multiplyAdd(true); return true;
  default:
    return false;
  }
}

// ---- Conversions between integer and floating-point lanes ----

// x86: LLVM scalarises llvm.fpto[su]i.sat on vectors, so the saturation is spelled out around
// cvttps2dq/cvttpd2dq, which give 0x80000000 for NaN and for anything out of range.
llvm::Value *FunctionLowering::x86TruncSat(llvm::Value *floats, bool isSigned) {
  namespace I = llvm::Intrinsic;
  auto *type = llvm::cast<llvm::FixedVectorType>(floats->getType());
  const bool fromF64 = type->getScalarType()->isDoubleTy();
  llvm::Type *i32x4 = vectorOf(env_.i32(), 4);
  auto splat = [&](double value) { return llvm::ConstantFP::get(type, value); };
  auto call = [&](I::ID id, llvm::ArrayRef<llvm::Value *> args) {
    return b_.CreateCall(intrinsic(id, {}), args);
  };
  if (!fromF64) {
    if (isSigned) {
      // NaN lanes zeroed, then converted; lanes >= 2^31 flipped from 0x80000000 to 0x7fffffff.
      llvm::Value *ordered = maskToLanes(b_.CreateFCmpORD(floats, floats), type->getScalarType());
      llvm::Value *cleared =
          b_.CreateBitCast(b_.CreateAnd(b_.CreateBitCast(floats, i32x4), ordered), type);
      llvm::Value *converted = call(I::x86_sse2_cvttps2dq, {cleared});
      llvm::Value *tooLarge = maskToLanes(b_.CreateFCmpOGE(floats, splat(0x1p31)), env_.i32());
      return b_.CreateXor(converted, tooLarge);
    }
    // max(x, 0) turns NaN and negative lanes into 0. Lanes below 2^31 convert directly; the
    // others convert to 0x80000000 and get x - 2^31 added, which converts exactly (or, from
    // 2^32 on, saturates to 0x7fffffff).
    llvm::Value *clamped = call(I::x86_sse_max_ps, {floats, llvm::Constant::getNullValue(type)});
    llvm::Value *low = call(I::x86_sse2_cvttps2dq, {clamped});
    llvm::Value *high = call(I::x86_sse2_cvttps2dq, {b_.CreateFSub(clamped, splat(0x1p31))});
    high = b_.CreateXor(high, maskToLanes(b_.CreateFCmpOGE(clamped, splat(0x1p32)), env_.i32()));
    high = callIntrinsic(I::smax, {i32x4}, {high, llvm::Constant::getNullValue(i32x4)});
    return b_.CreateAdd(low, high);
  }
  if (isSigned) {
    // min(x, INT32_MAX) with NaN lanes replaced by min(NaN, 0) = 0; below INT32_MIN
    // cvttpd2dq gives 0x80000000 itself. The upper two lanes come out as zeros.
    llvm::Type *i64x2 = vectorOf(env_.i64(), 2);
    llvm::Value *ordered = maskToLanes(b_.CreateFCmpORD(floats, floats), type->getScalarType());
    llvm::Value *limit = b_.CreateBitCast(
        b_.CreateAnd(b_.CreateBitCast(splat(2147483647.0), i64x2), ordered), type);
    return call(I::x86_sse2_cvttpd2dq, {call(I::x86_sse2_min_pd, {floats, limit})});
  }
  // Clamped to [0, UINT32_MAX] (NaN to 0), the conversion is in range.
  llvm::Value *clamped = call(I::x86_sse2_max_pd, {floats, llvm::Constant::getNullValue(type)});
  clamped = call(I::x86_sse2_min_pd, {clamped, splat(4294967295.0)});
  llvm::Value *converted = b_.CreateFPToUI(clamped, vectorOf(env_.i32(), 2));
  return b_.CreateShuffleVector(converted, llvm::Constant::getNullValue(converted->getType()),
                                laneSequence(0, 4));
}

bool FunctionLowering::emitSimdConversion(const Instruction &instruction) {
  namespace I = llvm::Intrinsic;
  llvm::Type *i32 = env_.i32();
  llvm::Type *f32 = env_.f32();
  llvm::Type *f64 = env_.f64();
  // Two lanes followed by two zero lanes.
  auto withZeroHigh = [&](llvm::Value *pair) {
    return b_.CreateShuffleVector(pair, llvm::Constant::getNullValue(pair->getType()),
                                  laneSequence(0, 4));
  };
  auto truncSat = [&](llvm::Value *floats, llvm::Type *to, bool isSigned) {
    return callIntrinsic(isSigned ? I::fptosi_sat : I::fptoui_sat, {to, floats->getType()},
                         {floats});
  };

  switch (instruction.op) {
  case Opcode::I32x4TruncSatF32x4S:
  case Opcode::I32x4TruncSatF32x4U:
  case Opcode::I32x4TruncSatF64x2SZero:
  case Opcode::I32x4TruncSatF64x2UZero: {
    const bool fromF64 = instruction.op == Opcode::I32x4TruncSatF64x2SZero ||
                         instruction.op == Opcode::I32x4TruncSatF64x2UZero;
    const bool isSigned = instruction.op == Opcode::I32x4TruncSatF32x4S ||
                          instruction.op == Opcode::I32x4TruncSatF64x2SZero;
    llvm::Value *floats = fromF64 ? popLanes(f64, 2) : popLanes(f32, 4);
    if (targetFamily() == TargetFamily::X86) {
      pushLanes(x86TruncSat(floats, isSigned));
      return true;
    }
    if (!fromF64) {
      pushLanes(truncSat(floats, vectorOf(i32, 4), isSigned));
      return true;
    }
    // Saturated to 64 bits, then to 32: the vector conversion and a saturating narrow on
    // AArch64 (fcvtzs + sqxtn), where a direct f64 -> i32 conversion is scalarised.
    llvm::Type *i64x2 = vectorOf(env_.i64(), 2);
    llvm::Value *wide = truncSat(floats, i64x2, isSigned);
    if (targetFamily() == TargetFamily::AArch64) {
      const I::ID id = isSigned ? I::aarch64_neon_sqxtn : I::aarch64_neon_uqxtn;
      pushLanes(withZeroHigh(callIntrinsic(id, {vectorOf(i32, 2)}, {wide})));
      return true;
    }
    if (isSigned) {
      wide = callIntrinsic(I::smax, {i64x2}, {wide, llvm::ConstantInt::getSigned(i64x2, INT32_MIN)});
      wide = callIntrinsic(I::smin, {i64x2}, {wide, llvm::ConstantInt::get(i64x2, INT32_MAX)});
    } else {
      wide = callIntrinsic(I::umin, {i64x2}, {wide, llvm::ConstantInt::get(i64x2, UINT32_MAX)});
    }
    pushLanes(withZeroHigh(b_.CreateTrunc(wide, vectorOf(i32, 2))));
    return true;
  }
  // uitofp/sitofp round once, to nearest even, as wasm's convert does.
  case Opcode::F32x4ConvertI32x4S:
    pushLanes(b_.CreateSIToFP(popLanes(i32, 4), vectorOf(f32, 4)));
    return true;
  case Opcode::F32x4ConvertI32x4U:
    pushLanes(b_.CreateUIToFP(popLanes(i32, 4), vectorOf(f32, 4)));
    return true;
  case Opcode::F64x2ConvertLowI32x4S:
    pushLanes(b_.CreateSIToFP(sliceLanes(popLanes(i32, 4), 0, 2), vectorOf(f64, 2)));
    return true;
  case Opcode::F64x2ConvertLowI32x4U:
    pushLanes(b_.CreateUIToFP(sliceLanes(popLanes(i32, 4), 0, 2), vectorOf(f64, 2)));
    return true;
  case Opcode::F32x4DemoteF64x2Zero: {
    // LLVM folds fptrunc(fpext x) to x, which would let a signalling NaN through a promote/demote
    // pair unquietened: the promoted value is fenced, as for scalars.
    llvm::Value *operand = pop();
    if (auto *cast = llvm::dyn_cast<llvm::BitCastInst>(operand);
        cast && llvm::isa<llvm::FPExtInst>(cast->getOperand(0)))
      operand = callIntrinsic(I::arithmetic_fence, {cast->getSrcTy()}, {cast->getOperand(0)});
    operand = asVector(operand, vectorOf(f64, 2));
    pushLanes(withZeroHigh(b_.CreateFPTrunc(operand, vectorOf(f32, 2))));
    return true;
  }
  case Opcode::F64x2PromoteLowF32x4:
    pushLanes(b_.CreateFPExt(sliceLanes(popLanes(f32, 4), 0, 2), vectorOf(f64, 2)));
    return true;
  default:
    return false;
  }
}

} // namespace wasmc::lower
