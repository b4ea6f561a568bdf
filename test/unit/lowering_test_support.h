// What tests of lowered x86-64 code share: the target and a module whose function spills.
#pragma once

#include "binary_test_support.h"

#include <memory>

namespace wasmc::binary::test {

inline const char *const kX86 = "x86_64-unknown-linux-gnu";
inline const char *const kX86Layout =
    "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128";

// f(seven i64) -> i64 calls itself with its parameters: a stack check on entry, and more than
// the x86-64 argument registers hold, so two of them are spilled, at the call and at the entry.
inline std::unique_ptr<Module> recursiveModule() {
  const Bytes params(7, op::I64);
  Bytes code;
  for (uint8_t i = 0; i < 7; ++i)
    code = cat({code, Bytes{op::LocalGet, i}});
  code = cat({code, Bytes{op::Call, 0, op::End}});
  return validOk(funcModule(params, Bytes{op::I64}, code));
}

} // namespace wasmc::binary::test
