#include "binary/Opcode.h"

#include <array>

namespace wasmc::binary {

namespace {

constexpr OpcodeInfo kInfo[] = {
#define WASMC_OPCODE(Name, Text, Prefix, Code, Imm, Sig, Bytes)                                     \
  {Text, Prefix, Code, Immediate::Imm, Signature::Sig, Bytes},
#include "binary/Opcodes.def"
};
static_assert(sizeof(kInfo) / sizeof(kInfo[0]) == kNumOpcodes);

// One past the largest 0xFD sub-opcode (relaxed SIMD's go past 0xFF).
constexpr uint32_t simdCodeBound() {
  uint32_t bound = 0;
  for (const OpcodeInfo &info : kInfo)
    if (info.prefix == 0xfd && info.code >= bound)
      bound = info.code + 1;
  return bound;
}

struct DecodeTables {
  std::array<uint16_t, 256> single{};
  std::array<uint16_t, 32> misc{};  // 0xFC sub-opcodes
  std::array<uint16_t, simdCodeBound()> simd{}; // 0xFD sub-opcodes
  std::array<uint16_t, 128> atomics{}; // 0xFE sub-opcodes

  DecodeTables() {
    single.fill(kNoOpcode);
    misc.fill(kNoOpcode);
    simd.fill(kNoOpcode);
    atomics.fill(kNoOpcode);
    for (unsigned i = 0; i < kNumOpcodes; ++i) {
      const OpcodeInfo &info = kInfo[i];
      if (info.prefix == 0)
        single[info.code] = static_cast<uint16_t>(i);
      else if (info.prefix == 0xfc)
        misc[info.code] = static_cast<uint16_t>(i);
      else if (info.prefix == 0xfe)
        atomics[info.code] = static_cast<uint16_t>(i);
      else
        simd[info.code] = static_cast<uint16_t>(i);
    }
  }
};

const DecodeTables &tables() {
  static const DecodeTables instance;
  return instance;
}

} // namespace

const OpcodeInfo &opcodeInfo(Opcode op) { return kInfo[static_cast<unsigned>(op)]; }

uint16_t opcodeForByte(uint8_t byte) { return tables().single[byte]; }

uint16_t opcodeForPrefixed(uint8_t prefix, uint32_t code) {
  if (prefix == 0xfc)
    return code < tables().misc.size() ? tables().misc[code] : kNoOpcode;
  if (prefix == 0xfd)
    return code < tables().simd.size() ? tables().simd[code] : kNoOpcode;
  if (prefix == 0xfe)
    return code < tables().atomics.size() ? tables().atomics[code] : kNoOpcode;
  return kNoOpcode;
}

const char *proposalOfOpcode(uint8_t byte) {
  switch (byte) {
  case 0xd3: case 0xfb:
    return "garbage collection";
  default:
    return nullptr;
  }
}

const char *proposalOfTypeCode(uint8_t code) {
  switch (code) {
  case 0x6a: case 0x6b: case 0x6c: case 0x6d: case 0x6e: case 0x71: case 0x72: case 0x73:
  case 0x5e: case 0x5f: // array, struct
    return "garbage collection";
  default:
    return nullptr;
  }
}

} // namespace wasmc::binary
