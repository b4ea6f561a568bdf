/* Port of WebAssembly/wasi-testsuite tests/rust/src/bin/path_open_read_without_rights.rs (the
 * earlier layout of the suite): once a directory has dropped fd_read from its base and
 * inheriting rights, a file opened from it without rights has no fd_read either, and reading
 * it is BADF. */
#include "../../io_util.h"

static void try_read_file(__wasi_fd_t dir) {
  __wasi_fd_t fd = open_ok(dir, 0, "file", 0, 0, 0, 0, "opening the file");
  __wasi_rights_t base, inheriting;
  fd_get_rights(fd, &base, &inheriting);
  ASSERT_EQ(base & __WASI_RIGHTS_FD_READ, 0, "should not have base RIGHTS_FD_READ");
  ASSERT_EQ(inheriting & __WASI_RIGHTS_FD_READ, 0, "should not have inheriting RIGHTS_FD_READ");
  uint8_t contents[1];
  __wasi_iovec_t iov = iovec(contents, 1);
  __wasi_size_t n;
  ASSERT_ERRNO(__wasi_fd_read(fd, &iov, 1, &n), "reading bytes from file should fail",
               __WASI_ERRNO_BADF);
}

static void test_read_rights(__wasi_fd_t dir) {
  create_file(dir, "file");
  drop_rights(dir, __WASI_RIGHTS_FD_READ, __WASI_RIGHTS_FD_READ);
  __wasi_rights_t base, inheriting;
  fd_get_rights(dir, &base, &inheriting);
  ASSERT_EQ(base & __WASI_RIGHTS_FD_READ, 0, "dir should not have base RIGHTS_FD_READ");
  ASSERT_EQ(inheriting & __WASI_RIGHTS_FD_READ, 0, "dir should not have inheriting RIGHTS_FD_READ");
  try_read_file(dir);
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing readable_file");
}

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "path_open_read_without_rights_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  test_read_rights(dir);
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
