#include "Output.h"

#include "SpecValues.h"

#include <inttypes.h>
#include <string.h>

namespace wasmc::difffuzz {


void Output::exportName(const char *name, uint32_t length) {
  fprintf(file_, "export %.*s\n", static_cast<int>(length), name);
  fflush(file_); // what ran before a crash is known
}

void Output::value(uint8_t type, const wasmc_val &v) {
  fprintf(file_, "%s ", spec::typeName(type));
  uint64_t bits = 0;
  switch (type) {
  case WASMC_TYPE_I32:
  case WASMC_TYPE_F32:
    memcpy(&bits, &v, 4);
    fprintf(file_, "0x%08" PRIx64, bits);
    break;
  case WASMC_TYPE_I64:
  case WASMC_TYPE_F64:
    memcpy(&bits, &v, 8);
    fprintf(file_, "0x%016" PRIx64, bits);
    break;
  case WASMC_TYPE_V128: {
    uint32_t lanes[4];
    memcpy(lanes, v.v128, sizeof lanes);
    fprintf(file_, "0x%08" PRIx32 " 0x%08" PRIx32 " 0x%08" PRIx32 " 0x%08" PRIx32, lanes[0],
            lanes[1], lanes[2], lanes[3]);
    break;
  }
  case WASMC_TYPE_FUNCREF:
    fputs(v.ref ? "function" : "null", file_);
    break;
  case WASMC_TYPE_EXTERNREF:
    // Host externrefs are payload + 1 (FuzzingSupport's synthesized globals).
    if (!v.ref)
      fputs("null", file_);
    else if (reinterpret_cast<uintptr_t>(v.ref) - 1 == kJsErrorPayload)
      fputs("jserror", file_);
    else
      fprintf(file_, "externref(%" PRIuPTR ")", reinterpret_cast<uintptr_t>(v.ref) - 1);
    break;
  case WASMC_HEAP_EXN:
    fputs(v.ref ? "object(null)" : "null", file_);
    break;
  default:
    fputs("?", file_);
    break;
  }
}

void Output::result(uint8_t type, const wasmc_val &v) {
  fputs("result ", file_);
  value(type, v);
  fputc('\n', file_);
}

void Output::beginLog() { fputs("log", file_); }

void Output::logValue(uint8_t type, const wasmc_val &v) {
  fputc(' ', file_);
  value(type, v);
}

void Output::endLog() {
  fputc('\n', file_);
  fflush(file_);
}

void Output::global(uint8_t type, const wasmc_val &v) {
  fputs("global ", file_);
  value(type, v);
  fputc('\n', file_);
}

void Output::trap(int32_t code) {
  fprintf(file_, "trap %" PRId32 " %s\n", code, wasmc_trap_message(code));
  fflush(file_);
}

void Output::exception() {
  fputs("exception\n", file_);
  fflush(file_);
}

void Output::exception(const wasmc_functype_desc &type, const wasmc_exception &exception) {
  fputs("exception payload", file_);
  const auto *values = reinterpret_cast<const wasmc_val *>(&exception + 1); // after the header
  for (uint32_t i = 0; i < type.num_params && i < exception.num_values; ++i) {
    fputc(' ', file_);
    value(shortTypeCode(type.types[i]), values[i]);
  }
  fputc('\n', file_);
  fflush(file_);
}

} // namespace wasmc::difffuzz
