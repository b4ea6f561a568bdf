/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_overwrite_preopen.rs:
 * fd_renumber over the preopened directory (fd 3) replaces it and closes the source. */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  const __wasi_fd_t pre_fd = 3;
  ASSERT(dir > pre_fd, "dir_fd number");
  __wasi_filestat_t old_stat = fstat_fd(dir, "failed fd_filestat_get");
  EXPECT_OK(__wasi_fd_renumber(dir, pre_fd), "renumbering over a preopened file descriptor");
  __wasi_filestat_t new_stat = fstat_fd(pre_fd, "failed fd_filestat_get");
  ASSERT_EQ(old_stat.dev, new_stat.dev, "dev");
  ASSERT_EQ(old_stat.ino, new_stat.ino, "ino");
  __wasi_fdstat_t st;
  ASSERT_ERRNO(__wasi_fd_fdstat_get(dir, &st), "failed fd_fdstat_get", __WASI_ERRNO_BADF);
  return 0;
}
