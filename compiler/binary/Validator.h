// Validation of a decoded module against the WebAssembly 2.0 typing rules: limits, indices,
// constant expressions, exports, the start function and every function body, including the
// stack-polymorphic code after `unreachable`, `br`, `br_table` and `return`.
#pragma once

#include "binary/ByteReader.h"
#include "binary/Module.h"

#include <optional>

namespace wasmc::binary {

// Returns the first validation error (offset and reason), or nothing if the module is valid.
// Malformations that only show while decoding bodies (illegal opcodes, bad immediates) are
// reported here too. A valid module gets `tablesWrittenByCode` filled.
std::optional<DecodeFailure> validateModule(Module &module);

} // namespace wasmc::binary
