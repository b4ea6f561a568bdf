/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_path_open_read_write.rs:
 * the read and write rights asked of path_open show in fd_fdstat_get and decide which of
 * fd_read and fd_write work (the other is PERM or BADF). */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  create_file(dir, "file");
  __wasi_fdstat_t st;
  uint8_t buffer[100];
  static const uint8_t write_buffer[50] = {1};
  __wasi_iovec_t iov = iovec(buffer, sizeof(buffer));
  __wasi_ciovec_t ciov = ciovec(write_buffer, sizeof(write_buffer));
  __wasi_size_t n;

  __wasi_fd_t ro = open_ok(dir, 0, "file", 0, __WASI_RIGHTS_FD_READ, 0, 0, "open file readonly");
  EXPECT_OK(__wasi_fd_fdstat_get(ro, &st), "get fdstat readonly");
  ASSERT((st.fs_rights_base & __WASI_RIGHTS_FD_READ) == __WASI_RIGHTS_FD_READ,
         "readonly has read right");
  ASSERT((st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) == 0, "readonly does not have write right");
  ASSERT_EQ(read_bytes(ro, buffer, sizeof(buffer), "reading readonly file"), 0,
            "readonly file is empty");
  ASSERT_ERRNO(__wasi_fd_write(ro, &ciov, 1, &n), "read of writeonly fails", __WASI_ERRNO_PERM,
               __WASI_ERRNO_BADF);
  EXPECT_OK(__wasi_fd_close(ro), "close readonly");

  __wasi_fd_t wo = open_ok(dir, 0, "file", 0, __WASI_RIGHTS_FD_WRITE, 0, 0, "open file writeonly");
  EXPECT_OK(__wasi_fd_fdstat_get(wo, &st), "get fdstat writeonly");
  ASSERT((st.fs_rights_base & __WASI_RIGHTS_FD_READ) == 0, "writeonly does not have read right");
  ASSERT((st.fs_rights_base & __WASI_RIGHTS_FD_READDIR) == 0,
         "writeonly does not have readdir right");
  ASSERT((st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) == __WASI_RIGHTS_FD_WRITE,
         "writeonly has write right");
  ASSERT_ERRNO(__wasi_fd_read(wo, &iov, 1, &n), "read of writeonly fails", __WASI_ERRNO_PERM,
               __WASI_ERRNO_BADF);
  ASSERT_EQ(write_bytes(wo, write_buffer, sizeof(write_buffer), "write to writeonly"),
            sizeof(write_buffer), "bytes written");
  EXPECT_OK(__wasi_fd_close(wo), "close writeonly");

  __wasi_fd_t rw = open_ok(dir, 0, "file", 0, RW, 0, 0, "open file readwrite");
  EXPECT_OK(__wasi_fd_fdstat_get(rw, &st), "get fdstat readwrite");
  ASSERT((st.fs_rights_base & __WASI_RIGHTS_FD_READ) == __WASI_RIGHTS_FD_READ,
         "readwrite has read right");
  ASSERT((st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) == __WASI_RIGHTS_FD_WRITE,
         "readwrite has write right");
  ASSERT_EQ(read_bytes(rw, buffer, sizeof(buffer), "reading readwrite file"),
            sizeof(write_buffer), "readwrite file contains contents from writeonly open");
  static const uint8_t write_buffer_2[25] = {2};
  ASSERT_EQ(write_bytes(rw, write_buffer_2, sizeof(write_buffer_2), "write to readwrite"),
            sizeof(write_buffer_2), "bytes written");
  ASSERT_EQ(fstat_fd(rw, "get filestat readwrite").size,
            sizeof(write_buffer) + sizeof(write_buffer_2), "total written is both write buffers");
  EXPECT_OK(__wasi_fd_close(rw), "close readwrite");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
  return 0;
}
