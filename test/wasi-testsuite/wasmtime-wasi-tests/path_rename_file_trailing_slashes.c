/* Port of bytecodealliance/wasmtime crates/test-programs/wasi-tests/src/bin/path_rename_file_trailing_slashes.rs
 * (the older wasi-tests crate): renaming a file works without trailing slashes and is NOTDIR
 * with one on the source, the destination or both. */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  create_file(dir, "source");
  EXPECT_OK(__wasi_path_rename(dir, "source", dir, "target"), "no trailing slashes rename works");
  EXPECT_OK(__wasi_path_rename(dir, "target", dir, "source"), "rename it back to source");
  ASSERT_ERRNO(__wasi_path_rename(dir, "source/", dir, "target"),
               "renaming a file with a trailing slash in the source name should fail",
               __WASI_ERRNO_NOTDIR);
  ASSERT_ERRNO(__wasi_path_rename(dir, "source", dir, "target/"),
               "renaming a file with a trailing slash in the destination name should fail",
               __WASI_ERRNO_NOTDIR);
  ASSERT_ERRNO(__wasi_path_rename(dir, "source/", dir, "target/"),
               "renaming a file with a trailing slash in the source and destination names "
               "should fail",
               __WASI_ERRNO_NOTDIR);
  EXPECT_OK(__wasi_path_unlink_file(dir, "source"), "removing a file");
  return 0;
}
