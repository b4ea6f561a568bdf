/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_path_rename_dir_trailing_slashes.rs:
 * a directory renames with trailing slashes on either name. */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
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
  return 0;
}
