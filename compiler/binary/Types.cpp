#include "binary/Types.h"

namespace wasmc::binary {

const char *heapKindName(HeapKind heap) {
  switch (heap) {
  case HeapKind::Concrete: return "type";
  case HeapKind::Bottom: return "bot";
  case HeapKind::Func: return "func";
  case HeapKind::Extern: return "extern";
  case HeapKind::Any: return "any";
  case HeapKind::Eq: return "eq";
  case HeapKind::I31: return "i31";
  case HeapKind::Struct: return "struct";
  case HeapKind::Array: return "array";
  case HeapKind::Exn: return "exn";
  case HeapKind::None: return "none";
  case HeapKind::NoExtern: return "noextern";
  case HeapKind::NoFunc: return "nofunc";
  case HeapKind::NoExn: return "noexn";
  }
  return "?";
}

std::string valTypeName(ValType type) {
  switch (type.kind) {
  case ValType::Kind::I32: return "i32";
  case ValType::Kind::I64: return "i64";
  case ValType::Kind::F32: return "f32";
  case ValType::Kind::F64: return "f64";
  case ValType::Kind::V128: return "v128";
  case ValType::Kind::Bottom: return "bot";
  case ValType::Kind::Ref:
    break;
  }
  if (type.nullable && type.heap == HeapKind::Func)
    return "funcref";
  if (type.nullable && type.heap == HeapKind::Extern)
    return "externref";
  const std::string heap = type.heap == HeapKind::Concrete ? std::to_string(type.index)
                                                           : heapKindName(type.heap);
  return std::string("(ref ") + (type.nullable ? "null " : "") + heap + ")";
}

HeapKind topOf(HeapKind heap) {
  switch (heap) {
  case HeapKind::Func:
  case HeapKind::NoFunc:
  case HeapKind::Concrete: // only function types can be defined (without GC)
    return HeapKind::Func;
  case HeapKind::Extern:
  case HeapKind::NoExtern:
    return HeapKind::Extern;
  case HeapKind::Exn:
  case HeapKind::NoExn:
    return HeapKind::Exn;
  case HeapKind::Bottom:
    return HeapKind::Bottom;
  default:
    return HeapKind::Any;
  }
}

std::string toString(const FuncType &type) {
  std::string text = "(";
  for (size_t i = 0; i < type.params.size(); ++i)
    text += (i ? ", " : "") + valTypeName(type.params[i]);
  text += ") -> (";
  for (size_t i = 0; i < type.results.size(); ++i)
    text += (i ? ", " : "") + valTypeName(type.results[i]);
  return text + ")";
}

const char *externKindName(ExternKind kind) {
  switch (kind) {
  case ExternKind::Func: return "function";
  case ExternKind::Table: return "table";
  case ExternKind::Memory: return "memory";
  case ExternKind::Global: return "global";
  case ExternKind::Tag: return "tag";
  }
  return "?";
}

} // namespace wasmc::binary
