// From a validated module to native code: lowering, optimisation and code generation of each
// partition on its own thread, each in its own LLVMContext.
#pragma once

#include "binary/Module.h"
#include "codegen/Targets.h"
#include "lower/Lowering.h"

#include <llvm/Support/Error.h>

#include <string>
#include <vector>

namespace wasmc::codegen {

enum class OutputKind { Object, Assembly, LLVMIR };

struct CompileOptions {
  const TargetInfo *target = nullptr; // the host when null
  std::string cpu;                    // empty: the target's default; "native": this machine's
  std::string features;               // extra features, e.g. "+avx2,-sse4.2"
  unsigned optLevel = 2;
  bool pic = false;                   // position-independent code (for shared objects)
  unsigned threads = 0;               // 0: one per core
  lower::LoweringOptions lowering;
};

struct CompileTimings {
  double lowerSeconds = 0, optimizeSeconds = 0, codegenSeconds = 0; // summed over threads
  unsigned partitions = 0;
};

// One output per partition (object files, or assembly / IR text for a single partition).
llvm::Expected<std::vector<std::string>> compileModule(const binary::Module &module,
                                                       const CompileOptions &options,
                                                       OutputKind kind,
                                                       CompileTimings *timings = nullptr);

} // namespace wasmc::codegen
