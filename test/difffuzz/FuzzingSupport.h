// The imports of modules made by binaryen's `wasm-opt -ttf`, as binaryen's own interpreter
// provides them in `--fuzz-exec` (its LoggingExternalInterface and FuzzerImportResolver): the
// `fuzzing-support` functions (log-*, throw, table-get, table-set, call-export[-catch],
// call-ref[-catch], sleep) and tags (wasmtag, jstag), and the immutable externref globals of
// `__fuzz_import`. Logged values go to the Output given.
//
// Binaryen models a JavaScript exception (an out-of-range table index, an export that JS cannot
// call, `throw` of 0) as a wasm exception of the JS tag (WebAssembly.JSTag, imported as `jstag`)
// whose externref payload is kJsErrorPayload: wasm code catches it with catch_all or catch
// $jstag, and call-export-catch like any other exception. So does this host.
#pragma once

#include "Output.h"

#include "wasmc/runtime.h"

#include <string>
#include <vector>

namespace wasmc::difffuzz {

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
  // arguments, a JS exception for an export that is not a function, has an i64, v128, exnref or
  // non-nullable parameter, or a v128 or exnref result. Returns what wasmc_call does: 0, 1 with
  // *trap filled, or WASMC_CALL_EXCEPTION with trap->exception the exception, null for a JS
  // exception not yet raised (raise() raises either).
  int callExportAsJs(wasmc_instance *instance, uint32_t index, wasmc_trap_info *trap);
  // The same for a function reference (call-ref): a JS exception for null.
  int callAsJs(const wasmc_funcref *func, wasmc_trap_info *trap);

  // Raises, from a host function called by wasm, a JS exception or a wasm exception of the
  // imported wasmtag with `payload`.
  [[noreturn]] void throwJs();
  [[noreturn]] void throwWasm(int32_t payload);
  // Raises again, from a host function called by wasm, what a call*AsJs returned.
  [[noreturn]] void raise(int status, const wasmc_trap_info &trap);

  Output &out;
  const wasmc_module_desc *module = nullptr;
  // While the start function runs, JavaScript has no exports yet: binaryen's table-get,
  // table-set and call-export throw then (call-export-catch returns 1); call-ref works.
  bool instantiating = false;

private:
  static int jsException(wasmc_trap_info *trap);
  [[noreturn]] static void raiseException(wasmc_tag *tag, const wasmc_val &payload);
  std::vector<wasmc_funcref *> funcs_;
  std::vector<wasmc_global *> globals_;
  wasmc_tag *wasmTag_;
  wasmc_tag *jsTag_;
};

} // namespace wasmc::difffuzz
