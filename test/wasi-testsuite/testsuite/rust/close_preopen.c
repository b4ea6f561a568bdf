/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/close_preopen.rs (run
 * with fs-tests.dir as the root, "/"): closing the preopen (fd 3) leaves the descriptor opened
 * from it usable, and fd 3 closed. */
#include "../../conformance.h"

int main(void) {
  __wasi_fd_t dir = testsuite_root_directory();
  const __wasi_fd_t pre_fd = 3;
  ASSERT(dir > pre_fd, "dir_fd number");
  EXPECT_OK(__wasi_fd_close(pre_fd), "closing a preopened file descriptor");
  __wasi_fdstat_t st;
  EXPECT_OK(__wasi_fd_fdstat_get(dir, &st), "failed fd_fdstat_get");
  ASSERT_EQ(st.fs_filetype, __WASI_FILETYPE_DIRECTORY,
            "expected the scratch directory to be a directory");
  ASSERT_ERRNO(__wasi_fd_fdstat_get(pre_fd, &st), "failed fd_fdstat_get", __WASI_ERRNO_BADF);
  return 0;
}
