// The `spectest` host module that the spec test suite's scripts import from: print functions,
// four immutable globals of value 666 / 666.6, a funcref table (10..20) and a memory (1..2 pages).
// Built into the harness and into the agent (wasmc-spec-agent, for the cross targets): no C++
// standard library.
#pragma once

#include "wasmc/runtime.h"

#include <stddef.h>

namespace wasmc::spec {

class Spectest {
public:
  // `print`: whether the print functions write to stdout like the reference interpreter does.
  explicit Spectest(bool print);
  ~Spectest();
  Spectest(const Spectest &) = delete;
  Spectest &operator=(const Spectest &) = delete;

  // The export `name` (`length` bytes, may contain NULs); false if spectest has none.
  bool lookup(const char *name, size_t length, wasmc_extern &out) const;

private:
  struct Func {
    const char *name;
    wasmc_funcref *ref;
  };
  Func funcs_[7] = {};
  wasmc_global *globalI32_ = nullptr, *globalI64_ = nullptr, *globalF32_ = nullptr,
               *globalF64_ = nullptr;
  wasmc_table *table_ = nullptr;
  wasmc_table *table64_ = nullptr; // (table i64 10 20 funcref), as the reference interpreter's
  wasmc_memory *sharedMemory_ = nullptr; // (memory 1 2 shared)
  wasmc_memory *memory_ = nullptr;
};

} // namespace wasmc::spec
