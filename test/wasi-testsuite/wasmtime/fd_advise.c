/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_fd_advise.rs: a file
 * opened with fd_read | fd_write can be stat'ed, grown with fd_filestat_set_size and advised,
 * and advice does not change its size. */
#include "../conformance.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT,
                             __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &fd),
            "failed to open file");
  ASSERT(fd > 2, "file descriptor range check");
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_fd_filestat_get(fd, &st), "failed to fdstat");
  ASSERT_EQ(st.size, 0, "file size should be 0");
  EXPECT_OK(__wasi_fd_filestat_set_size(fd, 100), "setting size");
  EXPECT_OK(__wasi_fd_filestat_get(fd, &st), "failed to fdstat 2");
  ASSERT_EQ(st.size, 100, "file size should be 100");
  EXPECT_OK(__wasi_fd_advise(fd, 10, 50, __WASI_ADVICE_NORMAL), "failed advise");
  EXPECT_OK(__wasi_fd_filestat_get(fd, &st), "failed to fdstat 3");
  ASSERT_EQ(st.size, 100, "file size should be 100");
  EXPECT_OK(__wasi_fd_close(fd), "failed to close");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "failed to unlink");
  return 0;
}
