// From a validated module to native code: lowering, optimisation and code generation of each
// partition on its own thread, each in its own LLVMContext.
#pragma once

#include "binary/Module.h"
#include "codegen/Targets.h"
#include "lower/Lowering.h"

#include <llvm/Support/Error.h>

#include <functional>
#include <optional>

#include <string>
#include <vector>

namespace wasmc::codegen {

enum class OutputKind { Object, Assembly, LLVMIR };

// Where compiled partitions are kept between builds (the object cache): a partition whose key
// is found there is not compiled again.
class PartitionCache {
public:
  virtual ~PartitionCache() = default;
  virtual std::optional<std::string> load(const std::string &key) = 0;
  virtual void store(const std::string &key, const std::string &object) = 0;
};

struct CompileProgress {
  unsigned partitionsDone = 0, partitions = 0, fromCache = 0;
  uint64_t costDone = 0, cost = 0; // estimated (lower::Partition::cost)
};

struct CompileOptions {
  const TargetInfo *target = nullptr; // the host when null
  std::string cpu;                    // empty: the target's default; "native": this machine's
  std::string features;               // extra features, e.g. "+avx2,-sse4.2"
  unsigned optLevel = 2;
  bool pic = false;                   // position-independent code (for shared objects)
  unsigned threads = 0;               // 0: one per core
  lower::LoweringOptions lowering;
  PartitionCache *cache = nullptr;    // objects only
  // Whether the baseline tier may compile functions (-O0 on x86-64, unless WASMC_BASELINE=0;
  // objects only: assembly and IR are LLVM's).
  bool allowBaseline = true;
  std::string cacheSalt;              // what the objects depend on besides the module and these
                                      // options: the compiler binary, its environment
  // Called once a partition is done, by the thread that did it (one at a time).
  std::function<void(const CompileProgress &)> progress;
};

struct CompileTimings {
  double lowerSeconds = 0, optimizeSeconds = 0, codegenSeconds = 0; // thread CPU time, summed
  unsigned partitions = 0, fromCache = 0;
  // Functions and their IR instructions after optimisation, full tier [0] and lean [1]
  // (codegen/Tiers.h; zero when tiers are off).
  unsigned tierFunctions[2] = {0, 0};
  uint64_t tierInstructions[2] = {0, 0};
  // Lean functions whose instructions are selected as at -O0 (huge, no dispatch loop).
  unsigned fastSelectionFunctions = 0;
  // The baseline tier (-O0 on x86-64): the defined functions it compiled, of how many,
  // and its thread CPU time.
  unsigned baselineFunctions = 0, definedFunctions = 0;
  double baselineSeconds = 0;
};

// One output per partition (object files, or assembly / IR text for a single partition).
llvm::Expected<std::vector<std::string>> compileModule(const binary::Module &module,
                                                       const CompileOptions &options,
                                                       OutputKind kind,
                                                       CompileTimings *timings = nullptr);

} // namespace wasmc::codegen
