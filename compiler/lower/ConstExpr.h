// Constant expressions (global initialisers, segment offsets, element items), evaluated by the
// generated initialisation function.
#pragma once

#include "binary/Module.h"
#include "lower/ModuleEnv.h"

namespace wasmc::lower {

llvm::Value *lowerConstExpr(ModuleEnv &env, llvm::IRBuilder<> &b, llvm::Value *ctx,
                            const binary::ConstExpr &expr);

// The v128 constant of 16 little-endian bytes.
llvm::Constant *v128Constant(ModuleEnv &env, const uint8_t bytes[16]);

} // namespace wasmc::lower
