/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/renumber.rs (fs-tests.dir
 * as "/"): fd_renumber moves an open file over another (the source closes, the destination has
 * its fdstat); renumbering to a descriptor that is not open is BADF. */
#include "../../io_util.h"

static void test_renumber(__wasi_fd_t dir) {
  ASSERT(dir > 3, "dir_fd number");
  __wasi_fd_t from = open_ok(dir, 0, "file1", __WASI_OFLAGS_CREAT, RW, 0, 0, "opening a file");
  ASSERT(from > 2, "file descriptor range check");
  __wasi_fdstat_t st_from;
  EXPECT_OK(__wasi_fd_fdstat_get(from, &st_from), "calling fd_fdstat on the open file descriptor");
  __wasi_fd_t to = open_ok(dir, 0, "file2", __WASI_OFLAGS_CREAT, RW, 0, 0, "opening a file");
  ASSERT(to > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_renumber(from, to), "renumbering two descriptors");
  ASSERT_ERRNO(__wasi_fd_close(from), "closing already closed file descriptor", __WASI_ERRNO_BADF);
  __wasi_fdstat_t st_to;
  EXPECT_OK(__wasi_fd_fdstat_get(to, &st_to), "calling fd_fdstat on the open file descriptor");
  ASSERT_EQ(st_from.fs_filetype, st_to.fs_filetype, "same filetype");
  ASSERT_EQ(st_from.fs_flags, st_to.fs_flags, "same flags");
  ASSERT_EQ(st_from.fs_rights_base, st_to.fs_rights_base, "same base rights");
  ASSERT_EQ(st_from.fs_rights_inheriting, st_to.fs_rights_inheriting, "same inheriting rights");
  ASSERT_ERRNO(__wasi_fd_renumber(to, from),
               "fd_renumber should not allow renumbering to invalid destination file descriptors",
               __WASI_ERRNO_BADF);
  EXPECT_OK(__wasi_fd_close(to), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file1"), "removing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file2"), "removing a file");
}

int main(void) {
  __wasi_fd_t base = testsuite_root_directory();
  const char *dir_name = "renumber_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  test_renumber(dir);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
