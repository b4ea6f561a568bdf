// Value types, function types and the other types of the WebAssembly type system.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wasmc::binary {

// Heap types (https://webassembly.github.io/spec/core/syntax/types.html#heap-types): an abstract
// one, by its binary code, or a defined type given by its index (Concrete). Every abstract heap
// type of Wasm 3.0 has a value here, so that GC and exception references fit the same shape; the
// decoder refuses those of features wasmc does not implement yet.
enum class HeapKind : uint8_t {
  Concrete = 0, // a type index of the module
  Bottom = 1,   // the validator's heap type of a reference popped from unreachable code
  Func = 0x70,
  Extern = 0x6f,
  Any = 0x6e,
  Eq = 0x6d,
  I31 = 0x6c,
  Struct = 0x6b,
  Array = 0x6a,
  Exn = 0x69,
  None = 0x71,
  NoExtern = 0x72,
  NoFunc = 0x73,
  NoExn = 0x74,
};

// A value type: a number, a vector, or a reference to a heap type, nullable or not. Equality is
// syntactic (type indices compare as indices); the validator decides subtyping and equivalence
// with the module's canonical types (Subtyping.h).
struct ValType {
  enum class Kind : uint8_t {
    I32,
    I64,
    F32,
    F64,
    V128,
    Ref,
    Bottom, // the validator's operand type of unreachable code: matches every type
  };

  Kind kind = Kind::I32;
  bool nullable = false;         // Ref
  HeapKind heap = HeapKind::Func; // Ref
  uint32_t index = 0;            // Ref to HeapKind::Concrete: the type index

  static const ValType I32, I64, F32, F64, V128, FuncRef, ExternRef, Bottom;

  static constexpr ValType number(Kind kind) { return ValType{kind, false, HeapKind::Func, 0}; }
  static constexpr ValType ref(HeapKind heap, bool nullable) {
    return ValType{Kind::Ref, nullable, heap, 0};
  }
  static constexpr ValType concrete(uint32_t typeIndex, bool nullable) {
    return ValType{Kind::Ref, nullable, HeapKind::Concrete, typeIndex};
  }

  constexpr bool isRef() const { return kind == Kind::Ref; }
  constexpr bool isNumber() const {
    return kind == Kind::I32 || kind == Kind::I64 || kind == Kind::F32 || kind == Kind::F64;
  }
  constexpr bool isConcrete() const { return kind == Kind::Ref && heap == HeapKind::Concrete; }
  // Whether a local of this type starts with a default value (zero, null).
  constexpr bool isDefaultable() const { return kind != Kind::Ref || nullable; }
  constexpr ValType asNullable(bool isNullable) const {
    return ValType{kind, isNullable, heap, index};
  }

  constexpr bool operator==(const ValType &other) const {
    return kind == other.kind && (kind != Kind::Ref || (nullable == other.nullable &&
                                                        heap == other.heap &&
                                                        index == other.index));
  }
  constexpr bool operator!=(const ValType &other) const { return !(*this == other); }
};

constexpr ValType ValType::I32 = ValType::number(ValType::Kind::I32);
constexpr ValType ValType::I64 = ValType::number(ValType::Kind::I64);
constexpr ValType ValType::F32 = ValType::number(ValType::Kind::F32);
constexpr ValType ValType::F64 = ValType::number(ValType::Kind::F64);
constexpr ValType ValType::V128 = ValType::number(ValType::Kind::V128);
constexpr ValType ValType::FuncRef = ValType::ref(HeapKind::Func, true);
constexpr ValType ValType::ExternRef = ValType::ref(HeapKind::Extern, true);
constexpr ValType ValType::Bottom = ValType::number(ValType::Kind::Bottom);

// "i32", "funcref", "(ref null 3)", "(ref func)", ...
std::string valTypeName(ValType type);
const char *heapKindName(HeapKind heap);

// The top of the hierarchy an abstract heap type belongs to (func, extern, any or exn); a
// concrete type's top is that of its definition, a function type's: func.
HeapKind topOf(HeapKind heap);

struct FuncType {
  std::vector<ValType> params;
  std::vector<ValType> results;
  bool operator==(const FuncType &other) const {
    return params == other.params && results == other.results;
  }
};
std::string toString(const FuncType &type); // "(i32, i64) -> (f32)"

// A recursion group of the type section: types [first, first + size) of the module, which may
// refer to each other (https://webassembly.github.io/spec/core/valid/types.html#rolled-up-types).
// A type outside any `rec` is a group of its own.
struct RecGroup {
  uint32_t first = 0;
  uint32_t size = 0;
};

struct Limits {
  uint64_t min = 0;
  std::optional<uint64_t> max;
  bool is64 = false;   // memory64: an i64 address type (limits read as u64)
  bool shared = false; // threads: a shared memory
};

struct TableType {
  ValType elemType = ValType::FuncRef;
  Limits limits;
  // The type of element indices, sizes and deltas: i64 for a table64 table.
  ValType addressType() const { return limits.is64 ? ValType::I64 : ValType::I32; }
};

struct MemoryType {
  Limits limits; // in 64 KiB pages
  // The type of addresses, sizes and deltas: i64 for a memory64 memory.
  ValType addressType() const { return limits.is64 ? ValType::I64 : ValType::I32; }
};

struct GlobalType {
  ValType type = ValType::I32;
  bool isMutable = false;
};

enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3, Tag = 4 };
const char *externKindName(ExternKind kind);

// The type of a block: no value, one result value, or a function type's params and results.
struct BlockType {
  enum class Kind : uint8_t { Empty, Value, TypeIndex } kind = Kind::Empty;
  ValType value = ValType::I32;
  uint32_t typeIndex = 0;
};

} // namespace wasmc::binary
