/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/dangling_fd.rs: a file
 * and a directory can be removed and created again while a descriptor was open on them. */
#include "../../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  if (!support_dangling_filesystem()) return 0;
  const char *file = "dangling_fd_file.cleanup", *subdir = "dangling_fd_subdir.cleanup";
  __wasi_fd_t fd = open_ok(dir, 0, file, __WASI_OFLAGS_CREAT, 0, 0, 0, "create");
  EXPECT_OK(__wasi_fd_close(fd), "close");
  __wasi_fd_t file_fd = open_ok(dir, 0, file, 0, 0, 0, 0, "failed to open");
  ASSERT(file_fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_close(file_fd), "close");
  EXPECT_OK(__wasi_path_unlink_file(dir, file), "failed to unlink");
  fd = open_ok(dir, 0, file, __WASI_OFLAGS_CREAT, 0, 0, 0, "create again");
  EXPECT_OK(__wasi_fd_close(fd), "close");
  EXPECT_OK(__wasi_path_unlink_file(dir, file), "failed to unlink");

  EXPECT_OK(__wasi_path_create_directory(dir, subdir), "failed to create dir");
  __wasi_fd_t subdir_fd = open_ok(dir, 0, subdir, __WASI_OFLAGS_DIRECTORY, 0, 0, 0,
                                  "failed to open dir");
  ASSERT(subdir_fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_close(subdir_fd), "close");
  EXPECT_OK(__wasi_path_remove_directory(dir, subdir), "failed to remove dir 2");
  EXPECT_OK(__wasi_path_create_directory(dir, subdir), "failed to create dir 2");
  return 0;
}
