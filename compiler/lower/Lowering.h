// Lowering of a validated WebAssembly module to LLVM IR.
//
// The defined functions are split into partitions that are lowered, optimised and compiled
// independently (on separate threads, each in its own LLVMContext) and linked afterwards. The
// primary partition also holds the module descriptor (abi.h), the initialisation function and the
// array-call wrappers through which the host calls exported functions.
#pragma once

#include "binary/Module.h"

#include <llvm/IR/DataLayout.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/Error.h>

#include <memory>
#include <string>
#include <vector>

namespace wasmc::lower {

struct LoweringOptions {
  // Calls to imported WASI functions go straight to the shim's symbols (executables), instead
  // of through the instance's import table (embedding, where the host binds imports).
  bool directWasiCalls = false;
  // Target CPU and features, recorded on every function for the code generator.
  std::string cpu;
  std::string features;
  // Grants baked into an executable (command-line words such as "--dir", "a::b").
  std::vector<std::string> bakedGrants;
  bool emitBakedGrants = false;
};

struct Partition {
  uint32_t firstDefined = 0; // defined-function indices [firstDefined, endDefined)
  uint32_t endDefined = 0;
  bool primary = true;
  unsigned count = 1; // how many partitions there are
};

// Splits the defined functions into at most `maxPartitions` partitions of similar code size.
std::vector<Partition> planPartitions(const binary::Module &module, unsigned maxPartitions);

// Lowers one partition into a new module in `context`.
llvm::Expected<std::unique_ptr<llvm::Module>>
lowerPartition(const binary::Module &module, const LoweringOptions &options,
               const Partition &partition, llvm::LLVMContext &context,
               const llvm::DataLayout &dataLayout, const std::string &triple);

// The symbol of defined function `index` in generated code.
std::string functionSymbolName(const binary::Module &module, uint32_t functionIndex);

} // namespace wasmc::lower
