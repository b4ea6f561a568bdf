// The imports of modules made by binaryen's `wasm-opt -ttf`, as binaryen's own interpreter
// provides them in `--fuzz-exec` (its LoggingExternalInterface): the `fuzzing-support` functions
// (log-*, table-get, table-set, call-export[-catch], call-ref[-catch], sleep) and the immutable
// externref globals of `__fuzz_import`. Logged values go to the Output given.
#pragma once

#include "Output.h"

#include "wasmc/runtime.h"

#include <string>
#include <vector>

namespace wasmc::difffuzz {

// The exit status of a host function that throws a JavaScript exception in binaryen's model
// (an out-of-range table index, an export that JS cannot call): raised as a WASMC_TRAP_HOST trap.
constexpr int32_t kJsException = 0xbad;

class FuzzingSupport {
public:
  explicit FuzzingSupport(Output &out);
  ~FuzzingSupport();
  FuzzingSupport(const FuzzingSupport &) = delete;
  FuzzingSupport &operator=(const FuzzingSupport &) = delete;

  // Binds every import of `module` into `imports`; false with `error` naming the first import
  // that binaryen's interpreter would not provide either. The instance must be created with
  // this FuzzingSupport as its host_data: the imports act on the instance that calls them (its
  // exports: call-export; its table exported as "table": table-get/set).
  bool bind(const wasmc_module_desc &module, std::vector<wasmc_extern> &imports,
            std::string &error);

  // Calls export `index` of `instance` as binaryen's fuzzer calls it from JS: zeros as
  // arguments, a JS exception for an export that is not a function or has an i64 or v128
  // parameter or a v128 result. Returns 0, or 1 with *trap filled (the exception is a
  // WASMC_TRAP_HOST trap).
  int callExportAsJs(wasmc_instance *instance, uint32_t index, wasmc_trap_info *trap);
  // The same for a function reference (call-ref): a JS exception for null.
  int callAsJs(const wasmc_funcref *func, wasmc_trap_info *trap);

  Output &out;
  const wasmc_module_desc *module = nullptr;
  // While the start function runs, JavaScript has no exports yet: binaryen's table-get,
  // table-set and call-export throw then (call-export-catch returns 1); call-ref works.
  bool instantiating = false;

private:
  static int throwJs(wasmc_trap_info *trap);
  std::vector<wasmc_funcref *> funcs_;
  std::vector<wasmc_global *> globals_;
};

// Whether a trap is binaryen's JavaScript exception rather than a wasm trap.
inline bool isJsException(const wasmc_trap_info &trap) {
  return trap.code == WASMC_TRAP_HOST && trap.exit_status == kJsException;
}

} // namespace wasmc::difffuzz
