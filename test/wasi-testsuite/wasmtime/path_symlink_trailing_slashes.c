/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_path_symlink_trailing_slashes.rs:
 * path_symlink to "target/": NOENT when nothing is there, EXIST over a directory (with or
 * without the slash), NOTDIR over a file with the slash (unix), EXIST without. */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  if (support_dangling_filesystem()) {
    ASSERT_ERRNO(__wasi_path_symlink("source", dir, "target/"),
                 "link destination ending with a slash should fail", __WASI_ERRNO_NOENT);
    EXPECT_OK(__wasi_path_symlink("source", dir, "target"),
              "link destination ending with a slash");
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
  ASSERT_ERRNO_UNIX(__wasi_path_symlink("source", dir, "target/"),
                    "link destination already exists", __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOENT);
  EXPECT_OK(__wasi_path_unlink_file(dir, "target"), "removing a file");

  create_file(dir, "target");
  ASSERT_ERRNO_UNIX(__wasi_path_symlink("source", dir, "target"),
                    "link destination already exists", __WASI_ERRNO_EXIST, __WASI_ERRNO_NOENT);
  EXPECT_OK(__wasi_path_unlink_file(dir, "target"), "removing a file");
  return 0;
}
