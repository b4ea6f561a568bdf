// memory.copy and memory.fill of memory 0: both ranges checked against the current size (a
// trap before any byte is written, as the specification asks), then memmove / memset, which is
// what LLVM's code calls for them at -O0.
#include "baseline/FunctionCompiler.h"

#include "wasmc/abi.h"

namespace wasmc::baseline {

using binary::Opcode;

bool FunctionCompiler::compileBulkMemory(const Instruction &instruction) {
  const bool copy = instruction.op == Opcode::MemoryCopy;
  if (!copy && instruction.op != Opcode::MemoryFill)
    return false;
  if (instruction.index != 0 || (copy && instruction.index2 != 0) || module_.memories.empty() ||
      module_.memories[0].limits.is64)
    return false;
  spillForCall(); // a C call: every register is the callee's
  // The C arguments: destination (rdi), source or value (rsi), length (rdx); i32s, zero-extended,
  // so their sums below cannot overflow 64 bits.
  materialize(pop(), Reg::rdx);
  materialize(pop(), Reg::rsi);
  materialize(pop(), Reg::rdi);
  a_.load(Width::W64, Reg::rax, mem(Reg::r14, WASMC_INSTANCE_MEMORIES));
  a_.load(Width::W64, Reg::rax, mem(Reg::rax));
  a_.load(Width::W64, Reg::rax, mem(Reg::rax, WASMC_MEMORY_SIZE)); // bytes
  const Label outOfBounds = trapLabel(WASMC_TRAP_OUT_OF_BOUNDS_MEMORY);
  if (copy) {
    a_.lea(Reg::r11, mem(Reg::rsi, Reg::rdx, 1));
    a_.alu(Alu::cmp, Width::W64, Reg::r11, Reg::rax);
    a_.jcc(Cond::a, outOfBounds);
  }
  a_.lea(Reg::r11, mem(Reg::rdi, Reg::rdx, 1));
  a_.alu(Alu::cmp, Width::W64, Reg::r11, Reg::rax);
  a_.jcc(Cond::a, outOfBounds);
  a_.alu(Alu::add, Width::W64, Reg::rdi, Reg::r15);
  if (copy)
    a_.alu(Alu::add, Width::W64, Reg::rsi, Reg::r15);
  a_.call(copy ? "memmove" : "memset");
  reloadAfterCall();
  return true;
}

} // namespace wasmc::baseline
