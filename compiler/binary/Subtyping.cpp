#include "binary/Subtyping.h"

#include <map>

namespace wasmc::binary {

namespace {

// A recursion group's structure, with each index it refers to as either a position inside the
// group or the canonical number of a type before it: equal keys, equivalent groups.
class GroupKey {
public:
  GroupKey(const Module &module, const RecGroup &group) : module_(module), group_(group) {}

  std::vector<uint64_t> build() {
    for (uint32_t k = 0; k < group_.size; ++k) {
      const uint32_t index = group_.first + k;
      const FuncType &type = module_.types[index];
      key_.push_back(uint64_t(module_.finalTypes[index]) << 32 | type.params.size());
      key_.push_back(type.results.size());
      for (const ValType &param : type.params)
        add(param);
      for (const ValType &result : type.results)
        add(result);
    }
    return std::move(key_);
  }

private:
  void add(const ValType &type) {
    uint64_t word = uint64_t(type.kind) | uint64_t(type.nullable) << 8 | uint64_t(type.heap) << 16;
    if (type.isConcrete()) {
      const bool inGroup = type.index >= group_.first;
      word |= uint64_t(inGroup ? 1 : 2) << 24;
      word |= uint64_t(inGroup ? type.index - group_.first : module_.canonicalTypes[type.index])
              << 32;
    }
    key_.push_back(word);
  }

  const Module &module_;
  const RecGroup &group_;
  std::vector<uint64_t> key_;
};

// The abstract heap types' subtyping: each hierarchy's bottom below everything in it, and GC's
// eq above i31, struct and array, any above eq.
bool isAbstractSubtype(HeapKind sub, HeapKind super) {
  if (sub == super)
    return true;
  switch (sub) {
  case HeapKind::NoFunc: return super == HeapKind::Func;
  case HeapKind::NoExtern: return super == HeapKind::Extern;
  case HeapKind::NoExn: return super == HeapKind::Exn;
  case HeapKind::None:
    return topOf(super) == HeapKind::Any;
  case HeapKind::I31:
  case HeapKind::Struct:
  case HeapKind::Array:
    return super == HeapKind::Eq || super == HeapKind::Any;
  case HeapKind::Eq: return super == HeapKind::Any;
  default: return false;
  }
}

// Subtyping of the heap types of two references.
bool isHeapSubtype(const Module &module, ValType sub, ValType super) {
  if (sub.heap == HeapKind::Bottom)
    return true;
  if (sub.heap == HeapKind::Concrete && super.heap == HeapKind::Concrete)
    return module.canonicalTypes[sub.index] == module.canonicalTypes[super.index];
  if (sub.heap == HeapKind::Concrete) // a function type: below func only
    return super.heap == HeapKind::Func;
  if (super.heap == HeapKind::Concrete)
    return sub.heap == HeapKind::NoFunc;
  return isAbstractSubtype(sub.heap, super.heap);
}

} // namespace

std::optional<DecodeFailure> canonicalizeTypes(Module &module) {
  module.canonicalTypes.assign(module.types.size(), 0);
  std::map<std::vector<uint64_t>, uint32_t> known; // key -> first type of the group
  for (const RecGroup &group : module.recGroups) {
    const uint32_t end = group.first + group.size;
    for (uint32_t index = group.first; index < end; ++index) {
      const FuncType &type = module.types[index];
      for (const std::vector<ValType> *list : {&type.params, &type.results})
        for (const ValType &value : *list)
          if (value.isConcrete() && value.index >= end)
            return DecodeFailure{index < module.typeOffsets.size() ? module.typeOffsets[index] : 0,
                                 "unknown type " + std::to_string(value.index)};
    }
    const uint32_t first = known.emplace(GroupKey(module, group).build(), group.first).first->second;
    for (uint32_t k = 0; k < group.size; ++k)
      module.canonicalTypes[group.first + k] = first + k;
  }
  return std::nullopt;
}

bool isSubtype(const Module &module, ValType sub, ValType super) {
  if (sub.kind == ValType::Kind::Bottom)
    return true;
  if (sub.kind != super.kind)
    return false;
  if (!sub.isRef())
    return true;
  return (!sub.nullable || super.nullable) && isHeapSubtype(module, sub, super);
}

} // namespace wasmc::binary
