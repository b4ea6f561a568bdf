// Opcodes and their static properties, generated from Opcodes.def.
#pragma once

#include <cstdint>
#include <string_view>

namespace wasmc::binary {

enum class Immediate : uint8_t {
  None,
  BlockType,    // block, loop, if, try
  TryTable,     // a block type, then a vector of catch clauses
  Index,        // one LEB128 u32 index (label, function, local, global, table, elem, data)
  BrTable,      // vector of labels and a default label
  CallIndirect, // type index, table index
  SelectT,      // vector of value types
  MemArg,       // alignment exponent, offset
  MemArgLane,   // memarg, then a lane index byte
  MemoryIndex,  // memory.size, memory.grow, memory.fill: a memory index (a zero byte in 2.0)
  MemoryInit,   // data index, memory index
  MemoryCopy,   // destination memory, source memory
  TableInit,    // element index, table index
  TableCopy,    // destination table, source table
  RefType,      // ref.null
  I32, I64, F32, F64, V128,
  Lane,         // one lane index byte
  Shuffle,      // sixteen lane index bytes
  ZeroByte,     // atomic.fence: a reserved zero byte
};

// Operand and result shape of operators with fixed typing; see Opcodes.def.
enum class Signature : uint8_t {
  Special,
  _i, _l, _f, _d, _v,
  i_i, i_l, i_f, i_d, i_v, l_i, l_l, l_f, l_d, l_v, f_i, f_l, f_f, f_d, f_v,
  d_i, d_l, d_f, d_d, d_v, v_i, v_l, v_f, v_d, v_v,
  ii_i, ll_i, ll_l, ff_i, ff_f, dd_i, dd_d, vi_v, vl_v, vf_v, vd_v, vv_v, iv_v, vvv_v,
  ii_, il_, if_, id_, iv_,
  iil_i, ill_i, il_l, iii_i, ill_l, // atomics
  llll_ll, ll_ll,                    // wide arithmetic
};

enum class Opcode : uint16_t {
#define WASMC_OPCODE(Name, Text, Prefix, Code, Imm, Sig, Bytes) Name,
#include "binary/Opcodes.def"
};

inline constexpr unsigned kNumOpcodes = 0
#define WASMC_OPCODE(Name, Text, Prefix, Code, Imm, Sig, Bytes) +1
#include "binary/Opcodes.def"
    ;

struct OpcodeInfo {
  std::string_view text;
  uint8_t prefix;
  uint32_t code;
  Immediate immediate;
  Signature signature;
  uint8_t accessBytes;
};

const OpcodeInfo &opcodeInfo(Opcode op);
inline std::string_view opcodeName(Opcode op) { return opcodeInfo(op).text; }

// Decoding tables: nullptr-like sentinel when the encoding is not an operator wasmc knows.
inline constexpr uint16_t kNoOpcode = 0xffff;
uint16_t opcodeForByte(uint8_t byte);
uint16_t opcodeForPrefixed(uint8_t prefix, uint32_t code);

// The proposal an opcode byte that is not an operator wasmc knows belongs to (so that such a
// module is refused as "unsupported" rather than malformed), or nullptr. Only whole prefixes are
// left (garbage collection's); a proposal's sub-opcode of another prefix would need its code.
const char *proposalOfOpcode(uint8_t byte);
// The same for the form of a type definition that is not a function type (rec and sub in its
// place are malformed).
const char *proposalOfTypeCode(uint8_t code);

} // namespace wasmc::binary
