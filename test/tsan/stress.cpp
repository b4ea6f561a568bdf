// Stress test of the runtime's and the WASI shim's shared state, run under ThreadSanitizer
// (run.sh): eight threads, for a bounded time, call what generated code of a wasi-threads
// program calls, on one shared memory and one WASI context, each thread through an instance of
// its own (as wasi-threads gives every thread one), and check their own invariants besides
// TSan's reports:
//
//  - memory.grow (wasmc_rt_memory_grow) from every thread while the others read the size as
//    generated code does (an acquire load) and update the last word of pages up to it with
//    atomics: the grown ranges every thread was given tile [initial, final) exactly, grows fail
//    only past the maximum, sizes never shrink, a page is accessible once its size is seen
//    (else SIGSEGV), and the words' sum is the number of updates;
//  - memory.atomic.wait32/64 and notify (wasmc_rt_memory_atomic_*): two pairs of threads hand a
//    turn back and forth through a word (32- and 64-bit), waiting without a deadline in
//    practice (a lost wake-up times out and fails); the other threads wait on one word with
//    short timeouts and notify it with small counts. Every notify's count of woken waiters
//    adds up to the number of waits that returned "ok", over the whole run. Waits on a
//    different value return "not-equal"; a notify at the memory's end traps or finds it grown,
//    an unaligned wait traps, a wait on an unshared memory traps;
//  - WASI on the shared context, within a jail directory (the WASI fuzzer's,
//    test/fuzz/wasi_fuzz_jail.h): records appended with fd_write to one descriptor (all there,
//    whole, at the end), path_open / fd_renumber / fd_fdstat_get / fd_close on descriptors of
//    their own while fd_fdstat_get probes every number, random_get, clock_time_get (monotonic
//    per thread), fd_prestat_get. Nothing outside the jail is touched.
//
// Not covered: wasi-threads' thread-spawn (runtime/src/wasi_threads.cpp), which instantiates a
// compiled module; tables, which are never shared between threads (each instance has its own).
//
//   wasmc_tsan_stress [SECONDS]   (default 20 s)
//
// Descriptors are also used (fd_tell, fd_filestat_get) while other threads open, renumber and
// close them: before descriptors were reference counted, TSan reported fd_filestat_get's read of
// the entry against fd_renumber's clearing it, and fstat against close.

#include "wasi_fuzz_jail.h"

#include "internal.h" // the runtime's: inReservation, as its signal handler asks it
#include "wasmc/runtime.h"
#include "wasmc/wasi.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

constexpr int kThreads = 8;
constexpr uint64_t kPage = WASMC_PAGE_SIZE;
constexpr uint64_t kInitialPages = 2, kMaxPages = 16384;
// Page 0: every thread's scratch space for WASI arguments (kScratch bytes each).
constexpr uint32_t kScratch = 4096;
// Page 1: the words threads wait on.
constexpr uint64_t kTurn32 = kPage, kTurn64 = kPage + 64, kCrowd = kPage + 128,
                   kOne = kPage + 192; // holds 1, waited on for 0
// A handshake's wait; a lost wake-up makes it time out (a partner answers well before).
constexpr int64_t kHandshakeTimeoutNs = 20'000'000'000;
constexpr uint32_t kStop = 0xFFFFFFFFu; // a turn word's value once the run is over
constexpr uint32_t kRecord = 32;       // bytes of every record appended to the log

// WASI constants (preview1).
constexpr int32_t kPreopen = 3;
constexpr uint64_t kRightFdRead = 1 << 1, kRightFdSeek = 1 << 2, kRightFdWrite = 1 << 6;
constexpr int32_t kOflagCreat = 1, kOflagTrunc = 8, kFdflagAppend = 1;
constexpr int32_t kErrBadf = 8;
constexpr uint8_t kFiletypeRegular = 4;

[[noreturn]] void fail(const char *format, ...) {
  va_list args;
  va_start(args, format);
  fprintf(stderr, "tsan stress: invariant violated: ");
  vfprintf(stderr, format, args);
  fputc('\n', stderr);
  va_end(args);
  abort();
}

wasmc_memory *shared;   // memory 0 of every thread's instance
wasmc_memory *unshared; // a non-shared memory, for the trap of wait
wasmc_wasi_ctx *wasi;
int32_t logFd = -1; // the WASI descriptor records are appended to
using Clock = std::chrono::steady_clock;
Clock::time_point startTime;
double runSeconds = 20;
std::atomic<bool> stopping{false};
uint32_t i32ToI64Id; // wasmc_functype_id of (i32) -> i64, taken before the threads start
std::atomic<uint64_t> notified{0}, wokenWaits{0}; // sums over every thread

uint8_t *at(uint64_t address) { return shared->base + address; }
uint64_t currentSize() { return __atomic_load_n(&shared->size, __ATOMIC_ACQUIRE); }

struct Grown {
  uint64_t oldPages, delta;
};

// One thread's instance (as wasi-threads gives each thread its own) and what it observed.
class Worker {
public:
  explicit Worker(int index) : index_(index), random_(0x5eed + index) {
    memories_[0] = shared;
    instance_.memory_base = shared->base;
    instance_.memories = memories_;
    instance_.wasi = wasi;
    unsharedMemories_[0] = unshared;
    unsharedInstance_.memory_base = unshared->base;
    unsharedInstance_.memories = unsharedMemories_;
  }

  void run();
  wasmc_instance &instance() { return instance_; }

  int index_;
  std::vector<Grown> grown_;
  uint64_t updates_ = 0, records_ = 0, iterations_ = 0, handshakes_ = 0;

private:
  unsigned below(unsigned n) { return std::uniform_int_distribution<unsigned>(0, n - 1)(random_); }
  uint32_t scratch() const { return index_ * kScratch; }

  void memoryStep();
  void guardedStep();
  void reservationStep();
  void crowdStep();
  void wasiStep();
  void handshake(bool first, bool wide);
  int32_t wait(uint64_t address, uint64_t expected, int64_t timeoutNs, bool wide);
  int32_t notify(uint64_t address, uint32_t count);

  wasmc_memory *memories_[1];
  wasmc_instance instance_{};
  wasmc_memory *unsharedMemories_[1];
  wasmc_instance unsharedInstance_{};
  std::mt19937 random_;
  uint64_t lastPages_ = 0, lastClock_ = 0;
};

int32_t Worker::wait(uint64_t address, uint64_t expected, int64_t timeoutNs, bool wide) {
  const int32_t result =
      wide ? wasmc_rt_memory_atomic_wait64(&instance_, 0, address, (int64_t)expected, timeoutNs)
           : wasmc_rt_memory_atomic_wait32(&instance_, 0, address, (int32_t)expected, timeoutNs);
  if (result < 0 || result > 2) fail("wait returned %d", result);
  if (result == 0) wokenWaits.fetch_add(1, std::memory_order_relaxed);
  return result;
}

int32_t Worker::notify(uint64_t address, uint32_t count) {
  const int32_t woken = wasmc_rt_memory_atomic_notify(&instance_, 0, address, count);
  if (woken < 0 || (uint32_t)woken > count) fail("notify(%u) woke %d", count, woken);
  notified.fetch_add(woken, std::memory_order_relaxed);
  return woken;
}

// memory.grow by 0-3 pages, or memory.size and an atomic update of a page's last word.
void Worker::memoryStep() {
  if (below(32) == 0) {
    // Paced so that the maximum is reached near the end of the run, not in its first seconds;
    // now and then a grow that must fail.
    const double elapsed = std::chrono::duration<double>(Clock::now() - startTime).count();
    const double target = kInitialPages + (kMaxPages - kInitialPages) * 1.1 * elapsed / runSeconds;
    uint64_t delta = currentSize() / kPage < target ? 1 + below(3) : 0;
    if (below(64) == 0) delta = below(2) ? kMaxPages : UINT64_MAX;
    const int64_t old = wasmc_rt_memory_grow(&instance_, 0, delta);
    if (old < 0) {
      if (delta <= kMaxPages - currentSize() / kPage)
        fail("grow by %lu failed below the maximum", delta);
      return;
    }
    if (delta > kMaxPages - kInitialPages) fail("grow by %lu past the maximum succeeded", delta);
    if ((uint64_t)old < lastPages_) fail("grow returned %ld pages after %lu", old, lastPages_);
    lastPages_ = old + delta;
    if (delta) grown_.push_back(Grown{(uint64_t)old, delta});
    return;
  }
  const uint64_t pages = currentSize() / kPage;
  if (pages < lastPages_) fail("the memory shrank from %lu to %lu pages", lastPages_, pages);
  lastPages_ = pages;
  const uint64_t page = below(2) ? pages - 1 : below((unsigned)pages); // often the newest
  __atomic_fetch_add(reinterpret_cast<uint64_t *>(at(page * kPage + kPage - 8)), 1,
                     __ATOMIC_RELAXED);
  ++updates_;
}

// Traps of wait and notify, through a guard as from generated code.
void Worker::guardedStep() {
  struct Call {
    Worker *worker;
    int kind;
    uint64_t address;
    int32_t result;
  } call{this, (int)below(3), 0, -1};
  wasmc_trap_info trap;
  const int status = wasmc_guarded(
      [](void *argument) {
        auto *c = static_cast<Call *>(argument);
        switch (c->kind) {
        case 0: // at the end of the memory, which another thread may have grown meanwhile
          c->address = currentSize();
          c->result = wasmc_rt_memory_atomic_notify(&c->worker->instance_, 0, c->address, 1);
          break;
        case 1:
          c->result = wasmc_rt_memory_atomic_wait32(&c->worker->instance_, 0, kCrowd + 2, 0, 0);
          break;
        default:
          c->result = wasmc_rt_memory_atomic_wait64(&c->worker->unsharedInstance_, 0, 0, 0, 0);
          break;
        }
      },
      &call, &trap);
  const int32_t expected[] = {WASMC_TRAP_OUT_OF_BOUNDS_MEMORY, WASMC_TRAP_UNALIGNED_ATOMIC,
                              WASMC_TRAP_EXPECTED_SHARED_MEMORY};
  if (status == 0 && call.kind == 0 && call.result == 0 && currentSize() > call.address) return;
  if (status != 1 || trap.code != expected[call.kind])
    fail("guarded call %d: status %d, trap %d, result %d", call.kind, status, trap.code,
         call.result);
}

// What instantiating a thread's instance does to the runtime's process-wide registries: a
// function type canonicalised (the same id for the same type on every thread, a new one for a
// new type), a memory made and freed (as for the memories its module defines) while other
// threads' faults ask whether an address is in a memory's reservation (the signal handler,
// wasmc::rt::inReservation).
void Worker::reservationStep() {
  if (below(2) == 0) {
    const uint8_t types[] = {0x7f, 0x7e, 0x7d, 0x7c}; // i32 i64 f32 f64
    uint8_t signature[6];
    const uint32_t params = below(4), results = below(2);
    for (uint32_t i = 0; i < params + results; i++) signature[i] = types[below(4)];
    const uint32_t id = wasmc_functype_id(params, results, signature);
    if (id == 0 || id != wasmc_functype_id(params, results, signature))
      fail("function type ids differ: %u", id);
    const uint8_t i32ToI64[] = {0x7f, 0x7e};
    if (wasmc_functype_id(1, 1, i32ToI64) != i32ToI64Id) fail("(i32) -> i64 changed its id");
    return;
  }
  if (below(8) == 0) {
    wasmc_memory *memory = wasmc_memory_new(1, 1, 1, 0);
    if (!memory) fail("wasmc_memory_new");
    if (!wasmc::rt::inReservation(reinterpret_cast<uintptr_t>(memory->base) + kPage))
      fail("a new memory's guard pages are not in its reservation");
    wasmc_memory_free(memory);
    return;
  }
  const uint8_t local = 0;
  if (!wasmc::rt::inReservation(reinterpret_cast<uintptr_t>(shared->base) + currentSize() + 8) ||
      wasmc::rt::inReservation(reinterpret_cast<uintptr_t>(&local)))
    fail("inReservation is wrong about the shared memory or the stack");
}

// Waits on the crowd's word (always 0) with short timeouts, or notifies it.
void Worker::crowdStep() {
  switch (below(4)) {
  case 0:
  case 1: wait(kCrowd, 0, 1000 * below(2000), below(2)); break;
  case 2: notify(kCrowd, 1 + below(3)); break;
  default:
    if (wait(kOne, 0, 1000000, false) != 1 || wait(kOne, 0, -1, true) != 1)
      fail("a wait on a different value did not return not-equal");
    break;
  }
}

void Worker::wasiStep() {
  const uint32_t base = scratch();
  uint8_t *s = at(base);
  switch (below(6)) {
  case 0: { // a record appended to the shared log
    char record[kRecord + 1];
    snprintf(record, sizeof record, "thread %d record %-15lu\n", index_, records_);
    memcpy(s + 64, record, kRecord);
    const uint32_t iov[2] = {base + 64, kRecord};
    memcpy(s, iov, sizeof iov);
    const int32_t err = wasmc_wasi_fd_write(&instance_, logFd, base, 1, base + 16);
    uint32_t written;
    memcpy(&written, s + 16, 4);
    if (err != 0 || written != kRecord) fail("fd_write: %d, %u bytes", err, written);
    ++records_;
    break;
  }
  case 1: { // two descriptors of its own, one renumbered over the other, closed
    const std::string name = "tmp" + std::to_string(index_);
    memcpy(s + 64, name.data(), name.size());
    int32_t fds[2];
    for (int i = 0; i < 2; i++) {
      const int32_t err = wasmc_wasi_path_open(
          &instance_, kPreopen, 0, base + 64, (int32_t)name.size(), kOflagCreat | kOflagTrunc,
          (int64_t)(kRightFdRead | kRightFdWrite | kRightFdSeek), 0, 0, base + 8 * i);
      if (err != 0) fail("path_open %s: %d", name.c_str(), err);
      memcpy(&fds[i], s + 8 * i, 4);
    }
    if (fds[0] == fds[1] || fds[0] == logFd || fds[1] == logFd)
      fail("path_open gave descriptors %d and %d (log %d)", fds[0], fds[1], logFd);
    if (int32_t err = wasmc_wasi_fd_renumber(&instance_, fds[0], fds[1]))
      fail("fd_renumber %d %d: %d", fds[0], fds[1], err);
    // fds[0] is free now: another thread may have been given it already.
    if (int32_t err = wasmc_wasi_fd_fdstat_get(&instance_, fds[1], base + 32))
      fail("fd_fdstat_get %d: %d", fds[1], err);
    if (s[32] != kFiletypeRegular) fail("fd_fdstat_get %d: file type %u", fds[1], s[32]);
    if (int32_t err = wasmc_wasi_fd_close(&instance_, fds[1]))
      fail("fd_close %d: %d", fds[1], err);
    break;
  }
  case 2: { // any descriptor, which another thread may be opening or closing
    const int32_t err = wasmc_wasi_fd_fdstat_get(&instance_, (int32_t)below(24), base + 32);
    if (err != 0 && err != kErrBadf) fail("fd_fdstat_get: %d", err);
    // Any answer will do: only TSan's verdict counts.
    wasmc_wasi_fd_tell(&instance_, (int32_t)below(24), base + 56);
    wasmc_wasi_fd_filestat_get(&instance_, (int32_t)below(24), base + 384);
    break;
  }
  case 3:
    if (int32_t err = wasmc_wasi_random_get(&instance_, base + 128, 256))
      fail("random_get: %d", err);
    break;
  case 4: {
    if (int32_t err = wasmc_wasi_clock_time_get(&instance_, 1, 1, base + 40))
      fail("clock_time_get: %d", err);
    uint64_t now;
    memcpy(&now, s + 40, 8);
    if (now < lastClock_) fail("the monotonic clock went back from %lu to %lu", lastClock_, now);
    lastClock_ = now;
    break;
  }
  default:
    if (int32_t err = wasmc_wasi_fd_prestat_get(&instance_, kPreopen, base + 48))
      fail("fd_prestat_get: %d", err);
    break;
  }
}

// A turn passed back and forth through a word: the first thread makes it odd, the second even.
// Each waits for its turn without a deadline in practice, so a lost wake-up is a timeout.
void Worker::handshake(bool first, bool wide) {
  const uint64_t address = wide ? kTurn64 : kTurn32;
  auto load = [&]() -> uint64_t {
    return wide ? __atomic_load_n(reinterpret_cast<uint64_t *>(at(address)), __ATOMIC_SEQ_CST)
                : __atomic_load_n(reinterpret_cast<uint32_t *>(at(address)), __ATOMIC_SEQ_CST);
  };
  auto store = [&](uint64_t value) {
    if (wide) __atomic_store_n(reinterpret_cast<uint64_t *>(at(address)), value, __ATOMIC_SEQ_CST);
    else __atomic_store_n(reinterpret_cast<uint32_t *>(at(address)), (uint32_t)value, __ATOMIC_SEQ_CST);
  };
  const uint64_t stop = wide ? UINT64_MAX : kStop;
  for (;;) {
    const uint64_t value = load();
    if (value == stop) return;
    if ((value % 2 == 0) == first) { // this thread's turn
      if (first && stopping.load(std::memory_order_relaxed)) {
        store(stop);
        notify(address, UINT32_MAX);
        return;
      }
      memoryStep();
      store(value + 1);
      notify(address, below(2) ? 1 : UINT32_MAX);
      ++handshakes_;
      continue;
    }
    if (wait(address, value, kHandshakeTimeoutNs, wide) == 2 && load() == value)
      fail("lost wake-up: thread %d waited on %s word %lu for 20 s", index_,
           wide ? "the 64-bit" : "the 32-bit", value);
  }
}

void Worker::run() {
  wasmc_thread_init();
  if (index_ >= 2 && index_ < 6) {
    handshake(index_ % 2 == 0, index_ >= 4);
  } else {
    while (!stopping.load(std::memory_order_relaxed)) {
      ++iterations_;
      switch (below(16)) {
      case 0: guardedStep(); reservationStep(); break;
      case 1: case 2: case 3: case 4: crowdStep(); break;
      case 5: case 6: case 7: case 8: case 9: wasiStep(); break;
      default: memoryStep(); break;
      }
    }
  }
  wasmc_thread_fini();
}

void checkLog(const std::string &path, const std::vector<Worker> &workers) {
  FILE *file = fopen(path.c_str(), "rb");
  if (!file) fail("cannot open the log %s", path.c_str());
  std::vector<uint64_t> next(kThreads, 0);
  char record[kRecord + 1] = {};
  size_t n;
  uint64_t total = 0;
  while ((n = fread(record, 1, kRecord, file)) == kRecord) {
    int thread;
    unsigned long number;
    if (sscanf(record, "thread %d record %lu", &thread, &number) != 2 || thread < 0 ||
        thread >= kThreads || record[kRecord - 1] != '\n')
      fail("a torn record in the log: '%s'", record);
    if (number != next[thread]) fail("thread %d's record %lu after %lu", thread, number, next[thread]);
    ++next[thread];
    ++total;
  }
  fclose(file);
  if (n != 0) fail("a partial record at the end of the log");
  for (const Worker &w : workers)
    if (next[w.index_] != w.records_)
      fail("thread %d appended %lu records, the log has %lu", w.index_, w.records_, next[w.index_]);
  printf("log: %lu records\n", total);
}

} // namespace

int main(int argc, char **argv) {
  double &seconds = runSeconds;
  for (int i = 1; i < argc; i++) {
    if (atof(argv[i]) > 0) {
      seconds = atof(argv[i]);
    } else {
      fprintf(stderr, "usage: %s [SECONDS]\n", argv[0]);
      return 2;
    }
  }
  wasi_fuzz::Jail jail;
  shared = wasmc_memory_new(kInitialPages, kMaxPages, 1, WASMC_MEMORY_SHARED);
  unshared = wasmc_memory_new(1, 1, 1, 0);
  if (!shared || !unshared) fail("wasmc_memory_new");
  __atomic_store_n(reinterpret_cast<uint32_t *>(at(kOne)), 1, __ATOMIC_RELAXED);

  const int devNull = open("/dev/null", O_RDWR | O_CLOEXEC);
  const std::string jailPath = jail.jail();
  const wasmc_wasi_preopen preopens[] = {{jailPath.c_str(), "/jail"}};
  const char *args[] = {"stress"};
  wasmc_wasi_config config{};
  config.argc = 1;
  config.argv = args;
  config.num_preopens = 1;
  config.preopens = preopens;
  config.stdin_fd = config.stdout_fd = config.stderr_fd = devNull;
  char error[256];
  wasi = wasmc_wasi_new(&config, error, sizeof error);
  if (!wasi) fail("wasmc_wasi_new: %s", error);

  const uint8_t i32ToI64[] = {0x7f, 0x7e};
  i32ToI64Id = wasmc_functype_id(1, 1, i32ToI64);
  std::vector<Worker> workers; // never moved: their instances point into them
  workers.reserve(kThreads);
  for (int i = 0; i < kThreads; i++) workers.emplace_back(i);
  { // the log, opened for appending by the first instance
    memcpy(at(64), "log", 3);
    if (int32_t err = wasmc_wasi_path_open(&workers[0].instance(), kPreopen, 0, 64, 3,
                                           kOflagCreat | kOflagTrunc, (int64_t)kRightFdWrite,
                                           0, kFdflagAppend, 0))
      fail("path_open log: %d", err);
    memcpy(&logFd, at(0), 4);
  }

  const auto start = startTime = Clock::now();
  std::vector<std::thread> threads;
  for (Worker &w : workers) threads.emplace_back([&w] { w.run(); });
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stopping = true;
  for (std::thread &t : threads) t.join();
  const double elapsed =
      std::chrono::duration<double>(Clock::now() - start).count();

  // Growth: the ranges given out tile [initial, final) exactly.
  std::vector<Grown> grown;
  uint64_t updates = 0, handshakes = 0, iterations = 0;
  for (const Worker &w : workers) {
    grown.insert(grown.end(), w.grown_.begin(), w.grown_.end());
    updates += w.updates_;
    handshakes += w.handshakes_;
    iterations += w.iterations_;
  }
  std::sort(grown.begin(), grown.end(),
            [](const Grown &a, const Grown &b) { return a.oldPages < b.oldPages; });
  uint64_t pages = kInitialPages;
  for (const Grown &g : grown) {
    if (g.oldPages != pages) fail("a grow returned %lu pages, expected %lu", g.oldPages, pages);
    pages += g.delta;
  }
  if (pages * kPage != currentSize())
    fail("the grows add up to %lu pages, the memory has %lu", pages, currentSize() / kPage);
  // Every atomic update is there.
  uint64_t sum = 0;
  for (uint64_t p = 0; p < pages; p++)
    sum += *reinterpret_cast<uint64_t *>(at(p * kPage + kPage - 8));
  if (sum != updates) fail("%lu atomic updates, the words add up to %lu", updates, sum);
  // Every waiter that returned "ok" was counted by exactly one notify.
  if (notified != wokenWaits)
    fail("notify woke %lu waiters, %lu waits returned ok", notified.load(), wokenWaits.load());
  checkLog(jailPath + "/log", workers);
  const std::string escaped = jail.escapes();
  if (!escaped.empty()) fail("something outside the jail was touched:\n%s", escaped.c_str());

  printf("%.1f s: %lu pages grown in %zu grows, %lu atomic updates, %lu handshakes, %lu wake-ups,"
         " %lu other iterations\n",
         elapsed, pages - kInitialPages, grown.size(), updates, handshakes, wokenWaits.load(),
         iterations);
  if (handshakes == 0 || wokenWaits == 0 || grown.empty()) fail("the threads did not interact");
  wasmc_wasi_free(wasi);
  wasmc_memory_free(unshared);
  wasmc_memory_free(shared);
  close(devNull);
  return 0;
}
