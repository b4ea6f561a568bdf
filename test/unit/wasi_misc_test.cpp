// The WASI shim's other functions: args, environ, clocks, random, poll_oneoff, proc_exit,
// proc_raise, sched_yield, sockets; and the context itself (wasmc_wasi_new, wasmc_wasi_lookup,
// the grants).
#include "wasi_test_support.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <time.h>

#include <set>

using namespace wasi_test;

TEST_CASE("wasi: args and environ", "[wasi]") {
  Options options;
  options.args = {"prog", "one", "", "three é"};
  options.env = {"A=1", "EMPTY=", "PATH=/x"};
  Sandbox sb(options);
  uint32_t count = sb.alloc(4), size = sb.alloc(4);
  REQUIRE(wasmc_wasi_args_sizes_get(sb.in(), (int32_t)count, (int32_t)size) == ESUCCESS);
  CHECK(sb.u32(count) == 4);
  CHECK(sb.u32(size) == 5 + 4 + 1 + strlen("three é") + 1);
  uint32_t argv = sb.alloc(16), buf = sb.alloc(sb.u32(size));
  REQUIRE(wasmc_wasi_args_get(sb.in(), (int32_t)argv, (int32_t)buf) == ESUCCESS);
  CHECK(sb.u32(argv) == buf);
  CHECK(std::string((const char *)sb.at(sb.u32(argv + 4))) == "one");
  CHECK(std::string((const char *)sb.at(sb.u32(argv + 8))) == "");
  CHECK(std::string((const char *)sb.at(sb.u32(argv + 12))) == "three é");

  REQUIRE(wasmc_wasi_environ_sizes_get(sb.in(), (int32_t)count, (int32_t)size) == ESUCCESS);
  CHECK(sb.u32(count) == 3);
  CHECK(sb.u32(size) == 4 + 7 + 8);
  uint32_t env = sb.alloc(12), ebuf = sb.alloc(sb.u32(size));
  REQUIRE(wasmc_wasi_environ_get(sb.in(), (int32_t)env, (int32_t)ebuf) == ESUCCESS);
  CHECK(std::string((const char *)sb.at(sb.u32(env))) == "A=1");
  CHECK(std::string((const char *)sb.at(sb.u32(env + 4))) == "EMPTY=");
  CHECK(std::string((const char *)sb.at(sb.u32(env + 8))) == "PATH=/x");

  // An instance without a WASI context sees no arguments and no descriptors.
  wasmc_instance bare = sb.instance;
  bare.wasi = nullptr;
  REQUIRE(wasmc_wasi_args_sizes_get(&bare, (int32_t)count, (int32_t)size) == ESUCCESS);
  CHECK(sb.u32(count) == 0);
  CHECK(sb.u32(size) == 0);
  CHECK(wasmc_wasi_fd_write(&bare, 1, (int32_t)sb.iovs({"x"}), 1, (int32_t)count) == EBADF_);
}

TEST_CASE("wasi: clocks", "[wasi]") {
  Sandbox sb;
  uint32_t out = sb.alloc(8);
  for (int32_t id = 0; id < 4; id++) {
    INFO("clock " << id);
    REQUIRE(wasmc_wasi_clock_res_get(sb.in(), id, (int32_t)out) == ESUCCESS);
    CHECK(sb.u64(out) > 0);
    CHECK(sb.u64(out) <= 1000000000ull);
    REQUIRE(wasmc_wasi_clock_time_get(sb.in(), id, 1, (int32_t)out) == ESUCCESS);
  }
  CHECK(wasmc_wasi_clock_res_get(sb.in(), 4, (int32_t)out) == EINVAL_);
  CHECK(wasmc_wasi_clock_time_get(sb.in(), 4, 0, (int32_t)out) == EINVAL_);
  CHECK(wasmc_wasi_clock_time_get(sb.in(), -1, 0, (int32_t)out) == EINVAL_);

  REQUIRE(wasmc_wasi_clock_time_get(sb.in(), 0, 0, (int32_t)out) == ESUCCESS);
  uint64_t wasi_now = sb.u64(out);
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  uint64_t host_now = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
  CHECK(wasi_now <= host_now);
  CHECK(host_now - wasi_now < 1000000000ull);

  // Monotonic never goes back; nanoseconds are not rounded to micro- or milliseconds.
  uint64_t previous = 0;
  bool sub_microsecond = false;
  for (int i = 0; i < 100; i++) {
    REQUIRE(wasmc_wasi_clock_time_get(sb.in(), 1, 0, (int32_t)out) == ESUCCESS);
    CHECK(sb.u64(out) >= previous);
    previous = sb.u64(out);
    if (previous % 1000 != 0) sub_microsecond = true;
  }
  CHECK(sub_microsecond);
}

TEST_CASE("wasi: random_get and sched_yield", "[wasi]") {
  Sandbox sb;
  uint32_t a = sb.alloc(64), b = sb.alloc(64);
  REQUIRE(wasmc_wasi_random_get(sb.in(), (int32_t)a, 64) == ESUCCESS);
  REQUIRE(wasmc_wasi_random_get(sb.in(), (int32_t)b, 64) == ESUCCESS);
  CHECK(memcmp(sb.at(a), sb.at(b), 64) != 0);
  CHECK(sb.bytes(a, 64) != std::string(64, '\0'));
  CHECK(wasmc_wasi_random_get(sb.in(), (int32_t)a, 0) == ESUCCESS);
  uint32_t big = sb.alloc(256 * 1024);
  REQUIRE(wasmc_wasi_random_get(sb.in(), (int32_t)big, 256 * 1024) == ESUCCESS);
  CHECK(sb.bytes(big + 200 * 1024, 64) != std::string(64, '\0'));
  CHECK(wasmc_wasi_sched_yield(sb.in()) == ESUCCESS);
}

namespace {
uint64_t monotonicNow() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

// Subscriptions in the preview1 layout (48 bytes).
struct Poll {
  Sandbox &sb;
  uint32_t subs, events, nevents;
  uint32_t n = 0;
  bool unstable;
  Poll(Sandbox &s, uint32_t capacity, bool old = false)
      : sb(s), subs(s.alloc(56 * capacity)), events(s.alloc(32 * capacity)),
        nevents(s.alloc(4)), unstable(old) {}
  uint32_t size() const { return unstable ? 56 : 48; }
  void clock(uint64_t userdata, uint32_t id, uint64_t timeout, uint16_t flags) {
    uint32_t p = subs + n++ * size();
    memset(sb.at(p), 0, size());
    sb.setU64(p, userdata);
    sb.at(p)[8] = 0;
    uint32_t base = unstable ? p + 24 : p + 16; // unstable: identifier u64 first
    if (unstable) sb.setU64(p + 16, 0xDEADBEEF);
    sb.setU32(base, id);
    sb.setU64(base + 8, timeout);
    sb.setU64(base + 16, 0);
    memcpy(sb.at(base + 24), &flags, 2);
  }
  void fd(uint64_t userdata, uint8_t type, uint32_t fd) {
    uint32_t p = subs + n++ * size();
    memset(sb.at(p), 0, size());
    sb.setU64(p, userdata);
    sb.at(p)[8] = type;
    sb.setU32(p + 16, fd);
  }
  int32_t run() {
    return unstable ? wasmc_wasi_unstable_poll_oneoff(sb.in(), (int32_t)subs, (int32_t)events,
                                                      (int32_t)n, (int32_t)nevents)
                    : wasmc_wasi_poll_oneoff(sb.in(), (int32_t)subs, (int32_t)events,
                                             (int32_t)n, (int32_t)nevents);
  }
  uint32_t count() const { return sb.u32(nevents); }
  uint64_t userdata(uint32_t i) const { return sb.u64(events + 32 * i); }
  uint16_t error(uint32_t i) const { return sb.u16(events + 32 * i + 8); }
  uint8_t type(uint32_t i) const { return sb.at(events + 32 * i)[10]; }
  uint64_t nbytes(uint32_t i) const { return sb.u64(events + 32 * i + 16); }
  uint16_t flags(uint32_t i) const { return sb.u16(events + 32 * i + 24); }
};
} // namespace

TEST_CASE("wasi: poll_oneoff", "[wasi]") {
  Sandbox sb;
  SECTION("no subscriptions") {
    Poll p(sb, 1);
    CHECK(p.run() == EINVAL_);
  }
  SECTION("a relative clock waits that long, in nanoseconds") {
    Poll p(sb, 1);
    p.clock(42, 1, 20 * 1000000ull, 0);
    uint64_t start = monotonicNow();
    REQUIRE(p.run() == ESUCCESS);
    uint64_t elapsed = monotonicNow() - start;
    CHECK(elapsed >= 20 * 1000000ull);
    CHECK(elapsed < 2000 * 1000000ull);
    REQUIRE(p.count() == 1);
    CHECK(p.userdata(0) == 42);
    CHECK(p.error(0) == 0);
    CHECK(p.type(0) == 0);
  }
  SECTION("absolute clocks, and only the clocks that expired fire") {
    Poll p(sb, 3);
    p.clock(1, 1, monotonicNow() + 10 * 1000000ull, 1 /* abstime */);
    p.clock(2, 1, 5ull * 1000000000ull, 0);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    p.clock(3, 0, (uint64_t)ts.tv_sec * 1000000000ull, 1); // realtime, in the past
    REQUIRE(p.run() == ESUCCESS);
    std::set<uint64_t> fired;
    for (uint32_t i = 0; i < p.count(); i++) fired.insert(p.userdata(i));
    CHECK(fired.count(3) == 1);
    CHECK(fired.count(2) == 0);
  }
  SECTION("an unsupported clock is an event with EINVAL") {
    Poll p(sb, 2);
    p.clock(7, 2 /* process cputime */, 1000, 0);
    p.clock(8, 9, 1000, 0);
    REQUIRE(p.run() == ESUCCESS);
    REQUIRE(p.count() == 2);
    CHECK(p.error(0) == EINVAL_);
    CHECK(p.error(1) == EINVAL_);
  }
  SECTION("descriptors: readable pipe, writable pipe, regular file") {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    Options options;
    options.stdin_fd = fds[0];
    options.stdout_fd = fds[1];
    Sandbox s2(options);
    {
      Poll p(s2, 2);
      p.fd(10, 1 /* fd_read */, 0);
      p.clock(11, 1, 30 * 1000000ull, 0);
      REQUIRE(p.run() == ESUCCESS); // nothing to read: the clock fires
      REQUIRE(p.count() == 1);
      CHECK(p.userdata(0) == 11);
    }
    REQUIRE(write(fds[1], "hello", 5) == 5);
    {
      Poll p(s2, 3);
      p.fd(10, 1, 0);
      p.fd(12, 2 /* fd_write */, 1);
      p.clock(11, 1, 5ull * 1000000000ull, 0);
      REQUIRE(p.run() == ESUCCESS);
      REQUIRE(p.count() == 2);
      CHECK(p.userdata(0) == 10);
      CHECK(p.type(0) == 1);
      CHECK(p.nbytes(0) == 5);
      CHECK(p.userdata(1) == 12);
      CHECK(p.type(1) == 2);
    }
    writeHostFile(s2.host("f"), "12345678");
    uint32_t f = s2.openOk("f");
    REQUIRE(s2.seek(f, 3, 0) == ESUCCESS);
    {
      Poll p(s2, 1);
      p.fd(20, 1, f);
      REQUIRE(p.run() == ESUCCESS);
      REQUIRE(p.count() == 1);
      CHECK(p.nbytes(0) == 5); // file size minus offset
    }
    close(fds[1]);
    {
      Poll p(s2, 1);
      p.fd(30, 1, 0);
      REQUIRE(p.run() == ESUCCESS);
      REQUIRE(p.count() == 1);
      CHECK((p.flags(0) & 1) == 1); // hangup
    }
    close(fds[0]);
  }
  SECTION("bad descriptors, rights and types") {
    Poll p(sb, 2);
    p.clock(1, 1, 1000, 0);
    p.fd(2, 1, 99);
    CHECK(p.run() == EBADF_);
    Poll q(sb, 1);
    q.fd(2, 1, 3); // a directory has no fd_read right
    CHECK(q.run() == EBADF_);
    Poll r(sb, 1);
    r.fd(2, 3, 1); // event type 3 does not exist
    CHECK(r.run() == EINVAL_);
  }
  SECTION("the wasi_unstable layout has 56-byte subscriptions") {
    Poll p(sb, 2, true);
    p.clock(5, 1, 5ull * 1000000000ull, 0);
    p.clock(6, 1, 1000, 0);
    uint64_t start = monotonicNow();
    REQUIRE(p.run() == ESUCCESS);
    CHECK(monotonicNow() - start < 1000000000ull);
    REQUIRE(p.count() == 1);
    CHECK(p.userdata(0) == 6);
  }
}

namespace {
struct Call {
  wasmc_instance *instance;
  int32_t arg;
  int32_t result;
};
void callProcExit(void *p) {
  Call *c = static_cast<Call *>(p);
  wasmc_wasi_proc_exit(c->instance, c->arg);
}
void callProcRaise(void *p) {
  Call *c = static_cast<Call *>(p);
  c->result = wasmc_wasi_proc_raise(c->instance, c->arg);
}
} // namespace

TEST_CASE("wasi: proc_exit and proc_raise", "[wasi]") {
  Sandbox sb;
  wasmc_trap_info trap;
  Call call{sb.in(), 7, -1};
  REQUIRE(wasmc_guarded(callProcExit, &call, &trap) == 1);
  CHECK(trap.code == WASMC_TRAP_EXIT);
  CHECK(trap.exit_status == 7);

  call.arg = 15; // term
  REQUIRE(wasmc_guarded(callProcRaise, &call, &trap) == 1);
  CHECK(trap.code == WASMC_TRAP_HOST);
  CHECK(trap.exit_status == 128 + SIGTERM);
  call.arg = 6; // abrt
  REQUIRE(wasmc_guarded(callProcRaise, &call, &trap) == 1);
  CHECK(trap.exit_status == 128 + SIGABRT);
  for (int32_t ignored : {16 /* chld */, 17 /* cont */, 18 /* stop */, 22 /* urg */,
                          27 /* winch */}) {
    call.arg = ignored;
    REQUIRE(wasmc_guarded(callProcRaise, &call, &trap) == 0);
    CHECK(call.result == ESUCCESS);
  }
  for (int32_t invalid : {0, 31, -1, 1000}) {
    call.arg = invalid;
    REQUIRE(wasmc_guarded(callProcRaise, &call, &trap) == 0);
    CHECK(call.result == EINVAL_);
  }
}

namespace {
int listeningSocket(uint16_t *port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, (sockaddr *)&addr, sizeof addr) == 0);
  REQUIRE(listen(fd, 8) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(getsockname(fd, (sockaddr *)&addr, &len) == 0);
  *port = ntohs(addr.sin_port);
  return fd;
}
int connectTo(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  REQUIRE(connect(fd, (sockaddr *)&addr, sizeof addr) == 0);
  return fd;
}
} // namespace

TEST_CASE("wasi: sockets", "[wasi]") {
  uint16_t port;
  int listener = listeningSocket(&port);
  Options options;
  options.listen_fds = {listener};
  Sandbox sb(options);
  close(listener); // the context holds its own duplicate
  const uint32_t lfd = 4;
  uint8_t type = 0;
  uint64_t base = 0;
  REQUIRE(sb.fdstat(lfd, &type, nullptr, &base) == ESUCCESS);
  CHECK(type == FT_SOCK_STREAM);
  CHECK((base & RIGHT_SOCK_ACCEPT) != 0);

  uint32_t out = sb.alloc(4);
  // The flags are those of the new connection; a non-blocking listener does not wait.
  REQUIRE(wasmc_wasi_fd_fdstat_set_flags(sb.in(), (int32_t)lfd, FD_NONBLOCK) == ESUCCESS);
  CHECK(wasmc_wasi_sock_accept(sb.in(), (int32_t)lfd, 0, (int32_t)out) == EAGAIN_);
  CHECK(wasmc_wasi_sock_accept(sb.in(), (int32_t)lfd, FD_APPEND, (int32_t)out) == EINVAL_);
  CHECK(wasmc_wasi_sock_accept(sb.in(), 3, 0, (int32_t)out) == ENOTSOCK_);
  int client = connectTo(port);
  // poll_oneoff sees the pending connection.
  {
    Poll p(sb, 1);
    p.fd(1, 1, lfd);
    REQUIRE(p.run() == ESUCCESS);
    CHECK(p.count() == 1);
  }
  REQUIRE(wasmc_wasi_sock_accept(sb.in(), (int32_t)lfd, 0, (int32_t)out) == ESUCCESS);
  uint32_t conn = sb.u32(out);
  CHECK(conn == 5);
  uint16_t conn_flags;
  REQUIRE(sb.fdstat(conn, &type, &conn_flags, &base) == ESUCCESS);
  CHECK(conn_flags == 0);
  int client2 = connectTo(port);
  {
    Poll p(sb, 1);
    p.fd(1, 1, lfd);
    REQUIRE(p.run() == ESUCCESS);
  }
  REQUIRE(wasmc_wasi_sock_accept(sb.in(), (int32_t)lfd, FD_NONBLOCK, (int32_t)out) == 0);
  uint32_t conn2 = sb.u32(out);
  REQUIRE(sb.fdstat(conn2, &type, &conn_flags) == ESUCCESS);
  CHECK(conn_flags == FD_NONBLOCK);
  std::string nothing;
  CHECK(sb.read(conn2, 4, &nothing) == EAGAIN_);
  CHECK(wasmc_wasi_fd_close(sb.in(), (int32_t)conn2) == ESUCCESS);
  close(client2);
  REQUIRE(sb.fdstat(conn, &type, nullptr, &base) == ESUCCESS);
  CHECK(type == FT_SOCK_STREAM);
  CHECK((base & RIGHT_SOCK_ACCEPT) == 0);
  CHECK((base & RIGHT_SOCK_SHUTDOWN) != 0);

  // send: guest -> client
  uint32_t sent = sb.alloc(4);
  REQUIRE(wasmc_wasi_sock_send(sb.in(), (int32_t)conn, (int32_t)sb.iovs({"ping", "!"}), 2, 0,
                               (int32_t)sent) == ESUCCESS);
  CHECK(sb.u32(sent) == 5);
  char buf[16] = {};
  CHECK(recv(client, buf, 5, MSG_WAITALL) == 5);
  CHECK(std::string(buf) == "ping!");
  CHECK(wasmc_wasi_sock_send(sb.in(), (int32_t)conn, (int32_t)sb.iovs({"x"}), 1, 1,
                             (int32_t)sent) == EINVAL_);

  // recv: client -> guest, with peek and waitall.
  REQUIRE(send(client, "pong", 4, 0) == 4);
  uint32_t bufs = sb.buffers({2, 8});
  uint32_t len = sb.alloc(4), flags = sb.alloc(2);
  REQUIRE(wasmc_wasi_sock_recv(sb.in(), (int32_t)conn, (int32_t)bufs, 2, 1 /* peek */,
                               (int32_t)len, (int32_t)flags) == ESUCCESS);
  CHECK(sb.u32(len) == 4);
  CHECK(sb.u16(flags) == 0);
  CHECK(sb.bytes(sb.u32(bufs), 2) == "po");
  CHECK(sb.bytes(sb.u32(bufs + 8), 2) == "ng");
  uint32_t exact = sb.buffers({1, 3});
  REQUIRE(wasmc_wasi_sock_recv(sb.in(), (int32_t)conn, (int32_t)exact, 2, 2 /* waitall */,
                               (int32_t)len, (int32_t)flags) == ESUCCESS);
  CHECK(sb.u32(len) == 4);
  CHECK(sb.bytes(sb.u32(exact), 1) + sb.bytes(sb.u32(exact + 8), 3) == "pong");
  CHECK(wasmc_wasi_sock_recv(sb.in(), (int32_t)conn, (int32_t)bufs, 2, 4, (int32_t)len,
                             (int32_t)flags) == EINVAL_);
  CHECK(wasmc_wasi_sock_recv(sb.in(), (int32_t)lfd, (int32_t)bufs, 2, 0, (int32_t)len,
                             (int32_t)flags) == ENOTCONN_);
  // fd_read and fd_write work on sockets too.
  REQUIRE(sb.write(conn, {"via fd_write"}) == ESUCCESS);
  char buf2[32] = {};
  CHECK(recv(client, buf2, 12, MSG_WAITALL) == 12);

  // shutdown(wr): the client sees end of stream.
  CHECK(wasmc_wasi_sock_shutdown(sb.in(), (int32_t)conn, 0) == EINVAL_);
  CHECK(wasmc_wasi_sock_shutdown(sb.in(), (int32_t)conn, 4) == EINVAL_);
  REQUIRE(wasmc_wasi_sock_shutdown(sb.in(), (int32_t)conn, 2) == ESUCCESS);
  CHECK(recv(client, buf, sizeof buf, 0) == 0);
  uint32_t file = sb.openOk("f", OFLAG_CREAT);
  CHECK(wasmc_wasi_sock_shutdown(sb.in(), (int32_t)file, 3) == ENOTSOCK_);
  CHECK(wasmc_wasi_sock_recv(sb.in(), (int32_t)file, (int32_t)bufs, 2, 0, (int32_t)len,
                             (int32_t)flags) == ENOTSOCK_);
  CHECK(wasmc_wasi_fd_close(sb.in(), (int32_t)conn) == ESUCCESS);
  close(client);
}

TEST_CASE("wasi: wasmc_wasi_new checks its grants", "[wasi]") {
  std::string dir = makeTempDir("wasi-new");
  writeHostFile(dir + "/file", "");
  char error[256];
  wasmc_wasi_preopen missing{"/nonexistent/wasmc/dir", "x"};
  wasmc_wasi_config config{};
  config.num_preopens = 1;
  config.preopens = &missing;
  config.stdin_fd = 0;
  config.stdout_fd = 1;
  config.stderr_fd = 2;
  CHECK(wasmc_wasi_new(&config, error, sizeof error) == nullptr);
  CHECK(std::string(error).find("/nonexistent/wasmc/dir") != std::string::npos);
  std::string file = dir + "/file";
  wasmc_wasi_preopen not_dir{file.c_str(), "x"};
  config.preopens = &not_dir;
  CHECK(wasmc_wasi_new(&config, error, sizeof error) == nullptr);
  int not_socket = open(file.c_str(), O_RDONLY);
  config.num_preopens = 0;
  config.num_listen_fds = 1;
  config.listen_fds = &not_socket;
  CHECK(wasmc_wasi_new(&config, error, sizeof error) == nullptr);
  close(not_socket);
  // Several preopens are numbered in order.
  std::string dir2 = makeTempDir("wasi-new2");
  wasmc_wasi_preopen two[2] = {{dir.c_str(), "/a"}, {dir2.c_str(), "/bb"}};
  config.num_listen_fds = 0;
  config.num_preopens = 2;
  config.preopens = two;
  wasmc_wasi_ctx *ctx = wasmc_wasi_new(&config, error, sizeof error);
  REQUIRE(ctx != nullptr);
  std::vector<uint8_t> memory(65536);
  wasmc_memory mem{memory.data(), memory.size(), 1, memory.size(), 0, 0};
  wasmc_memory *mems[1] = {&mem};
  wasmc_instance instance{};
  instance.memory_base = memory.data();
  instance.memories = mems;
  instance.wasi = ctx;
  REQUIRE(wasmc_wasi_fd_prestat_get(&instance, 4, 0) == ESUCCESS);
  uint32_t len;
  memcpy(&len, memory.data() + 4, 4);
  CHECK(len == 3);
  CHECK(wasmc_wasi_fd_prestat_get(&instance, 5, 0) == EBADF_);
  wasmc_wasi_free(ctx);
  wasmc_wasi_free(nullptr);
  removeTree(dir);
  removeTree(dir2);
}

TEST_CASE("wasi: wasmc_wasi_lookup knows both modules", "[wasi]") {
  wasmc_wasi_function_info info;
  REQUIRE(wasmc_wasi_lookup("wasi_snapshot_preview1", "fd_write", &info) == 1);
  CHECK(info.code == (void *)&wasmc_wasi_fd_write);
  CHECK(info.num_params == 4);
  CHECK(info.num_results == 1);
  for (int i = 0; i < 5; i++) CHECK(info.types[i] == WASMC_TYPE_I32);

  REQUIRE(wasmc_wasi_lookup("wasi_snapshot_preview1", "path_open", &info) == 1);
  CHECK(info.num_params == 9);
  const uint8_t path_open[] = {0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7e, 0x7e, 0x7f, 0x7f, 0x7f};
  CHECK(memcmp(info.types, path_open, sizeof path_open) == 0);

  REQUIRE(wasmc_wasi_lookup("wasi_snapshot_preview1", "proc_exit", &info) == 1);
  CHECK(info.num_params == 1);
  CHECK(info.num_results == 0);
  REQUIRE(wasmc_wasi_lookup("wasi_snapshot_preview1", "sched_yield", &info) == 1);
  CHECK(info.num_params == 0);
  CHECK(info.num_results == 1);

  REQUIRE(wasmc_wasi_lookup("wasi_unstable", "fd_seek", &info) == 1);
  CHECK(info.code == (void *)&wasmc_wasi_unstable_fd_seek);
  const uint8_t seek[] = {0x7f, 0x7e, 0x7f, 0x7f, 0x7f};
  CHECK(memcmp(info.types, seek, sizeof seek) == 0);
  REQUIRE(wasmc_wasi_lookup("wasi_snapshot_preview1", "fd_seek", &info) == 1);
  CHECK(info.code == (void *)&wasmc_wasi_fd_seek);
  REQUIRE(wasmc_wasi_lookup("wasi_unstable", "poll_oneoff", &info) == 1);
  CHECK(info.code == (void *)&wasmc_wasi_unstable_poll_oneoff);

  CHECK(wasmc_wasi_lookup("wasi_unstable", "sock_accept", &info) == 0);
  CHECK(wasmc_wasi_lookup("wasi_snapshot_preview1", "nope", &info) == 0);
  CHECK(wasmc_wasi_lookup("env", "fd_write", &info) == 0);

  // Every preview1 function of the witx is there.
  const char *names[] = {
      "args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get",
      "clock_time_get", "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get",
      "fd_fdstat_set_flags", "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size",
      "fd_filestat_set_times", "fd_pread", "fd_prestat_get", "fd_prestat_dir_name", "fd_pwrite",
      "fd_read", "fd_readdir", "fd_renumber", "fd_seek", "fd_sync", "fd_tell", "fd_write",
      "path_create_directory", "path_filestat_get", "path_filestat_set_times", "path_link",
      "path_open", "path_readlink", "path_remove_directory", "path_rename", "path_symlink",
      "path_unlink_file", "poll_oneoff", "proc_exit", "proc_raise", "sched_yield", "random_get",
      "sock_accept", "sock_recv", "sock_send", "sock_shutdown"};
  CHECK(sizeof names / sizeof names[0] == 46);
  for (const char *name : names) {
    INFO(name);
    CHECK(wasmc_wasi_lookup("wasi_snapshot_preview1", name, &info) == 1);
    if (strcmp(name, "sock_accept") != 0)
      CHECK(wasmc_wasi_lookup("wasi_unstable", name, &info) == 1);
  }
}

TEST_CASE("wasi: grants from the command line", "[wasi]") {
  std::string dir = makeTempDir("wasi-grants");
  char error[256] = "";
  wasmc_wasi_grants *g = wasmc_wasi_grants_new();
  REQUIRE(g != nullptr);
  CHECK(wasmc_wasi_grants_add(g, "--dir", (dir + "::/data").c_str(), error, sizeof error) == 0);
  CHECK(wasmc_wasi_grants_add(g, ("--dir=" + dir).c_str(), nullptr, error, sizeof error) == 0);
  setenv("WASMC_GRANTS_TEST", "from-host", 1);
  setenv("WASMC_GRANTS_OVERRIDDEN", "host", 1);
  const char *words[] = {"--inherit-env", "--env", "A=1", "--env=WASMC_GRANTS_OVERRIDDEN=mine",
                         "--env", "WASMC_GRANTS_TEST", "--env", "WASMC_GRANTS_UNSET_VAR"};
  CHECK(wasmc_wasi_grants_add_args(g, 8, words, error, sizeof error) == 0);
  CHECK(wasmc_wasi_grants_add(g, "--listen", "127.0.0.1:0", error, sizeof error) == 0);
  int v6 = wasmc_wasi_grants_add(g, "--listen", "[::1]:0", error, sizeof error);
  CHECK((v6 == 0 || strlen(error) > 0)); // IPv6 may be unavailable
  CHECK(wasmc_wasi_grants_add(g, "--listen", "nohost", error, sizeof error) == -1);
  CHECK(wasmc_wasi_grants_add(g, "--listen", "example.com:80", error, sizeof error) == -1);
  CHECK(wasmc_wasi_grants_add(g, "--bogus", "x", error, sizeof error) == -1);
  CHECK(wasmc_wasi_grants_add(g, "--dir", "", error, sizeof error) == -1);
  CHECK(wasmc_wasi_grants_add(g, "--dir", "::guest", error, sizeof error) == -1);
  CHECK(wasmc_wasi_grants_add_lines(g, "--env B=2 with space\n\n--inherit-env\n", error,
                                    sizeof error) == 0);
  CHECK(wasmc_wasi_grants_add_lines(g, "--env\n", error, sizeof error) == -1);
  const char *missing_value[] = {"--dir"};
  CHECK(wasmc_wasi_grants_add_args(g, 1, missing_value, error, sizeof error) == -1);

  const char *argv[] = {"prog", "arg"};
  wasmc_wasi_config config;
  REQUIRE(wasmc_wasi_grants_config(g, 2, argv, &config) == 0);
  CHECK(config.argc == 2);
  REQUIRE(config.num_preopens == 2);
  CHECK(std::string(config.preopens[0].host_path) == dir);
  CHECK(std::string(config.preopens[0].guest_path) == "/data");
  CHECK(std::string(config.preopens[1].guest_path) == dir);
  CHECK(config.num_listen_fds >= 1);
  std::set<std::string> env(config.env, config.env + config.envc);
  CHECK(env.count("A=1") == 1);
  CHECK(env.count("B=2 with space") == 1);
  CHECK(env.count("WASMC_GRANTS_TEST=from-host") == 1);
  CHECK(env.count("WASMC_GRANTS_OVERRIDDEN=mine") == 1);
  CHECK(env.count("WASMC_GRANTS_OVERRIDDEN=host") == 0);
  bool has_path = false;
  for (const auto &e : env) has_path |= e.rfind("PATH=", 0) == 0;
  CHECK(has_path == (getenv("PATH") != nullptr));

  wasmc_wasi_ctx *ctx = wasmc_wasi_new(&config, error, sizeof error);
  INFO(error);
  REQUIRE(ctx != nullptr);
  wasmc_wasi_free(ctx);
  wasmc_wasi_grants_free(g);
  unsetenv("WASMC_GRANTS_TEST");
  unsetenv("WASMC_GRANTS_OVERRIDDEN");

  // Without --inherit-env, nothing of the host's environment.
  g = wasmc_wasi_grants_new();
  REQUIRE(wasmc_wasi_grants_config(g, 2, argv, &config) == 0);
  CHECK(config.envc == 0);
  wasmc_wasi_grants_free(g);
  removeTree(dir);
}
