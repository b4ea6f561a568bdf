/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/remove_directory_trailing_slashes.rs:
 * a directory is removed by name and by "name/" (or ACCES); on a file, NOTDIR without the
 * slash and NOTDIR (unix) with it. */
#include "../../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *file = "file.cleanup", *dirname = "dir.cleanup";
  EXPECT_OK(__wasi_path_create_directory(dir, dirname), "creating a directory");
  EXPECT_OK(__wasi_path_remove_directory(dir, dirname),
            "remove_directory on a directory should succeed");
  EXPECT_OK(__wasi_path_create_directory(dir, dirname), "creating a directory");
  __wasi_errno_t err = __wasi_path_remove_directory(dir, "dir.cleanup/");
  if (err != 0) {
    ASSERT_EQ(err, __WASI_ERRNO_ACCES, "remove_directory with a trailing slash");
    EXPECT_OK(__wasi_path_remove_directory(dir, dirname), "remove_directory");
  }
  create_file(dir, file);
  ASSERT_ERRNO(__wasi_path_remove_directory(dir, file),
               "remove_directory without a trailing slash on a file should fail",
               __WASI_ERRNO_NOTDIR);
  ASSERT_ERRNO_UNIX(__wasi_path_remove_directory(dir, "file.cleanup/"),
                    "remove_directory with a trailing slash on a file should fail",
                    __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOENT);
  EXPECT_OK(__wasi_path_unlink_file(dir, file), "removing a file");
  return 0;
}
