#include "binary/Types.h"

namespace wasmc::binary {

bool isValTypeByte(uint8_t byte) {
  switch (byte) {
  case 0x7f: case 0x7e: case 0x7d: case 0x7c: case 0x7b: case 0x70: case 0x6f:
    return true;
  default:
    return false;
  }
}

bool isRefType(ValType type) { return type == ValType::FuncRef || type == ValType::ExternRef; }

const char *valTypeName(ValType type) {
  switch (type) {
  case ValType::I32: return "i32";
  case ValType::I64: return "i64";
  case ValType::F32: return "f32";
  case ValType::F64: return "f64";
  case ValType::V128: return "v128";
  case ValType::FuncRef: return "funcref";
  case ValType::ExternRef: return "externref";
  }
  return "?";
}

std::string toString(const FuncType &type) {
  std::string text = "(";
  for (size_t i = 0; i < type.params.size(); ++i)
    text += (i ? ", " : "") + std::string(valTypeName(type.params[i]));
  text += ") -> (";
  for (size_t i = 0; i < type.results.size(); ++i)
    text += (i ? ", " : "") + std::string(valTypeName(type.results[i]));
  return text + ")";
}

const char *externKindName(ExternKind kind) {
  switch (kind) {
  case ExternKind::Func: return "function";
  case ExternKind::Table: return "table";
  case ExternKind::Memory: return "memory";
  case ExternKind::Global: return "global";
  }
  return "?";
}

} // namespace wasmc::binary
