/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/fd_flags_set.rs
 * (fs-tests.dir as "/"): FDFLAGS_APPEND appends whatever the offset; fd_fdstat_set_flags(0)
 * turns it off. */
#include "../../io_util.h"

int main(void) {
  __wasi_fd_t dir = testsuite_root_directory();
  const char *name = "fd_flags_set_file.cleanup";
  uint8_t data[100], buffer[100];
  __wasi_fd_t fd = open_ok(dir, 0, name, __WASI_OFLAGS_CREAT,
                           __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE |
                               __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL |
                               __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS,
                           0, __WASI_FDFLAGS_APPEND, "opening a file");
  memset(data, 0, 100);
  ASSERT_EQ(write_bytes(fd, data, 100, "writing to a file"), 100, "should write 100 bytes");
  seek(fd, 0, __WASI_WHENCE_SET, "seeking file");
  ASSERT_EQ(read_bytes(fd, buffer, 100, "reading file"), 100, "should read 100 bytes");
  ASSERT_MEM_EQ(data, buffer, 100, "first write");

  memset(data, 1, 100);
  seek(fd, 0, __WASI_WHENCE_SET, "seeking file");
  ASSERT_EQ(write_bytes(fd, data, 100, "writing to a file"), 100, "should write 100 bytes");
  seek(fd, 100, __WASI_WHENCE_SET, "seeking file");
  ASSERT_EQ(read_bytes(fd, buffer, 100, "reading file"), 100, "should read 100 bytes");
  ASSERT_MEM_EQ(data, buffer, 100, "appended write");

  EXPECT_OK(__wasi_fd_fdstat_set_flags(fd, 0), "disabling flags");
  seek(fd, 0, __WASI_WHENCE_SET, "seeking file");
  memset(data, 2, 100);
  ASSERT_EQ(write_bytes(fd, data, 100, "writing to a file"), 100, "should write 100 bytes");
  seek(fd, 0, __WASI_WHENCE_SET, "seeking file");
  ASSERT_EQ(read_bytes(fd, buffer, 100, "reading file"), 100, "should read 100 bytes");
  ASSERT_MEM_EQ(data, buffer, 100, "overwritten without append");

  EXPECT_OK(__wasi_fd_close(fd), "close file");
  ASSERT_EQ(stat_path(dir, 0, name, "stat path").size, 200, "expected a file size of 200");
  EXPECT_OK(__wasi_path_unlink_file(dir, name), "unlinking file");
  return 0;
}
