// The baseline tier (issue 13's fast tier): a single-pass compiler from wasm straight to x86-64
// machine code: what -O0 means on x86-64 (WASMC_BASELINE=0 leaves -O0 to LLVM). It compiles a defined function only if it handles every instruction in it;
// the others stay with LLVM. Everything that is not a function body (wrappers, thunks,
// initialisation, descriptors) still comes from LLVM, whose module then only declares the
// baseline's functions (lower::Partition::baselineFunctions); the baseline's object defines them
// with the same symbols and convention.
#pragma once

#include "binary/Module.h"

#include <llvm/Support/Error.h>

#include <string>
#include <vector>

namespace wasmc::baseline {

// Whether the baseline tier compiles the functions of a build: -O0 on x86-64, unless
// WASMC_BASELINE=0.
bool enabled(const std::string &triple, unsigned optLevel);

struct PartitionCode {
  std::vector<bool> compiled; // per defined function of the range: whether the object defines it
  std::string object;         // an ELF object; empty when no function was compiled
  unsigned functions = 0;
};

// Compiles what it can of defined functions [firstDefined, endDefined).
llvm::Expected<PartitionCode> compileFunctions(const binary::Module &module, uint32_t firstDefined,
                                               uint32_t endDefined, bool directWasiCalls,
                                               const std::string &triple);

} // namespace wasmc::baseline
