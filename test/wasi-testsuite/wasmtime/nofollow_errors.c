/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_nofollow_errors.rs:
 * opening a symlink without following it fails (LOOP, NOTDIR or ACCES as upstream allows);
 * following it to a directory opens it, to a file with OFLAGS_DIRECTORY is NOTDIR. */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  EXPECT_OK(__wasi_path_create_directory(dir, "target"), "creating a dir");
  EXPECT_OK(__wasi_path_symlink("target", dir, "symlink"), "creating a symlink");
  __wasi_fd_t fd;
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "symlink", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd),
               "opening a directory symlink as a directory should fail", __WASI_ERRNO_LOOP,
               __WASI_ERRNO_NOTDIR);
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "symlink", 0, 0, 0, 0, &fd),
               "opening a symlink with O_NOFOLLOW should fail", __WASI_ERRNO_LOOP,
               __WASI_ERRNO_ACCES);
  fd = open_ok(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", __WASI_OFLAGS_DIRECTORY, 0, 0, 0,
               "opening a symlink as a directory");
  ASSERT(fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");

  EXPECT_OK(__wasi_path_unlink_file(dir, "symlink"), "removing a file");
  EXPECT_OK(__wasi_path_remove_directory(dir, "target"),
            "remove_directory on a directory should succeed");
  fd = open_ok(dir, 0, "target", __WASI_OFLAGS_CREAT, 0, 0, 0, "creating a file");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  EXPECT_OK(__wasi_path_symlink("target", dir, "symlink"), "creating a symlink");

  ASSERT_ERRNO(__wasi_path_open(dir, 0, "symlink", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd),
               "opening a directory symlink as a directory should fail", __WASI_ERRNO_LOOP,
               __WASI_ERRNO_NOTDIR);
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "symlink", 0, 0, 0, 0, &fd),
               "opening a symlink with NOFOLLOW should fail", __WASI_ERRNO_LOOP);
  ASSERT_ERRNO(__wasi_path_open(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink",
                                __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd),
               "opening a symlink to a file as a directory", __WASI_ERRNO_NOTDIR);

  EXPECT_OK(__wasi_path_unlink_file(dir, "target"), "removing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "symlink"), "removing a file");
  return 0;
}
