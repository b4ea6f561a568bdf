/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_symlink_filestat.rs:
 * path_filestat_set_times on a symlink without following changes the link's mtim only;
 * following it changes the file's. */
#include "../io_util.h"

static uint64_t absdiff(uint64_t a, uint64_t b) { return a > b ? a - b : b - a; }

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  const __wasi_lookupflags_t follow = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
  uint64_t precision = fs_time_precision();
  __wasi_fd_t fd = open_ok(dir, 0, "file", __WASI_OFLAGS_CREAT, RW, 0, 0, "opening a file");
  ASSERT(fd > 2, "file descriptor range check");
  __wasi_filestat_t file_stat = stat_path(dir, 0, "file", "reading file stats");
  ASSERT_EQ(file_stat.size, 0, "file size should be 0");
  EXPECT_OK(__wasi_path_symlink("file", dir, "symlink"), "creating symlink to a file");
  __wasi_filestat_t sym_stat = stat_path(dir, 0, "symlink", "reading symlink stats");

  __wasi_timestamp_t sym_new_mtim = sym_stat.mtim - 2 * precision;
  EXPECT_OK(__wasi_path_filestat_set_times(dir, 0, "symlink", 0, sym_new_mtim,
                                           __WASI_FSTFLAGS_MTIM),
            "path_filestat_set_times should succeed on symlink");
  __wasi_filestat_t st = stat_path(dir, 0, "symlink", "reading file stats");
  ASSERT(absdiff(st.mtim, sym_new_mtim) < precision, "symlink mtim should change");
  st = stat_path(dir, 0, "file", "reading file stats");
  ASSERT_EQ(st.mtim, file_stat.mtim, "file mtim should not change");

  st = stat_path(dir, follow, "symlink", "reading file stats on the dereferenced symlink");
  ASSERT_EQ(st.mtim, file_stat.mtim, "symlink mtim should be equal to pointee's when dereferenced");

  EXPECT_OK(__wasi_path_filestat_set_times(dir, follow, "symlink", 0, sym_stat.mtim,
                                           __WASI_FSTFLAGS_MTIM),
            "path_filestat_set_times should succeed on setting stat on original file");
  st = stat_path(dir, 0, "file", "reading file stats");
  ASSERT(absdiff(st.mtim, sym_stat.mtim) < precision, "mtim should change");

  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "symlink"), "removing a symlink");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
  return 0;
}
