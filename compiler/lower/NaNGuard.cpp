#include "lower/NaNGuard.h"

#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/Module.h>

namespace wasmc::lower {

namespace {

const char *const kNaNGuardMetadata = "wasmc.nan-guard";

bool isFence(const llvm::Value *value) {
  const auto *call = llvm::dyn_cast<llvm::IntrinsicInst>(value);
  return call && call->getIntrinsicID() == llvm::Intrinsic::arithmetic_fence;
}

// The result of a float add, sub, mul or div (through the bitcasts of v128 lanes).
bool isFloatArithmetic(const llvm::Value *value) {
  while (const auto *cast = llvm::dyn_cast<llvm::BitCastInst>(value))
    value = cast->getOperand(0);
  const auto *operation = llvm::dyn_cast<llvm::BinaryOperator>(value);
  if (!operation)
    return false;
  switch (operation->getOpcode()) {
  case llvm::Instruction::FAdd:
  case llvm::Instruction::FSub:
  case llvm::Instruction::FMul:
  case llvm::Instruction::FDiv:
    return true;
  default:
    return false;
  }
}

bool isFoldingIdentity(const llvm::APFloat &number, bool additive) {
  if (additive)
    return number.isZero();
  const llvm::APFloat magnitude = llvm::abs(number);
  return magnitude.compare(llvm::APFloat(magnitude.getSemantics(), 1)) == llvm::APFloat::cmpEqual;
}

} // namespace

llvm::Value *guardAgainstIdentityFold(llvm::IRBuilder<> &b, llvm::Value *operand) {
  if (llvm::isa<llvm::Constant>(operand) || isFence(operand) || isFloatArithmetic(operand))
    return operand;
  return addNaNGuard(b, operand);
}

llvm::Instruction *addNaNGuard(llvm::IRBuilder<> &b, llvm::Value *value) {
  llvm::CallInst *guard =
      b.CreateIntrinsic(llvm::Intrinsic::arithmetic_fence, {value->getType()}, {value});
  llvm::LLVMContext &context = b.getContext();
  guard->setMetadata(context.getMDKindID(kNaNGuardMetadata), llvm::MDNode::get(context, {}));
  return guard;
}

bool isNaNGuard(const llvm::Instruction &instruction) {
  return isFence(&instruction) && instruction.getMetadata(kNaNGuardMetadata);
}

bool mayBeFoldingIdentity(const llvm::Constant &constant, bool additive) {
  if (const auto *number = llvm::dyn_cast<llvm::ConstantFP>(&constant))
    return isFoldingIdentity(number->getValueAPF(), additive);
  const auto *vectorType = llvm::dyn_cast<llvm::FixedVectorType>(constant.getType());
  if (!vectorType)
    return true;
  for (unsigned i = 0; i < vectorType->getNumElements(); ++i) {
    const auto *lane = llvm::dyn_cast_or_null<llvm::ConstantFP>(constant.getAggregateElement(i));
    if (!lane || isFoldingIdentity(lane->getValueAPF(), additive))
      return true;
  }
  return false;
}

} // namespace wasmc::lower
