#include "lower/Lowering.h"

#include "lower/Descriptor.h"
#include "lower/FunctionLowering.h"
#include "lower/ModuleEnv.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/bit.h>
#include "wasmc/abi.h"

#include <llvm/IR/Verifier.h>
#include <llvm/Support/BLAKE3.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>

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

namespace {

uint64_t bodyBytes(const binary::FunctionBody &body) { return body.codeEnd - body.offset; }
uint64_t bodyCost(const binary::FunctionBody &body) {
  return bodyBytes(body) + kFunctionOverheadBytes;
}

uint64_t hashBytes(const uint8_t *bytes, uint64_t size) {
  uint64_t hash = 1469598103934665603ull; // FNV-1a
  for (uint64_t i = 0; i < size; ++i)
    hash = (hash ^ bytes[i]) * 1099511628211ull;
  return hash;
}

} // namespace

uint64_t partitionBytes(uint64_t moduleCost) {
  return std::clamp<uint64_t>(llvm::bit_floor(moduleCost / 4), smallestPartitionBytes(), largestPartitionBytes());
}

std::vector<Partition> planPartitions(const binary::Module &module, bool single) {
  const uint32_t defined = module.numDefinedFunctions();
  uint64_t totalCost = 0;
  for (const binary::FunctionBody &body : module.bodies)
    totalCost += bodyCost(body);
  if (single || totalCost < singlePartitionBytes())
    return {Partition{0, defined, true, 1, totalCost, {}}};

  const uint64_t targetBytes = partitionBytes(totalCost);
  std::vector<Partition> partitions{Partition{0, 0, true, 0, 0, {}}};
  Partition current{0, 0, false, 0, 0, {}};
  for (uint32_t i = 0; i < defined; ++i) {
    const binary::FunctionBody &body = module.bodies[i];
    current.cost += bodyCost(body);
    current.endDefined = i + 1;
    const bool boundary =
        hashBytes(module.at(body.offset), bodyBytes(body)) % kPartitionBoundaryModulus == 0;
    if ((current.cost >= targetBytes && boundary) || current.cost >= 4 * targetBytes ||
        i + 1 == defined) {
      partitions.push_back(current);
      current = Partition{i + 1, i + 1, false, 0, 0, {}};
    }
  }
  for (Partition &partition : partitions)
    partition.count = unsigned(partitions.size());
  return partitions;
}

std::string partitionDigest(const binary::Module &module, const Partition &partition) {
  llvm::BLAKE3 hasher;
  auto add = [&](const void *data, size_t size) {
    hasher.update(llvm::ArrayRef<uint8_t>(static_cast<const uint8_t *>(data), size));
  };
  const uint64_t range[3] = {partition.firstDefined, partition.endDefined, partition.count};
  add(range, sizeof range);
  if (partition.primary) {
    add(module.bytes.data(), module.bytes.size());
  } else {
    // The module without its functions' bodies and its data segments' contents, which the
    // functions do not depend on; then the partition's bodies.
    std::vector<std::pair<uint64_t, uint64_t>> skipped;
    for (const binary::FunctionBody &body : module.bodies)
      skipped.emplace_back(body.offset, body.codeEnd);
    for (const binary::DataSegment &segment : module.dataSegments)
      skipped.emplace_back(segment.bytesOffset, segment.bytesOffset + segment.size);
    std::sort(skipped.begin(), skipped.end());
    uint64_t position = 0;
    for (const auto &[begin, end] : skipped) {
      if (begin > position)
        add(module.at(position), begin - position);
      position = std::max(position, end);
    }
    add(module.at(position), module.bytes.size() - position);
    for (bool written : module.tablesWrittenByCode)
      add(&written, 1);
    for (uint32_t i = partition.firstDefined; i < partition.endDefined; ++i)
      add(module.at(module.bodies[i].offset), bodyBytes(module.bodies[i]));
  }
  return llvm::toHex(hasher.final(), /*LowerCase=*/true);
}

llvm::Expected<std::unique_ptr<llvm::Module>>
lowerPartition(const binary::Module &module, const LoweringOptions &options,
               const Partition &partition, llvm::LLVMContext &context,
               const llvm::DataLayout &dataLayout, const std::string &triple) {
  auto llvmModule = std::make_unique<llvm::Module>(
      partition.count == 1 ? std::string("wasm")
      : partition.primary  ? std::string("wasm.glue")
                           : "wasm." + std::to_string(partition.firstDefined),
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
    if (partition.isBaseline(i))
      continue;
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
