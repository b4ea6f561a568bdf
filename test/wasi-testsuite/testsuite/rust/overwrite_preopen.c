/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/overwrite_preopen.rs
 * (fs-tests.dir as "/"): fd_renumber over the preopen (fd 3) replaces it, closing the
 * source; the new fd 3 closes. */
#include "../../io_util.h"

int main(void) {
  __wasi_fd_t base = testsuite_root_directory();
  const char *dir_name = "overwrite_preopen_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  const __wasi_fd_t pre_fd = 3;
  ASSERT(dir > pre_fd, "dir_fd number");
  __wasi_filestat_t old_stat = fstat_fd(dir, "failed fd_filestat_get");
  EXPECT_OK(__wasi_fd_renumber(dir, pre_fd), "renumbering over a preopened file descriptor");
  __wasi_filestat_t new_stat = fstat_fd(pre_fd, "failed fd_filestat_get");
  ASSERT_EQ(old_stat.dev, new_stat.dev, "dev");
  ASSERT_EQ(old_stat.ino, new_stat.ino, "ino");
  __wasi_fdstat_t st;
  ASSERT_ERRNO(__wasi_fd_fdstat_get(dir, &st), "failed fd_fdstat_get", __WASI_ERRNO_BADF);
  EXPECT_OK(__wasi_fd_close(pre_fd), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
