/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/directory_seek.rs
 * (fs-tests.dir as "/"): a directory opened asking for fd_seek cannot seek (ISDIR,
 * NOTCAPABLE or BADF) and does not have the right. */
#include "../../io_util.h"

int main(void) {
  __wasi_fd_t dir = testsuite_root_directory();
  const char *name = "directory_seek_dir.cleanup";
  EXPECT_OK(__wasi_path_create_directory(dir, name), "failed to make directory");
  __wasi_fd_t fd = open_ok(dir, 0, name, __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_SEEK, 0, 0,
                           "failed to open file");
  ASSERT(fd > 2, "file descriptor range check");
  __wasi_filesize_t pos;
  ASSERT_ERRNO(__wasi_fd_seek(fd, 0, __WASI_WHENCE_CUR, &pos), "seek on a directory",
               __WASI_ERRNO_ISDIR, __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_BADF);
  __wasi_fdstat_t st;
  EXPECT_OK(__wasi_fd_fdstat_get(fd, &st), "failed to fdstat");
  ASSERT_EQ(st.fs_filetype, __WASI_FILETYPE_DIRECTORY,
            "expected the scratch directory to be a directory");
  ASSERT_EQ(st.fs_rights_base & __WASI_RIGHTS_FD_SEEK, 0, "directory does NOT have the seek right");
  EXPECT_OK(__wasi_fd_close(fd), "failed to close fd");
  EXPECT_OK(__wasi_path_remove_directory(dir, name), "failed to remove dir");
  return 0;
}
