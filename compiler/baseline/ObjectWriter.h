// Writes the baseline tier's functions into an ELF object through LLVM's MC layer: the code
// bytes of each function (X64Encoder), its symbol references as MC fixups (PLT32 calls,
// GOTTPOFF thread-locals), and call frame information for .eh_frame, so that the runtime's
// unwinder walks baseline frames as it walks LLVM's (trap backtraces, exceptions passing through).
#pragma once

#include "baseline/X64Encoder.h"

#include <llvm/Support/Error.h>

#include <string>
#include <vector>

namespace wasmc::baseline {

// A call frame information rule that holds from `offset` in the function's code on.
struct CfiRule {
  enum class Kind { DefCfaOffset, Offset, DefCfaRegister, DefCfa } kind;
  uint32_t offset;
  unsigned dwarfRegister;
  int32_t value;
};

struct CompiledFunction {
  std::string symbol;
  std::vector<uint8_t> code;
  std::vector<Relocation> relocations;
  std::vector<CfiRule> cfi;
};

// DWARF numbers of x86-64 registers.
unsigned dwarfRegister(Reg reg);

// An ELF relocatable object defining each function as a hidden global in section
// WASMC_CODE_SECTION (where the runtime recognises wasm code).
llvm::Expected<std::string> writeObject(const std::string &triple,
                                        const std::vector<CompiledFunction> &functions);

} // namespace wasmc::baseline
