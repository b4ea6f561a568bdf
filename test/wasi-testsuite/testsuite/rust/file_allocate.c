/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/file_allocate.rs:
 * fd_allocate either grows the file as asked (never shrinking it) or fails with NOTSUP. */
#include "../../io_util.h"

static void test_file_allocate(__wasi_fd_t dir) {
  __wasi_fd_t fd = open_ok(dir, 0, "file", __WASI_OFLAGS_CREAT,
                           __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE |
                               __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_GET,
                           0, 0, "opening a file");
  ASSERT(fd > 2, "file descriptor range check");
  ASSERT_EQ(fstat_fd(fd, "reading file stats").size, 0, "file size should be 0");
  __wasi_errno_t err = __wasi_fd_allocate(fd, 0, 100);
  if (err == 0) {
    ASSERT_EQ(fstat_fd(fd, "reading file stats").size, 100, "file size should be 100");
    EXPECT_OK(__wasi_fd_allocate(fd, 10, 10), "allocating size less than current size");
    ASSERT_EQ(fstat_fd(fd, "reading file stats").size, 100,
              "file size should remain unchanged at 100");
    EXPECT_OK(__wasi_fd_allocate(fd, 90, 20), "allocating size larger than current size");
    ASSERT_EQ(fstat_fd(fd, "reading file stats").size, 110,
              "file size should increase from 100 to 110");
  } else {
    ASSERT_EQ(err, __WASI_ERRNO_NOTSUP, "allocating size");
  }
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
}

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "file_allocate_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  test_file_allocate(dir);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
