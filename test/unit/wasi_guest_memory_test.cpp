// Guest memory is shared with the guest, which may change it at any time (another thread, an
// output buffer that overlaps an input): the shim must read each value it needs once, into host
// memory, and act only on that copy.
#include "wasi_test_support.h"

#include <atomic>
#include <chrono>
#include <thread>

using namespace wasi_test;

namespace {

// The Sandbox's context with a larger linear memory of its own.
struct LargeMemory {
  std::vector<uint8_t> bytes;
  wasmc_memory memory{};
  wasmc_memory *memories[1] = {&memory};
  wasmc_instance instance;

  LargeMemory(Sandbox &sb, uint32_t size) : bytes(size), instance(sb.instance) {
    memory.base = bytes.data();
    memory.size = size;
    instance.memory_base = bytes.data();
    instance.memories = memories;
  }
  uint8_t *at(uint32_t p) { return bytes.data() + p; }
  void setU64(uint32_t p, uint64_t v) { memcpy(at(p), &v, 8); }
  void setU32(uint32_t p, uint32_t v) { memcpy(at(p), &v, 4); }
  uint64_t u64(uint32_t p) { uint64_t v; memcpy(&v, at(p), 8); return v; }
  uint32_t u32(uint32_t p) { uint32_t v; memcpy(&v, at(p), 4); return v; }
  uint16_t u16(uint32_t p) { uint16_t v; memcpy(&v, at(p), 2); return v; }
};

constexpr uint32_t kSubscriptionSize = 48, kEventSize = 32;
constexpr uint8_t kEventClock = 0, kEventFdWrite = 2;

void clockSubscription(LargeMemory &m, uint32_t p, uint64_t userdata, uint64_t timeout) {
  memset(m.at(p), 0, kSubscriptionSize);
  m.setU64(p, userdata);
  m.at(p)[8] = kEventClock;
  m.setU32(p + 16, 1); // monotonic
  m.setU64(p + 24, timeout);
}

void fdWriteSubscription(LargeMemory &m, uint32_t p, uint64_t userdata, uint32_t fd) {
  memset(m.at(p), 0, kSubscriptionSize);
  m.setU64(p, userdata);
  m.at(p)[8] = kEventFdWrite;
  m.setU32(p + 16, fd);
}

int openDevNull() {
  int fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  return fd;
}

} // namespace

// The events written into `out` overlap later subscriptions, and change clock subscriptions
// (userdata 2 lands on their type byte) into fd_write subscriptions: a shim that reads the
// subscriptions again after writing events walks past its descriptor array (issue 12, finding
// 1: a host crash, or garbage events).
TEST_CASE("wasi guest memory: poll_oneoff with events overlapping its subscriptions",
          "[wasi][guest-memory]") {
  Options options;
  options.stdout_fd = openDevNull(); // always writable
  Sandbox sb(options);
  constexpr uint32_t kSubscriptions = 65536, kOverlapFrom = 30000;
  LargeMemory m(sb, 4u << 20);
  const uint32_t in = 64;
  const uint32_t out = in + 8 + kSubscriptionSize * kOverlapFrom;
  const uint32_t nevents = (4u << 20) - 8;
  REQUIRE(out + kEventSize * kSubscriptions <= nevents);
  fdWriteSubscription(m, in, 77, 1);
  for (uint32_t i = 1; i < kSubscriptions; i++)
    clockSubscription(m, in + i * kSubscriptionSize, 2, 0);

  REQUIRE(wasmc_wasi_poll_oneoff(&m.instance, (int32_t)in, (int32_t)out, (int32_t)kSubscriptions,
                                 (int32_t)nevents) == ESUCCESS);
  // Every subscription is ready: fd 1 is writable and every clock has expired.
  REQUIRE(m.u32(nevents) == kSubscriptions);
  CHECK(m.u64(out) == 77);
  CHECK(m.at(out)[10] == kEventFdWrite);
  uint32_t wrong = 0;
  for (uint32_t i = 1; i < kSubscriptions; i++) {
    uint32_t e = out + i * kEventSize;
    if (m.u64(e) != 2 || m.u16(e + 8) != 0 || m.at(e)[10] != kEventClock) wrong++;
  }
  CHECK(wrong == 0);
  close(options.stdout_fd);
}

// The smallest case: the event of subscription 1 (a clock, userdata 2) is written over
// subscription 2, a clock, whose type byte becomes 2 (fd_write).
TEST_CASE("wasi guest memory: poll_oneoff with one event written over a later subscription",
          "[wasi][guest-memory]") {
  Options options;
  options.stdout_fd = openDevNull();
  Sandbox sb(options);
  LargeMemory m(sb, 1u << 16);
  const uint32_t in = 1024, out = in + 72, nevents = 8;
  fdWriteSubscription(m, in, 0, 1);
  clockSubscription(m, in + kSubscriptionSize, 2, 0);
  clockSubscription(m, in + 2 * kSubscriptionSize, 3, 0);
  REQUIRE(wasmc_wasi_poll_oneoff(&m.instance, (int32_t)in, (int32_t)out, 3, (int32_t)nevents) ==
          ESUCCESS);
  REQUIRE(m.u32(nevents) == 3);
  CHECK(m.at(out)[10] == kEventFdWrite);
  CHECK(m.u64(out + kEventSize) == 2);
  CHECK(m.at(out + kEventSize)[10] == kEventClock);
  CHECK(m.u64(out + 2 * kEventSize) == 3);
  CHECK(m.at(out + 2 * kEventSize)[10] == kEventClock);
  close(options.stdout_fd);
}

// A path is checked (no NUL, valid UTF-8) on the copy the shim uses: a byte another thread
// flips between a valid one and an invalid one never reaches the host. Checking the guest's
// bytes and then copying them lets an invalid name through now and then (within half a second
// here, so far).
TEST_CASE("wasi guest memory: a path changing while it is read is checked as it is used",
          "[wasi][guest-memory]") {
  Sandbox sb;
  const std::string name = "name-x";
  uint32_t path = sb.str(name);
  uint8_t *flipped = sb.at(path + (uint32_t)name.size() - 1);
  std::atomic<bool> stop{false};
  std::thread flipper([&] {
    while (!stop.load(std::memory_order_relaxed)) {
      __atomic_store_n(flipped, (uint8_t)0xff, __ATOMIC_RELAXED);
      __atomic_store_n(flipped, (uint8_t)'x', __ATOMIC_RELAXED);
      __atomic_store_n(flipped, (uint8_t)0, __ATOMIC_RELAXED);
      __atomic_store_n(flipped, (uint8_t)'x', __ATOMIC_RELAXED);
    }
  });
  // At least half a second of calls, and until one has seen the valid name (the flipper may
  // not run at all for a while on a loaded machine).
  using Clock = std::chrono::steady_clock;
  struct stat st;
  const Clock::time_point start = Clock::now();
  for (Clock::duration elapsed{};
       elapsed < std::chrono::seconds(10) &&
       (elapsed < std::chrono::milliseconds(500) || stat(sb.host(name).c_str(), &st) != 0);
       elapsed = Clock::now() - start) {
    for (int i = 0; i < 1000; i++)
      wasmc_wasi_path_create_directory(sb.in(), 3, (int32_t)path, (int32_t)name.size());
  }
  stop = true;
  flipper.join();
  CHECK(stat(sb.host("name-\xff").c_str(), &st) != 0); // invalid UTF-8
  CHECK(stat(sb.host("name-").c_str(), &st) != 0);     // cut at a NUL
  CHECK(stat(sb.host("name-x").c_str(), &st) == 0);
}
