// How generated code calls and is called (the contract is described in abi.h):
//  * between wasm functions, and through every funcref's `code`, the *wasm convention*, the same
//    at every optimisation level: the C convention on x86-64 (tail calls are sibling calls, and
//    FastISel lowers its calls at -O0), LLVM's tailcc on AArch64 (musttail), fastcc on RISC-V
//    (LLVM 19 has no tailcc there; sibling calls); a function with several results returns them
//    through a pointer to a struct of them, its second argument;
//  * at every boundary with C (runtime entry points, WASI functions, host functions, the
//    array-call wrappers and module helpers the runtime calls), the target's C convention, with
//    the extension attributes its ABI gives 32-bit integers (riscv64 sign-extends them all).
#pragma once

#include "binary/Types.h"

#include <vector>

#include <llvm/IR/Attributes.h>
#include <llvm/IR/CallingConv.h>
#include <llvm/IR/DerivedTypes.h>
#include <llvm/IR/InstrTypes.h>
#include <llvm/TargetParser/Triple.h>

namespace wasmc::lower {

llvm::CallingConv::ID wasmCallingConvention(const llvm::Triple &triple);

// Whether a function of this type returns its results through a pointer (its second argument).
inline bool returnsThroughPointer(const binary::FuncType &type) { return type.results.size() > 1; }

// Where the wasm convention passes each parameter of a function type. Only what fits in the
// target's argument registers is an LLVM argument; the other parameters go, in order, through
// the thread-local spill area (abi.h: wasmc_rt_spilled_args), so that no call in the wasm
// convention passes arguments on the stack. x86-64 and RISC-V make a tail call a jump (a sibling
// call) only when every argument is in a register, and LLVM 19 gets calls to tailcc functions
// with stack arguments wrong on AArch64 at -O0 (the callee pops them, and a spill is reloaded
// before the stack pointer is adjusted back).
struct ParamLayout {
  std::vector<int> argument;   // per wasm parameter: its LLVM argument number, or -1 (spilled)
  std::vector<unsigned> slot;  // per wasm parameter: its slot in the spill area, if spilled
  unsigned numSpilled = 0;
};
ParamLayout wasmParamLayout(const llvm::Triple &triple, const binary::FuncType &type);

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
