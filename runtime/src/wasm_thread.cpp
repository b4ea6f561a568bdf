// The OS threads that run an executable's wasm code: `_start` (main.cpp) and every thread that
// wasi.thread-spawn starts (wasi_threads.cpp).
#include "executable.h"

namespace wasmc::exe {

namespace {

// The thread's stack: wasm's bounded part (WASMC_STACK_BYTES, which wasmc_thread_init takes as
// its limit) and room for the host frames above it.
constexpr size_t kWasmThreadStackBytes = WASMC_STACK_BYTES + (size_t(1) << 20);
// Below the stack, a guard of address space only (no memory): larger than any function's
// frame. A frame is allocated by moving the stack pointer, and a function without calls has no
// stack check; where LLVM does not probe the stack page by page (riscv64 in LLVM 19), its first
// stores can land megabytes below the limit (the locals and spills of a large function), past a
// one-page guard (or the kernel's gap below the process's main stack) and into whatever is
// mapped there, another thread's stack or a linear memory's reservation. Tests: wasi-threads
// big_frame_in_thread and big_frame_on_main_thread.
constexpr size_t kWasmThreadGuardBytes = size_t(1) << 30;

} // namespace

int startWasmThread(void *(*body)(void *), void *argument, bool detached, pthread_t *handle) {
  pthread_attr_t attributes;
  if (int failed = pthread_attr_init(&attributes))
    return failed;
  pthread_attr_setstacksize(&attributes, kWasmThreadStackBytes);
  pthread_attr_setguardsize(&attributes, kWasmThreadGuardBytes);
  if (detached)
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
  const int failed = pthread_create(handle, &attributes, body, argument);
  pthread_attr_destroy(&attributes);
  return failed;
}

} // namespace wasmc::exe
