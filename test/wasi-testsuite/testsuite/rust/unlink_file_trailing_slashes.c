/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/unlink_file_trailing_slashes.rs:
 * path_unlink_file on a directory is ISDIR (unix), with or without a trailing slash; on
 * "file/" NOTDIR (unix); on "file" it works. */
#include "../../io_util.h"

static void run(__wasi_fd_t dir) {
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
  /* unix => NOTDIR, windows => NOENT */
  ASSERT_ERRNO_UNIX(__wasi_path_unlink_file(dir, "file/"),
                    "unlink_file with a trailing slash should fail", __WASI_ERRNO_NOTDIR,
                    __WASI_ERRNO_NOENT);
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"),
            "unlink_file with no trailing slash should succeed");
}

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "unlink_file_trailing_slashes_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  run(dir);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
