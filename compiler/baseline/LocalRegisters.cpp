#include "baseline/LocalRegisters.h"

#include "binary/OperatorReader.h"

#include <algorithm>

namespace wasmc::baseline {

namespace {

constexpr Reg kLocalGeneral[] = {Reg::rbx, Reg::r12, Reg::r13, Reg::r10, Reg::r11};
constexpr Reg kLeafLocalGeneral[] = {Reg::r10, Reg::r11, Reg::rbx, Reg::r12, Reg::r13};
static_assert(std::size(kLocalGeneral) == std::size(kLeafLocalGeneral));

bool isCallee(Reg reg) { return reg == Reg::rbx || reg == Reg::r12 || reg == Reg::r13; }

// The operators the tier lowers to a call (wasm, the runtime's, libc's or libm's).
bool calls(binary::Opcode op) {
  using binary::Opcode;
  switch (op) {
  case Opcode::Call: case Opcode::CallIndirect: case Opcode::CallRef: case Opcode::ReturnCall:
  case Opcode::ReturnCallIndirect: case Opcode::ReturnCallRef: case Opcode::MemoryGrow:
  case Opcode::MemoryCopy: case Opcode::MemoryFill: case Opcode::F32Ceil: case Opcode::F32Floor:
  case Opcode::F32Trunc: case Opcode::F32Nearest: case Opcode::F64Ceil: case Opcode::F64Floor:
  case Opcode::F64Trunc: case Opcode::F64Nearest:
    return true;
  default:
    return false;
  }
}
constexpr uint8_t kFirstLocalXmm = 8, kLocalXmmCount = 8;
// A use inside n loops counts 8^n (at most 8^5): a loop is assumed to run about 8 times.
constexpr unsigned kMaxLoopDepth = 5;
// A local used less often than this gains nothing from a register (a push and a pop, or a save
// and a reload around each call, cost as much).
constexpr uint64_t kMinWeight = 2;

} // namespace

bool assignLocalRegisters(const binary::Module &module, const binary::FunctionBody &body,
                          const std::vector<binary::ValType> &localTypes, bool floatsInXmm,
                          LocalRegisters &out) {
  using binary::Opcode;
  using K = binary::ValType::Kind;
  out.reg.assign(localTypes.size(), LocalRegisters::kSlot);
  out.calleeSaved.clear();
  out.callerSaved.clear();
  std::vector<uint64_t> weight(localTypes.size(), 0);
  std::vector<bool> isLoop; // per open block
  unsigned loopDepth = 0;
  bool leaf = true;
  binary::OperatorReader reader(binary::ByteReader(module.at(body.codeOffset),
                                                   body.codeEnd - body.codeOffset, body.codeOffset));
  binary::Instruction instruction;
  while (!reader.atEnd()) {
    if (!reader.next(instruction))
      return false;
    switch (instruction.op) {
    case Opcode::Block:
    case Opcode::If:
    case Opcode::Try:
    case Opcode::TryTable:
      isLoop.push_back(false);
      break;
    case Opcode::Loop:
      isLoop.push_back(true);
      ++loopDepth;
      break;
    case Opcode::End:
      if (!isLoop.empty()) {
        loopDepth -= isLoop.back();
        isLoop.pop_back();
      }
      break;
    case Opcode::LocalGet:
    case Opcode::LocalSet:
    case Opcode::LocalTee:
      if (instruction.index < weight.size())
        weight[instruction.index] += uint64_t(1) << (3 * std::min(loopDepth, kMaxLoopDepth));
      break;
    default:
      leaf = leaf && !calls(instruction.op);
      break;
    }
  }

  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < localTypes.size(); ++i)
    if (weight[i] >= kMinWeight)
      order.push_back(i);
  // The hottest first; among equals the lower index, so the choice does not depend on the sort.
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return weight[a] != weight[b] ? weight[a] > weight[b] : a < b;
  });
  const Reg *generals = leaf ? kLeafLocalGeneral : kLocalGeneral;
  size_t general = 0;
  uint8_t xmm = 0;
  for (uint32_t local : order) {
    const K kind = localTypes[local].kind;
    if ((kind == K::I32 || kind == K::I64) && general < std::size(kLocalGeneral)) {
      out.reg[local] = int8_t(generals[general]);
      if (isCallee(generals[general]))
        out.calleeSaved.push_back(generals[general]);
      else
        out.callerSaved.push_back(local);
      ++general;
    } else if (floatsInXmm && (kind == K::F32 || kind == K::F64) && xmm < kLocalXmmCount) {
      out.reg[local] = int8_t(kFirstLocalXmm + xmm++);
      out.callerSaved.push_back(local);
    }
  }
  return true;
}

} // namespace wasmc::baseline
