/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/remove_nonempty_directory.rs
 * (fs-tests.dir as "/"): removing a non-empty directory is NOTEMPTY. */
#include "../../io_util.h"

int main(void) {
  __wasi_fd_t base = testsuite_root_directory();
  const char *dir_name = "remove_nonempty_directory_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  EXPECT_OK(__wasi_path_create_directory(dir, "dir"), "creating a directory");
  EXPECT_OK(__wasi_path_create_directory(dir, "dir/nested"), "creating a subdirectory");
  ASSERT_ERRNO(__wasi_path_remove_directory(dir, "dir"),
               "remove_directory on a directory should return ENOTEMPTY", __WASI_ERRNO_NOTEMPTY);
  EXPECT_OK(__wasi_path_remove_directory(dir, "dir/nested"),
            "remove_directory on a nested directory should succeed");
  EXPECT_OK(__wasi_path_remove_directory(dir, "dir"), "removing a directory");
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
