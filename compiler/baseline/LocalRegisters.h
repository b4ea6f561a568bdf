// Which locals the baseline tier keeps in registers for a whole function: one pass over the
// operators counts each local's uses (local.get/set/tee), weighted by the loops around them, and
// the hottest integer locals get the callee-saved rbx, r12 and r13 (pushed by the prologue, so
// calls need nothing), the next two r10 and r11 (no argument registers, so the prologue moves
// parameters into them in any order), the hottest float locals xmm8-xmm15. r10, r11 and the xmm
// registers are caller-saved: written to their slots around calls. A function that calls nothing
// takes r10 and r11 first (they need no push and pop). The rest stay in frame slots.
#pragma once

#include "baseline/X64Encoder.h"
#include "binary/Module.h"

#include <cstdint>
#include <vector>

namespace wasmc::baseline {

struct LocalRegisters {
  static constexpr int8_t kSlot = -1;
  std::vector<int8_t> reg;      // per local: its register's number (Reg or Xmm by type), or kSlot
  std::vector<Reg> calleeSaved; // the general registers given out, in the order they are pushed
  std::vector<uint32_t> callerSaved; // the locals in caller-saved registers (saved around calls)
};

// False when the body does not decode (the compiler then refuses it anyway).
bool assignLocalRegisters(const binary::Module &module, const binary::FunctionBody &body,
                          const std::vector<binary::ValType> &localTypes, bool floatsInXmm,
                          LocalRegisters &out);

} // namespace wasmc::baseline
