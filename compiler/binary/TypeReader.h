// Reading value, reference and heap types (https://webassembly.github.io/spec/core/binary/types.html).
// Failures go to the ByteReader: malformed encodings, and the types of features wasmc does not
// implement yet (GC's abstract heap types), which are "unsupported: <feature>".
#pragma once

#include "binary/ByteReader.h"
#include "binary/Types.h"

namespace wasmc::binary {

// A one-byte type code (function type form, value type, reference type's short form). The
// reference interpreter reads these as 7-bit signed LEB128, so a set continuation bit is an
// over-long integer rather than an unknown code.
uint8_t readTypeCode(ByteReader &r);
// A value type: a number, v128, a reference type's one-byte short form (funcref, externref) or
// (ref null? heaptype).
ValType readValType(ByteReader &r);
// A reference type (of a table, an element segment).
ValType readRefType(ByteReader &r);
// A heap type (of ref.null): the nullable reference to it.
ValType readHeapType(ByteReader &r);

// Whether a block type starting with `byte` is a value type rather than a type index: a type
// index is a non-negative s33, whose first byte is below 0x40 or has its continuation bit set.
inline bool startsValType(uint8_t byte) { return byte >= 0x40 && byte < 0x80; }

} // namespace wasmc::binary
