// memory.atomic.wait32/64 and notify in the runtime, on real threads: a waiter sleeps until a
// notify of its address wakes it, a value that differs returns at once, a timeout expires, and
// notify counts only the waiters it woke (none on an unshared memory).
#include "wasmc/abi.h"
#include "wasmc/runtime.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

namespace {

struct SharedMemoryInstance {
  wasmc_memory *memory = wasmc_memory_new(1, 1, 1, WASMC_MEMORY_SHARED);
  wasmc_memory *memories[1] = {memory};
  wasmc_instance instance{};
  SharedMemoryInstance() { instance.memories = memories; }
  ~SharedMemoryInstance() { wasmc_memory_free(memory); }
  int32_t *word(uint64_t address) { return reinterpret_cast<int32_t *>(memory->base + address); }
};

} // namespace

TEST_CASE("atomics: wait returns at once when the value differs, or after its timeout",
          "[runtime][atomics]") {
  SharedMemoryInstance shared;
  REQUIRE(shared.memory);
  *shared.word(8) = 5;
  CHECK(wasmc_rt_memory_atomic_wait32(&shared.instance, 0, 8, 4, -1) == 1);
  CHECK(wasmc_rt_memory_atomic_wait64(&shared.instance, 0, 8, 4, -1) == 1);
  const auto start = std::chrono::steady_clock::now();
  CHECK(wasmc_rt_memory_atomic_wait32(&shared.instance, 0, 8, 5, 20'000'000) == 2);
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(20));
  CHECK(wasmc_rt_memory_atomic_notify(&shared.instance, 0, 8, 10) == 0);
}

TEST_CASE("atomics: notify wakes the waiters of its address, as many as it may",
          "[runtime][atomics]") {
  SharedMemoryInstance shared;
  REQUIRE(shared.memory);
  constexpr int kWaiters = 4;
  std::atomic<int> results[kWaiters];
  std::thread threads[kWaiters];
  for (int i = 0; i < kWaiters; ++i) {
    results[i] = -1;
    threads[i] = std::thread([&, i] {
      results[i] = wasmc_rt_memory_atomic_wait32(&shared.instance, 0, 16, 0, -1);
    });
  }
  // A waiter of another address (in the same bucket or not) is not woken by these notifies.
  std::atomic<int> other{-1};
  std::thread otherThread(
      [&] { other = wasmc_rt_memory_atomic_wait32(&shared.instance, 0, 32, 0, 300'000'000); });
  int woken = 0;
  while (woken < 1) // until one is parked
    woken += wasmc_rt_memory_atomic_notify(&shared.instance, 0, 16, 1);
  while (woken < kWaiters)
    woken += wasmc_rt_memory_atomic_notify(&shared.instance, 0, 16, kWaiters);
  CHECK(woken == kWaiters);
  for (std::thread &thread : threads)
    thread.join();
  otherThread.join();
  CHECK(other == 2);
  for (const std::atomic<int> &result : results)
    CHECK(result == 0);
  CHECK(wasmc_rt_memory_atomic_notify(&shared.instance, 0, 20, 1) == 0);
}

TEST_CASE("atomics: notify on an unshared memory wakes nobody", "[runtime][atomics]") {
  wasmc_memory *memory = wasmc_memory_new(1, 1, 1, 0);
  REQUIRE(memory);
  wasmc_memory *memories[1] = {memory};
  wasmc_instance instance{};
  instance.memories = memories;
  CHECK(wasmc_rt_memory_atomic_notify(&instance, 0, 0, 1) == 0);
  wasmc_memory_free(memory);
}
