// Value types, function types and the other types of the WebAssembly type system.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wasmc::binary {

enum class ValType : uint8_t {
  I32 = 0x7f,
  I64 = 0x7e,
  F32 = 0x7d,
  F64 = 0x7c,
  V128 = 0x7b,
  FuncRef = 0x70,
  ExternRef = 0x6f,
};

bool isValTypeByte(uint8_t byte);
bool isRefType(ValType type);
const char *valTypeName(ValType type);

struct FuncType {
  std::vector<ValType> params;
  std::vector<ValType> results;
  bool operator==(const FuncType &other) const {
    return params == other.params && results == other.results;
  }
};
std::string toString(const FuncType &type); // "(i32, i64) -> (f32)"

struct Limits {
  uint64_t min = 0;
  std::optional<uint64_t> max;
};

struct TableType {
  ValType elemType = ValType::FuncRef;
  Limits limits;
};

struct MemoryType {
  Limits limits; // in 64 KiB pages
};

struct GlobalType {
  ValType type = ValType::I32;
  bool isMutable = false;
};

enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3 };
const char *externKindName(ExternKind kind);

// The type of a block: no value, one result value, or a function type's params and results.
struct BlockType {
  enum class Kind : uint8_t { Empty, Value, TypeIndex } kind = Kind::Empty;
  ValType value = ValType::I32;
  uint32_t typeIndex = 0;
};

} // namespace wasmc::binary
