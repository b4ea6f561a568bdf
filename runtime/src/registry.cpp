// What the signal handler and the backtrace printer need to know about the process: the code
// ranges of compiled modules (with their functions sorted by address) and the address ranges
// reserved for linear memories. Entries are only appended (removal clears a slot), so readers in
// a signal handler never see a half-built entry.
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>

namespace wasmc::rt {

namespace {

struct FunctionStart {
  uintptr_t address;
  uint32_t index;
};

struct ModuleCode {
  const wasmc_module_desc *module;
  uintptr_t begin, end;
  FunctionStart *functions; // sorted by address
  uint32_t count;
};

constexpr unsigned kMaxModules = 4096;
constexpr unsigned kMaxReservations = 16384;

ModuleCode modules[kMaxModules];
unsigned moduleCount; // published with release semantics after the entry is complete

struct Reservation {
  uintptr_t begin, end;
};
Reservation reservations[kMaxReservations];
unsigned reservationCount;

pthread_mutex_t registryLock = PTHREAD_MUTEX_INITIALIZER;

int compareStarts(const void *a, const void *b) {
  uintptr_t x = static_cast<const FunctionStart *>(a)->address;
  uintptr_t y = static_cast<const FunctionStart *>(b)->address;
  return x < y ? -1 : x > y;
}

const ModuleCode *moduleAt(uintptr_t pc) {
  unsigned count = __atomic_load_n(&moduleCount, __ATOMIC_ACQUIRE);
  for (unsigned i = 0; i < count; ++i)
    if (pc >= modules[i].begin && pc < modules[i].end)
      return &modules[i];
  return nullptr;
}

} // namespace

void registerModuleCode(const wasmc_module_desc *module) {
  pthread_mutex_lock(&registryLock);
  for (unsigned i = 0; i < moduleCount; ++i) {
    if (modules[i].module == module) {
      pthread_mutex_unlock(&registryLock);
      return;
    }
  }
  if (moduleCount < kMaxModules) {
    ModuleCode &entry = modules[moduleCount];
    const uint32_t defined = module->num_funcs - module->num_imported_funcs;
    entry.module = module;
    entry.begin = reinterpret_cast<uintptr_t>(module->code_begin);
    entry.end = reinterpret_cast<uintptr_t>(module->code_end);
    entry.functions = static_cast<FunctionStart *>(calloc(defined ? defined : 1, sizeof(FunctionStart)));
    entry.count = entry.functions ? defined : 0;
    for (uint32_t i = 0; i < entry.count; ++i) {
      entry.functions[i].address = reinterpret_cast<uintptr_t>(module->func_code[i]);
      entry.functions[i].index = module->num_imported_funcs + i;
    }
    qsort(entry.functions, entry.count, sizeof(FunctionStart), compareStarts);
    __atomic_store_n(&moduleCount, moduleCount + 1, __ATOMIC_RELEASE);
  }
  pthread_mutex_unlock(&registryLock);
}

bool isWasmCode(uintptr_t pc) { return moduleAt(pc) != nullptr; }

void registerReservation(uint8_t *base, uint64_t size) {
  pthread_mutex_lock(&registryLock);
  const uintptr_t begin = reinterpret_cast<uintptr_t>(base);
  unsigned slot = reservationCount;
  for (unsigned i = 0; i < reservationCount; ++i) {
    if (reservations[i].begin == 0) {
      slot = i;
      break;
    }
  }
  if (slot < kMaxReservations) {
    __atomic_store_n(&reservations[slot].end, begin + size, __ATOMIC_RELAXED);
    __atomic_store_n(&reservations[slot].begin, begin, __ATOMIC_RELEASE);
    if (slot == reservationCount)
      __atomic_store_n(&reservationCount, reservationCount + 1, __ATOMIC_RELEASE);
  }
  pthread_mutex_unlock(&registryLock);
}

void unregisterReservation(uint8_t *base) {
  pthread_mutex_lock(&registryLock);
  for (unsigned i = 0; i < reservationCount; ++i)
    if (reservations[i].begin == reinterpret_cast<uintptr_t>(base))
      __atomic_store_n(&reservations[i].begin, uintptr_t(0), __ATOMIC_RELEASE);
  pthread_mutex_unlock(&registryLock);
}

bool inReservation(uintptr_t address) {
  unsigned count = __atomic_load_n(&reservationCount, __ATOMIC_ACQUIRE);
  for (unsigned i = 0; i < count; ++i) {
    uintptr_t begin = __atomic_load_n(&reservations[i].begin, __ATOMIC_ACQUIRE);
    // end is written while another thread may read it (a freed slot reused): atomically, so the
    // read is no data race; begin's acquire makes it at least as new as begin.
    if (begin != 0 && address >= begin &&
        address < __atomic_load_n(&reservations[i].end, __ATOMIC_RELAXED))
      return true;
  }
  return false;
}

} // namespace wasmc::rt

extern "C" const char *wasmc_function_name_at(uintptr_t address, uint32_t *function_index) {
  using namespace wasmc::rt;
  const ModuleCode *code = moduleAt(address);
  if (function_index)
    *function_index = UINT32_MAX;
  if (!code || code->count == 0 || address < code->functions[0].address)
    return nullptr;
  uint32_t low = 0, high = code->count; // find the last start <= address
  while (high - low > 1) {
    uint32_t middle = low + (high - low) / 2;
    if (code->functions[middle].address <= address)
      low = middle;
    else
      high = middle;
  }
  const uint32_t index = code->functions[low].index;
  if (function_index)
    *function_index = index;
  return code->module->func_names ? code->module->func_names[index] : nullptr;
}
