/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_unlink_file_trailing_slashes.rs:
 * path_unlink_file on a directory is ISDIR (unix), with or without a trailing slash; on
 * "file/" NOTDIR; on "file" it works. */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  EXPECT_OK(__wasi_path_create_directory(dir, "dir"), "creating a directory");
  /* macos => PERM, unix => ISDIR, windows => ACCES */
  ASSERT_ERRNO_MACOS_UNIX(__wasi_path_unlink_file(dir, "dir"),
                          "unlink_file on a directory should fail", __WASI_ERRNO_PERM,
                          __WASI_ERRNO_ISDIR, __WASI_ERRNO_ACCES);
  ASSERT_ERRNO_MACOS_UNIX(__wasi_path_unlink_file(dir, "dir/"),
                          "unlink_file on a directory should fail", __WASI_ERRNO_PERM,
                          __WASI_ERRNO_ISDIR, __WASI_ERRNO_ACCES);
  EXPECT_OK(__wasi_path_remove_directory(dir, "dir"), "removing a directory");
  create_file(dir, "file");
  ASSERT_ERRNO(__wasi_path_unlink_file(dir, "file/"),
               "unlink_file with a trailing slash should fail", __WASI_ERRNO_NOTDIR);
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"),
            "unlink_file with no trailing slash should succeed");
  return 0;
}
