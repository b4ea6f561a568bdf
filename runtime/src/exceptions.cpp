// Wasm exceptions (abi.h, "Exception handling"): their objects, raising them with libgcc's
// unwinder, and the personality routine of generated code's landing pads. No C++ exceptions
// are involved: the unwinder is driven directly through the _Unwind_* API.
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unwind.h>

namespace wasmc::rt {

// An exception as the runtime allocates it: its bookkeeping, the unwinder's header, then what
// generated code sees. It is freed once no wasm value can refer to it (abi.h, "Exception
// handling"): `holds` counts the legacy catch blocks running with it (rethrow may raise it
// again), and `kept` says an exnref to it was made, which may be stored anywhere: never freed.
// Until then it is listed in the host entry it was raised in, which frees it should a trap
// unwind past the frames that would have.
struct ExceptionBox {
  ExceptionBox *next;
  ExceptionBox **link; // the pointer to this box in its list, or nullptr: not listed
  uint32_t holds;
  bool kept;
  _Unwind_Exception header;
  wasmc_exception exception;
  // wasmc_val values[] follow (WASMC_EXCEPTION_VALUES bytes after `exception`).
};
static_assert(offsetof(ExceptionBox, exception) + sizeof(wasmc_exception) == sizeof(ExceptionBox),
              "the values follow the exception");

namespace {

// The uncaught exception last reported to the host on this thread (wasmc_trap_info::exception).
__thread ExceptionBox *tlsReported;

ExceptionBox *boxOf(const void *exception) {
  return reinterpret_cast<ExceptionBox *>(const_cast<char *>(static_cast<const char *>(exception)) -
                                          offsetof(ExceptionBox, exception));
}

void unlist(ExceptionBox *box) {
  if (!box->link)
    return;
  *box->link = box->next;
  if (box->next)
    box->next->link = box->link;
  box->link = nullptr;
}

void list(ExceptionBox *box, ExceptionBox **head) {
  box->next = *head;
  if (box->next)
    box->next->link = &box->next;
  *head = box;
  box->link = head;
}

void destroy(ExceptionBox *box) {
  unlist(box);
  if (tlsReported == box) // the host passed it back in as an exnref without keeping it
    tlsReported = nullptr;
  free(box);
}

void freeIfUnreferenced(ExceptionBox *box) {
  if (!box->kept && box->holds == 0)
    destroy(box);
}

// The host gets the uncaught exception and keeps it until the thread reports the next one.
void report(ExceptionBox *box) {
  if (tlsReported != box)
    freeReportedException();
  if (box->kept)
    return;
  unlist(box);
  tlsReported = box;
}


// "WASMEXN\0": the exception class of wasm exceptions. Foreign exceptions (a host's C++
// exception passing through wasm frames) are never caught by wasm code.
constexpr _Unwind_Exception_Class kWasmExceptionClass = 0x5741534d45584e00ull;

// Called by a foreign runtime that catches and discards a wasm exception. Wasm exceptions never
// reach one (they stop at the host entry), and the runtime frees its exceptions itself.
void leaveException(_Unwind_Reason_Code, _Unwind_Exception *) {}

// ---- The LSDA (the call-site table LLVM emits for a function with landing pads) ----

enum : uint8_t {
  kEncodingOmit = 0xff,
  kEncodingAbsolute = 0x00,
  kEncodingUleb128 = 0x01,
  kEncodingUdata2 = 0x02,
  kEncodingUdata4 = 0x03,
  kEncodingUdata8 = 0x04,
  kEncodingSleb128 = 0x09,
  kEncodingSdata2 = 0x0a,
  kEncodingSdata4 = 0x0b,
  kEncodingSdata8 = 0x0c,
  kEncodingPcRelative = 0x10,
  kEncodingIndirect = 0x80,
};

uint64_t readLeb128(const uint8_t *&p, bool isSigned) {
  uint64_t result = 0;
  unsigned shift = 0;
  uint8_t byte;
  do {
    byte = *p++;
    if (shift < 64)
      result |= uint64_t(byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  if (isSigned && shift < 64 && (byte & 0x40))
    result |= ~uint64_t(0) << shift;
  return result;
}

uint64_t readUleb128(const uint8_t *&p) { return readLeb128(p, false); }
int64_t readSleb128(const uint8_t *&p) { return int64_t(readLeb128(p, true)); }

template <typename T> T readFixed(const uint8_t *&p) {
  T value;
  memcpy(&value, p, sizeof value);
  p += sizeof value;
  return value;
}

uintptr_t readEncoded(const uint8_t *&p, uint8_t encoding) {
  const uintptr_t fieldAddress = reinterpret_cast<uintptr_t>(p);
  uintptr_t value = 0;
  switch (encoding & 0x0f) {
  case kEncodingAbsolute: value = readFixed<uintptr_t>(p); break;
  case kEncodingUleb128: value = uintptr_t(readUleb128(p)); break;
  case kEncodingUdata2: value = readFixed<uint16_t>(p); break;
  case kEncodingUdata4: value = readFixed<uint32_t>(p); break;
  case kEncodingUdata8: value = uintptr_t(readFixed<uint64_t>(p)); break;
  case kEncodingSleb128: value = uintptr_t(readSleb128(p)); break;
  case kEncodingSdata2: value = uintptr_t(intptr_t(readFixed<int16_t>(p))); break;
  case kEncodingSdata4: value = uintptr_t(intptr_t(readFixed<int32_t>(p))); break;
  case kEncodingSdata8: value = uintptr_t(readFixed<int64_t>(p)); break;
  default: abort(); // not an encoding LLVM emits
  }
  if (value != 0 && (encoding & 0x70) == kEncodingPcRelative)
    value += fieldAddress;
  if (value != 0 && (encoding & kEncodingIndirect))
    value = *reinterpret_cast<const uintptr_t *>(value);
  return value;
}

// The landing pad of the call at the frame's instruction pointer, or 0. Every landing pad of
// generated code catches every wasm exception (the code behind it compares tags), so its
// action and type tables need not be read.
uintptr_t findLandingPad(_Unwind_Context *context) {
  const auto *p = static_cast<const uint8_t *>(_Unwind_GetLanguageSpecificData(context));
  if (!p)
    return 0;
  const uintptr_t functionStart = _Unwind_GetRegionStart(context);
  int beforeInstruction = 0;
  uintptr_t ip = _Unwind_GetIPInfo(context, &beforeInstruction);
  if (!beforeInstruction)
    ip -= 1; // a return address: the call is before it
  const uint8_t landingPadBaseEncoding = *p++;
  uintptr_t landingPadBase = functionStart;
  if (landingPadBaseEncoding != kEncodingOmit)
    landingPadBase = readEncoded(p, landingPadBaseEncoding);
  const uint8_t typeTableEncoding = *p++;
  if (typeTableEncoding != kEncodingOmit)
    readUleb128(p);
  const uint8_t callSiteEncoding = *p++;
  const uint64_t callSiteTableLength = readUleb128(p);
  const uint8_t *end = p + callSiteTableLength;
  while (p < end) {
    const uintptr_t start = readEncoded(p, callSiteEncoding);
    const uintptr_t length = readEncoded(p, callSiteEncoding);
    const uintptr_t landingPad = readEncoded(p, callSiteEncoding);
    readUleb128(p); // action
    if (ip < functionStart + start)
      return 0; // the table is sorted: no entry covers ip
    if (ip < functionStart + start + length)
      return landingPad ? landingPadBase + landingPad : 0;
  }
  return 0;
}

} // namespace

void freeEntryExceptions(EntryFrame *entry) {
  while (entry->exceptions)
    destroy(entry->exceptions);
}

void freeReportedException() {
  if (ExceptionBox *box = tlsReported) {
    tlsReported = nullptr;
    free(box);
  }
}

} // namespace wasmc::rt

using namespace wasmc::rt;

extern "C" {

_Unwind_Reason_Code wasmc_rt_personality(int version, _Unwind_Action actions,
                                         _Unwind_Exception_Class exceptionClass,
                                         _Unwind_Exception *header, _Unwind_Context *context) {
  if (version != 1)
    return _URC_FATAL_PHASE1_ERROR;
  // Foreign exceptions and forced unwinding (thread cancellation) pass through wasm frames.
  if (exceptionClass != kWasmExceptionClass || (actions & _UA_FORCE_UNWIND))
    return _URC_CONTINUE_UNWIND;
  // A wasm exception does not cross a host frame: frames older than the innermost host entry
  // (whose frame holds a higher stack address on every supported target) do not catch it.
  if (EntryFrame *entry = currentEntry())
    if (_Unwind_GetCFA(context) >= entry->stackAddress)
      return _URC_CONTINUE_UNWIND;
  const uintptr_t landingPad = findLandingPad(context);
  if (landingPad == 0)
    return _URC_CONTINUE_UNWIND;
  if (actions & _UA_SEARCH_PHASE)
    return _URC_HANDLER_FOUND;
  auto *box = reinterpret_cast<ExceptionBox *>(reinterpret_cast<char *>(header) -
                                               offsetof(ExceptionBox, header));
  _Unwind_SetGR(context, __builtin_eh_return_data_regno(0),
                reinterpret_cast<uintptr_t>(&box->exception));
  _Unwind_SetGR(context, __builtin_eh_return_data_regno(1), 1);
  _Unwind_SetIP(context, landingPad);
  return _URC_INSTALL_CONTEXT;
}

void *wasmc_rt_exception_new(void *tag, uint32_t num_values) {
  auto *box = static_cast<ExceptionBox *>(
      calloc(1, sizeof(ExceptionBox) + size_t(num_values) * sizeof(wasmc_val)));
  if (!box) {
    fprintf(stderr, "wasm exception: out of memory\n");
    _exit(134);
  }
  box->header.exception_class = kWasmExceptionClass;
  box->header.exception_cleanup = leaveException;
  if (EntryFrame *entry = currentEntry())
    list(box, &entry->exceptions);
  box->exception.tag = static_cast<const wasmc_tag *>(tag);
  box->exception.num_values = num_values;
  return &box->exception;
}

void wasmc_rt_throw_exception(void *exception) {
  ExceptionBox *box = boxOf(exception);
  // The header may have been raised before (rethrow): the unwinder's private fields are reset.
  box->header.private_1 = 0;
  box->header.private_2 = 0;
  _Unwind_RaiseException(&box->header);
  // No wasm frame up to the host entry catches it: an uncaught exception, reported like a
  // trap, with the backtrace from here (the frames it passed are still on the stack).
  report(box);
  unwindToEntry(WASMC_TRAP_EXCEPTION, 0, true, static_cast<wasmc_exception *>(exception));
}

void wasmc_rt_exception_hold(void *exception) {
  ExceptionBox *box = boxOf(exception);
  if (!box->kept)
    ++box->holds;
}

void wasmc_rt_exception_release(void *exception, void *raised) {
  ExceptionBox *box = boxOf(exception);
  if (box->kept)
    return;
  --box->holds;
  if (exception != raised)
    freeIfUnreferenced(box);
}

void wasmc_rt_exception_drop(void *exception) { freeIfUnreferenced(boxOf(exception)); }

void wasmc_rt_exception_keep(void *exception) {
  ExceptionBox *box = boxOf(exception);
  if (box->kept)
    return;
  box->kept = true;
  unlist(box);
  if (tlsReported == box)
    tlsReported = nullptr;
}

void wasmc_exception_keep(const wasmc_exception *exception) {
  wasmc_rt_exception_keep(const_cast<wasmc_exception *>(exception));
}

wasmc_tag *wasmc_tag_new(uint32_t type_id, const char *name) {
  auto *tag = static_cast<wasmc_tag *>(calloc(1, sizeof(wasmc_tag)));
  if (!tag)
    return nullptr;
  tag->type_id = type_id;
  const wasmc_functype_desc *type = functypeOfId(type_id);
  tag->num_values = type ? type->num_params : 0;
  tag->name = name;
  return tag;
}

void wasmc_tag_free(wasmc_tag *tag) { free(tag); }

} // extern "C"
