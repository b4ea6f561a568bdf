// The in-memory form of a decoded WebAssembly module. Index spaces (functions, tables, memories,
// globals) list imports first, as the specification defines them. Function bodies stay in the
// module's bytes and are decoded on demand with OperatorReader.
#pragma once

#include "binary/Features.h"
#include "binary/Instruction.h"
#include "binary/Types.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wasmc::binary {

// A constant expression (global initialisers, segment offsets, element items), ending with `end`.
struct ConstExpr {
  std::vector<Instruction> instructions; // without the final `end`
  uint64_t offset = 0;
};

struct Import {
  std::string module;
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t funcTypeIndex = 0; // kind == Func
  TableType table;            // kind == Table
  MemoryType memory;          // kind == Memory
  GlobalType global;          // kind == Global
  uint32_t tagTypeIndex = 0;  // kind == Tag
  uint64_t offset = 0;
};

struct Export {
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t index = 0;
  uint64_t offset = 0;
};

enum class SegmentMode : uint8_t { Active, Passive, Declarative };

struct ElemSegment {
  SegmentMode mode = SegmentMode::Active;
  uint32_t tableIndex = 0; // Active only
  ConstExpr offsetExpr;    // Active only
  ValType elemType = ValType::FuncRef;
  std::vector<ConstExpr> items; // every item as an expression; a function index becomes ref.func
  uint64_t offset = 0;
};

struct DataSegment {
  SegmentMode mode = SegmentMode::Active; // never Declarative
  uint32_t memoryIndex = 0;               // Active only
  ConstExpr offsetExpr;                   // Active only
  uint64_t bytesOffset = 0;               // where the bytes start in the module
  uint32_t size = 0;
  uint64_t offset = 0;
};

struct LocalGroup {
  uint32_t count = 0;
  ValType type = ValType::I32;
};

struct FunctionBody {
  std::vector<LocalGroup> locals; // declared locals, not parameters
  uint64_t totalLocals = 0;       // sum of the groups' counts
  uint64_t codeOffset = 0;        // module offset of the first operator
  uint64_t codeEnd = 0;           // module offset just past the final `end`
  uint64_t offset = 0;            // module offset of the body's size field
};

// A branch hint (BranchHints.h): the `if` or `br_if` at `offset` bytes from the start of its
// function's entry in the code section (the entry's size field) is likely or unlikely to branch.
struct BranchHint {
  uint32_t offset = 0;
  bool likely = false;
};

struct CustomSection {
  std::string name;
  uint64_t contentOffset = 0; // module offset just past the name
  uint64_t contentSize = 0;
};

// The `name` custom section, when present and well formed. A malformed name section is ignored,
// as the specification asks, and reported as a warning.
struct NameSection {
  std::optional<std::string> moduleName;
  std::map<uint32_t, std::string> functionNames;
  std::map<uint32_t, std::map<uint32_t, std::string>> localNames;
  std::map<uint32_t, std::string> tagNames; // the extended name section's subsection 11
};

struct Module {
  std::vector<uint8_t> bytes; // the whole binary; bodies and data refer into it
  Features features;          // what the decoder accepted; the validator checks bodies against it

  std::vector<FuncType> types;
  std::vector<RecGroup> recGroups; // the type section's recursion groups, covering `types`
  std::vector<bool> finalTypes;    // per type: false for `sub` without `final`
  std::vector<uint64_t> typeOffsets; // module offset of each type's definition
  // Filled by validateModule: per type, the first type index equivalent to it (the same
  // definition in an equivalent recursion group), so that types compare as integers.
  std::vector<uint32_t> canonicalTypes;
  std::vector<Import> imports;

  std::vector<uint32_t> functionTypes; // type index of every function, imports first
  uint32_t numImportedFunctions = 0;
  std::vector<TableType> tables;
  uint32_t numImportedTables = 0;
  std::vector<MemoryType> memories;
  uint32_t numImportedMemories = 0;
  std::vector<std::optional<ConstExpr>> tableInits; // of the defined tables: their initialiser
  std::vector<uint64_t> tableOffsets;  // module offset of each table's type (or its import)
  std::vector<uint64_t> memoryOffsets; // module offset of each memory's type (or its import)
  std::vector<GlobalType> globals;
  uint32_t numImportedGlobals = 0;
  std::vector<ConstExpr> globalInits; // of the defined globals

  std::vector<uint32_t> tagTypes; // type index of every tag (a function type without results)
  uint32_t numImportedTags = 0;
  std::vector<uint64_t> tagOffsets; // module offset of each tag (or its import)

  std::vector<Export> exports;
  std::optional<uint32_t> start;
  uint64_t startOffset = 0; // module offset of the start section's function index
  std::vector<ElemSegment> elemSegments;
  std::vector<DataSegment> dataSegments;
  std::optional<uint32_t> dataCount;
  std::vector<FunctionBody> bodies; // of the defined functions
  // Filled by validateModule: whether code writes table i (table.set, .grow, .fill, .init, or
  // the destination of .copy). A table that is neither imported, exported nor written by code
  // keeps the contents instantiation gave it.
  std::vector<bool> tablesWrittenByCode;
  // Filled by validateModule: whether any body uses an exception-handling instruction or the
  // module has tags. Its functions may then unwind, and calls in try blocks become invokes.
  bool usesExceptions = false;

  std::vector<CustomSection> customSections;
  NameSection names;
  // metadata.code.branch_hint (BranchHints.h), by function index, in increasing offset order;
  // empty when the module has none or it was dropped.
  std::map<uint32_t, std::vector<BranchHint>> branchHints;
  bool sawBranchHintSection = false;
  std::vector<std::string> warnings; // e.g. a malformed name section

  uint32_t numDefinedFunctions() const {
    return static_cast<uint32_t>(functionTypes.size()) - numImportedFunctions;
  }
  const FuncType &functionType(uint32_t functionIndex) const {
    return types[functionTypes[functionIndex]];
  }
  const FuncType &tagType(uint32_t tagIndex) const { return types[tagTypes[tagIndex]]; }
  const uint8_t *at(uint64_t offset) const { return bytes.data() + offset; }
};

} // namespace wasmc::binary
