/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_path_open_dirfd_not_dir.rs:
 * path_open relative to a file descriptor is NOTDIR. */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  __wasi_fd_t file_fd = open_ok(dir, 0, "file", __WASI_OFLAGS_CREAT, 0, 0, 0, "opening a file");
  __wasi_fd_t fd;
  ASSERT_ERRNO(__wasi_path_open(file_fd, 0, "foo", __WASI_OFLAGS_CREAT, 0, 0, 0, &fd),
               "non-directory base fd should get ERRNO_NOTDIR", __WASI_ERRNO_NOTDIR);
  EXPECT_OK(__wasi_fd_close(file_fd), "closing a file");
  return 0;
}
