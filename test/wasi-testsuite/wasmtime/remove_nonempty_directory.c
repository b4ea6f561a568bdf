/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_remove_nonempty_directory.rs:
 * removing a directory that is not empty is NOTEMPTY. */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  EXPECT_OK(__wasi_path_create_directory(dir, "dir"), "creating a directory");
  EXPECT_OK(__wasi_path_create_directory(dir, "dir/nested"), "creating a subdirectory");
  ASSERT_ERRNO(__wasi_path_remove_directory(dir, "dir"),
               "remove_directory on a directory should return ENOTEMPTY", __WASI_ERRNO_NOTEMPTY);
  EXPECT_OK(__wasi_path_remove_directory(dir, "dir/nested"),
            "remove_directory on a nested directory should succeed");
  EXPECT_OK(__wasi_path_remove_directory(dir, "dir"), "removing a directory");
  return 0;
}
