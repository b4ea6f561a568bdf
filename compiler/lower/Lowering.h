// Lowering of a validated WebAssembly module to LLVM IR.
//
// The defined functions are split into partitions that are lowered, optimised and compiled
// independently (on a pool of threads, each partition in its own LLVMContext) and linked
// afterwards. The primary partition holds the module descriptor (abi.h), the initialisation
// function, the array-call wrappers through which the host calls exported functions and the
// import thunks: all of a module that is not its functions' code. A small module is one
// partition; a large one has the primary partition alone and the functions in partitions of
// around largestPartitionBytes() of code.
#pragma once

#include "binary/Module.h"
#include "lower/MemoryIdioms.h"
#include "lower/StressedBounds.h"

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
  // The runtime's thread-locals (the stack limit, the spill area) are the executable's own, so
  // they are addressed local-exec (one `%fs:offset` operand on x86-64) rather than initial-exec
  // (the offset loaded first): executables only, where the runtime is linked in.
  bool localExecTls = false;
  // Target CPU and features, recorded on every function for the code generator.
  std::string cpu;
  std::string features;
  // Grants baked into an executable (command-line words such as "--dir", "a::b").
  std::vector<std::string> bakedGrants;
  bool emitBakedGrants = false;
  // Whether LLVM's optimiser runs (-O1 and up); at -O0 the code is kept simple for fast
  // instruction selection.
  bool optimized = true;
  // call_indirect through a table whose contents the module decides calls from a constant array
  // per signature (ModuleEnv::typedTable): at -O2 and up, unless WASMC_NO_TYPED_TABLES is set.
  bool typedTables = false;
  // What each defined function was recognised as (recogniseMemoryIdioms, once per module);
  // empty: nothing is.
  std::vector<MemoryIdiom> memoryIdioms;
};

struct Partition {
  uint32_t firstDefined = 0; // defined-function indices [firstDefined, endDefined)
  uint32_t endDefined = 0;
  bool primary = true;
  unsigned count = 1;        // how many partitions there are
  uint64_t cost = 0;         // estimated: its functions' code bytes plus an overhead for each
  // Per function of the partition: compiled by the baseline tier (baseline/Baseline.h), so
  // only declared here; empty when none is.
  std::vector<bool> baselineFunctions;
  bool isBaseline(uint32_t defined) const {
    return !baselineFunctions.empty() && defined >= firstDefined && defined < endDefined &&
           baselineFunctions[defined - firstDefined];
  }
};

// What compiling a function costs besides its code, in code bytes: LLVM's pipeline runs some
// 150 passes over every function, so 20,000 functions of a few bytes take 20 s.
inline constexpr uint64_t kFunctionOverheadBytes = 64;
// A module that costs less than this is one partition: splitting costs inlining across
// partitions, and gains little on a module that compiles in a second or two.
inline uint64_t singlePartitionBytes() { return sizeBound<uint64_t>(64 * 1024, 0); }
// A function partition ends at the first function from partitionBytes(module cost) on whose
// body's hash is 0 modulo kPartitionBoundaryModulus, and at the latest at 4 times that many:
// boundaries that depend on the bodies near them only, so that a change to one function changes
// one or two partitions (and the rest come from the object cache), whatever else changes.
//
// Partitions are small: the wasm that wasmc compiles was optimised by its own compiler (clang's
// inlining is done), so inlining again across partitions buys little, while small partitions
// keep all cores busy to the end and cost less to optimise. Measured (bench/COMPILE.md):
// nextpnr-ice40 -O2 took 43 CPU s in 42 partitions against 57 in 15 of 128 KiB, and SQLite's
// shell ran as fast from 16 KiB partitions as from 128 KiB ones.
inline uint64_t largestPartitionBytes() { return sizeBound<uint64_t>(32 * 1024, 128); }
inline uint64_t smallestPartitionBytes() { return sizeBound<uint64_t>(16 * 1024, 128); }
inline constexpr uint64_t kPartitionBoundaryModulus = 8;
// The partition size for a module of `moduleCost`: a quarter of it rounded down to a power of
// two, within [smallestPartitionBytes(), largestPartitionBytes()]. A module just above singlePartitionBytes()
// still gets about four partitions; the size changes only when the module's cost crosses a
// power of two.
uint64_t partitionBytes(uint64_t moduleCost);

// The partitions of `module`, which depend on the module only (not on the number of threads),
// so that the output is the same however many threads compile it. `single`: one partition.
std::vector<Partition> planPartitions(const binary::Module &module, bool single = false);

// A hash of everything the code of `partition` is made from besides the compile options: for
// a function partition the module without its code and data contents, plus its functions'
// bodies; for the primary partition the whole module.
std::string partitionDigest(const binary::Module &module, const Partition &partition);

// Lowers one partition into a new module in `context`.
llvm::Expected<std::unique_ptr<llvm::Module>>
lowerPartition(const binary::Module &module, const LoweringOptions &options,
               const Partition &partition, llvm::LLVMContext &context,
               const llvm::DataLayout &dataLayout, const std::string &triple);

// The symbol of defined function `index` in generated code.
std::string functionSymbolName(const binary::Module &module, uint32_t functionIndex);

} // namespace wasmc::lower
