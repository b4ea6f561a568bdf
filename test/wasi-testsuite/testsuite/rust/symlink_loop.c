/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/symlink_loop.rs: opening
 * a symlink to itself is LOOP. */
#include "../../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "symlink_loop_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  if (support_dangling_filesystem() && __wasi_path_symlink("symlink", dir, "symlink") == 0) {
    __wasi_fd_t fd;
    ASSERT_ERRNO(__wasi_path_open(dir, 0, "symlink", 0, 0, 0, 0, &fd),
                 "opening a self-referencing symlink", __WASI_ERRNO_LOOP);
    EXPECT_OK(__wasi_path_unlink_file(dir, "symlink"), "removing a file");
  }
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
