// Linking with lld's ELF driver, in-process, against the runtime that lives beside wasmc.
#pragma once

#include "codegen/Targets.h"

#include <llvm/Support/Error.h>

#include <string>
#include <vector>

namespace wasmc::link {

// lib/wasmc/<target> beside the running wasmc (build tree) or in ../lib (installed tree).
llvm::Expected<std::string> runtimeDirectory(const codegen::TargetInfo &target);

// Whether this wasmc has a runtime for `target`.
bool hasRuntime(const codegen::TargetInfo &target);

// Links object files (given as bytes) into a static executable with the runtime and WASI shim.
llvm::Error linkExecutable(const codegen::TargetInfo &target,
                           const std::vector<std::string> &objects, const std::string &output);

// Links object files into a shared object for embedders that load compiled modules at run time
// (the runtime's symbols come from the loading program).
llvm::Error linkSharedObject(const codegen::TargetInfo &target,
                             const std::vector<std::string> &objects, const std::string &output);

// Links object files into one relocatable object (`--emit obj` of a module compiled in several
// partitions).
llvm::Error linkRelocatable(const codegen::TargetInfo &target,
                            const std::vector<std::string> &objects, const std::string &output);

} // namespace wasmc::link
