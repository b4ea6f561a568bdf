#include "lower/Lowering.h"

#include "lower/Descriptor.h"
#include "lower/FunctionLowering.h"
#include "lower/ModuleEnv.h"

#include "wasmc/abi.h"

#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

namespace wasmc::lower {

std::string functionSymbolName(const binary::Module &module, uint32_t functionIndex) {
  std::string symbol = "wasm_f" + std::to_string(functionIndex);
  auto name = module.names.functionNames.find(functionIndex);
  if (name != module.names.functionNames.end()) {
    // Keep symbols readable in disassembly and profiles; the index keeps them unique.
    symbol += '_';
    for (char c : name->second.substr(0, 64))
      symbol += (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
  }
  return symbol;
}

std::vector<Partition> planPartitions(const binary::Module &module, unsigned maxPartitions) {
  const uint32_t defined = module.numDefinedFunctions();
  uint64_t totalBytes = 0;
  for (const binary::FunctionBody &body : module.bodies)
    totalBytes += body.codeEnd - body.codeOffset;
  // Splitting costs cross-partition inlining and thread start-up: only large modules gain.
  constexpr uint64_t kMinBytesPerPartition = 256 * 1024;
  unsigned count = maxPartitions ? maxPartitions : 1;
  while (count > 1 && totalBytes / count < kMinBytesPerPartition)
    --count;
  if (defined < count)
    count = defined ? defined : 1;

  std::vector<Partition> partitions;
  uint32_t next = 0;
  uint64_t consumed = 0;
  for (unsigned p = 0; p < count; ++p) {
    Partition partition;
    partition.firstDefined = next;
    partition.primary = p == 0;
    partition.count = count;
    // Contiguous ranges of similar code size keep a module's neighbouring functions together.
    const uint64_t target = totalBytes * (p + 1) / count;
    while (next < defined && (p + 1 == count || consumed < target)) {
      consumed += module.bodies[next].codeEnd - module.bodies[next].codeOffset;
      ++next;
    }
    partition.endDefined = p + 1 == count ? defined : next;
    partitions.push_back(partition);
  }
  return partitions;
}

llvm::Expected<std::unique_ptr<llvm::Module>>
lowerPartition(const binary::Module &module, const LoweringOptions &options,
               const Partition &partition, llvm::LLVMContext &context,
               const llvm::DataLayout &dataLayout, const std::string &triple) {
  auto llvmModule = std::make_unique<llvm::Module>(
      "wasm" + (partition.count > 1 ? "." + std::to_string(partition.firstDefined) : std::string()),
      context);
  llvmModule->setDataLayout(dataLayout);
  llvmModule->setTargetTriple(triple);
  ModuleEnv env(module, options, partition, context, *llvmModule);
  // The spill area of the wasm convention has a slot per parameter (abi.h).
  for (size_t t = 0; t < module.types.size(); ++t)
    if (module.types[t].params.size() > WASMC_MAX_PARAMS)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "unsupported: type %zu has %zu parameters, more than %u", t,
                                     module.types[t].params.size(), WASMC_MAX_PARAMS);

  for (uint32_t i = partition.firstDefined; i < partition.endDefined; ++i) {
    const uint32_t index = module.numImportedFunctions + i;
    FunctionLowering lowering(env, index);
    if (llvm::Error error = lowering.lower())
      return llvm::joinErrors(
          llvm::createStringError(llvm::inconvertibleErrorCode(), "in function %u:", index),
          std::move(error));
  }
  if (partition.primary)
    emitModuleGlue(env);

  std::string problems;
  llvm::raw_string_ostream stream(problems);
  if (llvm::verifyModule(*llvmModule, &stream))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "internal error: generated IR is invalid: %s", problems.c_str());
  return llvmModule;
}

} // namespace wasmc::lower
