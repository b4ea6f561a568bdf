/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/dangling_symlink.rs:
 * opening a dangling symlink without following it: NOTDIR/LOOP as a directory, LOOP as a
 * file. */
#include "../../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  if (!support_dangling_filesystem()) return 0;
  const char *name = "dangling_symlink_symlink.cleanup";
  if (__wasi_path_symlink("target", dir, name) != 0) return 0;
  __wasi_fd_t fd;
  ASSERT_ERRNO(__wasi_path_open(dir, 0, name, __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd),
               "opening a dangling symlink as a directory", __WASI_ERRNO_NOTDIR,
               __WASI_ERRNO_LOOP);
  ASSERT_ERRNO(__wasi_path_open(dir, 0, name, 0, 0, 0, 0, &fd),
               "opening a dangling symlink as a file", __WASI_ERRNO_LOOP);
  EXPECT_OK(__wasi_path_unlink_file(dir, name), "failed to remove file");
  return 0;
}
