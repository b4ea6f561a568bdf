#include "lower/StaticTables.h"

#include <set>

namespace wasmc::lower {

namespace {

// The function of an element expression that is `ref.func f` alone, kNullElement for `ref.null`
// alone, kNoKnownFunction otherwise.
uint32_t functionOf(const binary::ConstExpr &expression) {
  if (expression.instructions.size() != 1)
    return kNoKnownFunction;
  if (expression.instructions[0].op == binary::Opcode::RefFunc)
    return expression.instructions[0].index;
  if (expression.instructions[0].op == binary::Opcode::RefNull)
    return kNullElement;
  return kNoKnownFunction;
}

std::optional<uint64_t> constantOffset(const binary::ConstExpr &expression) {
  if (expression.instructions.size() != 1)
    return std::nullopt;
  const binary::Instruction &instruction = expression.instructions[0];
  if (instruction.op == binary::Opcode::I32Const)
    return uint32_t(instruction.value.i32);
  if (instruction.op == binary::Opcode::I64Const)
    return uint64_t(instruction.value.i64);
  return std::nullopt;
}

// Whether the constant arrays of a table holding `contents` fit kMaxTypedArrayEntries.
bool typedArraysFit(const binary::Module &module, const std::vector<uint32_t> &contents) {
  std::set<uint32_t> signatures;
  for (uint32_t function : contents)
    if (function >= module.numImportedFunctions && function < module.functionTypes.size())
      signatures.insert(module.canonicalTypes[module.functionTypes[function]]);
  return contents.size() * signatures.size() <= kMaxTypedArrayEntries;
}

} // namespace

std::optional<std::vector<uint32_t>> staticTableContents(const binary::Module &module,
                                                         uint32_t tableIndex) {
  if (tableIndex < module.numImportedTables || tableIndex >= module.tables.size() ||
      tableIndex >= module.tablesWrittenByCode.size() || module.tablesWrittenByCode[tableIndex])
    return std::nullopt;
  for (const binary::Export &exported : module.exports)
    if (exported.kind == binary::ExternKind::Table && exported.index == tableIndex)
      return std::nullopt;
  const uint64_t size = module.tables[tableIndex].limits.min;
  if (size > kMaxTypedArrayEntries)
    return std::nullopt;
  uint32_t initial = kNullElement;
  const uint32_t defined = tableIndex - module.numImportedTables;
  if (defined < module.tableInits.size() && module.tableInits[defined])
    initial = functionOf(*module.tableInits[defined]);
  std::vector<uint32_t> contents(size, initial);
  for (const binary::ElemSegment &segment : module.elemSegments) {
    if (segment.mode != binary::SegmentMode::Active || segment.tableIndex != tableIndex)
      continue;
    // A segment out of bounds fails instantiation; one at a computed offset may write anywhere.
    const std::optional<uint64_t> offset = constantOffset(segment.offsetExpr);
    if (!offset || *offset > size || segment.items.size() > size - *offset)
      return std::nullopt;
    for (size_t i = 0; i < segment.items.size(); ++i)
      contents[*offset + i] = functionOf(segment.items[i]);
  }
  if (!typedArraysFit(module, contents))
    return std::nullopt;
  return contents;
}

} // namespace wasmc::lower
