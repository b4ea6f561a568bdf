/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_fd_filestat_set.rs:
 * fd_filestat_set_size and fd_filestat_set_times (mtim only; atim untouched) on a file opened
 * with fd_read | fd_write. (TestConfig::support_accurate_time() holds: nanosecond times.) */
#include "../conformance.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT,
                             __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &fd),
            "failed to create file");
  ASSERT(fd > 2, "file descriptor range check");
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_fd_filestat_get(fd, &st), "failed filestat");
  ASSERT_EQ(st.size, 0, "file size should be 0");
  EXPECT_OK(__wasi_fd_filestat_set_size(fd, 100), "fd_filestat_set_size");
  EXPECT_OK(__wasi_fd_filestat_get(fd, &st), "failed filestat 2");
  ASSERT_EQ(st.size, 100, "file size should be 100");

  __wasi_timestamp_t old_atim = st.atim;
  __wasi_timestamp_t new_mtim = st.mtim - 100;
  EXPECT_OK(__wasi_fd_filestat_set_times(fd, new_mtim, new_mtim, __WASI_FSTFLAGS_MTIM),
            "fd_filestat_set_times");
  EXPECT_OK(__wasi_fd_filestat_get(fd, &st), "failed filestat 3");
  ASSERT_EQ(st.size, 100, "file size should remain unchanged at 100");
  ASSERT_EQ(st.mtim, new_mtim, "mtim should change");
  ASSERT_EQ(st.atim, old_atim, "atim should not change");

  EXPECT_OK(__wasi_fd_close(fd), "failed to close fd");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "failed to remove dir");
  return 0;
}
