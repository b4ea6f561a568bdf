/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_remove_directory.rs:
 * path_remove_directory removes a directory; on a file it is NOTDIR, with a trailing slash
 * too (unix). */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  EXPECT_OK(__wasi_path_create_directory(dir, "dir"), "creating a directory");
  EXPECT_OK(__wasi_path_remove_directory(dir, "dir"),
            "remove_directory on a directory should succeed");
  create_file(dir, "file");
  ASSERT_ERRNO(__wasi_path_remove_directory(dir, "file"),
               "remove_directory without a trailing slash on a file should fail",
               __WASI_ERRNO_NOTDIR);
  ASSERT_ERRNO_UNIX(__wasi_path_remove_directory(dir, "file/"),
                    "remove_directory with a trailing slash on a file should fail",
                    __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOENT);
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
  return 0;
}
