/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/fstflags_validate.rs
 * (fs-tests.dir as "/"): fd_filestat_set_times with MTIM and MTIM_NOW, or ATIM and ATIM_NOW,
 * is INVAL. */
#include "../../io_util.h"

int main(void) {
  __wasi_fd_t dir = testsuite_root_directory();
  __wasi_fd_t fd = open_ok(dir, 0, "fstflags_validate.cleanup", __WASI_OFLAGS_CREAT,
                           __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_FILESTAT_SET_TIMES, 0, 0,
                           "failed to create file");
  ASSERT_EQ(__wasi_fd_filestat_set_times(fd, 100, 200,
                                         __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW),
            __WASI_ERRNO_INVAL, "bad error");
  ASSERT_EQ(__wasi_fd_filestat_set_times(fd, 100, 200,
                                         __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
            __WASI_ERRNO_INVAL, "bad error");
  EXPECT_OK(__wasi_fd_close(fd), "failed to close fd");
  return 0;
}
