// Traps: raising them from generated code and host functions, turning faults in generated code
// into traps, unwinding to the host entry, and printing them with a backtrace.
#include "internal.h"

#include <pthread.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unwind.h>

__thread uintptr_t wasmc_rt_stack_limit;
__thread wasmc_val wasmc_rt_spilled_args[WASMC_MAX_PARAMS];

namespace wasmc::rt {

namespace {

__thread EntryFrame *tlsEntry;
__thread void *tlsAltStack;
__thread bool tlsAltStackOwned; // allocated by ensureAltStack, so freed by wasmc_thread_fini

constexpr size_t kAltStackSize = 64 * 1024;

const char *const kTrapMessages[WASMC_TRAP_COUNT] = {
    "no trap",
    "unreachable",
    "integer divide by zero",
    "integer overflow",
    "invalid conversion to integer",
    "out of bounds memory access",
    "out of bounds table access",
    "undefined element",
    "uninitialized element",
    "indirect call type mismatch",
    "call stack exhausted",
    "null reference",
    "host trap",
    "exit",
    "null function reference",
    "null exception reference",
    "uncaught exception",
    "unaligned atomic",
    "expected shared memory",
};

struct BacktraceState {
  wasmc_trap_info *trap;
};

_Unwind_Reason_Code collectFrame(struct _Unwind_Context *context, void *argument) {
  auto *state = static_cast<BacktraceState *>(argument);
  wasmc_trap_info *trap = state->trap;
  if (trap->num_frames >= WASMC_MAX_TRAP_FRAMES)
    return _URC_END_OF_STACK;
  int beforeInstruction = 0;
  uintptr_t ip = _Unwind_GetIPInfo(context, &beforeInstruction);
  if (ip == 0)
    return _URC_END_OF_STACK;
  // A return address points past the call; step back into it so it maps to the caller.
  if (!beforeInstruction)
    ip -= 1;
  trap->frames[trap->num_frames++] = ip;
  return _URC_NO_REASON;
}

struct sigaction previousSegv, previousBus, previousFpe;

void forwardSignal(int signal, siginfo_t *info, void *context) {
  struct sigaction *previous = signal == SIGSEGV ? &previousSegv
                               : signal == SIGBUS ? &previousBus
                                                  : &previousFpe;
  if (previous->sa_flags & SA_SIGINFO) {
    previous->sa_sigaction(signal, info, context);
    return;
  }
  if (previous->sa_handler == SIG_IGN)
    return;
  if (previous->sa_handler != SIG_DFL) {
    previous->sa_handler(signal);
    return;
  }
  // Default action: reinstall it and return, so the faulting instruction faults again.
  struct sigaction defaultAction;
  memset(&defaultAction, 0, sizeof defaultAction);
  defaultAction.sa_handler = SIG_DFL;
  sigaction(signal, &defaultAction, nullptr);
}

uintptr_t programCounter(void *context);

void handleFault(int signal, siginfo_t *info, void *context) {
  const uintptr_t pc = programCounter(context);
  if (tlsEntry == nullptr || !isWasmCode(pc)) {
    forwardSignal(signal, info, context);
    return;
  }
  const uintptr_t address = reinterpret_cast<uintptr_t>(info->si_addr);
  int32_t code = WASMC_TRAP_OUT_OF_BOUNDS_MEMORY;
  if (signal == SIGFPE) {
    code = info->si_code == FPE_INTDIV ? WASMC_TRAP_INTEGER_DIVIDE_BY_ZERO
                                       : WASMC_TRAP_INTEGER_OVERFLOW;
  } else if (!inReservation(address)) {
    // Not a linear memory: a stack probe below the limit (a frame too large for the margin).
    code = WASMC_TRAP_CALL_STACK_EXHAUSTED;
  }
  unwindToEntry(code, 0, true);
}

} // namespace

uintptr_t programCounterOf(void *context);

namespace {
uintptr_t programCounter(void *context) { return programCounterOf(context); }
} // namespace

EntryFrame *currentEntry() { return tlsEntry; }

void captureBacktrace(wasmc_trap_info *trap) {
  trap->num_frames = 0;
  BacktraceState state{trap};
  _Unwind_Backtrace(collectFrame, &state);
}

void unwindToEntry(int32_t code, int32_t exitStatus, bool captureFrames,
                   const wasmc_exception *exception) {
  EntryFrame *entry = tlsEntry;
  if (entry == nullptr) {
    fprintf(stderr, "wasm trap: %s (outside of any wasm call)\n", wasmc_trap_message(code));
    _exit(134);
  }
  wasmc_trap_info *trap = entry->trap;
  trap->code = code;
  trap->exit_status = exitStatus;
  trap->exception = exception;
  trap->num_frames = 0;
  if (captureFrames)
    captureBacktrace(trap);
  siglongjmp(entry->jump, 1);
}

void ensureAltStack() {
  if (tlsAltStack)
    return;
  // A thread may already have a signal stack (sanitizers install one): keep it if it is big
  // enough for the handler, so that whoever installed it can also take it down.
  stack_t existing;
  if (sigaltstack(nullptr, &existing) == 0 && !(existing.ss_flags & SS_DISABLE) &&
      existing.ss_size >= kAltStackSize / 4) {
    tlsAltStack = existing.ss_sp;
    return;
  }
  void *memory = malloc(kAltStackSize);
  if (!memory)
    return;
  stack_t stack;
  memset(&stack, 0, sizeof stack);
  stack.ss_sp = memory;
  stack.ss_size = kAltStackSize;
  if (sigaltstack(&stack, nullptr) == 0) {
    tlsAltStack = memory;
    tlsAltStackOwned = true;
  } else {
    free(memory);
  }
}

void installSignalHandlers() {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = handleFault;
  // SA_NODEFER: traps leave the handler by siglongjmp without restoring the mask.
  action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&action.sa_mask);
  sigaction(SIGSEGV, &action, &previousSegv);
  sigaction(SIGBUS, &action, &previousBus);
  sigaction(SIGFPE, &action, &previousFpe);
}

void formatError(char *buffer, size_t size, const char *format, ...) {
  if (buffer == nullptr || size == 0)
    return;
  va_list arguments;
  va_start(arguments, format);
  vsnprintf(buffer, size, format, arguments);
  va_end(arguments);
}

} // namespace wasmc::rt

using namespace wasmc::rt;

extern "C" {

void wasmc_rt_trap(int32_t code) { unwindToEntry(code, 0, true); }

void wasmc_raise(int32_t code, int32_t exit_status) {
  unwindToEntry(code, exit_status, code != WASMC_TRAP_EXIT);
}

const char *wasmc_trap_message(int32_t code) {
  if (code < 0 || code >= WASMC_TRAP_COUNT)
    return "unknown trap";
  return kTrapMessages[code];
}

void wasmc_thread_init(void) {
  ensureAltStack();
  pthread_attr_t attributes;
  void *stackLow = nullptr;
  size_t stackSize = 0;
  if (pthread_getattr_np(pthread_self(), &attributes) == 0) {
    pthread_attr_getstack(&attributes, &stackLow, &stackSize);
    pthread_attr_destroy(&attributes);
  }
  uintptr_t here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  uintptr_t low = reinterpret_cast<uintptr_t>(stackLow);
  // Without usable bounds, allow 1 MiB below the entry.
  if (low == 0 || low >= here)
    low = here - (uintptr_t(1) << 20);
  // Wasm code gets at most WASMC_STACK_BYTES, however large the thread's stack may grow: the
  // main thread's is as large as RLIMIT_STACK, which `ulimit -s unlimited` makes ~100 TiB.
  if (here - low > WASMC_STACK_BYTES)
    low = here - WASMC_STACK_BYTES;
  wasmc_rt_stack_limit = low + WASMC_STACK_RED_ZONE;
}

void wasmc_thread_fini(void) {
  wasmc_rt_stack_limit = 0;
  freeReportedException();
  if (tlsAltStackOwned) {
    stack_t disabled;
    memset(&disabled, 0, sizeof disabled);
    disabled.ss_flags = SS_DISABLE;
    if (sigaltstack(&disabled, nullptr) == 0)
      free(tlsAltStack);
  }
  tlsAltStack = nullptr;
  tlsAltStackOwned = false;
}

int wasmc_guarded(void (*fn)(void *arg), void *arg, wasmc_trap_info *trap) {
  EntryFrame frame;
  frame.previous = tlsEntry;
  frame.trap = trap;
  frame.stackAddress = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  trap->code = WASMC_TRAP_NONE;
  trap->exception = nullptr;
  trap->num_frames = 0;
  const uintptr_t savedLimit = wasmc_rt_stack_limit;
  if (savedLimit == 0)
    wasmc_thread_init();
  tlsEntry = &frame;
  if (sigsetjmp(frame.jump, 0) == 0) {
    fn(arg);
    tlsEntry = frame.previous;
    wasmc_rt_stack_limit = savedLimit;
    return 0;
  }
  tlsEntry = frame.previous;
  wasmc_rt_stack_limit = savedLimit;
  freeEntryExceptions(&frame);
  return trap->code == WASMC_TRAP_EXCEPTION ? WASMC_CALL_EXCEPTION : 1;
}

void wasmc_print_trap(FILE *out, const wasmc_trap_info *trap) {
  if (trap->code == WASMC_TRAP_EXCEPTION) {
    const wasmc_tag *tag = trap->exception ? trap->exception->tag : nullptr;
    fprintf(out, "wasm exception: uncaught %s\n", tag && tag->name ? tag->name : "(unnamed tag)");
  } else {
    fprintf(out, "wasm trap: %s\n", wasmc_trap_message(trap->code));
  }
  unsigned printed = 0;
  uint32_t previousIndex = UINT32_MAX, repeats = 0;
  auto flushRepeats = [&]() {
    if (repeats > 0)
      fprintf(out, "  ... %u more of the same\n", repeats);
    repeats = 0;
  };
  for (uint32_t i = 0; i < trap->num_frames; ++i) {
    uint32_t index = 0;
    const char *name = wasmc_function_name_at(trap->frames[i], &index);
    if (index == UINT32_MAX)
      continue; // not a wasm frame
    if (index == previousIndex && printed > 0) {
      ++repeats; // deep recursion: one line for a run of the same function
      continue;
    }
    flushRepeats();
    previousIndex = index;
    if (printed == 0)
      fprintf(out, "wasm backtrace:\n");
    if (name)
      fprintf(out, "  %u: %s\n", printed, name);
    else
      fprintf(out, "  %u: func[%u]\n", printed, index);
    ++printed;
  }
  flushRepeats();
  if (trap->num_frames == WASMC_MAX_TRAP_FRAMES && printed > 0)
    fprintf(out, "  ... (older frames not shown)\n");
}

} // extern "C"
