// Type equivalence and subtyping (https://webassembly.github.io/spec/core/valid/matching.html).
// Defined types are equivalent when their recursion groups are the same up to the indices they
// refer to (iso-recursive equivalence): canonicalizeTypes numbers them so that equivalent types
// share a number. Without declared supertypes (garbage collection's, which the decoder refuses), a
// defined type's only supertypes are itself and its abstract top (func for a function type).
#pragma once

#include "binary/ByteReader.h"
#include "binary/Module.h"

#include <optional>

namespace wasmc::binary {

// Checks that the types refer only to types of their own or earlier recursion groups ("unknown
// type") and fills module.canonicalTypes.
std::optional<DecodeFailure> canonicalizeTypes(Module &module);

// Whether `sub` matches `super` (`sub` <: `super`). Both are valid in `module`, whose types are
// canonical; a Bottom value type or heap type matches everything.
bool isSubtype(const Module &module, ValType sub, ValType super);

// Whether `type` refers to a type index the module does not have.
inline bool hasUnknownType(const Module &module, ValType type) {
  return type.isConcrete() && type.index >= module.types.size();
}

} // namespace wasmc::binary
