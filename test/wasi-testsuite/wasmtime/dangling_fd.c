/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_dangling_fd.rs: a
 * file and a directory can be removed and created again while a descriptor is open on them. */
#include "../conformance.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  if (!support_dangling_filesystem()) return 0;
  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT, 0, 0, 0, &fd), "create");
  EXPECT_OK(__wasi_fd_close(fd), "close");
  __wasi_fd_t file_fd;
  EXPECT_OK(__wasi_path_open(dir, 0, "file", 0, 0, 0, 0, &file_fd), "failed to open");
  ASSERT(file_fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "failed to unlink");
  EXPECT_OK(__wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT, 0, 0, 0, &fd), "create again");
  EXPECT_OK(__wasi_fd_close(fd), "close");

  EXPECT_OK(__wasi_path_create_directory(dir, "subdir"), "failed to create dir");
  __wasi_fd_t subdir_fd;
  EXPECT_OK(__wasi_path_open(dir, 0, "subdir", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &subdir_fd),
            "failed to open dir");
  ASSERT(subdir_fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_path_remove_directory(dir, "subdir"), "failed to remove dir 2");
  EXPECT_OK(__wasi_path_create_directory(dir, "subdir"), "failed to create dir 2");
  return 0;
}
