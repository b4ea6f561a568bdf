// The sandbox: no path leaves its directory, nothing a module passes touches memory outside
// its linear memory, descriptors outside the table are EBADF. Expectations: the escape errno is
// EPERM (as Wasmtime gives; its preview1 interesting_paths test accepts nothing else; see
// wasi.h), ELOOP for symlink loops.
#include "wasi_test_support.h"

#include <atomic>
#include <stdio.h>
#include <thread>

using namespace wasi_test;

namespace {
// Every path function tried on `path`; each must fail with `expected` and nothing may appear
// outside the sandbox.
void expectRefusedEverywhere(Sandbox &sb, const std::string &path, int32_t expected) {
  INFO("path: " << path);
  uint32_t fd = 0;
  CHECK(sb.open(path, 0, RIGHT_FD_READ, FOLLOW, 0, &fd) == expected);
  CHECK(sb.open(path, OFLAG_CREAT, RIGHT_FD_WRITE, FOLLOW, 0, &fd) == expected);
  CHECK(sb.open(path, OFLAG_DIRECTORY, 0, FOLLOW, 0, &fd) == expected);
  CHECK(sb.stat(path, FOLLOW) == expected);
  CHECK(wasmc_wasi_path_filestat_set_times(sb.in(), 3, FOLLOW, (int32_t)sb.str(path),
                                           (int32_t)path.size(), 0, 0, 2) == expected);
}
} // namespace

TEST_CASE("wasi sandbox: absolute paths are refused", "[wasi][sandbox]") {
  Sandbox sb;
  writeHostFile(sb.host("file"), "inside");
  expectRefusedEverywhere(sb, "/etc/passwd", EPERM_);
  expectRefusedEverywhere(sb, "/file", EPERM_);
  expectRefusedEverywhere(sb, sb.host("file"), EPERM_);
  CHECK(sb.mkdir("/tmp/wasmc-escape") == EPERM_);
  CHECK(sb.unlink(sb.host("file")) == EPERM_);
  CHECK(sb.rmdir("/tmp") == EPERM_);
  CHECK(sb.symlink("x", sb.outside + "/link") == EPERM_);
  CHECK(sb.rename("file", sb.outside + "/stolen") == EPERM_);
  CHECK(sb.rename(sb.outside + "/x", "file") == EPERM_);
  CHECK(sb.link("file", sb.outside + "/hard") == EPERM_);
  std::string out;
  CHECK(sb.readlink("/proc/self/exe", 100, &out) == EPERM_);
  CHECK(readHostFile(sb.host("file")) == "inside");
  CHECK(readHostFile(sb.outside + "/stolen") == "<missing>");
}

TEST_CASE("wasi sandbox: .. never climbs above the directory", "[wasi][sandbox]") {
  Sandbox sb;
  writeHostFile(sb.outside + "/secret", "outside");
  const std::string up = "../" + sb.outside.substr(sb.outside.rfind('/') + 1) + "/secret";
  REQUIRE(mkdir(sb.host("a").c_str(), 0755) == 0);
  REQUIRE(mkdir(sb.host("a/b").c_str(), 0755) == 0);
  writeHostFile(sb.host("top"), "top");
  expectRefusedEverywhere(sb, "..", EPERM_);
  expectRefusedEverywhere(sb, "../", EPERM_);
  expectRefusedEverywhere(sb, up, EPERM_);
  expectRefusedEverywhere(sb, "a/../../secret", EPERM_);
  expectRefusedEverywhere(sb, "a/b/../../../" + up, EPERM_);
  expectRefusedEverywhere(sb, "./a/./b/.././../..", EPERM_);
  CHECK(sb.mkdir("a/../../made") == EPERM_);
  CHECK(sb.symlink("x", "../made") == EPERM_);
  CHECK(sb.rmdir("a/b/../../..") == EPERM_);
  CHECK(readHostFile(sb.outside + "/secret") == "outside");
  // Inside, .. is fine.
  uint32_t fd = 0;
  REQUIRE(sb.open("a/b/../../top", 0, RIGHT_FD_READ, FOLLOW, 0, &fd) == ESUCCESS);
  std::string data;
  REQUIRE(sb.read(fd, 10, &data) == ESUCCESS);
  CHECK(data == "top");
  CHECK(sb.open("a/.//b/../../a/b/..///../top", 0, RIGHT_FD_READ, FOLLOW, 0, &fd) == ESUCCESS);
  // A directory opened inside the sandbox is a sandbox of its own (as in Wasmtime/cap-std).
  uint32_t a = sb.openDir("a");
  CHECK(sb.open("../top", 0, RIGHT_FD_READ, FOLLOW, 0, &fd, 0, (int32_t)a) == EPERM_);
  CHECK(sb.open("b/../../top", 0, RIGHT_FD_READ, FOLLOW, 0, &fd, 0, (int32_t)a) == EPERM_);
  CHECK(sb.open("b/..", OFLAG_DIRECTORY, 0, FOLLOW, 0, &fd, 0, (int32_t)a) == ESUCCESS);
}

TEST_CASE("wasi sandbox: symlinks cannot lead out", "[wasi][sandbox]") {
  Sandbox sb;
  writeHostFile(sb.outside + "/secret", "outside");
  const std::string outside_name = sb.outside.substr(sb.outside.rfind('/') + 1);
  REQUIRE(mkdir(sb.host("sub").c_str(), 0755) == 0);
  REQUIRE(symlink("/etc", sb.host("etc").c_str()) == 0);
  REQUIRE(symlink("/etc/passwd", sb.host("passwd").c_str()) == 0);
  REQUIRE(symlink((sb.outside + "/secret").c_str(), sb.host("abs_secret").c_str()) == 0);
  REQUIRE(symlink("../..", sb.host("sub/upup").c_str()) == 0);
  REQUIRE(symlink("..", sb.host("sub/up").c_str()) == 0);
  REQUIRE(symlink(("../" + outside_name + "/secret").c_str(), sb.host("rel_secret").c_str()) ==
          0);
  REQUIRE(symlink("sub/up/sub/up/..", sb.host("sneaky").c_str()) == 0);
  writeHostFile(sb.host("inside"), "inside");

  expectRefusedEverywhere(sb, "etc", EPERM_);
  expectRefusedEverywhere(sb, "etc/passwd", EPERM_);
  expectRefusedEverywhere(sb, "etc/", EPERM_);
  expectRefusedEverywhere(sb, "passwd", EPERM_);
  expectRefusedEverywhere(sb, "abs_secret", EPERM_);
  expectRefusedEverywhere(sb, "rel_secret", EPERM_);
  expectRefusedEverywhere(sb, "sub/upup", EPERM_);
  expectRefusedEverywhere(sb, "sub/upup/" + outside_name + "/secret", EPERM_);
  expectRefusedEverywhere(sb, "sub/up/..", EPERM_);
  expectRefusedEverywhere(sb, "sneaky", EPERM_);
  expectRefusedEverywhere(sb, "sneaky/x", EPERM_);
  // Things that operate on the link itself still work: it is inside.
  uint8_t type = 0;
  CHECK(sb.stat("etc", 0, &type) == ESUCCESS);
  CHECK(type == FT_SYMLINK);
  std::string out;
  CHECK(sb.readlink("etc", 64, &out) == ESUCCESS);
  CHECK(out == "/etc");
  // Creating through an escaping symlink must not create outside.
  uint32_t fd = 0;
  REQUIRE(symlink((sb.outside + "/created").c_str(), sb.host("dangling_abs").c_str()) == 0);
  CHECK(sb.open("dangling_abs", OFLAG_CREAT, RIGHT_FD_WRITE, FOLLOW, 0, &fd) == EPERM_);
  CHECK(sb.mkdir("etc/wasmc-should-not-exist") == EPERM_);
  CHECK(sb.symlink("x", "etc/wasmc-should-not-exist") == EPERM_);
  CHECK(readHostFile(sb.outside + "/created") == "<missing>");
  // Path functions that do not follow the final component act on the link, inside.
  CHECK(sb.link("etc", "etc2") == ESUCCESS);
  CHECK(sb.link("etc", "etc3", FOLLOW) == EINVAL_); // following is refused before resolving
  CHECK(sb.rename("passwd", "renamed") == ESUCCESS);
  CHECK(sb.unlink("renamed") == ESUCCESS);
  CHECK(readHostFile(sb.outside + "/secret") == "outside");
  // Relative symlinks that stay inside work.
  REQUIRE(symlink("up/inside", sb.host("sub/in").c_str()) == 0);
  REQUIRE(sb.open("sub/in", 0, RIGHT_FD_READ, FOLLOW, 0, &fd) == ESUCCESS);
  std::string data;
  REQUIRE(sb.read(fd, 10, &data) == ESUCCESS);
  CHECK(data == "inside");
  CHECK(sb.stat("sub/up/sub/up/inside", FOLLOW) == ESUCCESS);
}

TEST_CASE("wasi sandbox: symlink loops end in ELOOP", "[wasi][sandbox]") {
  Sandbox sb;
  REQUIRE(symlink("self", sb.host("self").c_str()) == 0);
  REQUIRE(symlink("b", sb.host("a").c_str()) == 0);
  REQUIRE(symlink("a", sb.host("b").c_str()) == 0);
  REQUIRE(symlink("loopdir/x", sb.host("loopdir").c_str()) == 0);
  expectRefusedEverywhere(sb, "self", ELOOP_);
  expectRefusedEverywhere(sb, "a", ELOOP_);
  expectRefusedEverywhere(sb, "a/file", ELOOP_);
  expectRefusedEverywhere(sb, "loopdir", ELOOP_);
  uint32_t fd = 0;
  CHECK(sb.open("self", 0, RIGHT_FD_READ, 0, 0, &fd) == ELOOP_); // O_NOFOLLOW on a symlink
  // A chain of 32 links resolves; 33 do not.
  writeHostFile(sb.host("end"), "end");
  std::string previous = "end";
  for (int i = 1; i <= 33; i++) {
    std::string name = "chain" + std::to_string(i);
    REQUIRE(symlink(previous.c_str(), sb.host(name).c_str()) == 0);
    previous = name;
  }
  CHECK(sb.stat("chain32", FOLLOW) == ESUCCESS);
  CHECK(sb.stat("chain33", FOLLOW) == ELOOP_);
  CHECK(sb.stat("chain33", 0) == ESUCCESS);
}

TEST_CASE("wasi sandbox: a directory moved during resolution does not open a way out",
          "[wasi][sandbox]") {
  // The classic race: resolve "d1/d2/../../x" while d2 moves between root/d1/d2 and
  // outside/deep/d2. Were `..` resolved by the kernel it would sometimes reach outside/x. The
  // resolver pops its own stack of directory descriptors instead, so the answer is always the
  // x inside (or ENOENT while d2 is away).
  Sandbox sb;
  REQUIRE(mkdir(sb.host("d1").c_str(), 0755) == 0);
  REQUIRE(mkdir(sb.host("d1/d2").c_str(), 0755) == 0);
  REQUIRE(mkdir((sb.outside + "/deep").c_str(), 0755) == 0);
  writeHostFile(sb.host("x"), "inside");
  writeHostFile(sb.outside + "/x", "OUTSIDE");
  const std::string in = sb.host("d1/d2"), out = sb.outside + "/deep/d2";
  std::atomic<bool> stop{false};
  std::thread mover([&] {
    for (int i = 0; !stop.load() && i < 200000; i++) {
      rename(in.c_str(), out.c_str());
      rename(out.c_str(), in.c_str());
    }
  });
  int inside = 0, outside_hits = 0;
  // Until some opens succeeded while d2 raced (on a loaded machine the mover may keep it away
  // for a long time), within a bound.
  for (int i = 0; i < 30000 && (i < 3000 || inside < 20); i++) {
    uint32_t fd = 0;
    if (sb.open("d1/d2/../../x", 0, RIGHT_FD_READ, FOLLOW, 0, &fd) != ESUCCESS) continue;
    std::string data;
    REQUIRE(sb.read(fd, 16, &data) == ESUCCESS);
    wasmc_wasi_fd_close(sb.in(), (int32_t)fd);
    if (data == "inside") inside++;
    else outside_hits++;
  }
  stop = true;
  mover.join();
  CHECK(outside_hits == 0);
  // The mover always puts d2 back: with it still, the path resolves to the x inside.
  {
    uint32_t fd = 0;
    REQUIRE(sb.open("d1/d2/../../x", 0, RIGHT_FD_READ, FOLLOW, 0, &fd) == ESUCCESS);
    std::string data;
    REQUIRE(sb.read(fd, 16, &data) == ESUCCESS);
    CHECK(data == "inside");
    wasmc_wasi_fd_close(sb.in(), (int32_t)fd);
  }

  // Deterministic form: an opened directory moved out of the pre-open is still its own root,
  // and `..` from it is refused rather than reaching its new parent.
  rename(out.c_str(), in.c_str());
  uint32_t d2 = sb.openDir("d1/d2");
  REQUIRE(rename(in.c_str(), out.c_str()) == 0);
  uint32_t fd = 0;
  CHECK(sb.open("../../x", 0, RIGHT_FD_READ, FOLLOW, 0, &fd, 0, (int32_t)d2) == EPERM_);
  CHECK(sb.open("../x", 0, RIGHT_FD_READ, FOLLOW, 0, &fd, 0, (int32_t)d2) == EPERM_);
}

TEST_CASE("wasi sandbox: pointers and lengths are checked against the memory", "[wasi][sandbox]") {
  Sandbox sb;
  const uint32_t size = Sandbox::kMemorySize;
  uint32_t fd = sb.openOk("file", OFLAG_CREAT);
  REQUIRE(sb.write(fd, {"0123456789"}) == ESUCCESS);
  REQUIRE(sb.seek(fd, 0, 0) == ESUCCESS);

  SECTION("result pointers") {
    CHECK(wasmc_wasi_fd_tell(sb.in(), (int32_t)fd, (int32_t)(size - 7)) == EFAULT_);
    CHECK(wasmc_wasi_fd_tell(sb.in(), (int32_t)fd, (int32_t)(size - 8)) == ESUCCESS);
    CHECK(wasmc_wasi_fd_tell(sb.in(), (int32_t)fd, -1) == EFAULT_);
    CHECK(wasmc_wasi_fd_fdstat_get(sb.in(), (int32_t)fd, (int32_t)(size - 23)) == EFAULT_);
    CHECK(wasmc_wasi_fd_filestat_get(sb.in(), (int32_t)fd, (int32_t)(size - 63)) == EFAULT_);
    CHECK(wasmc_wasi_unstable_fd_filestat_get(sb.in(), (int32_t)fd, (int32_t)(size - 56)) == 0);
    CHECK(wasmc_wasi_fd_prestat_get(sb.in(), 3, (int32_t)(size - 4)) == EFAULT_);
    CHECK(wasmc_wasi_clock_time_get(sb.in(), 0, 0, (int32_t)(size - 4)) == EFAULT_);
    CHECK(wasmc_wasi_clock_res_get(sb.in(), 1, (int32_t)size) == EFAULT_);
    CHECK(wasmc_wasi_args_sizes_get(sb.in(), (int32_t)size, 0) == EFAULT_);
    CHECK(wasmc_wasi_environ_sizes_get(sb.in(), 0, (int32_t)(size - 2)) == EFAULT_);
    CHECK(wasmc_wasi_args_get(sb.in(), (int32_t)(size - 2), 0) == EFAULT_);
    CHECK(wasmc_wasi_args_get(sb.in(), 0, (int32_t)(size - 2)) == EFAULT_);
    uint32_t p = sb.str("file");
    CHECK(wasmc_wasi_path_open(sb.in(), 3, 0, (int32_t)p, 4, 0, 0, 0, 0, (int32_t)(size - 1)) ==
          EFAULT_);
    CHECK(wasmc_wasi_path_filestat_get(sb.in(), 3, 0, (int32_t)p, 4, (int32_t)(size - 32)) ==
          EFAULT_);
    CHECK(wasmc_wasi_path_readlink(sb.in(), 3, (int32_t)p, 4, 0, 8, (int32_t)(size - 3)) ==
          EFAULT_);
    CHECK(wasmc_wasi_fd_seek(sb.in(), (int32_t)fd, 0, 0, (int32_t)(size - 4)) == EFAULT_);
    // A failed read must not have consumed input.
    CHECK(wasmc_wasi_fd_read(sb.in(), (int32_t)fd, (int32_t)sb.buffers({4}), 1,
                             (int32_t)(size - 2)) == EFAULT_);
    std::string data;
    REQUIRE(sb.read(fd, 4, &data) == ESUCCESS);
    CHECK(data == "0123");
  }
  SECTION("buffers") {
    CHECK(wasmc_wasi_random_get(sb.in(), (int32_t)(size - 10), 11) == EFAULT_);
    CHECK(wasmc_wasi_random_get(sb.in(), (int32_t)(size - 10), 10) == ESUCCESS);
    CHECK(wasmc_wasi_random_get(sb.in(), -1, 2) == EFAULT_);          // wraps in 32 bits
    CHECK(wasmc_wasi_random_get(sb.in(), 16, -1) == EFAULT_);         // 4 GiB
    CHECK(wasmc_wasi_random_get(sb.in(), (int32_t)size, 0) == ESUCCESS); // empty at the end
    CHECK(wasmc_wasi_random_get(sb.in(), (int32_t)size + 1, 0) == EFAULT_);
    CHECK(wasmc_wasi_fd_prestat_dir_name(sb.in(), 3, (int32_t)(size - 4), 8) == EFAULT_);
    CHECK(wasmc_wasi_fd_readdir(sb.in(), 3, (int32_t)(size - 100), 200, 0, 0) == EFAULT_);
    CHECK(wasmc_wasi_fd_readdir(sb.in(), 3, 0, -1, 0, 0) == EFAULT_);
    CHECK(wasmc_wasi_path_readlink(sb.in(), 3, (int32_t)sb.str("x"), 1, (int32_t)(size - 4), 5,
                                   0) == EFAULT_);
  }
  SECTION("strings") {
    uint32_t fdout = sb.alloc(4);
    CHECK(wasmc_wasi_path_open(sb.in(), 3, 0, (int32_t)(size - 2), 3, 0, 0, 0, 0,
                               (int32_t)fdout) == EFAULT_);
    CHECK(wasmc_wasi_path_open(sb.in(), 3, 0, -2, 4, 0, 0, 0, 0, (int32_t)fdout) == EFAULT_);
    CHECK(wasmc_wasi_path_open(sb.in(), 3, 0, 16, -1, 0, 0, 0, 0, (int32_t)fdout) == EFAULT_);
    // Inside the memory but huge: too long, not a huge allocation.
    CHECK(wasmc_wasi_path_open(sb.in(), 3, 0, 0, (int32_t)(size - 1), 0, 0, 0, 0,
                               (int32_t)fdout) == ENAMETOOLONG_);
    CHECK(wasmc_wasi_path_create_directory(sb.in(), 3, (int32_t)size, 1) == EFAULT_);
    CHECK(wasmc_wasi_path_symlink(sb.in(), (int32_t)(size - 1), 5, 3, (int32_t)sb.str("l"), 1) ==
          EFAULT_);
    CHECK(wasmc_wasi_path_rename(sb.in(), 3, (int32_t)sb.str("file"), 4, 3, (int32_t)size, 4) ==
          EFAULT_);
    CHECK(wasmc_wasi_path_link(sb.in(), 3, 0, -8, 8, 3, (int32_t)sb.str("l"), 1) == EFAULT_);
    CHECK(readHostFile(sb.host("file")) == "0123456789");
  }
  SECTION("iovec arrays") {
    uint32_t n = sb.alloc(4);
    // The array itself past the end, or wrapping.
    CHECK(wasmc_wasi_fd_write(sb.in(), (int32_t)fd, (int32_t)(size - 8), 2, (int32_t)n) ==
          EFAULT_);
    CHECK(wasmc_wasi_fd_write(sb.in(), (int32_t)fd, 16, 0x20000000, (int32_t)n) == EFAULT_);
    CHECK(wasmc_wasi_fd_write(sb.in(), (int32_t)fd, -8, 2, (int32_t)n) == EFAULT_);
    // A buffer past the end, wrapping, or 4 GiB long.
    uint32_t array = sb.alloc(24);
    uint32_t data = sb.str("abcd");
    sb.setU32(array, data);
    sb.setU32(array + 4, 4);
    sb.setU32(array + 8, size - 2);
    sb.setU32(array + 12, 3);
    CHECK(wasmc_wasi_fd_write(sb.in(), (int32_t)fd, (int32_t)array, 2, (int32_t)n) == EFAULT_);
    sb.setU32(array + 8, 0xFFFFFFF0u);
    sb.setU32(array + 12, 0x20);
    CHECK(wasmc_wasi_fd_read(sb.in(), (int32_t)fd, (int32_t)array, 2, (int32_t)n) == EFAULT_);
    sb.setU32(array + 8, 0);
    sb.setU32(array + 12, 0xFFFFFFFFu);
    CHECK(wasmc_wasi_fd_pread(sb.in(), (int32_t)fd, (int32_t)array, 2, 0, (int32_t)n) == EFAULT_);
    CHECK(wasmc_wasi_sock_send(sb.in(), (int32_t)fd, (int32_t)array, 2, 0, (int32_t)n) ==
          ENOTSOCK_);
    // Nothing was written by the refused calls.
    CHECK(readHostFile(sb.host("file")) == "0123456789");
    // Overlapping iovecs, and many of them (more than IOV_MAX), are fine.
    uint32_t many = sb.alloc(8 * 5000);
    uint32_t target = sb.alloc(16);
    for (uint32_t i = 0; i < 5000; i++) {
      sb.setU32(many + 8 * i, target + (i % 3));
      sb.setU32(many + 8 * i + 4, 2);
    }
    REQUIRE(sb.seek(fd, 0, 0) == ESUCCESS);
    REQUIRE(wasmc_wasi_fd_read(sb.in(), (int32_t)fd, (int32_t)many, 5000, (int32_t)n) == 0);
    CHECK(sb.u32(n) == 10); // the whole file, spread over overlapping buffers
    REQUIRE(wasmc_wasi_fd_write(sb.in(), (int32_t)fd, (int32_t)many, 5000, (int32_t)n) == 0);
    CHECK(sb.u32(n) > 0);
    CHECK(sb.u32(n) <= 2 * 1024);
  }
  SECTION("poll_oneoff arrays") {
    uint32_t n = sb.alloc(4);
    CHECK(wasmc_wasi_poll_oneoff(sb.in(), (int32_t)(size - 47), 0, 1, (int32_t)n) == EFAULT_);
    CHECK(wasmc_wasi_poll_oneoff(sb.in(), 0, (int32_t)(size - 31), 1, (int32_t)n) == EFAULT_);
    CHECK(wasmc_wasi_poll_oneoff(sb.in(), 0, 0, 0x10000000, (int32_t)n) == EFAULT_);
    CHECK(wasmc_wasi_poll_oneoff(sb.in(), 0, 0, -1, (int32_t)n) == EFAULT_);
    CHECK(wasmc_wasi_poll_oneoff(sb.in(), 0, 0, 1, (int32_t)size) == EFAULT_);
    CHECK(wasmc_wasi_unstable_poll_oneoff(sb.in(), (int32_t)(size - 55), 0, 1, (int32_t)n) ==
          EFAULT_);
  }
  SECTION("the memory's current size counts, not its allocation") {
    sb.memory.size = 65536; // as if the module had one page
    CHECK(wasmc_wasi_random_get(sb.in(), 65530, 7) == EFAULT_);
    CHECK(wasmc_wasi_random_get(sb.in(), 65530, 6) == ESUCCESS);
    sb.memory.size = 2 * 65536; // memory.grow between calls
    CHECK(wasmc_wasi_random_get(sb.in(), 65530, 7) == ESUCCESS);
    sb.memory.size = Sandbox::kMemorySize;
  }
  CHECK(sb.canaryIntact());
}

TEST_CASE("wasi sandbox: a module without memory gets EFAULT", "[wasi][sandbox]") {
  Options options;
  options.with_memory = false;
  Sandbox sb(options);
  CHECK(wasmc_wasi_args_sizes_get(sb.in(), 0, 4) == EFAULT_);
  CHECK(wasmc_wasi_args_get(sb.in(), 0, 0) == EFAULT_);
  CHECK(wasmc_wasi_environ_get(sb.in(), 0, 0) == EFAULT_);
  CHECK(wasmc_wasi_clock_time_get(sb.in(), 0, 0, 0) == EFAULT_);
  CHECK(wasmc_wasi_random_get(sb.in(), 0, 0) == EFAULT_);
  CHECK(wasmc_wasi_fd_write(sb.in(), 1, 0, 0, 0) == EFAULT_);
  CHECK(wasmc_wasi_fd_fdstat_get(sb.in(), 3, 0) == EFAULT_);
  CHECK(wasmc_wasi_path_open(sb.in(), 3, 0, 0, 1, 0, 0, 0, 0, 0) == EFAULT_);
  CHECK(wasmc_wasi_path_create_directory(sb.in(), 3, 0, 1) == EFAULT_);
  CHECK(wasmc_wasi_poll_oneoff(sb.in(), 0, 0, 1, 0) == EFAULT_);
  CHECK(wasmc_wasi_fd_prestat_get(sb.in(), 3, 0) == EFAULT_);
  // Functions without pointers still work.
  CHECK(wasmc_wasi_sched_yield(sb.in()) == ESUCCESS);
  CHECK(wasmc_wasi_fd_filestat_set_times(sb.in(), 3, 0, 0, 0) == ESUCCESS);
  CHECK(wasmc_wasi_fd_close(sb.in(), 3) == ESUCCESS);
  // Memory without a memories array is no memory either.
  wasmc_instance odd{};
  odd.memory_base = sb.block;
  odd.wasi = sb.ctx;
  CHECK(wasmc_wasi_random_get(&odd, 0, 1) == EFAULT_);
}

TEST_CASE("wasi sandbox: descriptors outside the table are EBADF", "[wasi][sandbox]") {
  Sandbox sb;
  uint32_t buf = sb.alloc(64);
  for (int32_t fd : {-1, 4, 5, 1000, 0x7fffffff, INT32_MIN, 1 << 20}) {
    INFO("fd " << fd);
    CHECK(wasmc_wasi_fd_close(sb.in(), fd) == EBADF_);
    CHECK(wasmc_wasi_fd_fdstat_get(sb.in(), fd, (int32_t)buf) == EBADF_);
    CHECK(wasmc_wasi_fd_filestat_get(sb.in(), fd, (int32_t)buf) == EBADF_);
    CHECK(wasmc_wasi_fd_read(sb.in(), fd, (int32_t)sb.buffers({4}), 1, (int32_t)buf) == EBADF_);
    CHECK(wasmc_wasi_fd_write(sb.in(), fd, (int32_t)sb.iovs({"x"}), 1, (int32_t)buf) == EBADF_);
    CHECK(wasmc_wasi_fd_seek(sb.in(), fd, 0, 0, (int32_t)buf) == EBADF_);
    CHECK(wasmc_wasi_fd_tell(sb.in(), fd, (int32_t)buf) == EBADF_);
    CHECK(wasmc_wasi_fd_readdir(sb.in(), fd, (int32_t)buf, 64, 0, (int32_t)buf) == EBADF_);
    CHECK(wasmc_wasi_fd_renumber(sb.in(), fd, 3) == EBADF_);
    CHECK(wasmc_wasi_fd_renumber(sb.in(), 3, fd) == EBADF_);
    CHECK(wasmc_wasi_fd_prestat_get(sb.in(), fd, (int32_t)buf) == EBADF_);
    CHECK(wasmc_wasi_fd_advise(sb.in(), fd, 0, 0, 0) == EBADF_);
    CHECK(wasmc_wasi_fd_allocate(sb.in(), fd, 0, 1) == EBADF_);
    CHECK(wasmc_wasi_fd_datasync(sb.in(), fd) == EBADF_);
    CHECK(wasmc_wasi_fd_fdstat_set_flags(sb.in(), fd, 0) == EBADF_);
    CHECK(wasmc_wasi_fd_filestat_set_size(sb.in(), fd, 0) == EBADF_);
    CHECK(wasmc_wasi_fd_filestat_set_times(sb.in(), fd, 0, 0, 2) == EBADF_);
    CHECK(wasmc_wasi_path_create_directory(sb.in(), fd, (int32_t)sb.str("d"), 1) == EBADF_);
    CHECK(wasmc_wasi_path_open(sb.in(), fd, 0, (int32_t)sb.str("d"), 1, 0, 0, 0, 0,
                               (int32_t)buf) == EBADF_);
    CHECK(wasmc_wasi_sock_accept(sb.in(), fd, 0, (int32_t)buf) == EBADF_);
    CHECK(wasmc_wasi_sock_shutdown(sb.in(), fd, 3) == EBADF_);
  }
  CHECK(sb.canaryIntact());
}
