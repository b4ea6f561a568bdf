/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/fd_filestat_set.rs
 * (fs-tests.dir as "/"): fd_filestat_set_size, then fd_filestat_set_times of mtim only (to
 * the nanosecond; atim untouched). */
#include "../../io_util.h"

int main(void) {
  __wasi_fd_t dir = testsuite_root_directory();
  const char *name = "fd_filestat_set_file.cleanup";
  __wasi_fd_t fd = open_ok(dir, 0, name, __WASI_OFLAGS_CREAT,
                           __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE |
                               __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE |
                               __WASI_RIGHTS_FD_FILESTAT_SET_TIMES,
                           0, 0, "failed to create file");
  ASSERT(fd > 2, "file descriptor range check");
  ASSERT_EQ(fstat_fd(fd, "failed filestat").size, 0, "file size should be 0");
  EXPECT_OK(__wasi_fd_filestat_set_size(fd, 100), "fd_filestat_set_size");
  __wasi_filestat_t st = fstat_fd(fd, "failed filestat 2");
  ASSERT_EQ(st.size, 100, "file size should be 100");
  __wasi_timestamp_t old_atim = st.atim, new_mtim = st.mtim - 100;
  EXPECT_OK(__wasi_fd_filestat_set_times(fd, new_mtim, new_mtim, __WASI_FSTFLAGS_MTIM),
            "fd_filestat_set_times");
  st = fstat_fd(fd, "failed filestat 3");
  ASSERT_EQ(st.size, 100, "file size should remain unchanged at 100");
  ASSERT_EQ(st.mtim, new_mtim, "mtim should change");
  ASSERT_EQ(st.atim, old_atim, "atim should not change");
  EXPECT_OK(__wasi_fd_close(fd), "failed to close fd");
  EXPECT_OK(__wasi_path_unlink_file(dir, name), "failed to remove dir");
  return 0;
}
