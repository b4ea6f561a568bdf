/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/nofollow_errors.rs
 * (fs-tests.dir as "/"): opening symlinks without following them fails (LOOP, NOTDIR,
 * ACCES as allowed); followed, a symlink to a directory opens and one to a file with
 * OFLAGS_DIRECTORY is NOTDIR. */
#include "../../io_util.h"

static void test_nofollow_errors(__wasi_fd_t dir) {
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
}

int main(void) {
  __wasi_fd_t base = testsuite_root_directory();
  const char *dir_name = "nofollow_errors_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  test_nofollow_errors(dir);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
