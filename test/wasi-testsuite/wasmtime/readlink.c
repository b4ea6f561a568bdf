/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_readlink.rs:
 * path_readlink fills only what the link holds, truncates silently into a small buffer, and a
 * buffer grown a byte at a time eventually holds a non-ASCII target. */
#include "../io_util.h"

static void test_readlink(__wasi_fd_t dir) {
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
            "readlink with too-small buffer should silently truncate");
  ASSERT_EQ(used, 4, "bufused");
  ASSERT_MEM_EQ(small, "targ", 4, "truncated contents");
  EXPECT_OK(__wasi_path_unlink_file(dir, "target"), "removing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "symlink"), "removing a file");
}

static void test_incremental_readlink(__wasi_fd_t dir) {
  const char *filename = "\xd0\x94\xd0\xb5\xd0\xb9\xd1\x81\xd1\x82\xd0\xb2\xd0\xb8\xd0\xb5";
  size_t len = strlen(filename);
  create_file(dir, filename);
  EXPECT_OK(__wasi_path_symlink(filename, dir, "symlink"), "creating a symlink");
  for (size_t cap = 0;; cap++) {
    if (cap > 2 * len) FAIL("readlink never returned the whole target");
    uint8_t *buf = cap ? (uint8_t *)malloc(cap) : DANGLING;
    __wasi_size_t used;
    EXPECT_OK(__wasi_path_readlink(dir, "symlink", buf, cap, &used), "readlink should succeed");
    ASSERT(used <= cap, "bufused fits the buffer");
    if (cap > len) {
      ASSERT(used >= len && memcmp(buf, filename, len) == 0, "the target is all there");
      free(buf);
      break;
    }
    if (cap) free(buf);
  }
  EXPECT_OK(__wasi_path_unlink_file(dir, filename), "removing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "symlink"), "removing a file");
}

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  test_readlink(dir);
  test_incremental_readlink(dir);
  return 0;
}
