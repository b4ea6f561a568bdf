/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/file_unbuffered_write.rs
 * (fs-tests.dir as "/"): a byte written through one descriptor is read at once through
 * another. */
#include "../../io_util.h"

static void test_file_unbuffered_write(__wasi_fd_t dir) {
  __wasi_fd_t fd_read = open_ok(dir, 0, "file", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ, 0, 0,
                                "create and open file for reading");
  ASSERT(fd_read > 2, "file descriptor range check");
  __wasi_fd_t fd_write = open_ok(dir, 0, "file", 0, __WASI_RIGHTS_FD_WRITE, 0, 0,
                                 "opening file for writing");
  ASSERT(fd_write > 2, "file descriptor range check");
  const uint8_t one[1] = {1};
  ASSERT_EQ(write_bytes(fd_write, one, 1, "writing byte to file"), 1, "nwritten bytes check");
  uint8_t got[1] = {0};
  ASSERT_EQ(read_bytes(fd_read, got, 1, "reading bytes from file"), 1, "nread bytes check");
  ASSERT_EQ(got[0], 1, "written bytes equal read bytes");
  EXPECT_OK(__wasi_fd_close(fd_write), "closing a file");
  EXPECT_OK(__wasi_fd_close(fd_read), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
}

int main(void) {
  __wasi_fd_t base = testsuite_root_directory();
  const char *dir_name = "file_unbuffered_write_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  test_file_unbuffered_write(dir);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
