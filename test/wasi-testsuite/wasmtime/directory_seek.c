/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_directory_seek.rs:
 * fd_seek on a directory fails with BADF. */
#include "../conformance.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  EXPECT_OK(__wasi_path_create_directory(dir, "dir"), "failed to make directory");
  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_open(dir, 0, "dir", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd),
            "failed to open file");
  ASSERT(fd > 2, "file descriptor range check");
  __wasi_filesize_t pos;
  ASSERT_ERRNO(__wasi_fd_seek(fd, 0, __WASI_WHENCE_CUR, &pos), "seek on a directory",
               __WASI_ERRNO_BADF);
  EXPECT_OK(__wasi_fd_close(fd), "failed to close fd");
  EXPECT_OK(__wasi_path_remove_directory(dir, "dir"), "failed to remove dir");
  return 0;
}
