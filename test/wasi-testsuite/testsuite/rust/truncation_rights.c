/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/truncation_rights.rs
 * (fs-tests.dir as "/"): a directory has no fd_filestat_set_size right; OFLAGS_TRUNC needs its
 * path_filestat_set_size right (without it: PERM or NOTCAPABLE) but not the inheriting
 * fd_filestat_set_size. */
#include "../../io_util.h"

static void test_truncation_rights(__wasi_fd_t dir) {
  create_file(dir, "file");
  __wasi_fdstat_t st;
  EXPECT_OK(__wasi_fd_fdstat_get(dir, &st), "calling fd_fdstat on the scratch directory");
  ASSERT_EQ(st.fs_filetype, __WASI_FILETYPE_DIRECTORY,
            "expected the scratch directory to be a directory");
  ASSERT_EQ(st.fs_flags, 0, "expected the scratch directory to have no special flags");
  ASSERT_EQ(st.fs_rights_base & __WASI_RIGHTS_FD_FILESTAT_SET_SIZE, 0,
            "directories shouldn't have the fd_filestat_set_size right");
  if ((st.fs_rights_base & __WASI_RIGHTS_PATH_FILESTAT_SET_SIZE) == 0) {
    fprintf(stderr, "implementation doesn't support setting file sizes, skipping\n");
  } else {
    __wasi_fd_t fd = open_ok(dir, 0, "file", __WASI_OFLAGS_TRUNC, 0, 0, 0, "truncating a file");
    EXPECT_OK(__wasi_fd_close(fd), "closing a file");
    __wasi_rights_t base = st.fs_rights_base, inheriting = st.fs_rights_inheriting;
    if ((inheriting & __WASI_RIGHTS_FD_FILESTAT_SET_SIZE) == 0) {
      fprintf(stderr, "implementation doesn't support setting file sizes through file "
                      "descriptors, skipping\n");
    } else {
      inheriting &= ~__WASI_RIGHTS_FD_FILESTAT_SET_SIZE;
      EXPECT_OK(__wasi_fd_fdstat_set_rights(dir, base, inheriting),
                "droping fd_filestat_set_size inheriting right on a directory");
    }
    fd = open_ok(dir, 0, "file", __WASI_OFLAGS_TRUNC, 0, 0, 0,
                 "truncating a file without fd_filestat_set_size right");
    EXPECT_OK(__wasi_fd_close(fd), "closing a file");
    base &= ~__WASI_RIGHTS_PATH_FILESTAT_SET_SIZE;
    EXPECT_OK(__wasi_fd_fdstat_set_rights(dir, base, inheriting),
              "droping path_filestat_set_size base right on a directory");
    EXPECT_OK(__wasi_fd_fdstat_get(dir, &st), "reading the fdstat from a directory");
    ASSERT_EQ(st.fs_rights_base & __WASI_RIGHTS_PATH_FILESTAT_SET_SIZE, 0,
              "reading the fdstat from a directory");
    ASSERT_ERRNO(__wasi_path_open(dir, 0, "file", __WASI_OFLAGS_TRUNC, 0, 0, 0, &fd),
                 "truncating a file without path_filestat_set_size right", __WASI_ERRNO_PERM,
                 __WASI_ERRNO_NOTCAPABLE);
  }
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
}

int main(void) {
  __wasi_fd_t base = testsuite_root_directory();
  const char *dir_name = "truncation_rights_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  test_truncation_rights(dir);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
