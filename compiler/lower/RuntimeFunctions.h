// The runtime entry points generated code calls, from runtime_functions.def.
#pragma once

#include <llvm/IR/Attributes.h>
#include <llvm/IR/DerivedTypes.h>
#include <llvm/TargetParser/Triple.h>

namespace wasmc::lower {

enum class RuntimeFunction {
#define WASMC_RUNTIME_FUNCTION(Name, Result, Params) Name,
#include "wasmc/runtime_functions.def"
#undef WASMC_RUNTIME_FUNCTION
};

struct RuntimeFunctionDeclaration {
  std::string symbol; // wasmc_rt_<name>
  llvm::FunctionType *type;
  llvm::AttributeList abi; // the C ABI's extension attributes for the target
};

RuntimeFunctionDeclaration declareRuntimeFunction(RuntimeFunction function,
                                                  llvm::LLVMContext &context,
                                                  const llvm::Triple &triple);

} // namespace wasmc::lower
