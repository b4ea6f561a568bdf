#include "lower/CallingConventions.h"

#include <llvm/Analysis/TargetLibraryInfo.h>
#include <llvm/IR/Function.h>

namespace wasmc::lower {

llvm::CallingConv::ID wasmCallingConvention(const llvm::Triple &triple) {
  // tailcc keeps the C convention's registers and callee-saved set and adds guaranteed tail
  // calls; besides, unlike the C convention, it never returns a float in an x87 register (which
  // would quiet a signalling NaN): there are never more results than registers for them, as
  // several results go through memory.
  if (triple.isX86() || triple.isAArch64())
    return llvm::CallingConv::Tail;
  return llvm::CallingConv::Fast;
}

llvm::AttributeList cAbiAttributes(llvm::LLVMContext &context, const llvm::Triple &triple,
                                   llvm::FunctionType *type, llvm::ArrayRef<bool> unsignedParams,
                                   bool unsignedResult) {
  llvm::AttributeList attributes;
  for (unsigned i = 0; i < type->getNumParams(); ++i) {
    if (!type->getParamType(i)->isIntegerTy(32))
      continue;
    const bool isSigned = !(i < unsignedParams.size() && unsignedParams[i]);
    const auto kind = llvm::TargetLibraryInfo::getExtAttrForI32Param(triple, isSigned);
    if (kind != llvm::Attribute::None)
      attributes = attributes.addParamAttribute(context, i, kind);
  }
  if (type->getReturnType()->isIntegerTy(32)) {
    const auto kind = llvm::TargetLibraryInfo::getExtAttrForI32Return(triple, !unsignedResult);
    if (kind != llvm::Attribute::None)
      attributes = attributes.addRetAttribute(context, kind);
  }
  return attributes;
}

void matchCallee(llvm::CallBase *call, const llvm::Function *callee) {
  call->setCallingConv(callee->getCallingConv());
  call->setAttributes(callee->getAttributes().removeFnAttributes(callee->getContext()));
}

} // namespace wasmc::lower
