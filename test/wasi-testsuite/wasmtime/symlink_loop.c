/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_symlink_loop.rs:
 * opening a symlink to itself is LOOP. */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  if (!support_dangling_filesystem()) return 0;
  EXPECT_OK(__wasi_path_symlink("symlink", dir, "symlink"), "creating a symlink");
  __wasi_fd_t fd;
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "symlink", 0, 0, 0, 0, &fd),
               "opening a self-referencing symlink", __WASI_ERRNO_LOOP);
  EXPECT_OK(__wasi_path_unlink_file(dir, "symlink"), "removing a file");
  return 0;
}
