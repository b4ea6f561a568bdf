#include "lower/CallingConventions.h"

#include <llvm/Analysis/TargetLibraryInfo.h>
#include <llvm/IR/Function.h>

namespace wasmc::lower {

llvm::CallingConv::ID wasmCallingConvention(const llvm::Triple &triple) {
  // On x86-64, tailcc is not the C convention at the machine level: a tailcc function pops 8
  // bytes on return even without stack arguments, and FastISel lowers none of its calls,
  // arguments or returns (at -O0 code generation took twice as long, SelectionDAG building a
  // graph per call). With every argument in a register (wasmParamLayout), a `tail` call in the
  // C convention is a sibling call, a jump whatever the two signatures. On AArch64 tailcc
  // guarantees tail calls with musttail; RISC-V has no tailcc in LLVM 19 and uses sibling calls.
  if (triple.getArch() == llvm::Triple::x86_64)
    return llvm::CallingConv::C;
  if (triple.isAArch64())
    return llvm::CallingConv::Tail;
  return llvm::CallingConv::Fast;
}

namespace {

// The argument registers a call in the wasm convention may fill: general-purpose ones (integers,
// references) and floating-point/vector ones, counted conservatively (below what LLVM's
// convention has, so that every LLVM argument gets a register).
struct ArgumentRegisters {
  unsigned general;
  unsigned floating;
  unsigned generalPerV128; // v128 in general registers (RISC-V without V: four i32 lanes)
  unsigned floatingPerV128;
};

ArgumentRegisters argumentRegisters(const llvm::Triple &triple) {
  if (triple.isX86()) // rdi, rsi, rdx, rcx, r8, r9, xmm0-xmm7
    return {6, 8, 0, 1};
  if (triple.isAArch64()) // x0-x7, v0-v7
    return {8, 8, 0, 1};
  // fastcc: a0-a7, t2-t6 (12 of these 13 counted), fa0-fa7 and ft0-ft11 (16 of these 20).
  return {12, 16, 4, 0};
}

} // namespace

ParamLayout wasmParamLayout(const llvm::Triple &triple, const binary::FuncType &type) {
  ParamLayout layout;
  const unsigned first = returnsThroughPointer(type) ? 2 : 1;
  layout.argument.resize(type.params.size(), -1);
  layout.slot.resize(type.params.size(), 0);
  const ArgumentRegisters registers = argumentRegisters(triple);
  unsigned general = registers.general - first, floating = registers.floating;
  int next = int(first);
  for (size_t i = 0; i < type.params.size(); ++i) {
    unsigned needGeneral = 0, needFloating = 0;
    switch (type.params[i].kind) {
    case binary::ValType::Kind::F32:
    case binary::ValType::Kind::F64:
      needFloating = 1;
      break;
    case binary::ValType::Kind::V128:
      needGeneral = registers.generalPerV128;
      needFloating = registers.floatingPerV128;
      break;
    default:
      needGeneral = 1;
      break;
    }
    if (needGeneral <= general && needFloating <= floating) {
      general -= needGeneral;
      floating -= needFloating;
      layout.argument[i] = next++;
    } else {
      layout.slot[i] = layout.numSpilled++;
    }
  }
  return layout;
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
