/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/fd_advise.rs: set_size,
 * advise (which keeps the size), and fd_allocate either growing the file or NOTSUP. */
#include "../../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *name = "fd_advise_file.cleanup";
  __wasi_fd_t fd = open_ok(dir, 0, name, __WASI_OFLAGS_CREAT,
                           __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE |
                               __WASI_RIGHTS_FD_ADVISE | __WASI_RIGHTS_FD_FILESTAT_GET |
                               __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | __WASI_RIGHTS_FD_ALLOCATE,
                           0, 0, "failed to open file");
  ASSERT(fd > 2, "file descriptor range check");
  ASSERT_EQ(fstat_fd(fd, "failed to fdstat").size, 0, "file size should be 0");
  EXPECT_OK(__wasi_fd_filestat_set_size(fd, 100), "setting size");
  ASSERT_EQ(fstat_fd(fd, "failed to fdstat 2").size, 100, "file size should be 100");
  EXPECT_OK(__wasi_fd_advise(fd, 10, 50, __WASI_ADVICE_NORMAL), "failed advise");
  ASSERT_EQ(fstat_fd(fd, "failed to fdstat 3").size, 100, "file size should be 100");
  __wasi_errno_t err = __wasi_fd_allocate(fd, 100, 100);
  if (err == 0)
    ASSERT_EQ(fstat_fd(fd, "failed to fdstat 3").size, 200, "file size should be 200");
  else
    ASSERT_EQ(err, __WASI_ERRNO_NOTSUP, "allocating size");
  EXPECT_OK(__wasi_fd_close(fd), "failed to close");
  EXPECT_OK(__wasi_path_unlink_file(dir, name), "failed to unlink");
  return 0;
}
