// The program counter of an interrupted context, per architecture.
#include <signal.h>
#include <stdint.h>
#include <ucontext.h>

namespace wasmc::rt {

uintptr_t programCounterOf(void *context) {
  auto *uc = static_cast<ucontext_t *>(context);
#if defined(__x86_64__)
  return static_cast<uintptr_t>(uc->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
  return static_cast<uintptr_t>(uc->uc_mcontext.pc);
#elif defined(__riscv)
  return static_cast<uintptr_t>(uc->uc_mcontext.__gregs[REG_PC]);
#else
#error "wasmc runtime: unsupported architecture"
#endif
}

} // namespace wasmc::rt
