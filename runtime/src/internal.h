// Runtime-private declarations shared between the runtime's source files.
#pragma once

#include "wasmc/runtime.h"

#include <setjmp.h>

namespace wasmc::rt {

struct ExceptionBox;

// One host→wasm entry on this thread's stack; traps unwind to the innermost one.
struct EntryFrame {
  sigjmp_buf jump;
  EntryFrame *previous;
  wasmc_trap_info *trap;
  // An address in the entry's own frame: wasm frames at lower addresses were called through
  // this entry, and only they may catch a wasm exception raised inside it.
  uintptr_t stackAddress;
  // The exceptions raised inside this entry that the runtime may still free (exceptions.cpp):
  // whatever of them a trap leaves behind is freed when the trap reaches the entry.
  ExceptionBox *exceptions = nullptr;
};

EntryFrame *currentEntry();

// Records a backtrace starting in the caller into `trap`.
void captureBacktrace(wasmc_trap_info *trap);

// Unwinds to the innermost entry with `trap` recorded there (with WASMC_TRAP_EXCEPTION, the
// uncaught `exception`). Never returns.
[[noreturn]] void unwindToEntry(int32_t code, int32_t exitStatus, bool captureFrames,
                                const wasmc_exception *exception = nullptr);

// Frees the exceptions of `entry` that no wasm frame can refer to any more: those a trap
// unwound past (exceptions.cpp).
void freeEntryExceptions(EntryFrame *entry);
// Frees the thread's last uncaught exception (wasmc_trap_info::exception), unless kept.
void freeReportedException();

// Code ranges of compiled modules, for telling wasm frames from host frames.
void registerModuleCode(const wasmc_module_desc *module);
bool isWasmCode(uintptr_t pc);

// Memory reservations, for telling out-of-bounds accesses from other faults.
void registerReservation(uint8_t *base, uint64_t size);
void unregisterReservation(uint8_t *base);
bool inReservation(uintptr_t address);

void installSignalHandlers();

// The canonical type registry (functypes.cpp). canonicalTypeIds gives a module's `count` types
// their canonical ids; canonicalValType turns a descriptor's value type (type indices of the
// module) into the runtime's (canonical ids); subtyping compares canonical value types.
void canonicalTypeIds(const wasmc_type_desc *types, uint32_t count, uint32_t *ids);
wasmc_valtype canonicalValType(wasmc_valtype type, const uint32_t *moduleIds);
bool isSubtype(const wasmc_valtype &sub, const wasmc_valtype &super);
bool areEquivalent(const wasmc_valtype &a, const wasmc_valtype &b);
const wasmc_functype_desc *functypeOfId(uint32_t id);
void ensureAltStack();

// Whether [start, start + count) lies within [0, size): the bounds check of every bulk and
// atomic operation on memories, tables and segments, exact for any 64-bit operands.
inline bool inRange(uint64_t start, uint64_t count, uint64_t size) {
  return start <= size && count <= size - start;
}

// Formats a message into a caller's buffer, like snprintf, tolerating a null buffer.
void formatError(char *buffer, size_t size, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

} // namespace wasmc::rt
