/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_fd_flags_set.rs: a
 * file opened with FDFLAGS_APPEND appends whatever the offset; fd_fdstat_set_flags(0) turns
 * appending off. */
#include "../conformance.h"

static void write_all(__wasi_fd_t fd, const uint8_t *data, size_t len) {
  __wasi_ciovec_t v = ciovec(data, len);
  __wasi_size_t n;
  EXPECT_OK(__wasi_fd_write(fd, &v, 1, &n), "writing to a file");
  ASSERT_EQ(n, len, "should write all bytes");
}
static void read_all(__wasi_fd_t fd, uint8_t *buf, size_t len) {
  __wasi_iovec_t v = iovec(buf, len);
  __wasi_size_t n;
  EXPECT_OK(__wasi_fd_read(fd, &v, 1, &n), "reading file");
  ASSERT_EQ(n, len, "should read all bytes");
}
static void seek_set(__wasi_fd_t fd, int64_t offset) {
  __wasi_filesize_t pos;
  EXPECT_OK(__wasi_fd_seek(fd, offset, __WASI_WHENCE_SET, &pos), "seeking file");
}

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  uint8_t data[100], buffer[100];
  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT,
                             __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0,
                             __WASI_FDFLAGS_APPEND, &fd),
            "opening a file");

  memset(data, 0, sizeof(data));
  write_all(fd, data, sizeof(data));
  seek_set(fd, 0);
  read_all(fd, buffer, sizeof(buffer));
  ASSERT_MEM_EQ(data, buffer, sizeof(data), "first write");

  memset(data, 1, sizeof(data));
  seek_set(fd, 0); /* appending: the write still goes to the end */
  write_all(fd, data, sizeof(data));
  seek_set(fd, 100);
  read_all(fd, buffer, sizeof(buffer));
  ASSERT_MEM_EQ(data, buffer, sizeof(data), "appended write");

  EXPECT_OK(__wasi_fd_fdstat_set_flags(fd, 0), "disabling flags");
  seek_set(fd, 0);
  memset(data, 2, sizeof(data));
  write_all(fd, data, sizeof(data));
  seek_set(fd, 0);
  read_all(fd, buffer, sizeof(buffer));
  ASSERT_MEM_EQ(data, buffer, sizeof(data), "overwritten without append");

  EXPECT_OK(__wasi_fd_close(fd), "close file");
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_filestat_get(dir, 0, "file", &st), "stat path");
  ASSERT_EQ(st.size, 200, "expected a file size of 200");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "unlinking file");
  return 0;
}
