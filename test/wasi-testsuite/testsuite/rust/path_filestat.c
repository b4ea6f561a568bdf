/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/path_filestat.rs
 * (fs-tests.dir as "/"): the directory has path_filestat_get; APPEND (and SYNC, unless
 * NOTSUP) show in fd_fdstat_get; path_filestat_set_times sets mtim to the nanosecond; MTIM
 * with MTIM_NOW, ATIM with ATIM_NOW, are INVAL and change nothing. */
#include "../../io_util.h"

static __wasi_errno_t open_file(__wasi_fd_t dir, __wasi_fdflags_t fdflags, __wasi_fd_t *fd) {
  return __wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT,
                          __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE |
                              __WASI_RIGHTS_PATH_FILESTAT_GET,
                          0, fdflags, fd);
}

static void test_path_filestat(__wasi_fd_t dir) {
  __wasi_fdstat_t fdstat;
  EXPECT_OK(__wasi_fd_fdstat_get(dir, &fdstat), "fd_fdstat_get");
  ASSERT(fdstat.fs_rights_base & __WASI_RIGHTS_PATH_FILESTAT_GET,
         "the scratch directory should have RIGHT_PATH_FILESTAT_GET as base right");
  __wasi_fd_t fd;
  __wasi_fdflags_t fdflags = __WASI_FDFLAGS_APPEND | __WASI_FDFLAGS_SYNC;
  __wasi_errno_t err = open_file(dir, fdflags, &fd);
  if (err == __WASI_ERRNO_NOTSUP) {
    fdflags = __WASI_FDFLAGS_APPEND;
    EXPECT_OK(open_file(dir, fdflags, &fd), "opening file");
  } else if (err != 0) {
    fprintf(stderr, "error opening file: %d\n", err);
    exit(1);
  }
  ASSERT(fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_fdstat_get(fd, &fdstat), "fd_fdstat_get");
  ASSERT_EQ(fdstat.fs_flags & __WASI_FDFLAGS_APPEND, __WASI_FDFLAGS_APPEND,
            "file should have the APPEND fdflag used to create the file");
  if (fdflags & __WASI_FDFLAGS_SYNC)
    ASSERT_EQ(fdstat.fs_flags & __WASI_FDFLAGS_SYNC, __WASI_FDFLAGS_SYNC,
              "file should have the SYNC fdflag used to create the file");

  __wasi_filestat_t st = stat_path(dir, 0, "file", "reading file stats");
  ASSERT_EQ(st.size, 0, "file size should be 0");
  __wasi_timestamp_t new_mtim = st.mtim - 100;
  EXPECT_OK(__wasi_path_filestat_set_times(dir, 0, "file", 0, new_mtim, __WASI_FSTFLAGS_MTIM),
            "path_filestat_set_times should succeed");
  st = stat_path(dir, 0, "file", "reading file stats after path_filestat_set_times");
  ASSERT_EQ(st.mtim, new_mtim, "mtim should change");
  ASSERT_ERRNO(__wasi_path_filestat_set_times(dir, 0, "file", 0, new_mtim,
                                              __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW),
               "MTIM and MTIM_NOW can't both be set", __WASI_ERRNO_INVAL);
  st = stat_path(dir, 0, "file", "reading file stats after ERRNO_INVAL fd_filestat_set_times");
  ASSERT_EQ(st.mtim, new_mtim, "mtim should not change");
  ASSERT_ERRNO(__wasi_path_filestat_set_times(dir, 0, "file", 0, 0,
                                              __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
               "ATIM & ATIM_NOW can't both be set", __WASI_ERRNO_INVAL);
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
}

int main(void) {
  __wasi_fd_t base = testsuite_root_directory();
  const char *dir_name = "path_filestat_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  test_path_filestat(dir);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
