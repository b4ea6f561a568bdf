// What the host prints, one event per line, with every value typed and exact (bits in hex), so
// that difffuzz.py can compare it with binaryen's untyped `--fuzz-exec` text by the spec's rules:
//
//   export NAME                      an export, in the order of the export section
//   result TYPE VALUE                one line per result of a function export
//   log TYPE VALUE [TYPE VALUE...]   a fuzzing-support log call
//   global TYPE VALUE                an exported global's value
//   trap CODE MESSAGE                the export (or instantiation) trapped
//   exception [payload TYPE VALUE...]  an exception escaped the export (or the start function):
//                                    a wasm one or binaryen's JavaScript one (FuzzingSupport.h),
//                                    with its values when the host knows its tag's type
//
// VALUE: i32/i64/f32/f64 as 0x-hex bits; v128 as four 0x-hex 32-bit lanes (binaryen's order);
// funcref as `function` or `null`; externref as `externref(N)`, `jserror` (the payload of a
// JavaScript exception) or `null`; exnref as `object(null)` (what JavaScript sees of an
// exception: an object without a prototype) or `null`.
#pragma once

#include "wasmc/runtime.h"

#include <stdint.h>
#include <stdio.h>

namespace wasmc::difffuzz {

// The externref payload of binaryen's JavaScript exceptions, which it prints as `jserror`.
constexpr uintptr_t kJsErrorPayload = 0xbad;

// The short type code of a value type binaryen's fuzzer makes with wasmc's features: funcref,
// externref and exnref are its only references (typed ones need its GC feature).
inline uint8_t shortTypeCode(const wasmc_valtype &type) {
  if (type.code != WASMC_TYPE_REF)
    return type.code;
  switch (type.heap) {
  case WASMC_HEAP_FUNC:
  case WASMC_HEAP_NOFUNC:
  case WASMC_HEAP_CONCRETE:
    return WASMC_TYPE_FUNCREF;
  case WASMC_HEAP_EXN:
  case WASMC_HEAP_NOEXN:
    return WASMC_HEAP_EXN;
  default:
    return WASMC_TYPE_EXTERNREF;
  }
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
  // An exception whose values the host cannot type (its tag is not the instance's).
  void exception();
  // One of `tag`, a tag of type `type`, as binaryen prints it: the tag's values.
  void exception(const wasmc_functype_desc &type, const wasmc_exception &exception);

private:
  void value(uint8_t type, const wasmc_val &value);
  FILE *file_;
};

} // namespace wasmc::difffuzz
