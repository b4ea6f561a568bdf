// The whole pipeline as a library, shared by the wasmc command line and the test harnesses:
// load (decode and validate) a module, and build it into an executable or a shared object.
#pragma once

#include "binary/Module.h"
#include "codegen/Compile.h"

#include <llvm/Support/Error.h>

#include <memory>
#include <string>
#include <vector>

namespace wasmc::pipeline {

// Decodes and validates `bytes`. Errors read "<name>:0x<offset>: <reason>".
llvm::Expected<std::unique_ptr<binary::Module>> loadModule(std::vector<uint8_t> bytes,
                                                           const std::string &name);
llvm::Expected<std::unique_ptr<binary::Module>> loadModuleFile(const std::string &path);

// Checks that an executable can provide every import (WASI functions only).
llvm::Error checkExecutableImports(const binary::Module &module);

struct BuildOptions {
  codegen::CompileOptions compile;
  std::vector<std::string> grants; // baked into executables: "--dir", "a::b", ...
  bool verbose = false;            // report timings on stderr
};

llvm::Error buildExecutable(const binary::Module &module, BuildOptions options,
                            const std::string &output);
llvm::Error buildSharedObject(const binary::Module &module, BuildOptions options,
                              const std::string &output);
// --emit obj|asm|llvm-ir: the intermediate form, written to `output`.
llvm::Error emitIntermediate(const binary::Module &module, const BuildOptions &options,
                             codegen::OutputKind kind, const std::string &output);

} // namespace wasmc::pipeline
