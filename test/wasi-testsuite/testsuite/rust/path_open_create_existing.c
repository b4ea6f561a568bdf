/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/path_open_create_existing.rs
 * (fs-tests.dir as "/"): OFLAGS_CREAT | OFLAGS_EXCL on an existing file is EXIST. */
#include "../../io_util.h"

int main(void) {
  __wasi_fd_t base = testsuite_root_directory();
  const char *dir_name = "path_open_create_existing_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  create_file(dir, "file");
  __wasi_fd_t fd;
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, 0, 0, 0,
                                &fd),
               "trying to create a file that already exists", __WASI_ERRNO_EXIST);
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
