/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/fd_fdstat_set_rights.rs
 * (fs-tests.dir as "/"): after fd_fdstat_set_rights drops fd_read and fd_write, reading and
 * writing fail (BADF or NOTCAPABLE), fd_seek stays, and the rights cannot be granted back
 * (NOTCAPABLE). Skipped where the host does not support rights. */
#include "../../io_util.h"

static void test_fd_fdstat_set_rights(__wasi_fd_t dir) {
  if (!supports_rights(dir)) return;
  const char *name = "file.cleanup";
  __wasi_fd_t fd = open_ok(dir, 0, name, __WASI_OFLAGS_CREAT,
                           __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE |
                               __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL,
                           0, 0, "creating a new file");
  const uint8_t contents[4] = {0, 1, 2, 3};
  __wasi_ciovec_t ciov = ciovec(contents, 4);
  __wasi_size_t n;
  EXPECT_OK(__wasi_fd_write(fd, &ciov, 1, &n), "failed to write to file");
  uint8_t read_contents[4] = {0};
  __wasi_iovec_t iov = iovec(read_contents, 4);
  seek(fd, 0, __WASI_WHENCE_SET, "seeking file to beginning");
  EXPECT_OK(__wasi_fd_read(fd, &iov, 1, &n), "failed to read file");
  ASSERT_EQ(n, 4, "Read fewer than expected bytes from file");
  ASSERT_MEM_EQ(contents, read_contents, 4, "written bytes equal read bytes");

  const __wasi_rights_t to_drop = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE;
  drop_rights(fd, to_drop, 0);
  __wasi_rights_t base, inheriting;
  fd_get_rights(fd, &base, &inheriting);
  ASSERT_EQ(base & to_drop, 0, "base rights should not have FD_READ | FD_WRITE");
  ASSERT(base & __WASI_RIGHTS_FD_SEEK, "base rights should have FD_SEEK");
  ASSERT_ERRNO(__wasi_fd_read(fd, &iov, 1, &n), "fd_read succeeded with insufficient rights",
               __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
  ASSERT_ERRNO(__wasi_fd_write(fd, &ciov, 1, &n), "fd_write succeeded with insufficient rights",
               __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);

  __wasi_fdstat_t st;
  EXPECT_OK(__wasi_fd_fdstat_get(fd, &st), "fd_fdstat_get failed");
  const __wasi_rights_t more = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE |
                               __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL;
  ASSERT_ERRNO(__wasi_fd_fdstat_set_rights(fd, st.fs_rights_base | more,
                                           st.fs_rights_inheriting | more),
               "granting additional rights to an fd should fail", __WASI_ERRNO_NOTCAPABLE);
  EXPECT_OK(__wasi_fd_close(fd), "closing fd");
  EXPECT_OK(__wasi_path_unlink_file(dir, name), "failed to remove file");
}

int main(void) {
  __wasi_fd_t base_dir = testsuite_root_directory();
  const char *dir_name = "rights_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base_dir, dir_name);
  test_fd_fdstat_set_rights(dir);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base_dir, dir_name), "failed to remove dir");
  return 0;
}
