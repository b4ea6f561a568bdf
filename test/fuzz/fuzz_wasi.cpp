// libFuzzer target over the WASI shim. The input is a program: a sequence of steps that each
// either change the guest's linear memory (bytes, a path from a dictionary, an iovec array,
// poll subscriptions: what another thread of the guest could do between two calls) or call one
// WASI function of wasi_functions.def, in either module, with arguments drawn from small
// values, the addresses and lengths of what was placed (and nearby, so that buffers overlap),
// the end of memory and random values. The calls run against a jail directory made afresh for
// every input (wasi_fuzz_jail.h), with stdio on a pipe, /dev/null and a socket, and a granted
// listening socket.
//
// Besides the sanitizers' reports, it checks after every input that:
//  - nothing outside the jail was accessed or changed (inotify on the directories around it);
//  - the host descriptors given to the program (stdio, the listening socket) still have the
//    flags they had: their open file descriptions are shared with the host;
//  - no host descriptor was leaked or closed that the program did not own.
//
// Calls that would wait for ever by design are not made: poll_oneoff's clocks are shortened to
// at most 1 ms (absolute ones to the past), it polls the listening socket for reading, not for
// writing, and a connection is queued on that socket before sock_accept and poll_oneoff. The
// files the program writes are bounded (RLIMIT_FSIZE).

#include "wasi_fuzz_jail.h"

#include "wasmc/runtime.h"
#include "wasmc/wasi.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace {

using wasi_fuzz::Jail;

constexpr uint32_t kMemorySize = 65536;
constexpr int kSteps = 256;

[[noreturn]] void violated(const std::string &what) {
  fprintf(stderr, "fuzz_wasi: property violated: %s\n", what.c_str());
  abort();
}

Jail *jail;
int devNull = -1;
std::vector<std::string> paths;

// Paths that stay inside, climb out, are absolute, go through the jail's symlinks, are not
// valid strings, or are as long as a path may be and one byte longer.
void makePaths() {
  paths = {"", ".", "..", "/", "file", "dir", "dir/", "dir/sub", "dir/sub/", "dir/nested",
           "new", "new/", "dir/new", "dir/../file", "dir/../..", "../outside",
           "../outside/secret", "../../box/outside/secret", "link_file", "link_dir",
           "link_dir/nested", "link_out", "link_out_dir/secret", "link_up",
           "link_up/outside/secret", "link_abs", "link_abs/secret", "loop", "loop/x", "dangling",
           "dir/link_up2", "dir/link_up2/outside/secret", "file/", "file/.", std::string("a\0b", 3),
           "\xff\xfe", "\xc3\xa9", "../jail/file", jail->outside(), jail->outside() + "/secret",
           jail->jail() + "/file"};
  std::string dots;
  while (dots.size() < 4092) dots += "./";
  paths.push_back(dots + "new");  // 4095 bytes
  paths.push_back(dots + "new2"); // 4096
}

struct Placed {
  uint32_t ptr = 0, len = 0;
};

// One input's run: the guest's memory, the context and the steps.
class Program {
public:
  Program(FuzzedDataProvider &input, wasmc_wasi_ctx *ctx)
      : in_(input), bytes_(kMemorySize) {
    memory_.base = bytes_.data();
    memory_.size = kMemorySize;
    memory_.max_pages = 1;
    instance_.memory_base = bytes_.data();
    instance_.memories = memories_;
    instance_.wasi = ctx;
  }

  void run();

private:
  void poke();
  void placePath();
  void placeIovecs();
  Placed placeSubscriptions(bool unstable);
  bool pollOverlapping();
  bool call(); // false once the program has exited (proc_exit, proc_raise)

  Placed latest() const { return placed_[(next_ + kPlaced - 1) % kPlaced]; }
  Placed pick() { return placed_[in_.ConsumeIntegralInRange<unsigned>(0, kPlaced - 1)]; }
  void remember(uint32_t ptr, uint32_t len) { placed_[next_++ % kPlaced] = Placed{ptr, len}; }
  uint32_t offset(uint32_t size) {
    return in_.ConsumeIntegralInRange<uint32_t>(0, kMemorySize - size) & ~7u;
  }
  void setU32(uint32_t p, uint32_t v) { memcpy(&bytes_[p], &v, 4); }
  void setU64(uint32_t p, uint64_t v) { memcpy(&bytes_[p], &v, 8); }

  template <typename T> T arg();
  void beforeCall(const char *module, const char *name, const int64_t *args);

  template <typename R, typename... P>
  friend bool callWasi(Program &, const char *, const char *, R (*)(wasmc_instance *, P...));
  wasmc_instance *instance() { return &instance_; }

  static constexpr unsigned kPlaced = 4;
  FuzzedDataProvider &in_;
  std::vector<uint8_t> bytes_;
  wasmc_memory memory_{};
  wasmc_memory *memories_[1] = {&memory_};
  wasmc_instance instance_{};
  Placed placed_[kPlaced];
  unsigned next_ = 0;
};

template <> int32_t Program::arg<int32_t>() {
  switch (in_.ConsumeIntegralInRange<int>(0, 7)) {
  case 0: return in_.ConsumeIntegralInRange<int32_t>(0, 15); // descriptors, flags, small sizes
  case 1: return (int32_t)latest().ptr;
  case 2: return (int32_t)latest().len;
  case 3: // near what was placed last: buffers that overlap it
    return (int32_t)(latest().ptr + 8 * (uint32_t)in_.ConsumeIntegralInRange<int32_t>(-8, 32));
  case 4: return (int32_t)pick().ptr;
  case 5: return (int32_t)(kMemorySize - in_.ConsumeIntegralInRange<uint32_t>(0, 64));
  case 6: return (int32_t)(1u << in_.ConsumeIntegralInRange<unsigned>(0, 31));
  default: return in_.ConsumeIntegral<int32_t>();
  }
}

template <> int64_t Program::arg<int64_t>() {
  switch (in_.ConsumeIntegralInRange<int>(0, 3)) {
  case 0: return in_.ConsumeIntegralInRange<int64_t>(0, 15);
  case 1: return in_.ConsumeBool() ? -1 : (1ll << 30) - 1; // every right
  case 2: return (int64_t)(1ull << in_.ConsumeIntegralInRange<unsigned>(0, 63));
  default: return in_.ConsumeIntegral<int64_t>();
  }
}

void Program::poke() {
  uint32_t at = in_.ConsumeIntegralInRange<uint32_t>(0, kMemorySize - 1);
  std::vector<uint8_t> data = in_.ConsumeBytes<uint8_t>(in_.ConsumeIntegralInRange(1, 64));
  size_t n = std::min<size_t>(data.size(), kMemorySize - at);
  if (n) memcpy(&bytes_[at], data.data(), n);
}

void Program::placePath() {
  const std::string &path = paths[in_.ConsumeIntegralInRange<size_t>(0, paths.size() - 1)];
  uint32_t at = in_.ConsumeIntegralInRange<uint32_t>(0, kMemorySize - (uint32_t)path.size());
  memcpy(&bytes_[at], path.data(), path.size());
  remember(at, (uint32_t)path.size());
}

void Program::placeIovecs() {
  uint32_t count = in_.ConsumeIntegralInRange<uint32_t>(1, 4);
  uint32_t at = offset(8 * count);
  for (uint32_t i = 0; i < count; i++) {
    setU32(at + 8 * i, in_.ConsumeIntegralInRange<uint32_t>(0, kMemorySize));
    setU32(at + 8 * i + 4, in_.ConsumeIntegralInRange<uint32_t>(0, 256));
  }
  remember(at, count);
}

// Subscriptions in either layout: preview1 (48 bytes, clock fields at 16) or wasi_unstable (56
// bytes, at 24 after an identifier).
Placed Program::placeSubscriptions(bool unstable) {
  const uint32_t size = unstable ? 56 : 48, clock = unstable ? 24 : 16;
  uint32_t count = in_.ConsumeIntegralInRange<uint32_t>(1, 64);
  uint32_t at = offset(size * count);
  for (uint32_t i = 0; i < count; i++) {
    uint32_t p = at + size * i;
    memset(&bytes_[p], 0, size);
    setU64(p, in_.ConsumeIntegralInRange<uint64_t>(0, 3));           // userdata
    bytes_[p + 8] = in_.ConsumeIntegralInRange<uint8_t>(0, 3);        // type (3: invalid)
    setU32(p + 16, in_.ConsumeIntegralInRange<uint32_t>(0, 8));       // fd, or clock identifier
    setU32(p + clock, in_.ConsumeIntegralInRange<uint32_t>(0, 4));    // clock id
    setU64(p + clock + 8, in_.ConsumeBool() ? 0 : 1000);              // timeout (ns)
    bytes_[p + clock + 24] = in_.ConsumeIntegralInRange<uint8_t>(0, 1); // abstime
  }
  remember(at, count);
  return Placed{at, count};
}

// Whether guest descriptor fd is a listening socket (which never becomes writable).
bool isListener(wasmc_wasi_ctx *ctx, int32_t fd) {
  uint8_t fdstat[24];
  wasmc_memory memory{fdstat, sizeof fdstat, 1, 0, 0, 0};
  wasmc_memory *memories[1] = {&memory};
  wasmc_instance probe{};
  probe.memory_base = fdstat;
  probe.memories = memories;
  probe.wasi = ctx;
  if (wasmc_wasi_fd_fdstat_get(&probe, fd, 0) != 0) return false;
  const uint64_t sockAccept = 1ull << 29;
  uint64_t rights;
  memcpy(&rights, fdstat + 8, 8);
  return rights & sockAccept;
}

// Keeps poll_oneoff from waiting for ever, which proves nothing and stalls the run: clocks
// fire within 1 ms (absolute ones at once), and a listening socket is polled for reading.
void boundPoll(std::vector<uint8_t> &bytes, wasmc_wasi_ctx *ctx, uint32_t in, uint32_t count,
               bool unstable) {
  const uint32_t size = unstable ? 56 : 48, timeout = unstable ? 32 : 24, flags = timeout + 16;
  const uint8_t eventClock = 0, eventFdRead = 1, eventFdWrite = 2;
  for (uint64_t p = in; count-- && p + size <= bytes.size(); p += size) {
    uint8_t &type = bytes[p + 8];
    int32_t fd;
    memcpy(&fd, &bytes[p + 16], 4);
    if (type == eventFdWrite && isListener(ctx, fd)) type = eventFdRead;
    if (type != eventClock) continue;
    uint64_t t;
    memcpy(&t, &bytes[p + timeout], 8);
    t = (bytes[p + flags] & 1) ? 0 : std::min<uint64_t>(t, 1000000);
    memcpy(&bytes[p + timeout], &t, 8);
  }
}

void Program::beforeCall(const char *module, const char *name, const int64_t *args) {
  if (!strcmp(name, "poll_oneoff")) {
    boundPoll(bytes_, (wasmc_wasi_ctx *)instance_.wasi, (uint32_t)args[0], (uint32_t)args[2],
              !strcmp(module, "wasi_unstable"));
    jail->queueConnection();
  } else if (!strcmp(name, "sock_accept")) {
    jail->queueConnection();
  }
}

// Calls f with the arguments `args` (converted to its parameter types) under a trap guard:
// false if it trapped (proc_exit and proc_raise end the program so).
template <typename R, typename... P> struct PendingCall {
  R (*f)(wasmc_instance *, P...);
  wasmc_instance *instance;
  const int64_t *args;
  template <size_t... I> void run(std::index_sequence<I...>) { f(instance, (P)args[I]...); }
  static void entry(void *call) {
    static_cast<PendingCall *>(call)->run(std::index_sequence_for<P...>());
  }
};

template <typename R, typename... P>
bool guardedCall(R (*f)(wasmc_instance *, P...), wasmc_instance *instance, const int64_t *args) {
  PendingCall<R, P...> call{f, instance, args};
  wasmc_trap_info trap;
  return wasmc_guarded(&PendingCall<R, P...>::entry, &call, &trap) == 0;
}

// Calls a WASI function with arguments of its own types, drawn from the input.
template <typename R, typename... P>
bool callWasi(Program &program, const char *module, const char *name,
              R (*f)(wasmc_instance *, P...)) {
  std::array<int64_t, sizeof...(P)> args = {program.arg<P>()...};
  program.beforeCall(module, name, args.data());
  return guardedCall(f, program.instance(), args.data());
}

// poll_oneoff on subscriptions just placed, with the events written anywhere from before them
// to past their end: over the subscriptions not yet read, in particular.
bool Program::pollOverlapping() {
  const bool unstable = in_.ConsumeBool();
  const Placed subs = placeSubscriptions(unstable);
  const int32_t shift = 8 * in_.ConsumeIntegralInRange<int32_t>(-8, (int32_t)subs.len * 7);
  int64_t args[4] = {subs.ptr, (int32_t)(subs.ptr + (uint32_t)shift), subs.len, arg<int32_t>()};
  beforeCall(unstable ? "wasi_unstable" : "wasi_snapshot_preview1", "poll_oneoff", args);
  return guardedCall(unstable ? &wasmc_wasi_unstable_poll_oneoff : &wasmc_wasi_poll_oneoff,
                     &instance_, args);
}

bool Program::call() {
  struct Row {
    bool (*call)(Program &);
  };
#define WASMC_WASI_FUNCTION(Module, Name, Impl, Result, Params)                                \
  {[](Program &p) { return callWasi(p, #Module, #Name, &wasmc_wasi_##Impl); }},
  static const Row rows[] = {
#include "wasmc/wasi_functions.def"
  };
#undef WASMC_WASI_FUNCTION
  const size_t count = sizeof(rows) / sizeof(rows[0]);
  return rows[in_.ConsumeIntegralInRange<size_t>(0, count - 1)].call(*this);
}

void Program::run() {
  for (int step = 0; step < kSteps && in_.remaining_bytes() > 0; step++) {
    bool running = true;
    switch (in_.ConsumeIntegralInRange<int>(0, 8)) {
    case 0: poke(); break;
    case 1: placePath(); break;
    case 2: placeIovecs(); break;
    case 3: placeSubscriptions(in_.ConsumeBool()); break;
    case 4: running = pollOverlapping(); break;
    default: running = call();
    }
    if (!running) return;
  }
}

int openDescriptors() {
  int count = 0;
  DIR *d = opendir("/proc/self/fd");
  if (!d) return -1;
  while (struct dirent *e = readdir(d))
    if (e->d_name[0] != '.') count++;
  closedir(d);
  return count;
}

// The host descriptors behind the program's stdio: a pipe with something to read and no
// writer, /dev/null, and a socket whose peer has gone. None can make a call wait.
struct Stdio {
  int in = -1, err = -1;
  Stdio() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) violated("pipe");
    if (write(fds[1], "stdin\n", 6) != 6) violated("write to the stdin pipe");
    close(fds[1]);
    in = fds[0];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) violated("socketpair");
    close(fds[1]);
    err = fds[0];
  }
  ~Stdio() {
    close(in);
    close(err);
  }
};

std::array<int, 4> flagsOf(const std::array<int, 4> &fds) {
  std::array<int, 4> flags;
  for (size_t i = 0; i < fds.size(); i++) flags[i] = fcntl(fds[i], F_GETFL);
  return flags;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  signal(SIGPIPE, SIG_IGN); // as the executables' main: EPIPE instead
  signal(SIGXFSZ, SIG_IGN); // EFBIG past the limit below
  struct rlimit files = {16u << 20, 16u << 20};
  setrlimit(RLIMIT_FSIZE, &files);
  devNull = open("/dev/null", O_RDWR | O_CLOEXEC);
  jail = new Jail(); // removed at exit
  atexit([] { delete jail; });
  makePaths();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const int descriptors = openDescriptors();
  jail->reset();
  {
    Stdio stdio;
    const std::array<int, 4> shared = {stdio.in, devNull, stdio.err, jail->listener()};
    const std::array<int, 4> flags = flagsOf(shared);

    const std::string jailPath = jail->jail(), dirPath = jail->jail() + "/dir";
    const wasmc_wasi_preopen preopens[] = {{jailPath.c_str(), "/jail"},
                                           {dirPath.c_str(), "/jail/dir"}};
    const char *argv[] = {"fuzz", "arg"};
    const char *env[] = {"A=1"};
    const int listener = jail->listener();
    wasmc_wasi_config config{};
    config.argc = 2;
    config.argv = argv;
    config.envc = 1;
    config.env = env;
    config.num_preopens = 2;
    config.preopens = preopens;
    config.num_listen_fds = 1;
    config.listen_fds = &listener;
    config.stdin_fd = stdio.in;
    config.stdout_fd = devNull;
    config.stderr_fd = stdio.err;
    char error[256];
    wasmc_wasi_ctx *ctx = wasmc_wasi_new(&config, error, sizeof error);
    if (!ctx) violated(std::string("wasmc_wasi_new: ") + error);

    FuzzedDataProvider input(data, size);
    Program(input, ctx).run();
    wasmc_wasi_free(ctx);

    if (flagsOf(shared) != flags) violated("the flags of a shared host descriptor changed");
  }
  std::string escaped = jail->escapes();
  if (!escaped.empty()) violated("something outside the jail was touched:\n" + escaped);
  if (openDescriptors() != descriptors) violated("host descriptors leaked or closed");
  return 0;
}
