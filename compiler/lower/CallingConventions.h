// How generated code calls and is called (the contract is described in abi.h):
//  * between wasm functions, and through every funcref's `code`, the *wasm convention*: LLVM's
//    tailcc where the target guarantees tail calls with it (x86-64, AArch64), fastcc on RISC-V
//    (LLVM 19 has no tailcc there); a function with several results returns them through a
//    pointer to a struct of them, its second argument;
//  * at every boundary with C (runtime entry points, WASI functions, host functions, the
//    array-call wrappers and module helpers the runtime calls), the target's C convention, with
//    the extension attributes its ABI gives 32-bit integers (riscv64 sign-extends them all).
#pragma once

#include "binary/Types.h"

#include <llvm/IR/Attributes.h>
#include <llvm/IR/CallingConv.h>
#include <llvm/IR/DerivedTypes.h>
#include <llvm/IR/InstrTypes.h>
#include <llvm/TargetParser/Triple.h>

namespace wasmc::lower {

llvm::CallingConv::ID wasmCallingConvention(const llvm::Triple &triple);

// Whether a function of this type returns its results through a pointer (its second argument).
inline bool returnsThroughPointer(const binary::FuncType &type) { return type.results.size() > 1; }

// The extension attributes the target's C ABI gives the 32-bit integer parameters and result of
// a C function of `type` (from LLVM's target library information). 32-bit integers are signed
// unless `unsignedParams[i]` / `unsignedResult` say otherwise.
llvm::AttributeList cAbiAttributes(llvm::LLVMContext &context, const llvm::Triple &triple,
                                   llvm::FunctionType *type,
                                   llvm::ArrayRef<bool> unsignedParams = {},
                                   bool unsignedResult = false);

// Gives `call` the convention and parameter attributes of the function it calls directly.
void matchCallee(llvm::CallBase *call, const llvm::Function *callee);

} // namespace wasmc::lower
