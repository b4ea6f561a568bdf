// Decoding of the module structure (https://webassembly.github.io/spec/core/binary/modules.html).
//
// Every section is decoded with a ByteReader bounded to the section's declared size, so nothing
// reads past a section and the reader's sticky error stops every loop. Where the specification
// leaves the wording of an error open, the messages are those of the reference interpreter, which
// the spec test suite's assert_malformed commands quote.

#include "binary/Decoder.h"

#include "binary/BranchHints.h"

#include "binary/OperatorReader.h"
#include "binary/TypeReader.h"

#include <string_view>

namespace wasmc::binary {

namespace {

constexpr uint32_t kMagic = 0x6d736100; // "\0asm", little endian
constexpr uint32_t kVersion = 1;
// An implementation limit, far above what compilers emit; keeps the validator's local table small.
constexpr uint64_t kMaxLocals = 50000;

enum SectionId : uint8_t {
  kCustomSection = 0,
  kTypeSection = 1,
  kImportSection = 2,
  kFunctionSection = 3,
  kTableSection = 4,
  kMemorySection = 5,
  kGlobalSection = 6,
  kExportSection = 7,
  kStartSection = 8,
  kElementSection = 9,
  kCodeSection = 10,
  kDataSection = 11,
  kDataCountSection = 12,
  kTagSection = 13,
};

// The rank of a non-custom section in the order the specification prescribes: the data count
// section sits between the element and the code sections, the tag section between the memory
// and the global sections.
unsigned sectionRank(uint8_t id) {
  static const unsigned kRanks[] = {
      0,  // custom
      1,  // type
      2,  // import
      3,  // function
      4,  // table
      5,  // memory
      7,  // global
      8,  // export
      9,  // start
      10, // element
      12, // code
      13, // data
      11, // data count
      6,  // tag
  };
  return kRanks[id];
}

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Running out of bytes inside a section or a function body: the reference interpreter's wording,
// whatever was being read (ByteReader says "unexpected end" or "... of LEB128 integer").
DecodeFailure inSection(DecodeFailure failure) {
  if (startsWith(failure.message, "unexpected end"))
    failure.message = "unexpected end of section or function";
  return failure;
}

// Whether a value type is a reference type beyond the nullable abstract ones (funcref,
// externref, exnref): non-null, or to a defined type.
bool needsTypedReferences(ValType type) {
  return type.isRef() && (!type.nullable || type.isConcrete());
}

uint32_t readFixedU32(ByteReader &r) {
  uint8_t bytes[4] = {};
  r.readBytes(bytes, 4);
  return uint32_t(bytes[0]) | uint32_t(bytes[1]) << 8 | uint32_t(bytes[2]) << 16 |
         uint32_t(bytes[3]) << 24;
}

class ModuleDecoder {
public:
  explicit ModuleDecoder(Module &module) : m_(module), features_(module.features) {}

  std::optional<DecodeFailure> decode();

private:
  uint32_t readLength(ByteReader &r) const;
  ValType readValType(ByteReader &r) const;
  ValType readRefType(ByteReader &r) const;
  void readSubType(ByteReader &r);
  Limits readLimits(ByteReader &r, bool memory) const;
  TableType readTableType(ByteReader &r) const;
  GlobalType readGlobalType(ByteReader &r) const;
  ConstExpr readConstExpr(ByteReader &r) const;
  void requireFeature(ByteReader &r, uint64_t at, bool enabled, const char *feature) const;

  void decodeSection(uint8_t id, uint64_t sectionStart, ByteReader &r);
  void decodeTagSection(ByteReader &r);
  // A tag's type: the attribute byte (0: an exception) and a function type index.
  uint32_t readTagType(ByteReader &r);
  void decodeTypeSection(ByteReader &r);
  void decodeImportSection(ByteReader &r);
  void decodeFunctionSection(ByteReader &r);
  void decodeTableSection(ByteReader &r);
  void decodeMemorySection(ByteReader &r);
  void decodeGlobalSection(ByteReader &r);
  void decodeExportSection(ByteReader &r);
  void decodeStartSection(ByteReader &r);
  void decodeElementSection(ByteReader &r);
  void decodeDataCountSection(ByteReader &r);
  void decodeCodeSection(ByteReader &r);
  void decodeFunctionBody(ByteReader &r);
  void decodeDataSection(ByteReader &r);
  void decodeCustomSection(ByteReader &r);
  void decodeNameSection(ByteReader r);

  Module &m_;
  const Features &features_;
  bool sawNameSection_ = false;
};

// A vector length or byte count. Like the reference interpreter (and so the spec tests), it may
// not exceed what is left of the module counted from the length itself; elements that then run
// past the end of their section are "unexpected end of section or function". It bounds what a
// length can make the decoder allocate.
uint32_t ModuleDecoder::readLength(ByteReader &r) const {
  const uint64_t at = r.offset();
  const uint32_t length = r.readU32();
  if (r.ok() && length > m_.bytes.size() - at)
    r.failAt(at, "length out of bounds");
  return length;
}

void ModuleDecoder::requireFeature(ByteReader &r, uint64_t at, bool enabled,
                                   const char *feature) const {
  if (r.ok() && !enabled)
    r.failAt(at, std::string("feature not enabled: ") + feature);
}

ValType ModuleDecoder::readValType(ByteReader &r) const {
  const uint64_t at = r.offset();
  const ValType type = binary::readValType(r);
  requireFeature(r, at, type != ValType::V128 || features_.simd, "simd");
  requireFeature(r, at, !type.isRef() || features_.referenceTypes, "reference types");
  requireFeature(r, at, !needsTypedReferences(type) || features_.typedFunctionReferences,
                 "typed function references");
  return type;
}

ValType ModuleDecoder::readRefType(ByteReader &r) const {
  const uint64_t at = r.offset();
  const ValType type = binary::readRefType(r);
  requireFeature(r, at, type == ValType::FuncRef || features_.referenceTypes, "reference types");
  requireFeature(r, at, !needsTypedReferences(type) || features_.typedFunctionReferences,
                 "typed function references");
  return type;
}

Limits ModuleDecoder::readLimits(ByteReader &r, bool memory) const {
  // The flags are a LEB128 integer to the reference interpreter: bit 0 a maximum, bit 1 shared
  // (threads), bit 2 an i64 address type (memory64). Tables have no shared form.
  const uint64_t at = r.offset();
  const uint8_t flags = r.readByte();
  Limits limits;
  if (!r.ok())
    return limits;
  if (flags & 0x80) {
    r.fail("integer representation too long");
    return limits;
  }
  if (flags > 7 || (!memory && (flags & 2))) {
    r.failAt(at, "integer too large");
    return limits;
  }
  limits.shared = flags & 2;
  limits.is64 = flags & 4;
  if (limits.is64 && !features_.memory64)
    r.failAt(at, "unsupported: memory64 (64-bit limits)");
  else if (limits.shared && !features_.threads)
    r.failAt(at, "unsupported: threads (shared memory)");
  limits.min = limits.is64 ? r.readU64() : r.readU32();
  if (flags & 1)
    limits.max = limits.is64 ? r.readU64() : r.readU32();
  return limits;
}

TableType ModuleDecoder::readTableType(ByteReader &r) const {
  TableType type;
  type.elemType = readRefType(r);
  type.limits = readLimits(r, /*memory=*/false);
  return type;
}

GlobalType ModuleDecoder::readGlobalType(ByteReader &r) const {
  GlobalType type;
  type.type = readValType(r);
  const uint64_t at = r.offset();
  const uint8_t mutability = r.readByte();
  if (r.ok() && mutability > 1)
    r.failAt(at, "malformed mutability");
  type.isMutable = mutability == 1;
  return type;
}

// A constant expression up to and including its `end`. Any operator decodes here (the validator
// decides what is constant); nested blocks are followed so that their `end` does not end the
// expression early.
ConstExpr ModuleDecoder::readConstExpr(ByteReader &r) const {
  ConstExpr expr;
  expr.offset = r.offset();
  if (!r.ok())
    return expr;
  OperatorReader operators(r, features_.multiMemory);
  Instruction instruction;
  unsigned depth = 0;
  for (;;) {
    if (!operators.next(instruction)) {
      r.failAt(operators.failure().offset, operators.failure().message);
      return expr;
    }
    const Opcode op = instruction.op;
    if (op == Opcode::End) {
      if (depth == 0)
        break;
      --depth;
    } else if (op == Opcode::Block || op == Opcode::Loop || op == Opcode::If) {
      ++depth;
    }
    instruction.brTableTargets = nullptr; // owned by `operators`
    expr.instructions.push_back(instruction);
  }
  r.skip(static_cast<size_t>(operators.offset() - r.offset()));
  return expr;
}

std::optional<DecodeFailure> ModuleDecoder::decode() {
  ByteReader r(m_.bytes.data(), m_.bytes.size());
  const uint32_t magic = readFixedU32(r);
  if (!r.ok())
    return r.failure();
  if (magic != kMagic)
    return DecodeFailure{0, "magic header not detected"};
  const uint32_t version = readFixedU32(r);
  if (!r.ok())
    return r.failure();
  if (version != kVersion)
    return DecodeFailure{4, "unknown binary version"};

  unsigned lastRank = 0;
  while (!r.atEnd()) {
    const uint64_t sectionStart = r.offset();
    const uint8_t id = r.readByte();
    if (id > kTagSection || (id == kTagSection && !features_.exceptions))
      return DecodeFailure{sectionStart, "malformed section id"};
    const uint64_t sizeAt = r.offset();
    const uint32_t size = r.readU32();
    if (!r.ok())
      return inSection(r.failure());
    if (size > r.remaining())
      return DecodeFailure{sizeAt, "length out of bounds"};
    if (id != kCustomSection) {
      // A repeated or misplaced section: the sections before it were the last ones.
      if (sectionRank(id) <= lastRank)
        return DecodeFailure{sectionStart, "unexpected content after last section"};
      lastRank = sectionRank(id);
    }
    ByteReader section = r.subReader(size);
    decodeSection(id, sectionStart, section);
    if (section.ok() && !section.atEnd())
      section.fail("section size mismatch");
    if (!section.ok())
      return inSection(section.failure());
  }

  const uint64_t end = m_.bytes.size();
  if (m_.bodies.size() != m_.numDefinedFunctions())
    return DecodeFailure{end, "function and code section have inconsistent lengths"};
  if (m_.dataCount && *m_.dataCount != m_.dataSegments.size())
    return DecodeFailure{end, "data count and data section have inconsistent lengths"};
  return std::nullopt;
}

void ModuleDecoder::decodeSection(uint8_t id, uint64_t sectionStart, ByteReader &r) {
  switch (id) {
  case kCustomSection: return decodeCustomSection(r);
  case kTypeSection: return decodeTypeSection(r);
  case kImportSection: return decodeImportSection(r);
  case kFunctionSection: return decodeFunctionSection(r);
  case kTableSection: return decodeTableSection(r);
  case kMemorySection: return decodeMemorySection(r);
  case kGlobalSection: return decodeGlobalSection(r);
  case kExportSection: return decodeExportSection(r);
  case kStartSection: return decodeStartSection(r);
  case kElementSection: return decodeElementSection(r);
  case kCodeSection: return decodeCodeSection(r);
  case kDataSection: return decodeDataSection(r);
  case kDataCountSection:
    requireFeature(r, sectionStart, features_.bulkMemory, "bulk memory");
    return decodeDataCountSection(r);
  case kTagSection:
    requireFeature(r, sectionStart, features_.exceptions, "exception handling");
    return decodeTagSection(r);
  }
}

// The type section is a vector of recursion groups: `rec` (0x4e) with its subtypes, or a lone
// subtype, a group of one.
void ModuleDecoder::decodeTypeSection(ByteReader &r) {
  const uint32_t count = readLength(r);
  for (uint32_t i = 0; i < count && r.ok(); ++i) {
    RecGroup group;
    group.first = static_cast<uint32_t>(m_.types.size());
    if (r.peekByte() == 0x4e) {
      r.readByte();
      group.size = readLength(r);
      for (uint32_t k = 0; k < group.size && r.ok(); ++k)
        readSubType(r);
    } else {
      group.size = 1;
      readSubType(r);
    }
    if (r.ok())
      m_.recGroups.push_back(group);
  }
}

// A subtype: `sub` (0x50) or `sub final` (0x4f) with its declared supertypes, or a composite
// type alone (final, without supertypes). Only function types without declared supertypes are
// implemented: struct and array types and declared subtyping are garbage collection's.
void ModuleDecoder::readSubType(ByteReader &r) {
  bool isFinal = true;
  const uint64_t start = r.offset();
  uint64_t at = start;
  uint8_t form = readTypeCode(r);
  if (r.ok() && (form == 0x50 || form == 0x4f)) {
    isFinal = form == 0x4f;
    const uint64_t supertypesAt = r.offset();
    const uint32_t numSupertypes = readLength(r);
    for (uint32_t k = 0; k < numSupertypes && r.ok(); ++k)
      r.readU32();
    if (r.ok() && numSupertypes > 0)
      r.failAt(supertypesAt, "unsupported: garbage collection (declared supertypes)");
    at = r.offset();
    form = readTypeCode(r);
  }
  if (r.ok() && form != 0x60) {
    const char *proposal = proposalOfTypeCode(form);
    r.failAt(at, proposal ? std::string("unsupported: ") + proposal + " (type definition)"
                          : "malformed function type");
  }
  FuncType type;
  const uint32_t numParams = readLength(r);
  for (uint32_t k = 0; k < numParams && r.ok(); ++k)
    type.params.push_back(readValType(r));
  const uint64_t resultsAt = r.offset();
  const uint32_t numResults = readLength(r);
  for (uint32_t k = 0; k < numResults && r.ok(); ++k)
    type.results.push_back(readValType(r));
  if (r.ok() && numResults > 1 && !features_.multiValue)
    r.failAt(resultsAt, "invalid result arity");
  if (r.ok()) {
    m_.types.push_back(std::move(type));
    m_.finalTypes.push_back(isFinal);
    m_.typeOffsets.push_back(start);
  }
}

void ModuleDecoder::decodeImportSection(ByteReader &r) {
  const uint32_t count = readLength(r);
  for (uint32_t i = 0; i < count && r.ok(); ++i) {
    Import import;
    import.offset = r.offset();
    import.module = r.readName();
    import.name = r.readName();
    const uint64_t kindAt = r.offset();
    const uint8_t kind = r.readByte();
    if (!r.ok())
      return;
    switch (kind) {
    case 0:
      import.kind = ExternKind::Func;
      import.funcTypeIndex = r.readU32();
      m_.functionTypes.push_back(import.funcTypeIndex);
      ++m_.numImportedFunctions;
      break;
    case 1:
      import.kind = ExternKind::Table;
      import.table = readTableType(r);
      m_.tables.push_back(import.table);
      m_.tableOffsets.push_back(import.offset);
      ++m_.numImportedTables;
      break;
    case 2:
      import.kind = ExternKind::Memory;
      import.memory.limits = readLimits(r, /*memory=*/true);
      m_.memories.push_back(import.memory);
      m_.memoryOffsets.push_back(import.offset);
      ++m_.numImportedMemories;
      break;
    case 3:
      import.kind = ExternKind::Global;
      import.global = readGlobalType(r);
      m_.globals.push_back(import.global);
      ++m_.numImportedGlobals;
      break;
    case 4:
      requireFeature(r, kindAt, features_.exceptions, "exception handling");
      import.kind = ExternKind::Tag;
      import.tagTypeIndex = readTagType(r);
      m_.tagTypes.push_back(import.tagTypeIndex);
      m_.tagOffsets.push_back(import.offset);
      ++m_.numImportedTags;
      break;
    default:
      r.failAt(kindAt, "malformed import kind");
      return;
    }
    if (r.ok())
      m_.imports.push_back(std::move(import));
  }
}

uint32_t ModuleDecoder::readTagType(ByteReader &r) {
  const uint64_t at = r.offset();
  const uint8_t attribute = r.readByte();
  if (r.ok() && attribute != 0)
    r.failAt(at, "malformed tag attribute");
  return r.readU32();
}

void ModuleDecoder::decodeTagSection(ByteReader &r) {
  const uint32_t count = readLength(r);
  for (uint32_t i = 0; i < count && r.ok(); ++i) {
    const uint64_t at = r.offset();
    const uint32_t typeIndex = readTagType(r);
    if (!r.ok())
      return;
    m_.tagTypes.push_back(typeIndex);
    m_.tagOffsets.push_back(at);
  }
}

void ModuleDecoder::decodeFunctionSection(ByteReader &r) {
  const uint32_t count = readLength(r);
  for (uint32_t i = 0; i < count && r.ok(); ++i) {
    const uint32_t typeIndex = r.readU32();
    if (r.ok())
      m_.functionTypes.push_back(typeIndex);
  }
}

// A table, or (0x40 0x00) a table with an initialiser for its elements.
void ModuleDecoder::decodeTableSection(ByteReader &r) {
  const uint32_t count = readLength(r);
  for (uint32_t i = 0; i < count && r.ok(); ++i) {
    const uint64_t at = r.offset();
    std::optional<ConstExpr> init;
    if (r.peekByte() == 0x40) {
      r.readByte();
      const uint64_t zeroAt = r.offset();
      if (r.readByte() != 0x00 && r.ok())
        r.failAt(zeroAt, "malformed table");
      requireFeature(r, at, features_.typedFunctionReferences, "typed function references");
      init.emplace();
    }
    const TableType type = readTableType(r);
    if (init)
      *init = readConstExpr(r);
    if (!r.ok())
      return;
    m_.tables.push_back(type);
    m_.tableOffsets.push_back(at);
    m_.tableInits.push_back(std::move(init));
  }
}

void ModuleDecoder::decodeMemorySection(ByteReader &r) {
  const uint32_t count = readLength(r);
  for (uint32_t i = 0; i < count && r.ok(); ++i) {
    const uint64_t at = r.offset();
    MemoryType type;
    type.limits = readLimits(r, /*memory=*/true);
    if (!r.ok())
      return;
    m_.memories.push_back(type);
    m_.memoryOffsets.push_back(at);
  }
}

void ModuleDecoder::decodeGlobalSection(ByteReader &r) {
  const uint32_t count = readLength(r);
  for (uint32_t i = 0; i < count && r.ok(); ++i) {
    const GlobalType type = readGlobalType(r);
    ConstExpr init = readConstExpr(r);
    if (!r.ok())
      return;
    m_.globals.push_back(type);
    m_.globalInits.push_back(std::move(init));
  }
}

void ModuleDecoder::decodeExportSection(ByteReader &r) {
  const uint32_t count = readLength(r);
  for (uint32_t i = 0; i < count && r.ok(); ++i) {
    Export entry;
    entry.offset = r.offset();
    entry.name = r.readName();
    const uint64_t kindAt = r.offset();
    const uint8_t kind = r.readByte();
    if (r.ok() && kind == 4)
      requireFeature(r, kindAt, features_.exceptions, "exception handling");
    else if (r.ok() && kind > 4)
      r.failAt(kindAt, "malformed export kind");
    entry.kind = static_cast<ExternKind>(kind);
    entry.index = r.readU32();
    if (r.ok())
      m_.exports.push_back(std::move(entry));
  }
}

void ModuleDecoder::decodeStartSection(ByteReader &r) {
  m_.startOffset = r.offset();
  const uint32_t index = r.readU32();
  if (r.ok())
    m_.start = index;
}

// The eight encodings of an element segment: bit 0 passive or declarative, bit 1 an explicit
// table index (active) or declarative (otherwise), bit 2 items as expressions instead of function
// indices.
void ModuleDecoder::decodeElementSection(ByteReader &r) {
  const uint32_t count = readLength(r);
  for (uint32_t i = 0; i < count && r.ok(); ++i) {
    ElemSegment segment;
    segment.offset = r.offset();
    const uint32_t flags = r.readU32();
    if (!r.ok())
      return;
    if (flags > 7) {
      r.failAt(segment.offset, "malformed elements segment kind");
      return;
    }
    requireFeature(r, segment.offset, flags == 0 || features_.bulkMemory, "bulk memory");
    const bool passiveOrDeclarative = flags & 1;
    const bool explicitTable = flags & 2;
    const bool expressions = flags & 4;
    if (passiveOrDeclarative) {
      segment.mode = explicitTable ? SegmentMode::Declarative : SegmentMode::Passive;
    } else {
      segment.mode = SegmentMode::Active;
      segment.tableIndex = explicitTable ? r.readU32() : 0;
      segment.offsetExpr = readConstExpr(r);
    }
    // Function indices (encodings 0 to 3) are of type (ref func) (funcref in Wasm 2.0);
    // encoding 4's expressions are funcrefs; the others name their reference type.
    segment.elemType = expressions || !features_.typedFunctionReferences
                           ? ValType::FuncRef
                           : ValType::ref(HeapKind::Func, false);
    if (flags != 0 && flags != 4) {
      if (expressions) {
        segment.elemType = readRefType(r);
      } else {
        const uint64_t at = r.offset();
        if (r.readByte() != 0x00 && r.ok())
          r.failAt(at, "malformed element kind");
      }
    }
    const uint32_t numItems = readLength(r);
    for (uint32_t k = 0; k < numItems && r.ok(); ++k) {
      if (expressions) {
        ConstExpr item = readConstExpr(r);
        if (r.ok())
          segment.items.push_back(std::move(item));
        continue;
      }
      ConstExpr item;
      item.offset = r.offset();
      Instruction refFunc;
      refFunc.op = Opcode::RefFunc;
      refFunc.offset = item.offset;
      refFunc.index = r.readU32();
      if (!r.ok())
        break;
      item.instructions.push_back(refFunc);
      segment.items.push_back(std::move(item));
    }
    if (r.ok())
      m_.elemSegments.push_back(std::move(segment));
  }
}

void ModuleDecoder::decodeDataCountSection(ByteReader &r) {
  const uint32_t count = r.readU32();
  if (r.ok())
    m_.dataCount = count;
}

void ModuleDecoder::decodeCodeSection(ByteReader &r) {
  const uint64_t at = r.offset();
  const uint32_t count = readLength(r);
  if (r.ok() && count != m_.numDefinedFunctions()) {
    r.failAt(at, "function and code section have inconsistent lengths");
    return;
  }
  for (uint32_t i = 0; i < count && r.ok(); ++i)
    decodeFunctionBody(r);
}

// The reference interpreter does not confine a body to its size: it reads on into the bytes that
// follow. Its report for a body that does not end with `end` depends on those bytes; mirror it so
// that the spec tests' expected messages match.
std::string unterminatedBodyMessage(const Module &module, uint64_t bodyEnd) {
  if (bodyEnd == module.bytes.size())
    return "unexpected end of section or function";
  if (module.bytes[bodyEnd] == 0x0b) // read as the missing `end`; the size is then wrong
    return "section size mismatch";
  return "END opcode expected";
}

void ModuleDecoder::decodeFunctionBody(ByteReader &r) {
  FunctionBody body;
  body.offset = r.offset();
  const uint32_t size = readLength(r);
  ByteReader b = r.subReader(size);
  if (!r.ok())
    return;
  const uint64_t bodyEnd = b.offset() + size;

  const uint32_t numGroups = readLength(b);
  for (uint32_t i = 0; i < numGroups && b.ok(); ++i) {
    const uint64_t groupAt = b.offset();
    LocalGroup group;
    group.count = b.readU32();
    group.type = readValType(b);
    if (!b.ok())
      break;
    body.totalLocals += group.count; // at most 2^32 * 2^32: no overflow in 64 bits
    if (body.totalLocals > kMaxLocals) {
      b.failAt(groupAt, "too many locals");
      break;
    }
    body.locals.push_back(group);
  }
  if (b.ok() && (b.atEnd() || m_.bytes[bodyEnd - 1] != 0x0b))
    b.failAt(bodyEnd, unterminatedBodyMessage(m_, bodyEnd));
  if (!b.ok()) {
    r.failAt(b.failure().offset, b.failure().message);
    return;
  }
  body.codeOffset = b.offset();
  body.codeEnd = bodyEnd;
  m_.bodies.push_back(std::move(body));
}

void ModuleDecoder::decodeDataSection(ByteReader &r) {
  const uint32_t count = readLength(r);
  for (uint32_t i = 0; i < count && r.ok(); ++i) {
    DataSegment segment;
    segment.offset = r.offset();
    const uint32_t flags = r.readU32();
    if (!r.ok())
      return;
    switch (flags) {
    case 0:
      segment.mode = SegmentMode::Active;
      segment.offsetExpr = readConstExpr(r);
      break;
    case 1:
      requireFeature(r, segment.offset, features_.bulkMemory, "bulk memory");
      segment.mode = SegmentMode::Passive;
      break;
    case 2:
      requireFeature(r, segment.offset, features_.bulkMemory, "bulk memory");
      segment.mode = SegmentMode::Active;
      segment.memoryIndex = r.readU32();
      segment.offsetExpr = readConstExpr(r);
      break;
    default:
      r.failAt(segment.offset, "malformed data segment kind");
      return;
    }
    segment.size = readLength(r);
    segment.bytesOffset = r.offset();
    r.skip(segment.size);
    if (r.ok())
      m_.dataSegments.push_back(std::move(segment));
  }
}

void ModuleDecoder::decodeCustomSection(ByteReader &r) {
  CustomSection section;
  section.name = r.readName();
  if (!r.ok())
    return;
  section.contentOffset = r.offset();
  section.contentSize = r.remaining();
  const ByteReader content = r.subReader(r.remaining());
  if (section.name == "name")
    decodeNameSection(content);
  else if (section.name == kBranchHintSectionName)
    decodeBranchHintSection(content, m_);
  m_.customSections.push_back(std::move(section));
}

// The `name` section (https://webassembly.github.io/spec/core/appendix/custom.html). It never
// makes a module malformed: a bad one is dropped with a warning.
void ModuleDecoder::decodeNameSection(ByteReader r) {
  const uint64_t sectionOffset = r.offset();
  if (sawNameSection_) {
    m_.warnings.push_back("name section at offset " + std::to_string(sectionOffset) +
                          " ignored: a module has at most one");
    return;
  }
  sawNameSection_ = true;

  NameSection names;
  auto readNameMap = [this](ByteReader &sub, std::map<uint32_t, std::string> &map) {
    const uint32_t count = readLength(sub);
    for (uint32_t i = 0; i < count && sub.ok(); ++i) {
      const uint64_t at = sub.offset();
      const uint32_t index = sub.readU32();
      std::string name = sub.readName();
      if (!sub.ok())
        return;
      if (!map.empty() && index <= map.rbegin()->first) {
        sub.failAt(at, "indices not in increasing order");
        return;
      }
      map.emplace_hint(map.end(), index, std::move(name));
    }
  };

  int lastId = -1;
  while (r.ok() && !r.atEnd()) {
    const uint64_t subsectionAt = r.offset();
    const uint8_t id = r.readByte();
    const uint32_t size = r.readU32();
    if (r.ok() && size > r.remaining())
      r.failAt(subsectionAt, "subsection size out of bounds");
    if (r.ok() && int(id) <= lastId)
      r.failAt(subsectionAt, "subsection out of order or repeated");
    ByteReader sub = r.subReader(size);
    if (!r.ok())
      break;
    lastId = id;
    switch (id) {
    case 0:
      names.moduleName = sub.readName();
      break;
    case 1:
      readNameMap(sub, names.functionNames);
      break;
    case 2: {
      const uint32_t count = readLength(sub);
      for (uint32_t i = 0; i < count && sub.ok(); ++i) {
        const uint64_t at = sub.offset();
        const uint32_t function = sub.readU32();
        if (sub.ok() && !names.localNames.empty() && function <= names.localNames.rbegin()->first)
          sub.failAt(at, "indices not in increasing order");
        if (sub.ok())
          readNameMap(sub, names.localNames[function]);
      }
      break;
    }
    case 11: // tags (extended name section): for messages about uncaught exceptions
      readNameMap(sub, names.tagNames);
      break;
    default: // the extended name section's labels, types, ...: not used
      sub.skip(sub.remaining());
      break;
    }
    if (sub.ok() && !sub.atEnd())
      sub.fail("subsection size mismatch");
    if (!sub.ok())
      r.failAt(sub.failure().offset, sub.failure().message);
  }
  if (!r.ok()) {
    m_.warnings.push_back("malformed name section ignored: " + r.failure().message +
                          " at offset " + std::to_string(r.failure().offset));
    return;
  }
  m_.names = std::move(names);
}

} // namespace

std::variant<std::unique_ptr<Module>, DecodeFailure> decodeModule(std::vector<uint8_t> bytes,
                                                                 const Features &features) {
  auto module = std::make_unique<Module>();
  module->bytes = std::move(bytes);
  module->features = features;
  if (std::optional<DecodeFailure> failure = ModuleDecoder(*module).decode())
    return std::move(*failure);
  return module;
}

} // namespace wasmc::binary
