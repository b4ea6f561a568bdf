// The module-level glue of the primary partition: descriptor, initialisation, start wrapper,
// array-call wrappers and baked grants.
#pragma once

#include "lower/ModuleEnv.h"

namespace wasmc::lower {

void emitModuleGlue(ModuleEnv &env);

// The LLVM type of wasmc_module_desc (abi.h).
llvm::StructType *moduleDescriptorType(llvm::LLVMContext &context);

} // namespace wasmc::lower
