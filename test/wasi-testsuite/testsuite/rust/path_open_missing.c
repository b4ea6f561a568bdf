/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/path_open_missing.rs:
 * opening a file that does not exist, without OFLAGS_CREAT, is NOENT. */
#include "../../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "path_open_missing_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  __wasi_fd_t fd;
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "file", 0, 0, 0, 0, &fd),
               "trying to open a file that doesn't exist", __WASI_ERRNO_NOENT);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
