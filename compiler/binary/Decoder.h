// Decoding of the binary format into a Module: section structure, types, imports, exports,
// segments, custom sections and the `name` section. Function bodies are checked for framing
// (size, locals, final `end`) here and validated operator by operator by the Validator.
#pragma once

#include "binary/ByteReader.h"
#include "binary/Features.h"
#include "binary/Module.h"

#include <memory>
#include <variant>

namespace wasmc::binary {

// Decodes `bytes`; on failure returns the offset and reason of the first malformation.
std::variant<std::unique_ptr<Module>, DecodeFailure> decodeModule(std::vector<uint8_t> bytes,
                                                                 const Features &features = {});

} // namespace wasmc::binary
