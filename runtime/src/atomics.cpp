// memory.atomic.wait32/64 and memory.atomic.notify: a parking lot keyed by (memory, address).
// Waiters sleep on their bucket's condition variable (a futex underneath); notify wakes those
// of its address in arrival order. The value is compared under the bucket's lock, so a notify
// that follows a store cannot slip between a waiter's comparison and its sleep.
#include "internal.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

using namespace wasmc::rt;

namespace {

struct Waiter {
  const wasmc_memory *memory;
  uint64_t address;
  bool woken;
  Waiter *next;
};

struct Bucket {
  pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
  pthread_cond_t wake;
  Waiter *first = nullptr; // in arrival order
  Waiter *last = nullptr;
};

constexpr unsigned kBuckets = 64;
Bucket buckets[kBuckets];
pthread_once_t bucketsReady = PTHREAD_ONCE_INIT;

void initializeBuckets() {
  pthread_condattr_t attributes;
  pthread_condattr_init(&attributes);
  pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
  for (Bucket &bucket : buckets)
    pthread_cond_init(&bucket.wake, &attributes);
  pthread_condattr_destroy(&attributes);
}

Bucket &bucketOf(const wasmc_memory *memory, uint64_t address) {
  pthread_once(&bucketsReady, initializeBuckets);
  const uint64_t key = (reinterpret_cast<uintptr_t>(memory) >> 4) ^ (address >> 2);
  return buckets[(key * 0x9e3779b97f4a7c15ull) >> 58];
}

// The memory after the checks every wait and notify make, in the specification's order.
wasmc_memory *checkedMemory(wasmc_instance *instance, uint32_t memoryIndex, uint64_t address,
                            uint64_t bytes) {
  wasmc_memory *memory = instance->memories[memoryIndex];
  const uint64_t size = __atomic_load_n(&memory->size, __ATOMIC_ACQUIRE);
  if (!inRange(address, bytes, size))
    wasmc_rt_trap(WASMC_TRAP_OUT_OF_BOUNDS_MEMORY);
  if (address % bytes != 0)
    wasmc_rt_trap(WASMC_TRAP_UNALIGNED_ATOMIC);
  return memory;
}

// Takes `waiter`, which follows `previous` in the bucket's queue (null: it is first), out of it.
void unlinkWaiter(Bucket &bucket, Waiter *previous, Waiter *waiter) {
  (previous ? previous->next : bucket.first) = waiter->next;
  if (bucket.last == waiter)
    bucket.last = previous;
}

void removeWaiter(Bucket &bucket, Waiter *waiter) {
  Waiter *previous = nullptr;
  for (Waiter *w = bucket.first; w; previous = w, w = w->next) {
    if (w == waiter) {
      unlinkWaiter(bucket, previous, w);
      return;
    }
  }
}

template <typename T>
int32_t wait(wasmc_instance *instance, uint32_t memoryIndex, uint64_t address, T expected,
             int64_t timeoutNs) {
  wasmc_memory *memory = checkedMemory(instance, memoryIndex, address, sizeof(T));
  if (!(memory->flags & WASMC_MEMORY_SHARED))
    wasmc_rt_trap(WASMC_TRAP_EXPECTED_SHARED_MEMORY);
  Bucket &bucket = bucketOf(memory, address);
  timespec deadline{};
  if (timeoutNs >= 0) {
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    const int64_t nanoseconds = deadline.tv_nsec + timeoutNs % 1000000000;
    deadline.tv_sec += timeoutNs / 1000000000 + nanoseconds / 1000000000;
    deadline.tv_nsec = nanoseconds % 1000000000;
  }
  pthread_mutex_lock(&bucket.lock);
  const T current =
      __atomic_load_n(reinterpret_cast<T *>(memory->base + address), __ATOMIC_SEQ_CST);
  if (current != expected) {
    pthread_mutex_unlock(&bucket.lock);
    return 1;
  }
  Waiter waiter{memory, address, false, nullptr};
  (bucket.last ? bucket.last->next : bucket.first) = &waiter;
  bucket.last = &waiter;
  int status = 0;
  while (!waiter.woken && status != ETIMEDOUT)
    status = timeoutNs < 0 ? pthread_cond_wait(&bucket.wake, &bucket.lock)
                           : pthread_cond_timedwait(&bucket.wake, &bucket.lock, &deadline);
  if (!waiter.woken)
    removeWaiter(bucket, &waiter);
  pthread_mutex_unlock(&bucket.lock);
  return waiter.woken ? 0 : 2;
}

} // namespace

extern "C" {

int32_t wasmc_rt_memory_atomic_wait32(wasmc_instance *instance, uint32_t memory_index,
                                      uint64_t address, int32_t expected, int64_t timeout_ns) {
  return wait<int32_t>(instance, memory_index, address, expected, timeout_ns);
}

int32_t wasmc_rt_memory_atomic_wait64(wasmc_instance *instance, uint32_t memory_index,
                                      uint64_t address, int64_t expected, int64_t timeout_ns) {
  return wait<int64_t>(instance, memory_index, address, expected, timeout_ns);
}

int32_t wasmc_rt_memory_atomic_notify(wasmc_instance *instance, uint32_t memory_index,
                                      uint64_t address, uint32_t count) {
  wasmc_memory *memory = checkedMemory(instance, memory_index, address, 4);
  if (!(memory->flags & WASMC_MEMORY_SHARED))
    return 0;
  Bucket &bucket = bucketOf(memory, address);
  pthread_mutex_lock(&bucket.lock);
  uint32_t woken = 0;
  Waiter *previous = nullptr;
  for (Waiter *w = bucket.first; w && woken < count;) {
    Waiter *next = w->next;
    if (w->memory == memory && w->address == address) {
      unlinkWaiter(bucket, previous, w);
      w->woken = true;
      ++woken;
    } else {
      previous = w;
    }
    w = next;
  }
  if (woken)
    pthread_cond_broadcast(&bucket.wake);
  pthread_mutex_unlock(&bucket.lock);
  return static_cast<int32_t>(woken);
}

} // extern "C"
