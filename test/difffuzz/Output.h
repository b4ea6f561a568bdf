// What the host prints, one event per line, with every value typed and exact (bits in hex), so
// that difffuzz.py can compare it with binaryen's untyped `--fuzz-exec` text by the spec's rules:
//
//   export NAME                      an export, in the order of the export section
//   result TYPE VALUE                one line per result of a function export
//   log TYPE VALUE [TYPE VALUE...]   a fuzzing-support log call
//   global TYPE VALUE                an exported global's value
//   trap CODE MESSAGE                the export (or instantiation) trapped
//   exception                        binaryen's JavaScript exception (see FuzzingSupport.h)
//
// VALUE: i32/i64/f32/f64 as 0x-hex bits; v128 as four 0x-hex 32-bit lanes (binaryen's order);
// funcref as `function` or `null`; externref as `externref(N)` or `null`.
#pragma once

#include "wasmc/runtime.h"

#include <stdint.h>
#include <stdio.h>

namespace wasmc::difffuzz {

// The Wasm 2.0 type code of a value type binaryen's fuzzer makes (funcref and externref are the
// only references it makes with wasmc's features).
inline uint8_t shortTypeCode(const wasmc_valtype &type) {
  if (type.code != WASMC_TYPE_REF)
    return type.code;
  return type.heap == WASMC_HEAP_FUNC || type.heap == WASMC_HEAP_NOFUNC ? WASMC_TYPE_FUNCREF
                                                                        : WASMC_TYPE_EXTERNREF;
}

class Output {
public:
  explicit Output(FILE *file) : file_(file) {}

  void exportName(const char *name, uint32_t length);
  void result(uint8_t type, const wasmc_val &value);
  // A log line: begin, one value per argument, end.
  void beginLog();
  void logValue(uint8_t type, const wasmc_val &value);
  void endLog();
  void global(uint8_t type, const wasmc_val &value);
  void trap(int32_t code);
  void exception();

private:
  void value(uint8_t type, const wasmc_val &value);
  FILE *file_;
};

} // namespace wasmc::difffuzz
