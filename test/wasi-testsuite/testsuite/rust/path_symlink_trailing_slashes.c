/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/path_symlink_trailing_slashes.rs:
 * path_symlink to "target/": NOENT when nothing is there; over a directory EXIST (unix) with
 * or without the slash; over a file NOTDIR (unix) with the slash, EXIST without. */
#include "../../io_util.h"

static void test_path_symlink_trailing_slashes(__wasi_fd_t dir) {
  if (support_dangling_filesystem()) {
    ASSERT_ERRNO(__wasi_path_symlink("source", dir, "target/"),
                 "link destination ending with a slash should fail", __WASI_ERRNO_NOENT);
    if (__wasi_path_symlink("source", dir, "target") == 0)
      EXPECT_OK(__wasi_path_unlink_file(dir, "target"), "removing a file");
  }
  EXPECT_OK(__wasi_path_create_directory(dir, "target"), "creating a directory");
  ASSERT_ERRNO_UNIX(__wasi_path_symlink("source", dir, "target/"),
                    "link destination already exists", __WASI_ERRNO_EXIST, __WASI_ERRNO_NOENT);
  EXPECT_OK(__wasi_path_remove_directory(dir, "target"), "removing a directory");

  EXPECT_OK(__wasi_path_create_directory(dir, "target"), "creating a directory");
  ASSERT_ERRNO_UNIX(__wasi_path_symlink("source", dir, "target"),
                    "link destination already exists", __WASI_ERRNO_EXIST, __WASI_ERRNO_NOENT);
  EXPECT_OK(__wasi_path_remove_directory(dir, "target"), "removing a directory");

  create_file(dir, "target");
  /* unix => NOTDIR, windows => NOENT, EXIST */
  ASSERT_ERRNO_UNIX(__wasi_path_symlink("source", dir, "target/"),
                    "link destination already exists", __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOENT,
                    __WASI_ERRNO_EXIST);
  EXPECT_OK(__wasi_path_unlink_file(dir, "target"), "removing a file");

  create_file(dir, "target");
  ASSERT_ERRNO_UNIX(__wasi_path_symlink("source", dir, "target"),
                    "link destination already exists", __WASI_ERRNO_EXIST, __WASI_ERRNO_NOENT);
  EXPECT_OK(__wasi_path_unlink_file(dir, "target"), "removing a file");
}

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "path_symlink_trailing_slashes_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  test_path_symlink_trailing_slashes(dir);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
