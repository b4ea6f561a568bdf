/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/readlink.rs (fs-tests.dir
 * as "/"): path_readlink fills only what the link holds and truncates silently into a small
 * buffer. */
#include "../../io_util.h"

int main(void) {
  __wasi_fd_t base = testsuite_root_directory();
  const char *dir_name = "readlink_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  create_file(dir, "target");
  EXPECT_OK(__wasi_path_symlink("target", dir, "symlink"), "creating a symlink");
  uint8_t buf[10] = {0};
  __wasi_size_t used;
  EXPECT_OK(__wasi_path_readlink(dir, "symlink", buf, sizeof(buf), &used),
            "readlink should succeed");
  ASSERT_EQ(used, 6, "should use 6 bytes of the buffer");
  ASSERT_MEM_EQ(buf, "target", 6, "buffer should contain 'target'");
  static const uint8_t zeros[4];
  ASSERT_MEM_EQ(buf + 6, zeros, 4, "the remaining bytes should be untouched");
  uint8_t small[4] = {0};
  EXPECT_OK(__wasi_path_readlink(dir, "symlink", small, sizeof(small), &used),
            "readlink with buffer smaller than link content failed");
  ASSERT_EQ(used, 4, "should use 4 bytes of the buffer");
  ASSERT_MEM_EQ(small, "targ", 4, "buffer should contain 'targ'");
  EXPECT_OK(__wasi_path_unlink_file(dir, "target"), "removing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "symlink"), "removing a file");
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
