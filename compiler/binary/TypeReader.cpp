#include "binary/TypeReader.h"

#include "binary/Opcode.h"

namespace wasmc::binary {

namespace {

constexpr uint8_t kRefNull = 0x63;
constexpr uint8_t kRef = 0x64;

// The abstract heap type of a one-byte code, if it is one.
bool abstractHeap(uint8_t code, HeapKind &heap) {
  switch (code) {
  case 0x69: case 0x6a: case 0x6b: case 0x6c: case 0x6d: case 0x6e: case 0x6f: case 0x70:
  case 0x71: case 0x72: case 0x73: case 0x74:
    heap = static_cast<HeapKind>(code);
    return true;
  default:
    return false;
  }
}

// Refuses the abstract heap types of features wasmc does not implement yet.
void requireImplemented(ByteReader &r, uint64_t at, HeapKind heap) {
  switch (heap) {
  case HeapKind::Func:
  case HeapKind::Extern:
  case HeapKind::Concrete:
  case HeapKind::Exn:
  case HeapKind::NoExn:
    return;
  default:
    r.failAt(at, std::string("unsupported: garbage collection (") + heapKindName(heap) + ")");
    return;
  }
}

// The reference to the abstract heap type of `code`, read at `at`; `malformed` is the failure
// for a code that names none.
ValType abstractRef(ByteReader &r, uint64_t at, uint8_t code, bool nullable,
                    const char *malformed) {
  HeapKind heap = HeapKind::Func;
  if (!abstractHeap(code, heap)) {
    r.failAt(at, malformed);
    return ValType::FuncRef;
  }
  requireImplemented(r, at, heap);
  return ValType::ref(heap, nullable);
}

// The heap type after the 0x63 / 0x64 of a reference type, or of ref.null: an abstract heap
// type's byte, read as a negative s33, or a type index.
ValType heapTypeAfterPrefix(ByteReader &r, bool nullable) {
  const uint64_t at = r.offset();
  const int64_t value = r.readS33();
  if (!r.ok())
    return ValType::FuncRef;
  if (value >= 0)
    return ValType::concrete(static_cast<uint32_t>(value), nullable);
  // A negative value of more than one byte is no abstract heap type (0 names none either).
  const uint8_t code = value < -64 ? 0 : static_cast<uint8_t>(value & 0x7f);
  return abstractRef(r, at, code, nullable, "malformed reference type");
}

} // namespace

uint8_t readTypeCode(ByteReader &r) {
  const uint8_t byte = r.readByte();
  if (r.ok() && (byte & 0x80))
    r.fail("integer representation too long");
  return byte;
}

ValType readValType(ByteReader &r) {
  const uint64_t at = r.offset();
  const uint8_t code = readTypeCode(r);
  if (!r.ok())
    return ValType::I32;
  switch (code) {
  case 0x7f: return ValType::I32;
  case 0x7e: return ValType::I64;
  case 0x7d: return ValType::F32;
  case 0x7c: return ValType::F64;
  case 0x7b: return ValType::V128;
  case kRefNull:
  case kRef:
    return heapTypeAfterPrefix(r, code == kRefNull);
  default:
    return abstractRef(r, at, code, true, "malformed value type");
  }
}

ValType readRefType(ByteReader &r) {
  const uint64_t at = r.offset();
  const uint8_t code = r.peekByte();
  if (code == kRefNull || code == kRef) {
    r.readByte();
    return heapTypeAfterPrefix(r, code == kRefNull);
  }
  readTypeCode(r);
  if (!r.ok())
    return ValType::FuncRef;
  return abstractRef(r, at, code, true, "malformed reference type");
}

ValType readHeapType(ByteReader &r) { return heapTypeAfterPrefix(r, true); }

} // namespace wasmc::binary
