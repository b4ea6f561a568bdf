// One decoded operator with its immediates, as produced by OperatorReader.
#pragma once

#include "binary/Opcode.h"
#include "binary/Types.h"

#include <cstdint>
#include <vector>

namespace wasmc::binary {

struct MemArg {
  uint32_t alignLog2 = 0;
  uint32_t memoryIndex = 0;
  uint64_t offset = 0;
};

// A catch clause of try_table: which exceptions it catches (of one tag, or all), whether it
// passes the exception reference on too, and the label it branches to.
struct CatchClause {
  enum class Kind : uint8_t { Catch = 0, CatchRef = 1, CatchAll = 2, CatchAllRef = 3 } kind;
  uint32_t tag = 0; // Catch, CatchRef
  uint32_t label = 0;

  bool hasTag() const { return kind == Kind::Catch || kind == Kind::CatchRef; }
  bool passesRef() const { return kind == Kind::CatchRef || kind == Kind::CatchAllRef; }
};

struct Instruction {
  Opcode op = Opcode::Nop;
  uint64_t offset = 0; // module offset of the opcode byte

  // Immediates; which are meaningful depends on opcodeInfo(op).immediate.
  uint32_t index = 0;  // Index, CallIndirect (type), MemoryInit (data), TableInit (elem),
                       // TableCopy/MemoryCopy (destination), MemoryIndex
  uint32_t index2 = 0; // CallIndirect (table), MemoryInit (memory), TableInit (table),
                       // TableCopy/MemoryCopy (source)
  BlockType blockType;
  ValType type = ValType::I32; // RefType, SelectT (its single type)
  MemArg memArg;
  uint8_t lane = 0;
  union {
    int32_t i32;
    int64_t i64;
    uint32_t f32Bits;
    uint64_t f64Bits;
  } value{};
  uint8_t bytes[16] = {};          // V128 constant (little endian), Shuffle lanes
  const std::vector<uint32_t> *brTableTargets = nullptr; // owned by the reader; default last
  const std::vector<CatchClause> *catches = nullptr;     // TryTable; owned by the reader
  uint32_t selectTypeCount = 0;    // SelectT: how many types the vector held
};

} // namespace wasmc::binary
