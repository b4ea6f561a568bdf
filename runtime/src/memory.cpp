// Linear memories: the whole reservation is taken up front (so the base never moves and
// accesses need no bounds checks), pages become accessible as the memory grows.
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

using namespace wasmc::rt;

namespace {

constexpr uint64_t kReservation = WASMC_MEMORY_RESERVATION + WASMC_MEMORY_GUARD_BYTES;

bool makeAccessible(uint8_t *from, uint64_t bytes) {
  return bytes == 0 || mprotect(from, bytes, PROT_READ | PROT_WRITE) == 0;
}

} // namespace

extern "C" {

wasmc_memory *wasmc_memory_new(uint64_t min_pages, uint64_t max_pages, int has_max,
                               uint32_t flags) {
  if (min_pages > WASMC_MAX_PAGES)
    return nullptr;
  auto *memory = static_cast<wasmc_memory *>(calloc(1, sizeof(wasmc_memory)));
  if (!memory)
    return nullptr;
  void *base = mmap(nullptr, kReservation, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                    -1, 0);
  if (base == MAP_FAILED) {
    free(memory);
    return nullptr;
  }
  if (reinterpret_cast<uintptr_t>(base) % WASMC_MEMORY_BASE_ALIGNMENT != 0) {
    munmap(base, kReservation); // never on Linux: mmap returns whole pages
    free(memory);
    return nullptr;
  }
  memory->base = static_cast<uint8_t *>(base);
  memory->reserved = kReservation;
  memory->max_pages = has_max ? max_pages : UINT64_MAX;
  memory->flags = flags;
  memory->size = min_pages * WASMC_PAGE_SIZE;
  if (!makeAccessible(memory->base, memory->size)) {
    munmap(base, kReservation);
    free(memory);
    return nullptr;
  }
  registerReservation(memory->base, kReservation);
  return memory;
}

void wasmc_memory_free(wasmc_memory *memory) {
  if (!memory)
    return;
  unregisterReservation(memory->base);
  munmap(memory->base, memory->reserved);
  free(memory);
}

namespace {

int64_t grow(wasmc_memory *memory, uint64_t delta_pages) {
  const uint64_t oldSize = __atomic_load_n(&memory->size, __ATOMIC_ACQUIRE);
  const uint64_t oldPages = oldSize / WASMC_PAGE_SIZE;
  // Compared before adding: a 64-bit delta may be anything.
  if (delta_pages > WASMC_MAX_PAGES - oldPages || oldPages + delta_pages > memory->max_pages)
    return -1;
  if (!makeAccessible(memory->base + oldSize, delta_pages * WASMC_PAGE_SIZE))
    return -1;
  // Released after the pages are accessible: a thread that sees the new size may use them.
  __atomic_store_n(&memory->size, (oldPages + delta_pages) * WASMC_PAGE_SIZE, __ATOMIC_RELEASE);
  return static_cast<int64_t>(oldPages);
}

// Serialises the growth of shared memories (other threads only read their size).
pthread_mutex_t sharedGrowth = PTHREAD_MUTEX_INITIALIZER;

} // namespace

int64_t wasmc_rt_memory_grow(wasmc_instance *instance, uint32_t memory_index, uint64_t delta_pages) {
  wasmc_memory *memory = instance->memories[memory_index];
  if (!(memory->flags & WASMC_MEMORY_SHARED))
    return grow(memory, delta_pages);
  pthread_mutex_lock(&sharedGrowth);
  const int64_t old = grow(memory, delta_pages);
  pthread_mutex_unlock(&sharedGrowth);
  return old;
}

void wasmc_rt_memory_init(wasmc_instance *instance, uint32_t memory_index, uint32_t segment,
                          uint64_t dst, uint32_t src, uint32_t count) {
  wasmc_memory *memory = instance->memories[memory_index];
  const wasmc_data_segment &data = instance->data_segments[segment];
  const uint64_t size = __atomic_load_n(&memory->size, __ATOMIC_ACQUIRE);
  if (!inRange(src, count, data.size) || !inRange(dst, count, size))
    wasmc_rt_trap(WASMC_TRAP_OUT_OF_BOUNDS_MEMORY);
  if (count)
    memcpy(memory->base + dst, data.bytes + src, count);
}

} // extern "C"
