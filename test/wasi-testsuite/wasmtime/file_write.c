/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_file_write.rs: one
 * 64 KiB fd_write, then reading its first and last 100 bytes back. */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  const char *filename = "long_write.txt";
  __wasi_fd_t fd = open_ok(dir, 0, filename, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, 0,
                           "creating a file for writing");
  static char content[4096 * 16 + 1];
  for (int n = 0; n < 4096; n++) {
    char chunk[17];
    snprintf(chunk, sizeof(chunk), "123456789 %05d ", n);
    ASSERT_EQ(strlen(chunk), 16, "chunk length");
    memcpy(content + 16 * n, chunk, 16);
  }
  const size_t len = 4096 * 16;
  ASSERT_EQ(write_bytes(fd, content, len, "writing file content"), len, "nwritten bytes check");
  ASSERT_EQ(fstat_fd(fd, "reading file stats").size, len, "file should be size of content");
  EXPECT_OK(__wasi_fd_close(fd), "closing the file");

  fd = open_ok(dir, 0, filename, 0, __WASI_RIGHTS_FD_READ, 0, 0, "open the file for reading");
  uint8_t buffer[100];
  ASSERT_EQ(read_bytes(fd, buffer, 100, "reading first chunk file content"), 100,
            "read first chunk");
  ASSERT_MEM_EQ(buffer, content, 100, "contents of first read chunk");
  size_t end_cursor = len - 100;
  seek(fd, (int64_t)end_cursor, __WASI_WHENCE_SET, "seeking to end of file minus buffer size");
  ASSERT_EQ(read_bytes(fd, buffer, 100, "reading end chunk of file content"), 100,
            "read end chunk len");
  ASSERT_MEM_EQ(buffer, content + end_cursor, 100, "contents of end read chunk");
  EXPECT_OK(__wasi_fd_close(fd), "closing the file");
  return 0;
}
