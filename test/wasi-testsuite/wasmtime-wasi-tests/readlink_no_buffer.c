/* Port of bytecodealliance/wasmtime crates/test-programs/wasi-tests/src/bin/readlink_no_buffer.rs
 * (the older wasi-tests crate; its scratch directory is opened with the preopen's rights):
 * path_readlink into a 0-byte buffer succeeds and uses 0 bytes. */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  EXPECT_OK(__wasi_path_symlink("target", dir, "symlink"), "creating a symlink");
  __wasi_size_t used = 99;
  EXPECT_OK(__wasi_path_readlink(dir, "symlink", DANGLING, 0, &used),
            "readlink with a 0-sized buffer should succeed");
  ASSERT_EQ(used, 0, "readlink with a 0-sized buffer should return 'bufused' 0");
  EXPECT_OK(__wasi_path_unlink_file(dir, "symlink"), "removing a file");
  return 0;
}
