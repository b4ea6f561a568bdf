/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/isatty.rs (fs-tests.dir
 * as "/"): isatty() is false for a regular file. */
#include "../../io_util.h"
#include <unistd.h>

int main(void) {
  __wasi_fd_t base = testsuite_root_directory();
  const char *dir_name = "isatty_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  __wasi_fd_t fd = open_ok(dir, 0, "file", __WASI_OFLAGS_CREAT, 0, 0, 0, "opening a file");
  ASSERT(fd > 2, "file descriptor range check");
  ASSERT_EQ(isatty((int)fd), 0, "file is a tty");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
