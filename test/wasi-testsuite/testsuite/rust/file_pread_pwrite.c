/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/file_pread_pwrite.rs:
 * fd_pwrite / fd_pread with one and several iovecs at offsets. */
#include "../../io_util.h"

static void test_file_pread_pwrite(__wasi_fd_t dir) {
  __wasi_fd_t fd = open_ok(dir, 0, "file", __WASI_OFLAGS_CREAT,
                           __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_WRITE,
                           0, 0, "opening a file");
  ASSERT(fd > 2, "file descriptor range check");
  const uint8_t c0123[4] = {0, 1, 2, 3};
  ASSERT_EQ(pwrite_bytes(fd, c0123, 4, 0, "writing bytes at offset 0"), 4, "nwritten bytes check");
  uint8_t contents[4] = {0};
  ASSERT_EQ(pread_bytes(fd, contents, 4, 0, "reading bytes at offset 0"), 4, "nread bytes check");
  ASSERT_MEM_EQ(contents, c0123, 4, "written bytes equal read bytes");

  size_t offset = 0;
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
    EXPECT_OK(__wasi_fd_pwrite(fd, v, (size_t)count, offset, &n), "writing bytes at offset 0");
    offset += n;
    if (offset == 4) break;
  }
  ASSERT_EQ(offset, 4, "nread bytes check");

  memset(contents, 0, 4);
  offset = 0;
  for (;;) {
    uint8_t buffer[4] = {0};
    __wasi_iovec_t v[2] = {iovec(buffer, 2), iovec(buffer + 2, 2)};
    __wasi_size_t n;
    EXPECT_OK(__wasi_fd_pread(fd, v, 2, offset, &n), "reading bytes at offset 0");
    if (n == 0) break;
    memcpy(contents + offset, buffer, n);
    offset += n;
  }
  ASSERT_EQ(offset, 4, "nread bytes check");
  ASSERT_MEM_EQ(contents, c0123, 4, "file cursor was overwritten");

  memset(contents, 0, 4);
  ASSERT_EQ(pread_bytes(fd, contents, 4, 2, "reading bytes at offset 2"), 2, "nread bytes check");
  const uint8_t c2300[4] = {2, 3, 0, 0};
  ASSERT_MEM_EQ(contents, c2300, 4, "file cursor was overwritten");
  const uint8_t c10[2] = {1, 0};
  ASSERT_EQ(pwrite_bytes(fd, c10, 2, 2, "writing bytes at offset 2"), 2, "nwritten bytes check");
  memset(contents, 0, 4);
  ASSERT_EQ(pread_bytes(fd, contents, 4, 0, "reading bytes at offset 0"), 4, "nread bytes check");
  const uint8_t c0110[4] = {0, 1, 1, 0};
  ASSERT_MEM_EQ(contents, c0110, 4, "file cursor was overwritten");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
}

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "file_pread_pwrite_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  test_file_pread_pwrite(dir);
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
