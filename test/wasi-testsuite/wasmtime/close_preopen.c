/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_close_preopen.rs:
 * closing the preopened directory (fd 3) works and leaves the scratch descriptor open. */
#include "../conformance.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
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
