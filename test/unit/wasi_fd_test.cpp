// The WASI shim's fd_* functions, called directly, with expectations from the preview1 witx
// (and Wasmtime's behaviour where the witx leaves a choice).
#include "wasi_test_support.h"

#include <set>
#include <sys/stat.h>

using namespace wasi_test;

TEST_CASE("wasi: the descriptor table holds stdio, then the pre-opened directory", "[wasi]") {
  Sandbox sb;
  uint8_t type = 0;
  uint64_t base = 0, inheriting = 0;
  for (uint32_t fd = 0; fd < 3; fd++) {
    struct stat st;
    if (fstat((int)fd, &st) != 0) continue; // the test runner may have closed one
    CHECK(sb.fdstat(fd, &type) == ESUCCESS);
  }
  REQUIRE(sb.fdstat(3, &type, nullptr, &base, &inheriting) == ESUCCESS);
  CHECK(type == FT_DIR);
  CHECK((base & RIGHT_PATH_OPEN) != 0);
  CHECK((inheriting & RIGHT_FD_WRITE) != 0);
  CHECK(sb.fdstat(4, &type) == EBADF_);

  uint32_t prestat = sb.alloc(8);
  REQUIRE(wasmc_wasi_fd_prestat_get(sb.in(), 3, (int32_t)prestat) == ESUCCESS);
  CHECK(sb.at(prestat)[0] == 0); // preopentype::dir
  CHECK(sb.u32(prestat + 4) == strlen("/sandbox"));
  uint32_t name = sb.alloc(16);
  REQUIRE(wasmc_wasi_fd_prestat_dir_name(sb.in(), 3, (int32_t)name, 8) == ESUCCESS);
  CHECK(sb.bytes(name, 8) == "/sandbox");
  CHECK(wasmc_wasi_fd_prestat_dir_name(sb.in(), 3, (int32_t)name, 7) == ENAMETOOLONG_);
  CHECK(wasmc_wasi_fd_prestat_get(sb.in(), 1, (int32_t)prestat) == EBADF_);
  CHECK(wasmc_wasi_fd_prestat_get(sb.in(), 4, (int32_t)prestat) == EBADF_);
  CHECK(wasmc_wasi_fd_prestat_dir_name(sb.in(), 4, (int32_t)name, 8) == EBADF_);
  // An opened (not pre-opened) directory has no prestat.
  sb.mkdir("sub");
  uint32_t sub = sb.openDir("sub");
  CHECK(wasmc_wasi_fd_prestat_get(sb.in(), (int32_t)sub, (int32_t)prestat) == EBADF_);
}

TEST_CASE("wasi: stdio maps to the configured host descriptors", "[wasi]") {
  int pipefd[2];
  REQUIRE(pipe(pipefd) == 0);
  Options options;
  options.stdout_fd = pipefd[1];
  options.stdin_fd = -1; // no stdin at all
  {
    Sandbox sb(options);
    uint32_t written;
    REQUIRE(sb.write(1, {"hello ", "world\n"}, &written) == ESUCCESS);
    CHECK(written == 12);
    char buf[32] = {};
    CHECK(::read(pipefd[0], buf, sizeof buf) == 12);
    CHECK(std::string(buf) == "hello world\n");
    uint8_t type = 0;
    CHECK(sb.fdstat(0, &type) == EBADF_);
    CHECK(sb.fdstat(1, &type) == ESUCCESS);
    CHECK(type == FT_UNKNOWN); // a pipe, as Wasmtime reports it
    // fd_close on stdio forgets the descriptor but leaves the host's open.
    CHECK(wasmc_wasi_fd_close(sb.in(), 1) == ESUCCESS);
    CHECK(sb.write(1, {"x"}) == EBADF_);
  }
  CHECK(fcntl(pipefd[1], F_GETFD) != -1);
  close(pipefd[0]);
  close(pipefd[1]);
}

TEST_CASE("wasi: fd_write, fd_read, fd_seek, fd_tell, fd_pread, fd_pwrite", "[wasi]") {
  Sandbox sb;
  uint32_t fd = sb.openOk("file", OFLAG_CREAT);
  CHECK(fd == 4);
  uint32_t written;
  REQUIRE(sb.write(fd, {"abc", "", "defgh"}, &written) == ESUCCESS);
  CHECK(written == 8);
  CHECK(readHostFile(sb.host("file")) == "abcdefgh");

  uint64_t pos = 0;
  uint32_t tell = sb.alloc(8);
  REQUIRE(wasmc_wasi_fd_tell(sb.in(), (int32_t)fd, (int32_t)tell) == ESUCCESS);
  CHECK(sb.u64(tell) == 8);
  REQUIRE(sb.seek(fd, 2, 0 /* set */, &pos) == ESUCCESS);
  CHECK(pos == 2);
  std::string data;
  REQUIRE(sb.read(fd, 3, &data) == ESUCCESS);
  CHECK(data == "cde");
  REQUIRE(sb.seek(fd, -1, 1 /* cur */, &pos) == ESUCCESS);
  CHECK(pos == 4);
  REQUIRE(sb.seek(fd, -2, 2 /* end */, &pos) == ESUCCESS);
  CHECK(pos == 6);
  CHECK(sb.seek(fd, -100, 1) == EINVAL_);
  CHECK(sb.seek(fd, 0, 3) == EINVAL_);
  REQUIRE(sb.read(fd, 100, &data) == ESUCCESS);
  CHECK(data == "gh");
  REQUIRE(sb.read(fd, 100, &data) == ESUCCESS); // end of file: 0 bytes
  CHECK(data.empty());

  // Scatter read into several buffers.
  REQUIRE(sb.seek(fd, 0, 0) == ESUCCESS);
  uint32_t array = sb.buffers({2, 0, 3});
  uint32_t nread = sb.alloc(4);
  REQUIRE(wasmc_wasi_fd_read(sb.in(), (int32_t)fd, (int32_t)array, 3, (int32_t)nread) == 0);
  CHECK(sb.u32(nread) == 5);
  CHECK(sb.bytes(sb.u32(array), 2) == "ab");
  CHECK(sb.bytes(sb.u32(array + 16), 3) == "cde");

  // pread/pwrite leave the offset alone.
  REQUIRE(sb.seek(fd, 1, 0) == ESUCCESS);
  uint32_t out = sb.alloc(4);
  REQUIRE(wasmc_wasi_fd_pwrite(sb.in(), (int32_t)fd, (int32_t)sb.iovs({"XY"}), 1, 10,
                               (int32_t)out) == ESUCCESS);
  CHECK(sb.u32(out) == 2);
  CHECK(readHostFile(sb.host("file")) == std::string("abcdefgh\0\0XY", 12));
  uint32_t bufs = sb.buffers({4});
  REQUIRE(wasmc_wasi_fd_pread(sb.in(), (int32_t)fd, (int32_t)bufs, 1, 6, (int32_t)out) == 0);
  CHECK(sb.u32(out) == 4);
  CHECK(sb.bytes(sb.u32(bufs), 4) == std::string("gh\0\0", 4));
  REQUIRE(wasmc_wasi_fd_tell(sb.in(), (int32_t)fd, (int32_t)tell) == ESUCCESS);
  CHECK(sb.u64(tell) == 1);
  CHECK(wasmc_wasi_fd_pread(sb.in(), (int32_t)fd, (int32_t)bufs, 1, -1, (int32_t)out) ==
        EINVAL_);
  CHECK(wasmc_wasi_fd_close(sb.in(), (int32_t)fd) == ESUCCESS);
  CHECK(wasmc_wasi_fd_close(sb.in(), (int32_t)fd) == EBADF_);
}

TEST_CASE("wasi: fd_seek and fd_pread on pipes give ESPIPE", "[wasi]") {
  int pipefd[2];
  REQUIRE(pipe(pipefd) == 0);
  Options options;
  options.stdin_fd = pipefd[0];
  Sandbox sb(options);
  CHECK(sb.seek(0, 0, 1) == ESPIPE_);
  uint32_t out = sb.alloc(4);
  CHECK(wasmc_wasi_fd_pread(sb.in(), 0, (int32_t)sb.buffers({4}), 1, 0, (int32_t)out) ==
        ESPIPE_);
  REQUIRE(::write(pipefd[1], "xyz", 3) == 3);
  std::string data;
  REQUIRE(sb.read(0, 10, &data) == ESUCCESS);
  CHECK(data == "xyz");
  close(pipefd[0]);
  close(pipefd[1]);
}

TEST_CASE("wasi: wasi_unstable fd_seek numbers whence CUR=0 END=1 SET=2", "[wasi]") {
  Sandbox sb;
  writeHostFile(sb.host("f"), "0123456789");
  uint32_t fd = sb.openOk("f");
  uint32_t pos = sb.alloc(8);
  REQUIRE(wasmc_wasi_unstable_fd_seek(sb.in(), (int32_t)fd, 3, 2 /* SET */, (int32_t)pos) == 0);
  CHECK(sb.u64(pos) == 3);
  REQUIRE(wasmc_wasi_unstable_fd_seek(sb.in(), (int32_t)fd, 2, 0 /* CUR */, (int32_t)pos) == 0);
  CHECK(sb.u64(pos) == 5);
  REQUIRE(wasmc_wasi_unstable_fd_seek(sb.in(), (int32_t)fd, -1, 1 /* END */, (int32_t)pos) == 0);
  CHECK(sb.u64(pos) == 9);
  CHECK(wasmc_wasi_unstable_fd_seek(sb.in(), (int32_t)fd, 0, 3, (int32_t)pos) == EINVAL_);
}

// Rights follow Wasmtime's model (its preview1 tests depend on it): the rights asked of
// path_open choose read and write access, and the descriptor gets the other rights the
// directory passes on; an fd_* operation without its right is EBADF.
TEST_CASE("wasi: rights are enforced and only shrink", "[wasi]") {
  Sandbox sb;
  writeHostFile(sb.host("f"), "content");
  SECTION("a descriptor opened without fd_write cannot write") {
    uint32_t fd = sb.openOk("f", 0, RIGHT_FD_READ);
    CHECK(sb.write(fd, {"x"}) == EBADF_);
    CHECK(wasmc_wasi_fd_pwrite(sb.in(), (int32_t)fd, (int32_t)sb.iovs({"x"}), 1, 0,
                               (int32_t)sb.alloc(4)) == EBADF_);
    CHECK(wasmc_wasi_fd_filestat_set_size(sb.in(), (int32_t)fd, 0) == EBADF_);
    uint64_t base = 0;
    REQUIRE(sb.fdstat(fd, nullptr, nullptr, &base) == ESUCCESS);
    CHECK(base == (RIGHTS_RW_FILE & ~(RIGHT_FD_WRITE | RIGHT_FD_ALLOCATE |
                                      RIGHT_FD_FILESTAT_SET_SIZE)));
    CHECK(sb.seek(fd, 0, 0) == ESUCCESS); // the other rights of a file, as Wasmtime
    std::string data;
    CHECK(sb.read(fd, 3, &data) == ESUCCESS);
    CHECK(readHostFile(sb.host("f")) == "content");
  }
  SECTION("a descriptor opened without fd_read cannot read") {
    uint32_t fd = sb.openOk("f", 0, RIGHT_FD_WRITE);
    std::string data;
    CHECK(sb.read(fd, 3, &data) == EBADF_);
    CHECK(wasmc_wasi_fd_pread(sb.in(), (int32_t)fd, (int32_t)sb.iovs({"xxx"}), 1, 0,
                              (int32_t)sb.alloc(4)) == EBADF_);
    CHECK(sb.write(fd, {"C"}) == ESUCCESS);
    CHECK(readHostFile(sb.host("f")) == "Content");
  }
  SECTION("a directory opened with no rights gets those its parent passes on") {
    uint32_t dir = 0;
    REQUIRE(sb.open(".", OFLAG_DIRECTORY, 0, 0, 0, &dir) == ESUCCESS);
    uint64_t base = 0, inheriting = 0, pre_base = 0, pre_inheriting = 0;
    REQUIRE(sb.fdstat(dir, nullptr, nullptr, &base, &inheriting) == ESUCCESS);
    REQUIRE(sb.fdstat(3, nullptr, nullptr, &pre_base, &pre_inheriting) == ESUCCESS);
    CHECK(base == pre_base);
    CHECK(inheriting == pre_inheriting);
    CHECK(sb.mkdir("made", (int32_t)dir) == ESUCCESS);
  }
  SECTION("fd_fdstat_set_rights removes rights and cannot add them back") {
    uint32_t fd = sb.openOk("f", 0, RIGHTS_RW_FILE);
    uint64_t base = 0;
    REQUIRE(sb.fdstat(fd, nullptr, nullptr, &base) == ESUCCESS);
    CHECK(base == RIGHTS_RW_FILE);
    REQUIRE(wasmc_wasi_fd_fdstat_set_rights(sb.in(), (int32_t)fd,
                                            (int64_t)(RIGHTS_RW_FILE & ~RIGHT_FD_READ), 0) == 0);
    std::string data;
    CHECK(sb.read(fd, 3, &data) == EBADF_);
    CHECK(wasmc_wasi_fd_fdstat_set_rights(sb.in(), (int32_t)fd, (int64_t)RIGHTS_RW_FILE, 0) ==
          ENOTCAPABLE_);
    CHECK(wasmc_wasi_fd_fdstat_set_rights(sb.in(), (int32_t)fd, 0, 1) == ENOTCAPABLE_);
    REQUIRE(sb.fdstat(fd, nullptr, nullptr, &base) == ESUCCESS);
    CHECK(base == (RIGHTS_RW_FILE & ~RIGHT_FD_READ));
    CHECK(wasmc_wasi_fd_fdstat_set_rights(sb.in(), 99, 0, 0) == EBADF_);
  }
  SECTION("path_open is limited by the directory's inheriting rights") {
    uint64_t base = 0, inheriting = 0;
    REQUIRE(sb.fdstat(3, nullptr, nullptr, &base, &inheriting) == ESUCCESS);
    REQUIRE(wasmc_wasi_fd_fdstat_set_rights(sb.in(), 3, (int64_t)base,
                                            (int64_t)(inheriting & ~RIGHT_FD_WRITE)) == 0);
    uint32_t fd = 0;
    CHECK(sb.open("f", 0, RIGHT_FD_WRITE, FOLLOW, 0, &fd) == ENOTCAPABLE_);
    CHECK(sb.open("f", 0, RIGHT_FD_READ, FOLLOW, 0, &fd) == ESUCCESS);
    // A directory without path_open cannot open anything.
    REQUIRE(wasmc_wasi_fd_fdstat_set_rights(sb.in(), 3, (int64_t)(base & ~RIGHT_PATH_OPEN),
                                            (int64_t)(inheriting & ~RIGHT_FD_WRITE)) == 0);
    CHECK(sb.open("f", 0, RIGHT_FD_READ, FOLLOW, 0, &fd) == ENOTCAPABLE_);
  }
  SECTION("creating needs path_create_file") {
    uint64_t base = 0, inheriting = 0;
    REQUIRE(sb.fdstat(3, nullptr, nullptr, &base, &inheriting) == ESUCCESS);
    REQUIRE(wasmc_wasi_fd_fdstat_set_rights(
                sb.in(), 3, (int64_t)(base & ~RIGHT_PATH_CREATE_FILE), (int64_t)inheriting) == 0);
    uint32_t fd = 0;
    CHECK(sb.open("new", OFLAG_CREAT, RIGHT_FD_WRITE, FOLLOW, 0, &fd) == ENOTCAPABLE_);
    CHECK(sb.mkdir("d") == ESUCCESS);
  }
  SECTION("a file's rights are limited to those that apply to files") {
    uint32_t fd = 0;
    REQUIRE(sb.open("f", 0, ALL_RIGHTS & ~(RIGHT_FD_WRITE | RIGHT_FD_DATASYNC |
                                            RIGHT_FD_ALLOCATE | RIGHT_FD_FILESTAT_SET_SIZE),
                    FOLLOW, 0, &fd) == ESUCCESS);
    uint64_t base = 0;
    REQUIRE(sb.fdstat(fd, nullptr, nullptr, &base) == ESUCCESS);
    CHECK((base & RIGHT_PATH_OPEN) == 0);
    CHECK((base & RIGHT_FD_READDIR) == 0);
    CHECK((base & RIGHT_FD_READ) != 0);
  }
}

TEST_CASE("wasi: fd_fdstat_get and fd_fdstat_set_flags", "[wasi]") {
  Sandbox sb;
  writeHostFile(sb.host("log"), "start;");
  uint32_t fd = sb.openOk("log", 0, RIGHTS_RW_FILE, FD_APPEND);
  uint8_t type = 0;
  uint16_t flags = 0;
  REQUIRE(sb.fdstat(fd, &type, &flags) == ESUCCESS);
  CHECK(type == FT_FILE);
  CHECK(flags == FD_APPEND);
  REQUIRE(sb.seek(fd, 0, 0) == ESUCCESS);
  REQUIRE(sb.write(fd, {"more;"}) == ESUCCESS);
  CHECK(readHostFile(sb.host("log")) == "start;more;");

  REQUIRE(wasmc_wasi_fd_fdstat_set_flags(sb.in(), (int32_t)fd, FD_NONBLOCK) == ESUCCESS);
  REQUIRE(sb.fdstat(fd, &type, &flags) == ESUCCESS);
  CHECK(flags == FD_NONBLOCK);
  REQUIRE(sb.seek(fd, 0, 0) == ESUCCESS);
  REQUIRE(sb.write(fd, {"X"}) == ESUCCESS);
  CHECK(readHostFile(sb.host("log")) == "Xtart;more;");
  CHECK(wasmc_wasi_fd_fdstat_set_flags(sb.in(), (int32_t)fd, 64) == EINVAL_);
  CHECK(wasmc_wasi_fd_fdstat_set_flags(sb.in(), (int32_t)fd, FD_SYNC) == ENOTSUP_);
  CHECK(wasmc_wasi_fd_fdstat_set_flags(sb.in(), 42, 0) == EBADF_);

  uint32_t sync_fd = sb.openOk("log", 0, RIGHTS_RW_FILE, FD_DSYNC);
  REQUIRE(sb.fdstat(sync_fd, &type, &flags) == ESUCCESS);
  CHECK(flags == FD_DSYNC);
  CHECK(wasmc_wasi_fd_fdstat_set_flags(sb.in(), (int32_t)sync_fd, FD_DSYNC | FD_APPEND) == 0);

  REQUIRE(sb.fdstat(3, &type) == ESUCCESS);
  CHECK(type == FT_DIR);
  uint32_t no_flags_right = sb.openOk("log", 0, RIGHT_FD_READ);
  REQUIRE(wasmc_wasi_fd_fdstat_set_rights(sb.in(), (int32_t)no_flags_right,
                                          (int64_t)RIGHT_FD_READ, 0) == ESUCCESS);
  CHECK(wasmc_wasi_fd_fdstat_set_flags(sb.in(), (int32_t)no_flags_right, 0) == EBADF_);
  // Directories have no flags to set (EBADF, as Wasmtime: dir_fd_op_failures).
  CHECK(wasmc_wasi_fd_fdstat_set_flags(sb.in(), 3, FD_NONBLOCK) == EBADF_);
}

TEST_CASE("wasi: fd_filestat_get, set_size, set_times and the wasi_unstable layout", "[wasi]") {
  Sandbox sb;
  writeHostFile(sb.host("f"), "12345");
  uint32_t fd = sb.openOk("f");
  uint32_t buf = sb.alloc(64);
  REQUIRE(wasmc_wasi_fd_filestat_get(sb.in(), (int32_t)fd, (int32_t)buf) == ESUCCESS);
  struct stat st;
  REQUIRE(stat(sb.host("f").c_str(), &st) == 0);
  CHECK(sb.u64(buf) == (uint64_t)st.st_dev);
  CHECK(sb.u64(buf + 8) == (uint64_t)st.st_ino);
  CHECK(sb.at(buf)[16] == FT_FILE);
  CHECK(sb.u64(buf + 24) == 1); // nlink
  CHECK(sb.u64(buf + 32) == 5);
  CHECK(sb.u64(buf + 48) ==
        (uint64_t)st.st_mtim.tv_sec * 1000000000ull + (uint64_t)st.st_mtim.tv_nsec);

  uint32_t old = sb.alloc(64);
  memset(sb.at(old), 0xEE, 64);
  REQUIRE(wasmc_wasi_unstable_fd_filestat_get(sb.in(), (int32_t)fd, (int32_t)old) == 0);
  CHECK(sb.at(old)[16] == FT_FILE);
  CHECK(sb.u32(old + 20) == 1); // nlink is u32
  CHECK(sb.u64(old + 24) == 5); // size
  CHECK(sb.u64(old + 40) == sb.u64(buf + 48)); // mtim
  CHECK(sb.at(old)[56] == 0xEE); // 56 bytes, not one more

  REQUIRE(wasmc_wasi_fd_filestat_set_size(sb.in(), (int32_t)fd, 2) == ESUCCESS);
  CHECK(readHostFile(sb.host("f")) == "12");
  REQUIRE(wasmc_wasi_fd_filestat_set_size(sb.in(), (int32_t)fd, 4) == ESUCCESS);
  CHECK(readHostFile(sb.host("f")) == std::string("12\0\0", 4));
  CHECK(wasmc_wasi_fd_filestat_set_size(sb.in(), (int32_t)fd, -1) == EINVAL_);

  const uint64_t t1 = 1000000000ull * 1000000 + 123456789; // nanoseconds kept
  REQUIRE(wasmc_wasi_fd_filestat_set_times(sb.in(), (int32_t)fd, (int64_t)t1, (int64_t)(t1 + 5),
                                           1 | 4 /* atim | mtim */) == ESUCCESS);
  REQUIRE(stat(sb.host("f").c_str(), &st) == 0);
  CHECK((uint64_t)st.st_atim.tv_sec * 1000000000ull + (uint64_t)st.st_atim.tv_nsec == t1);
  CHECK((uint64_t)st.st_mtim.tv_sec * 1000000000ull + (uint64_t)st.st_mtim.tv_nsec == t1 + 5);
  REQUIRE(wasmc_wasi_fd_filestat_set_times(sb.in(), (int32_t)fd, 0, 0, 8 /* mtim_now */) == 0);
  REQUIRE(stat(sb.host("f").c_str(), &st) == 0);
  CHECK(st.st_mtim.tv_sec > 1000000000 + 1000000);
  CHECK((uint64_t)st.st_atim.tv_sec * 1000000000ull + (uint64_t)st.st_atim.tv_nsec == t1);
  CHECK(wasmc_wasi_fd_filestat_set_times(sb.in(), (int32_t)fd, 0, 0, 1 | 2) == EINVAL_);
  CHECK(wasmc_wasi_fd_filestat_set_times(sb.in(), (int32_t)fd, 0, 0, 4 | 8) == EINVAL_);
  CHECK(wasmc_wasi_fd_filestat_set_times(sb.in(), (int32_t)fd, 0, 0, 16) == EINVAL_);

  // The directory's own filestat.
  REQUIRE(wasmc_wasi_fd_filestat_get(sb.in(), 3, (int32_t)buf) == ESUCCESS);
  CHECK(sb.at(buf)[16] == FT_DIR);
}

TEST_CASE("wasi: fd_advise, fd_allocate, fd_sync, fd_datasync", "[wasi]") {
  Sandbox sb;
  uint32_t fd = sb.openOk("f", OFLAG_CREAT);
  CHECK(wasmc_wasi_fd_advise(sb.in(), (int32_t)fd, 0, 100, 1 /* sequential */) == ESUCCESS);
  CHECK(wasmc_wasi_fd_advise(sb.in(), (int32_t)fd, 0, 0, 5 /* noreuse */) == ESUCCESS);
  CHECK(wasmc_wasi_fd_advise(sb.in(), (int32_t)fd, 0, 100, 6) == EINVAL_);
  CHECK(wasmc_wasi_fd_advise(sb.in(), (int32_t)fd, -1, 100, 0) == EINVAL_);
  CHECK(wasmc_wasi_fd_allocate(sb.in(), (int32_t)fd, 0, 4096) == ESUCCESS);
  struct stat st;
  REQUIRE(stat(sb.host("f").c_str(), &st) == 0);
  CHECK(st.st_size == 4096);
  CHECK(wasmc_wasi_fd_allocate(sb.in(), (int32_t)fd, 10, 10) == ESUCCESS); // never shrinks
  CHECK(wasmc_wasi_fd_allocate(sb.in(), (int32_t)fd, 4000, 200) == ESUCCESS);
  CHECK(wasmc_wasi_fd_allocate(sb.in(), (int32_t)fd, 0, 0) == ESUCCESS);
  REQUIRE(stat(sb.host("f").c_str(), &st) == 0);
  CHECK(st.st_size == 4200);
  CHECK(wasmc_wasi_fd_allocate(sb.in(), (int32_t)fd, -1, 10) == EINVAL_);
  CHECK(wasmc_wasi_fd_allocate(sb.in(), (int32_t)fd, 0, -10) == EINVAL_);
  CHECK(wasmc_wasi_fd_allocate(sb.in(), (int32_t)fd, INT64_MAX, INT64_MAX) == EFBIG_);
  CHECK(wasmc_wasi_fd_sync(sb.in(), (int32_t)fd) == ESUCCESS);
  CHECK(wasmc_wasi_fd_datasync(sb.in(), (int32_t)fd) == ESUCCESS);
  uint32_t ro = sb.openOk("f", 0, RIGHT_FD_READ);
  CHECK(wasmc_wasi_fd_allocate(sb.in(), (int32_t)ro, 0, 1) == EBADF_); // not open for writing
  REQUIRE(wasmc_wasi_fd_fdstat_set_rights(sb.in(), (int32_t)ro, (int64_t)RIGHT_FD_READ, 0) ==
          ESUCCESS);
  CHECK(wasmc_wasi_fd_advise(sb.in(), (int32_t)ro, 0, 1, 0) == EBADF_);
  CHECK(wasmc_wasi_fd_sync(sb.in(), (int32_t)ro) == EBADF_);
  CHECK(wasmc_wasi_fd_datasync(sb.in(), (int32_t)ro) == EBADF_);
  CHECK(wasmc_wasi_fd_sync(sb.in(), 77) == EBADF_);
  // None of them applies to a directory (EBADF, as Wasmtime: dir_fd_op_failures).
  CHECK(wasmc_wasi_fd_advise(sb.in(), 3, 0, 1, 0) == EBADF_);
  CHECK(wasmc_wasi_fd_allocate(sb.in(), 3, 0, 1) == EBADF_);
  CHECK(wasmc_wasi_fd_sync(sb.in(), 3) == EBADF_);
  CHECK(wasmc_wasi_fd_datasync(sb.in(), 3) == EBADF_);
}

TEST_CASE("wasi: fd_close and fd_renumber", "[wasi]") {
  Sandbox sb;
  uint32_t a = sb.openOk("a", OFLAG_CREAT, RIGHT_FD_READ | RIGHT_FD_WRITE);
  uint32_t b = sb.openOk("b", OFLAG_CREAT, RIGHT_FD_READ | RIGHT_FD_WRITE);
  REQUIRE(wasmc_wasi_fd_renumber(sb.in(), (int32_t)a, (int32_t)b) == ESUCCESS);
  CHECK(wasmc_wasi_fd_close(sb.in(), (int32_t)a) == EBADF_);
  REQUIRE(sb.write(b, {"to a"}) == ESUCCESS);
  CHECK(readHostFile(sb.host("a")) == "to a");
  CHECK(readHostFile(sb.host("b")).empty());
  CHECK(wasmc_wasi_fd_renumber(sb.in(), (int32_t)b, (int32_t)b) == ESUCCESS);
  CHECK(wasmc_wasi_fd_renumber(sb.in(), (int32_t)b, 99) == EBADF_);
  CHECK(wasmc_wasi_fd_renumber(sb.in(), 99, (int32_t)b) == EBADF_);
  CHECK(sb.write(b, {"!"}) == ESUCCESS); // still open after the failed renumbers
  // The freed number is reused.
  uint32_t c = sb.openOk("c", OFLAG_CREAT);
  CHECK(c == a);
  // A pre-opened directory can be closed; it then has no prestat.
  CHECK(wasmc_wasi_fd_close(sb.in(), 3) == ESUCCESS);
  CHECK(wasmc_wasi_fd_prestat_get(sb.in(), 3, (int32_t)sb.alloc(8)) == EBADF_);
  CHECK(sb.mkdir("x") == EBADF_);
  // ...but renumbering it keeps the prestat with the descriptor.
  Sandbox sb2;
  uint32_t f = sb2.openOk("f", OFLAG_CREAT);
  REQUIRE(wasmc_wasi_fd_renumber(sb2.in(), 3, (int32_t)f) == ESUCCESS);
  uint32_t prestat = sb2.alloc(8);
  CHECK(wasmc_wasi_fd_prestat_get(sb2.in(), (int32_t)f, (int32_t)prestat) == ESUCCESS);
  CHECK(sb2.mkdir("made", (int32_t)f) == ESUCCESS);
  CHECK(sb2.mkdir("made2", 3) == EBADF_);
}

namespace {
struct Dirent {
  uint64_t next, ino;
  uint8_t type = 0;
  std::string name;
};
// Parses the entries wholly inside [0, used).
std::vector<Dirent> parseDirents(Sandbox &sb, uint32_t buf, uint32_t used) {
  std::vector<Dirent> out;
  uint32_t p = 0;
  while (p + 24 <= used) {
    Dirent d;
    d.next = sb.u64(buf + p);
    d.ino = sb.u64(buf + p + 8);
    uint32_t len = sb.u32(buf + p + 16);
    d.type = sb.at(buf)[p + 20];
    if (p + 24 + len > used) break;
    d.name = sb.bytes(buf + p + 24, len);
    out.push_back(d);
    p += 24 + len;
  }
  return out;
}
int32_t readdir(Sandbox &sb, uint32_t fd, uint32_t buf, uint32_t len, uint64_t cookie,
                uint32_t *used) {
  uint32_t out = sb.alloc(4);
  int32_t r = wasmc_wasi_fd_readdir(sb.in(), (int32_t)fd, (int32_t)buf, (int32_t)len,
                                    (int64_t)cookie, (int32_t)out);
  *used = sb.u32(out);
  return r;
}
} // namespace

TEST_CASE("wasi: fd_readdir", "[wasi]") {
  Sandbox sb;
  writeHostFile(sb.host("alpha"), "");
  writeHostFile(sb.host("beta"), "");
  REQUIRE(mkdir(sb.host("dir").c_str(), 0755) == 0);
  REQUIRE(symlink("alpha", sb.host("link").c_str()) == 0);
  uint32_t buf = sb.alloc(4096);
  uint32_t used;

  SECTION("lists everything, with . and .. first") {
    REQUIRE(readdir(sb, 3, buf, 4096, 0, &used) == ESUCCESS);
    CHECK(used < 4096);
    auto entries = parseDirents(sb, buf, used);
    REQUIRE(entries.size() == 6);
    CHECK(entries[0].name == ".");
    CHECK(entries[0].type == FT_DIR);
    CHECK(entries[1].name == "..");
    CHECK(entries[1].type == FT_DIR);
    struct stat st;
    REQUIRE(stat(sb.root.c_str(), &st) == 0);
    CHECK(entries[0].ino == st.st_ino);
    std::set<std::string> names;
    for (size_t i = 0; i < entries.size(); i++) {
      CHECK(entries[i].next == i + 1);
      names.insert(entries[i].name);
      if (entries[i].name == "dir") CHECK(entries[i].type == FT_DIR);
      if (entries[i].name == "alpha") CHECK(entries[i].type == FT_FILE);
      if (entries[i].name == "link") CHECK(entries[i].type == FT_SYMLINK);
    }
    CHECK(names == std::set<std::string>{".", "..", "alpha", "beta", "dir", "link"});
  }
  SECTION("a small buffer is filled completely and the caller resumes from d_next") {
    REQUIRE(readdir(sb, 3, buf, 4096, 0, &used) == ESUCCESS);
    auto all = parseDirents(sb, buf, used);
    // Exactly one entry and a half.
    uint32_t first = 24 + (uint32_t)all[0].name.size();
    uint32_t small = sb.alloc(first + 10);
    memset(sb.at(small), 0x77, first + 10);
    REQUIRE(readdir(sb, 3, small, first + 10, 0, &used) == ESUCCESS);
    CHECK(used == first + 10);
    for (uint32_t i = first; i < first + 10; i++) CHECK(sb.at(small)[i] == sb.at(buf)[i]);
    // Resume entry by entry with cookies.
    std::vector<std::string> names;
    uint64_t cookie = 0;
    for (int guard = 0; guard < 20; guard++) {
      REQUIRE(readdir(sb, 3, small, first + 10, cookie, &used) == ESUCCESS);
      auto part = parseDirents(sb, small, used);
      if (part.empty()) break;
      for (auto &d : part) names.push_back(d.name);
      cookie = part.back().next;
      if (used < first + 10) break;
    }
    REQUIRE(names.size() == all.size());
    for (size_t i = 0; i < all.size(); i++) CHECK(names[i] == all[i].name);
  }
  SECTION("a header that does not fit is truncated too") {
    uint32_t tiny = sb.alloc(10);
    REQUIRE(readdir(sb, 3, tiny, 10, 0, &used) == ESUCCESS);
    CHECK(used == 10);
    CHECK(sb.u64(tiny) == 1); // d_next of "."
    REQUIRE(readdir(sb, 3, tiny, 0, 0, &used) == ESUCCESS);
    CHECK(used == 0);
  }
  SECTION("cookies stay valid while the directory changes") {
    REQUIRE(readdir(sb, 3, buf, 4096, 0, &used) == ESUCCESS);
    auto all = parseDirents(sb, buf, used);
    writeHostFile(sb.host("gamma"), "");
    REQUIRE(unlink(sb.host("beta").c_str()) == 0);
    REQUIRE(readdir(sb, 3, buf, 4096, 3, &used) == ESUCCESS);
    auto rest = parseDirents(sb, buf, used);
    REQUIRE(rest.size() == all.size() - 3);
    for (size_t i = 0; i < rest.size(); i++) CHECK(rest[i].name == all[i + 3].name);
    // Past the end: nothing.
    REQUIRE(readdir(sb, 3, buf, 4096, 1000, &used) == ESUCCESS);
    CHECK(used == 0);
    // Cookie 0 starts a fresh listing that sees the changes.
    REQUIRE(readdir(sb, 3, buf, 4096, 0, &used) == ESUCCESS);
    std::set<std::string> names;
    for (auto &d : parseDirents(sb, buf, used)) names.insert(d.name);
    CHECK(names == std::set<std::string>{".", "..", "alpha", "gamma", "dir", "link"});
  }
  SECTION("an opened subdirectory, and errors") {
    writeHostFile(sb.host("dir/inner"), "");
    uint32_t dir = sb.openDir("dir");
    REQUIRE(readdir(sb, dir, buf, 4096, 0, &used) == ESUCCESS);
    auto entries = parseDirents(sb, buf, used);
    REQUIRE(entries.size() == 3);
    CHECK(entries[2].name == "inner");
    uint32_t file = sb.openOk("alpha");
    CHECK(readdir(sb, file, buf, 4096, 0, &used) == ENOTDIR_);
    CHECK(readdir(sb, 42, buf, 4096, 0, &used) == EBADF_);
    uint64_t base = 0, inheriting = 0;
    REQUIRE(sb.fdstat(dir, nullptr, nullptr, &base, &inheriting) == ESUCCESS);
    REQUIRE(wasmc_wasi_fd_fdstat_set_rights(sb.in(), (int32_t)dir,
                                            (int64_t)(base & ~RIGHT_FD_READDIR), 0) == 0);
    CHECK(readdir(sb, dir, buf, 4096, 0, &used) == ENOTCAPABLE_);
  }
}
