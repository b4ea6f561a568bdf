// Where the wasm convention (abi.h; lower/CallingConventions.h) puts each parameter of a function
// type on x86-64, for the baseline tier's prologues and calls: a general-purpose register after
// ctx (and the results pointer), an xmm register, or a slot of the thread-local spill area
// wasmc_rt_spilled_args. Taken from lower::wasmParamLayout, so the tiers cannot disagree.
#pragma once

#include "baseline/X64Encoder.h"
#include "binary/Types.h"

#include <vector>

namespace wasmc::baseline {

struct ArgumentLocation {
  enum class Kind : uint8_t { General, Vector, Spilled } kind;
  Reg reg;       // General
  Xmm xmm;       // Vector
  int32_t spillOffset; // Spilled: the byte offset in wasmc_rt_spilled_args
};

struct ArgumentLocations {
  std::vector<ArgumentLocation> params;
  bool hasResultsPointer = false; // in rsi
  bool anySpilled = false;
};

// Numeric parameters and results only (the caller checks).
ArgumentLocations argumentLocations(const binary::FuncType &type);

} // namespace wasmc::baseline
