/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_path_open_lots.rs:
 * 2000 times each: open read-only and fd_read, open read-only and fd_pread, open read-write
 * and fd_write, open read-write and fd_pwrite, closing every time. */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  create_file(dir, "file");
  uint8_t buffer[100];
  static const uint8_t zeros[100];
  for (int i = 0; i < 2000; i++) {
    __wasi_fd_t f = open_ok(dir, 0, "file", 0, __WASI_RIGHTS_FD_READ, 0, 0, "open file readonly");
    ASSERT_EQ(read_bytes(f, buffer, 100, "reading readonly file"), 0, "readonly file is empty");
    EXPECT_OK(__wasi_fd_close(f), "close readonly");
  }
  for (int i = 0; i < 2000; i++) {
    __wasi_fd_t f = open_ok(dir, 0, "file", 0, __WASI_RIGHTS_FD_READ, 0, 0, "open file readonly");
    ASSERT_EQ(pread_bytes(f, buffer, 100, 0, "reading readonly file"), 0, "readonly file is empty");
    EXPECT_OK(__wasi_fd_close(f), "close readonly");
  }
  for (int i = 0; i < 2000; i++) {
    __wasi_fd_t f = open_ok(dir, 0, "file", 0, RW, 0, 0, "open");
    ASSERT_EQ(write_bytes(f, zeros, 100, "write failed"), 100, "bytes written");
    EXPECT_OK(__wasi_fd_close(f), "close");
  }
  for (int i = 0; i < 2000; i++) {
    __wasi_fd_t f = open_ok(dir, 0, "file", 0, RW, 0, 0, "open");
    ASSERT_EQ(pwrite_bytes(f, zeros, 100, 0, "write failed"), 100, "bytes written");
    EXPECT_OK(__wasi_fd_close(f), "close");
  }
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
  return 0;
}
