// The module-level glue of the primary partition: descriptor, initialisation, start wrapper,
// array-call wrappers and baked grants.
#pragma once

#include "lower/ModuleEnv.h"

namespace wasmc::lower {

void emitModuleGlue(ModuleEnv &env);

// The LLVM types of the arrays wasmc_module_desc points to, field by field as in abi.h.
struct DescriptorElementTypes {
  llvm::StructType *functype, *type, *import, *table, *memory, *global, *exportEntry, *data, *elem,
      *tag;
};
DescriptorElementTypes descriptorElementTypes(llvm::LLVMContext &context);
// wasmc_valtype: {code, nullable, heap, reserved, index}.
llvm::StructType *valTypeType(llvm::LLVMContext &context);

// The LLVM type of wasmc_module_desc (abi.h).
llvm::StructType *moduleDescriptorType(llvm::LLVMContext &context);

} // namespace wasmc::lower
