/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/symlink_create.rs:
 * symlinks to a file and to a directory open when followed; a symlink to "/" is refused. */
#include "../../io_util.h"

static void run(__wasi_fd_t dir) {
  const __wasi_lookupflags_t follow = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
  __wasi_fd_t fd = open_ok(dir, 0, "target", __WASI_OFLAGS_CREAT, 0, 0, 0, "creating a file");
  EXPECT_OK(__wasi_fd_close(fd), "closing file");
  EXPECT_OK(__wasi_path_symlink("target", dir, "symlink"), "creating a symlink");
  fd = open_ok(dir, follow, "symlink", 0, 0, 0, 0, "opening a symlink as a directory");
  ASSERT(fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_close(fd), "close the symlink file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "symlink"), "removing the symlink");
  EXPECT_OK(__wasi_path_unlink_file(dir, "target"), "removing the target file");

  EXPECT_OK(__wasi_path_create_directory(dir, "target"), "creating a dir");
  EXPECT_OK(__wasi_path_symlink("target", dir, "symlink"), "creating a symlink");
  fd = open_ok(dir, follow, "symlink", __WASI_OFLAGS_DIRECTORY, 0, 0, 0,
               "opening a symlink as a directory");
  ASSERT(fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "symlink"), "remove symlink to directory");
  EXPECT_OK(__wasi_path_remove_directory(dir, "target"),
            "remove_directory on a directory should succeed");

  EXPECT_ERR(__wasi_path_symlink("/", dir, "symlink"), "creating a symlink to an absolute path");
}

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "symlink_create_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  run(dir);
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
