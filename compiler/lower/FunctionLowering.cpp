#include "lower/FunctionLowering.h"

#include "binary/OperatorReader.h"
#include "lower/NaNGuard.h"

#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/TargetParser/Triple.h>

namespace wasmc::lower {

FunctionLowering::FunctionLowering(ModuleEnv &env, uint32_t functionIndex)
    : env_(env), wasm_(env.wasm()), functionIndex_(functionIndex),
      type_(env.wasm().functionType(functionIndex)), function_(env.function(functionIndex)),
      b_(env.context()), targetFamily_(familyOf(env.module())) {}

llvm::Error FunctionLowering::lower() {
  const binary::FunctionBody &body = wasm_.bodies[functionIndex_ - wasm_.numImportedFunctions];
  entry_ = llvm::BasicBlock::Create(env_.context(), "entry", function_);
  b_.SetInsertPoint(entry_);
  ctx_ = function_->getArg(0);

  // Parameters and locals live in allocas; SROA turns them into SSA values.
  for (size_t i = 0; i < type_.params.size(); ++i)
    localTypes_.push_back(type_.params[i]);
  for (const binary::LocalGroup &group : body.locals)
    localTypes_.insert(localTypes_.end(), group.count, group.type);
  locals_.reserve(localTypes_.size());
  for (size_t i = 0; i < localTypes_.size(); ++i)
    locals_.push_back(b_.CreateAlloca(env_.valueType(localTypes_[i]), nullptr));
  const std::vector<llvm::Value *> params = env_.incomingParams(b_, function_, type_);
  for (size_t i = 0; i < localTypes_.size(); ++i)
    b_.CreateStore(i < params.size() ? params[i] : zeroValue(localTypes_[i]), locals_[i]);
  // Memories never move, so their bases are loaded once (the unused ones are deleted).
  for (uint32_t m = 0; m < wasm_.memories.size(); ++m)
    memoryBases_.push_back(env_.memoryBase(b_, ctx_, m));

  ControlFrame frame;
  frame.kind = ControlFrame::Kind::Function;
  frame.results = type_.results;
  frame.end = newBlock("return");
  for (ValType result : frame.results)
    frame.endPhis.push_back(makePhi(frame.end, result));
  control_.push_back(std::move(frame));

  binary::OperatorReader reader(binary::ByteReader(wasm_.at(body.codeOffset),
                                                   body.codeEnd - body.codeOffset, body.codeOffset));
  Instruction instruction;
  size_t operators = 0;
  while (!control_.empty()) {
    ++operators;
    if (!reader.next(instruction))
      return llvm::createStringError(llvm::inconvertibleErrorCode(), "0x%llx: %s",
                                     (unsigned long long)reader.failure().offset,
                                     reader.failure().message.c_str());
    if (unreachable_ && skipUnreachable(instruction))
      continue;
    if (emitControl(instruction) || emitCalls(instruction) || emitVariables(instruction) ||
        emitMemory(instruction) || emitNumeric(instruction) || emitConversion(instruction) ||
        emitTables(instruction) || emitSimd(instruction) || emitExceptions(instruction) ||
        emitAtomics(instruction))
      continue;
    return unsupported(instruction);
  }
  if (hasCalls_ || localTypes_.size() + operators > kSmallLeafSize)
    emitStackCheck();
  return llvm::Error::success();
}

bool FunctionLowering::hugeFunction() {
  if (!huge_) {
    const binary::FunctionBody &body = wasm_.bodies[functionIndex_ - wasm_.numImportedFunctions];
    size_t operators = 0;
    // Every operator takes at least one byte: a smaller body needs no count.
    if (body.codeEnd - body.codeOffset > hugeFunctionOperators()) {
      binary::OperatorReader reader(binary::ByteReader(wasm_.at(body.codeOffset),
                                                       body.codeEnd - body.codeOffset,
                                                       body.codeOffset));
      Instruction instruction;
      while (operators <= hugeFunctionOperators() && reader.next(instruction))
        ++operators;
    }
    huge_ = operators > hugeFunctionOperators();
  }
  return *huge_;
}

llvm::Error FunctionLowering::unsupported(const Instruction &instruction) const {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "unsupported: instruction %s",
                                 std::string(binary::opcodeName(instruction.op)).c_str());
}

llvm::Value *FunctionLowering::pop() {
  llvm::Value *value = stack_.back();
  stack_.pop_back();
  return value;
}

std::vector<llvm::Value *> FunctionLowering::popValues(size_t count) {
  std::vector<llvm::Value *> values(stack_.end() - count, stack_.end());
  stack_.resize(stack_.size() - count);
  return values;
}

std::vector<llvm::Value *> FunctionLowering::topValues(size_t count) const {
  return std::vector<llvm::Value *>(stack_.end() - count, stack_.end());
}

void FunctionLowering::pushValues(const std::vector<llvm::Value *> &values) {
  stack_.insert(stack_.end(), values.begin(), values.end());
}

llvm::BasicBlock *FunctionLowering::newBlock(const char *name) {
  return llvm::BasicBlock::Create(env_.context(), name, function_);
}

llvm::PHINode *FunctionLowering::makePhi(llvm::BasicBlock *block, ValType type) {
  return llvm::PHINode::Create(env_.valueType(type), 2, "", block);
}

llvm::Value *FunctionLowering::zeroValue(ValType type) {
  return llvm::Constant::getNullValue(env_.valueType(type));
}

llvm::BasicBlock *FunctionLowering::trapBlock(wasmc_trap_code code) {
  llvm::BasicBlock *&block = trapBlocks_[code];
  if (!block) {
    block = llvm::BasicBlock::Create(env_.context(), "trap", function_);
    llvm::IRBuilder<> trapBuilder(block);
    env_.callRuntime(trapBuilder, RuntimeFunction::trap, {trapBuilder.getInt32(code)});
    trapBuilder.CreateUnreachable();
  }
  return block;
}

void FunctionLowering::trapIf(llvm::Value *condition, wasmc_trap_code code) {
  llvm::BasicBlock *next = newBlock("ok");
  llvm::MDBuilder md(env_.context());
  b_.CreateCondBr(condition, trapBlock(code), next, md.createUnlikelyBranchWeights());
  b_.SetInsertPoint(next);
}

void FunctionLowering::emitTrap(wasmc_trap_code code) {
  b_.CreateBr(trapBlock(code));
  enterUnreachable();
}

llvm::Function *FunctionLowering::intrinsic(llvm::Intrinsic::ID id,
                                            llvm::ArrayRef<llvm::Type *> types) {
  return llvm::Intrinsic::getDeclaration(&env_.module(), id, types);
}

llvm::Value *FunctionLowering::callIntrinsic(llvm::Intrinsic::ID id,
                                             llvm::ArrayRef<llvm::Type *> types,
                                             llvm::ArrayRef<llvm::Value *> args) {
  return b_.CreateCall(intrinsic(id, types), args);
}

FunctionLowering::TargetFamily FunctionLowering::familyOf(const llvm::Module &module) {
  const llvm::Triple triple(module.getTargetTriple());
  if (triple.isX86())
    return TargetFamily::X86;
  if (triple.isAArch64())
    return TargetFamily::AArch64;
  return TargetFamily::Generic;
}

llvm::Value *FunctionLowering::quietRounding(llvm::Value *rounded) {
  if (targetFamily() != TargetFamily::Generic)
    return rounded;
  return b_.CreateFAdd(
      rounded, fenceIdentityConstant(llvm::ConstantFP::getNegativeZero(rounded->getType()), true));
}

llvm::Value *FunctionLowering::fenceIdentityConstant(llvm::Value *operand, bool additive) {
  auto *constant = llvm::dyn_cast<llvm::Constant>(operand);
  if (!constant)
    return env_.options().optimized ? guardAgainstIdentityFold(b_, operand) : operand;
  if (!mayBeFoldingIdentity(*constant, additive))
    return operand;
  return callIntrinsic(llvm::Intrinsic::arithmetic_fence, {operand->getType()}, {operand});
}

} // namespace wasmc::lower
