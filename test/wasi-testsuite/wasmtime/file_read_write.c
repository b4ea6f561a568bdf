/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_file_read_write.rs:
 * fd_write/fd_read at the file offset with one and several iovecs, fd_seek between them; a
 * 0-byte write past the end writes nothing but the offset stays where it was sought. */
#include "../io_util.h"

static void test_file_read_write(__wasi_fd_t dir) {
  __wasi_fd_t fd = open_ok(dir, 0, "file", __WASI_OFLAGS_CREAT, RW, 0, 0, "opening a file");
  ASSERT(fd > 2, "file descriptor range check");
  const uint8_t c0123[4] = {0, 1, 2, 3};
  ASSERT_EQ(write_bytes(fd, c0123, 4, "writing bytes at offset 0"), 4, "nwritten bytes check");
  uint8_t contents[4] = {0};
  seek(fd, 0, __WASI_WHENCE_SET, "seeking to offset 0");
  ASSERT_EQ(read_bytes(fd, contents, 4, "reading bytes at offset 0"), 4, "nread bytes check");
  ASSERT_MEM_EQ(contents, c0123, 4, "written bytes equal read bytes");

  size_t offset = 0;
  seek(fd, 0, __WASI_WHENCE_SET, "seeking to offset 0");
  for (;;) {
    __wasi_ciovec_t v[2];
    int count = 0;
    size_t remaining = 4 - offset;
    if (remaining > 2) {
      v[count++] = ciovec(c0123 + offset, 2);
      remaining -= 2;
    }
    v[count++] = ciovec(c0123 + 4 - remaining, remaining);
    __wasi_size_t n;
    EXPECT_OK(__wasi_fd_write(fd, v, (size_t)count, &n), "writing bytes at offset 0");
    offset += n;
    if (offset == 4) break;
  }
  ASSERT_EQ(offset, 4, "nread bytes check");

  memset(contents, 0, 4);
  offset = 0;
  seek(fd, 0, __WASI_WHENCE_SET, "seeking to offset 0");
  for (;;) {
    uint8_t buffer[4] = {0};
    __wasi_iovec_t v[2] = {iovec(buffer, 2), iovec(buffer + 2, 2)};
    __wasi_size_t n;
    EXPECT_OK(__wasi_fd_read(fd, v, 2, &n), "reading bytes at offset 0");
    if (n == 0) break;
    memcpy(contents + offset, buffer, n);
    offset += n;
  }
  ASSERT_EQ(offset, 4, "nread bytes check");
  ASSERT_MEM_EQ(contents, c0123, 4, "file cursor was overwritten");

  memset(contents, 0, 4);
  seek(fd, 2, __WASI_WHENCE_SET, "seeking to offset 2");
  ASSERT_EQ(read_bytes(fd, contents, 4, "reading bytes at offset 2"), 2, "nread bytes check");
  const uint8_t c2300[4] = {2, 3, 0, 0};
  ASSERT_MEM_EQ(contents, c2300, 4, "file cursor was overwritten");

  const uint8_t c10[2] = {1, 0};
  seek(fd, 2, __WASI_WHENCE_SET, "seeking to offset 2");
  ASSERT_EQ(write_bytes(fd, c10, 2, "writing bytes at offset 2"), 2, "nwritten bytes check");
  memset(contents, 0, 4);
  seek(fd, 0, __WASI_WHENCE_SET, "seeking to offset 0");
  ASSERT_EQ(read_bytes(fd, contents, 4, "reading bytes at offset 0"), 4, "nread bytes check");
  const uint8_t c0110[4] = {0, 1, 1, 0};
  ASSERT_MEM_EQ(contents, c0110, 4, "file cursor was overwritten");

  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
}

static void test_file_write_and_file_pos(__wasi_fd_t dir) {
  __wasi_fd_t fd = open_ok(dir, 0, "file2", __WASI_OFLAGS_CREAT, RW, 0, 0, "opening a file");
  ASSERT(fd > 2, "file descriptor range check");
  ASSERT_EQ(tell(fd, "tell"), 0, "initial offset");
  seek(fd, 2, __WASI_WHENCE_SET, "seeking to offset 2");
  ASSERT_EQ(write_bytes(fd, DANGLING, 0, "writing bytes at offset 2"), 0, "0-byte write");
  ASSERT_EQ(tell(fd, "tell"), 2, "offset after a 0-byte write");
  ASSERT_EQ(fstat_fd(fd, "filestat").size, 0, "size after a 0-byte write");
  const uint8_t zero[1] = {0};
  seek(fd, 50, __WASI_WHENCE_SET, "seeking to offset 50");
  ASSERT_EQ(write_bytes(fd, zero, 1, "writing bytes at offset 50"), 1, "1-byte write");
  ASSERT_EQ(tell(fd, "tell"), 51, "offset after the write");
  ASSERT_EQ(fstat_fd(fd, "filestat").size, 51, "size after the write");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file2"), "removing a file");
}

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  test_file_read_write(dir);
  test_file_write_and_file_pos(dir);
  return 0;
}
