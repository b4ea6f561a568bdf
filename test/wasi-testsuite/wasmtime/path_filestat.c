/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_path_filestat.rs:
 * APPEND and SYNC fdflags show in fd_fdstat_get; path_filestat_set_times sets mtim; MTIM with
 * MTIM_NOW, and ATIM with ATIM_NOW, are INVAL and change nothing. */
#include "../io_util.h"

static uint64_t absdiff(uint64_t a, uint64_t b) { return a > b ? a - b : b - a; }

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  __wasi_fdflags_t fdflags = support_fdflags_sync()
                                 ? (__WASI_FDFLAGS_APPEND | __WASI_FDFLAGS_SYNC)
                                 : __WASI_FDFLAGS_APPEND;
  __wasi_fd_t fd = open_ok(dir, 0, "file", __WASI_OFLAGS_CREAT, RW, 0, fdflags, "opening a file");
  ASSERT(fd > 2, "file descriptor range check");
  __wasi_fdstat_t fdstat;
  EXPECT_OK(__wasi_fd_fdstat_get(fd, &fdstat), "fd_fdstat_get");
  ASSERT_EQ(fdstat.fs_flags & __WASI_FDFLAGS_APPEND, __WASI_FDFLAGS_APPEND,
            "file should have the APPEND fdflag used to create the file");
  if (support_fdflags_sync()) {
    ASSERT_EQ(fdstat.fs_flags & __WASI_FDFLAGS_SYNC, __WASI_FDFLAGS_SYNC,
              "file should have the SYNC fdflag used to create the file");
  } else {
    __wasi_fd_t other;
    ASSERT_ERRNO(__wasi_path_open(dir, 0, "file", 0, RW, 0, __WASI_FDFLAGS_SYNC, &other),
                 "FDFLAGS_SYNC not supported by platform", __WASI_ERRNO_NOTSUP);
  }

  __wasi_filestat_t st = stat_path(dir, 0, "file", "reading file stats");
  ASSERT_EQ(st.size, 0, "file size should be 0");
  uint64_t precision = fs_time_precision();
  __wasi_timestamp_t new_mtim = st.mtim - 2 * precision;
  EXPECT_OK(__wasi_path_filestat_set_times(dir, 0, "file", 0, new_mtim, __WASI_FSTFLAGS_MTIM),
            "path_filestat_set_times should succeed");
  st = stat_path(dir, 0, "file", "reading file stats after path_filestat_set_times");
  ASSERT(absdiff(st.mtim, new_mtim) < precision, "mtim should change");

  ASSERT_ERRNO(__wasi_path_filestat_set_times(dir, 0, "file", 0, new_mtim,
                                              __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW),
               "MTIM and MTIM_NOW can't both be set", __WASI_ERRNO_INVAL);
  st = stat_path(dir, 0, "file", "reading file stats after ERRNO_INVAL fd_filestat_set_times");
  ASSERT(absdiff(st.mtim, new_mtim) < precision, "mtim should not change");

  ASSERT_ERRNO(__wasi_path_filestat_set_times(dir, 0, "file", 0, 0,
                                              __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
               "ATIM & ATIM_NOW can't both be set", __WASI_ERRNO_INVAL);

  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
  return 0;
}
