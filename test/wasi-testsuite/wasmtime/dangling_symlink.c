/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_dangling_symlink.rs:
 * opening a dangling symlink without following it fails with NOTDIR/LOOP as a directory and
 * LOOP as a file. */
#include "../conformance.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  if (!support_dangling_filesystem()) return 0;
  EXPECT_OK(__wasi_path_symlink("target", dir, "symlink"), "creating a symlink");
  __wasi_fd_t fd;
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "symlink", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd),
               "opening a dangling symlink as a directory", __WASI_ERRNO_NOTDIR,
               __WASI_ERRNO_LOOP);
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "symlink", 0, 0, 0, 0, &fd),
               "opening a dangling symlink as a file", __WASI_ERRNO_LOOP);
  EXPECT_OK(__wasi_path_unlink_file(dir, "symlink"), "failed to remove file");
  return 0;
}
