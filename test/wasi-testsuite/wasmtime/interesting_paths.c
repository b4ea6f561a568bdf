/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_interesting_paths.rs:
 * absolute paths and paths climbing out of the directory are PERM; "." and ".." inside it
 * resolve; a trailing NUL is INVAL (unix); trailing slashes on a file are NOTDIR/NOENT and on a
 * directory open it. */
#include "../io_util.h"

int main(int argc, char **argv) {
  const char *arg = scratch_arg(argc, argv);
  __wasi_fd_t dir = wasmtime_open_scratch_directory(arg);
  EXPECT_OK(__wasi_path_create_directory(dir, "dir"), "creating dir");
  EXPECT_OK(__wasi_path_create_directory(dir, "dir/nested"), "creating a nested dir");
  create_file(dir, "dir/nested/file");

  __wasi_fd_t fd;
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "/dir/nested/file", 0, 0, 0, 0, &fd),
               "opening a file with an absolute path", __WASI_ERRNO_PERM);

  fd = open_ok(dir, 0, "dir/.//nested/../../dir/nested/../nested///./file", 0, 0, 0, 0,
               "opening a file with \"..\" in the path");
  ASSERT(fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");

  static const char with_nul[] = "dir/nested/file\0";
  ASSERT_ERRNO_UNIX(path_open_len(dir, 0, with_nul, sizeof(with_nul) - 1, 0, 0, 0, 0, &fd),
                    "opening a file with a trailing NUL", __WASI_ERRNO_INVAL,
                    __WASI_ERRNO_NOENT);

  ASSERT_ERRNO(__wasi_path_open(dir, 0, "dir/nested/file/", 0, 0, 0, 0, &fd),
               "opening a file with a trailing slash should fail", __WASI_ERRNO_NOTDIR,
               __WASI_ERRNO_NOENT);
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "dir/nested/file///", 0, 0, 0, 0, &fd),
               "opening a file with trailing slashes should fail", __WASI_ERRNO_NOTDIR,
               __WASI_ERRNO_NOENT);

  fd = open_ok(dir, 0, "dir/nested/", 0, 0, 0, 0, "opening a directory with a trailing slash");
  ASSERT(fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  fd = open_ok(dir, 0, "dir/nested///", 0, 0, 0, 0, "opening a directory with trailing slashes");
  ASSERT(fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");

  char bad_path[512];
  snprintf(bad_path, sizeof(bad_path), "dir/nested/../../../%s/dir/nested/file", arg);
  ASSERT_ERRNO(__wasi_path_open(dir, 0, bad_path, 0, 0, 0, 0, &fd),
               "opening a file with too many \"..\"s in the path should fail", __WASI_ERRNO_PERM);

  EXPECT_OK(__wasi_path_unlink_file(dir, "dir/nested/file"),
            "unlink_file on a symlink should succeed");
  EXPECT_OK(__wasi_path_remove_directory(dir, "dir/nested"),
            "remove_directory on a directory should succeed");
  EXPECT_OK(__wasi_path_remove_directory(dir, "dir"),
            "remove_directory on a directory should succeed");
  return 0;
}
