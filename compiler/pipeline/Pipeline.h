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

// Decodes and validates `bytes` with `features` (all by default). Errors read
// "<name>:0x<offset>: <reason>".
llvm::Expected<std::unique_ptr<binary::Module>> loadModule(std::vector<uint8_t> bytes,
                                                           const std::string &name,
                                                           const binary::Features &features = {});

// Checks that an executable can run the module: a WASI command (it exports _start) that
// imports WASI functions only. Errors name the module as loadModule's do.
llvm::Error checkExecutableModule(const binary::Module &module, const std::string &name);

struct BuildOptions {
  std::string moduleName = "module"; // in messages: the input's path
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
