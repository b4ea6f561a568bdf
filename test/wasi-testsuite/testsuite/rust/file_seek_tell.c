/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/file_seek_tell.rs:
 * fd_tell after writes and reads; fd_seek relative, absolute, past the end, and before byte 0
 * (INVAL). */
#include "../../io_util.h"

static void test_file_seek_tell(__wasi_fd_t dir) {
  __wasi_fd_t fd = open_ok(dir, 0, "file", __WASI_OFLAGS_CREAT,
                           __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE |
                               __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL,
                           0, 0, "opening a file");
  ASSERT(fd > 2, "file descriptor range check");
  ASSERT_EQ(tell(fd, "getting initial file offset"), 0, "current offset should be 0");
  static const uint8_t data[100];
  ASSERT_EQ(write_bytes(fd, data, 100, "writing to a file"), 100, "should write 100 bytes");
  ASSERT_EQ(tell(fd, "getting file offset after writing"), 100,
            "offset after writing should be 100");
  ASSERT_EQ(seek(fd, -50, __WASI_WHENCE_CUR, "seeking to the middle of a file"), 50,
            "offset after seeking to the middle should be at 50");
  ASSERT_EQ(seek(fd, 0, __WASI_WHENCE_SET, "seeking to the beginning of the file"), 0,
            "offset after seeking to the beginning of the file should be at 0");
  seek(fd, 1000, __WASI_WHENCE_CUR, "seeking beyond the end of the file");
  __wasi_filesize_t pos;
  ASSERT_ERRNO(__wasi_fd_seek(fd, -2000, __WASI_WHENCE_CUR, &pos),
               "seeking before byte 0 should be an error", __WASI_ERRNO_INVAL);
  seek(fd, 0, __WASI_WHENCE_SET, "seeking to the beginning of the file again");
  uint8_t buffer[100];
  ASSERT_EQ(read_bytes(fd, buffer, 100, "reading file"), 100, "should read 100 bytes");
  ASSERT_EQ(tell(fd, "getting file offset after reading"), 100,
            "offset after reading should be 100");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "deleting a file");
}

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "file_seek_tell_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  test_file_seek_tell(dir);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
