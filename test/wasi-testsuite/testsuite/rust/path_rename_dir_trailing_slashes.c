/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/path_rename_dir_trailing_slashes.rs:
 * a directory renames with trailing slashes on either name. */
#include "../../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "path_rename_dir_trailing_slashes_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  EXPECT_OK(__wasi_path_create_directory(dir, "source"), "creating a directory");
  EXPECT_OK(__wasi_path_rename(dir, "source/", dir, "target"),
            "renaming a directory with a trailing slash in the source name");
  EXPECT_OK(__wasi_path_rename(dir, "target", dir, "source/"),
            "renaming a directory with a trailing slash in the destination name");
  EXPECT_OK(__wasi_path_rename(dir, "source/", dir, "target/"),
            "renaming a directory with a trailing slash in the source and destination names");
  EXPECT_OK(__wasi_path_rename(dir, "target", dir, "source"),
            "renaming a directory with no trailing slashes at all should work");
  EXPECT_OK(__wasi_path_remove_directory(dir, "source"), "removing the directory");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
