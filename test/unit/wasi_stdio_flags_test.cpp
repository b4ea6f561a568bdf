// The open file descriptions behind stdio are shared with the shell and sibling processes:
// fd_fdstat_set_flags must leave them as the program found them, emulating APPEND and NONBLOCK
// for the program alone (issue 12, finding 6).
#include "wasi_test_support.h"

#include <poll.h>
#include <thread>

using namespace wasi_test;

namespace {
int hostFlags(int fd) {
  int fl = fcntl(fd, F_GETFL);
  REQUIRE(fl >= 0);
  return fl;
}

uint16_t wasiFlags(Sandbox &sb, uint32_t fd) {
  uint16_t flags = 0xffff;
  REQUIRE(sb.fdstat(fd, nullptr, &flags) == ESUCCESS);
  return flags;
}

struct Pipe {
  int read = -1, write = -1;
  Pipe() {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    read = fds[0];
    write = fds[1];
  }
  ~Pipe() {
    if (read >= 0) close(read);
    if (write >= 0) close(write);
  }
};
// fd_read on stdin returns what the pipe gets 50 ms later: it waited.
void expectReadWaits(Sandbox &sb, const Pipe &in) {
  ssize_t written = 0;
  std::thread writer([&] {
    usleep(50 * 1000);
    written = ::write(in.write, "late", 4);
  });
  std::string data;
  CHECK(sb.read(0, 16, &data) == ESUCCESS);
  writer.join();
  CHECK(written == 4);
  CHECK(data == "late");
}
} // namespace

TEST_CASE("wasi stdio: NONBLOCK on stdin is the program's alone", "[wasi][stdio]") {
  Pipe in;
  Options options;
  options.stdin_fd = in.read;
  Sandbox sb(options);
  REQUIRE(wasiFlags(sb, 0) == 0);

  REQUIRE(wasmc_wasi_fd_fdstat_set_flags(sb.in(), 0, FD_NONBLOCK) == ESUCCESS);
  CHECK(wasiFlags(sb, 0) == FD_NONBLOCK);
  CHECK((hostFlags(in.read) & O_NONBLOCK) == 0); // the shell's reader still blocks
  std::string data;
  CHECK(sb.read(0, 16, &data) == EAGAIN_); // but the program does not
  REQUIRE(::write(in.write, "data", 4) == 4);
  REQUIRE(sb.read(0, 16, &data) == ESUCCESS);
  CHECK(data == "data");

  // Blocking again: a read waits for data.
  REQUIRE(wasmc_wasi_fd_fdstat_set_flags(sb.in(), 0, 0) == ESUCCESS);
  CHECK(wasiFlags(sb, 0) == 0);
  expectReadWaits(sb, in);
  CHECK((hostFlags(in.read) & O_NONBLOCK) == 0);
}

TEST_CASE("wasi stdio: a program that wants to block on a non-blocking stdin waits",
          "[wasi][stdio]") {
  Pipe in;
  REQUIRE(fcntl(in.read, F_SETFL, O_NONBLOCK) == 0);
  Options options;
  options.stdin_fd = in.read;
  Sandbox sb(options);
  CHECK(wasiFlags(sb, 0) == FD_NONBLOCK); // as found
  std::string data;
  CHECK(sb.read(0, 16, &data) == EAGAIN_);
  REQUIRE(wasmc_wasi_fd_fdstat_set_flags(sb.in(), 0, 0) == ESUCCESS);
  CHECK((hostFlags(in.read) & O_NONBLOCK) != 0); // left as found
  expectReadWaits(sb, in);
}

TEST_CASE("wasi stdio: NONBLOCK on a full stdout pipe gives EAGAIN, never a wait",
          "[wasi][stdio]") {
  Pipe out;
  Options options;
  options.stdout_fd = out.write;
  Sandbox sb(options);
  REQUIRE(wasmc_wasi_fd_fdstat_set_flags(sb.in(), 1, FD_NONBLOCK) == ESUCCESS);
  CHECK((hostFlags(out.write) & O_NONBLOCK) == 0);
  std::string chunk(65536, 'x');
  uint32_t written = 0;
  uint64_t total = 0;
  int32_t r;
  for (int i = 0; i < 1000 && (r = sb.write(1, {chunk}, &written)) == ESUCCESS; i++) {
    CHECK(written > 0);
    total += written;
    sb.heap = 4096; // reuse the guest memory
  }
  CHECK(r == EAGAIN_);
  CHECK(total > 0);
}

TEST_CASE("wasi stdio: APPEND on stdout is the program's alone", "[wasi][stdio]") {
  std::string dir = makeTempDir("wasi-stdio");
  std::string log = dir + "/log";
  writeHostFile(log, "start;");

  SECTION("a >> stdout keeps appending for the shell after the program cleared APPEND") {
    int shell = ::open(log.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    REQUIRE(shell >= 0);
    Options options;
    options.stdout_fd = shell;
    {
      Sandbox sb(options);
      REQUIRE(wasiFlags(sb, 1) == FD_APPEND);
      REQUIRE(wasmc_wasi_fd_fdstat_set_flags(sb.in(), 1, 0) == ESUCCESS);
      CHECK(wasiFlags(sb, 1) == 0);
      REQUIRE(sb.seek(1, 0, 0) == ESUCCESS);
    }
    CHECK((hostFlags(shell) & O_APPEND) != 0);
    REQUIRE(::write(shell, "shell;", 6) == 6);
    CHECK(readHostFile(log) == "start;shell;");
    close(shell);
  }
  SECTION("APPEND set by the program on a > stdout: its writes go to the end, the shell's not") {
    int shell = ::open(log.c_str(), O_WRONLY | O_CLOEXEC);
    REQUIRE(shell >= 0);
    Options options;
    options.stdout_fd = shell;
    {
      Sandbox sb(options);
      REQUIRE(wasiFlags(sb, 1) == 0);
      REQUIRE(wasmc_wasi_fd_fdstat_set_flags(sb.in(), 1, FD_APPEND) == ESUCCESS);
      CHECK(wasiFlags(sb, 1) == FD_APPEND);
      REQUIRE(sb.seek(1, 0, 0) == ESUCCESS);
      REQUIRE(sb.write(1, {"prog;"}) == ESUCCESS);
      CHECK(readHostFile(log) == "start;prog;");
    }
    CHECK((hostFlags(shell) & O_APPEND) == 0);
    REQUIRE(lseek(shell, 0, SEEK_SET) == 0);
    REQUIRE(::write(shell, "S", 1) == 1);
    CHECK(readHostFile(log) == "Start;prog;");
    close(shell);
  }
  removeTree(dir);
}

TEST_CASE("wasi stdio: files the program opens itself still get the host's flags",
          "[wasi][stdio]") {
  Sandbox sb;
  writeHostFile(sb.host("log"), "start;");
  uint32_t fd = sb.openOk("log", 0, RIGHTS_RW_FILE, FD_APPEND);
  REQUIRE(wasmc_wasi_fd_fdstat_set_flags(sb.in(), (int32_t)fd, 0) == ESUCCESS);
  CHECK(wasiFlags(sb, fd) == 0);
  REQUIRE(sb.seek(fd, 0, 0) == ESUCCESS);
  REQUIRE(sb.write(fd, {"S"}) == ESUCCESS);
  CHECK(readHostFile(sb.host("log")) == "Start;");
}
