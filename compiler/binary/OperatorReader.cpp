#include "binary/OperatorReader.h"

#include "binary/TypeReader.h"

#include <string>

namespace wasmc::binary {

namespace {

std::string hex(uint32_t value) {
  static const char digits[] = "0123456789abcdef";
  std::string text;
  do {
    text.insert(text.begin(), digits[value & 15]);
    value >>= 4;
  } while (value);
  if (text.size() < 2)
    text.insert(text.begin(), '0');
  return "0x" + text;
}

} // namespace

bool OperatorReader::next(Instruction &out) {
  // Reset only what readImmediates may leave unset: a whole-struct reset costs more than the
  // decoding itself. `value` and `bytes` are only meaningful for immediates that set them.
  out.offset = reader_.offset();
  out.index = out.index2 = 0;
  out.blockType = BlockType{};
  out.type = ValType::I32;
  out.memArg = MemArg{};
  out.lane = 0;
  out.brTableTargets = nullptr;
  out.catches = nullptr;
  out.selectTypeCount = 0;
  const uint8_t byte = reader_.readByte();
  if (!reader_.ok())
    return false;
  const bool prefixed = byte == 0xfc || byte == 0xfd || byte == 0xfe;
  uint32_t code = 0;
  if (prefixed) {
    code = reader_.readU32();
    if (!reader_.ok())
      return false;
  }
  const uint16_t op = prefixed ? opcodeForPrefixed(byte, code) : opcodeForByte(byte);
  if (op == kNoOpcode) {
    // A post-2.0 proposal's operator is unsupported rather than malformed.
    const std::string encoding = hex(byte) + (prefixed ? " " + hex(code) : "");
    if (const char *proposal = proposalOfOpcode(byte))
      reader_.failAt(out.offset,
                     std::string("unsupported: ") + proposal + " (opcode " + encoding + ")");
    else
      reader_.failAt(out.offset, "illegal opcode " + encoding);
    return false;
  }
  out.op = static_cast<Opcode>(op);
  return readImmediates(out);
}

bool OperatorReader::readImmediates(Instruction &out) {
  ByteReader &r = reader_;
  auto zeroByte = [&r]() {
    const uint64_t at = r.offset();
    if (r.readByte() != 0 && r.ok())
      r.failAt(at, "zero byte expected");
  };
  // A memory index: a zero byte in Wasm 2.0, any index with multiple memories.
  auto memoryIndex = [this, &r, &zeroByte]() -> uint32_t {
    if (wasm3_)
      return r.readU32();
    zeroByte();
    return 0;
  };
  switch (opcodeInfo(out.op).immediate) {
  case Immediate::None:
    break;
  case Immediate::BlockType:
  case Immediate::TryTable: {
    const uint64_t at = r.offset();
    const uint8_t first = r.peekByte();
    if (first == 0x40) {
      r.readByte();
      out.blockType.kind = BlockType::Kind::Empty;
    } else if (startsValType(first)) {
      out.blockType.kind = BlockType::Kind::Value;
      out.blockType.value = readValType(r);
    } else {
      const int64_t index = r.readS33();
      if (r.ok() && index < 0)
        r.failAt(at, "malformed block type");
      out.blockType.kind = BlockType::Kind::TypeIndex;
      out.blockType.typeIndex = static_cast<uint32_t>(index);
    }
    if (opcodeInfo(out.op).immediate == Immediate::TryTable) {
      const uint32_t count = r.readCount();
      catches_.clear();
      for (uint32_t i = 0; i < count && r.ok(); ++i) {
        const uint64_t kindAt = r.offset();
        const uint8_t kind = r.readByte();
        if (r.ok() && kind > 3) {
          r.failAt(kindAt, "malformed catch clause");
          break;
        }
        CatchClause clause{static_cast<CatchClause::Kind>(kind)};
        if (clause.hasTag())
          clause.tag = r.readU32();
        clause.label = r.readU32();
        catches_.push_back(clause);
      }
      out.catches = &catches_;
    }
    break;
  }
  case Immediate::Index:
    out.index = r.readU32();
    break;
  case Immediate::BrTable: {
    const uint32_t count = r.readCount();
    brTableTargets_.clear();
    for (uint32_t i = 0; i < count && r.ok(); ++i)
      brTableTargets_.push_back(r.readU32());
    brTableTargets_.push_back(r.readU32()); // the default label
    out.brTableTargets = &brTableTargets_;
    break;
  }
  case Immediate::CallIndirect:
    out.index = r.readU32();
    out.index2 = r.readU32();
    break;
  case Immediate::SelectT: {
    const uint32_t count = r.readCount();
    out.selectTypeCount = count;
    for (uint32_t i = 0; i < count && r.ok(); ++i) {
      const ValType type = readValType(r);
      if (i == 0)
        out.type = type;
    }
    break;
  }
  case Immediate::MemArg:
  case Immediate::MemArgLane: {
    const uint64_t at = r.offset();
    uint32_t align = r.readU32();
    // Bit 6 announces an explicit memory index (multi-memory encoding).
    if (r.ok() && (align & 0x40) && wasm3_) {
      align &= ~0x40u;
      out.memArg.memoryIndex = r.readU32();
    }
    if (r.ok() && align >= 64)
      r.failAt(at, "malformed memop flags");
    out.memArg.alignLog2 = align;
    // A u64 in Wasm 3.0; the validator checks it against the memory's address type.
    out.memArg.offset = wasm3_ ? r.readU64() : r.readU32();
    if (opcodeInfo(out.op).immediate == Immediate::MemArgLane)
      out.lane = r.readByte();
    break;
  }
  case Immediate::MemoryIndex:
    out.index = memoryIndex();
    break;
  case Immediate::MemoryInit:
    out.index = r.readU32(); // data segment
    out.index2 = memoryIndex();
    break;
  case Immediate::MemoryCopy:
    out.index = memoryIndex();  // destination
    out.index2 = memoryIndex(); // source
    break;
  case Immediate::TableInit:
    out.index = r.readU32();  // element segment
    out.index2 = r.readU32(); // table
    break;
  case Immediate::TableCopy:
    out.index = r.readU32();  // destination table
    out.index2 = r.readU32(); // source table
    break;
  case Immediate::RefType: // ref.null's heap type: the type is the nullable reference to it
    out.type = readHeapType(r);
    break;
  case Immediate::I32:
    out.value.i32 = r.readS32();
    break;
  case Immediate::I64:
    out.value.i64 = r.readS64();
    break;
  case Immediate::F32:
    out.value.f32Bits = r.readF32Bits();
    break;
  case Immediate::F64:
    out.value.f64Bits = r.readF64Bits();
    break;
  case Immediate::V128:
  case Immediate::Shuffle:
    r.readBytes(out.bytes, 16);
    break;
  case Immediate::Lane:
    out.lane = r.readByte();
    break;
  case Immediate::ZeroByte:
    zeroByte();
    break;
  }
  return r.ok();
}

} // namespace wasmc::binary
