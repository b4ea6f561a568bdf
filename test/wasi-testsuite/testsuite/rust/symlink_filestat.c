/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/symlink_filestat.rs:
 * path_filestat_set_times on a symlink without following sets the link's mtim (to the
 * nanosecond) and not the file's; following it sets the file's. */
#include "../../io_util.h"

static void test_path_filestat(__wasi_fd_t dir) {
  const __wasi_lookupflags_t follow = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
  __wasi_fdstat_t fdstat;
  EXPECT_OK(__wasi_fd_fdstat_get(dir, &fdstat), "fd_fdstat_get");
  ASSERT(fdstat.fs_rights_base & __WASI_RIGHTS_PATH_FILESTAT_GET,
         "the scratch directory should have RIGHT_PATH_FILESTAT_GET as base right");
  __wasi_fd_t fd = open_ok(dir, 0, "file", __WASI_OFLAGS_CREAT,
                           RW | __WASI_RIGHTS_PATH_FILESTAT_GET, 0, 0, "opening a file");
  ASSERT(fd > 2, "file descriptor range check");
  __wasi_filestat_t file_stat = stat_path(dir, 0, "file", "reading file stats");
  ASSERT_EQ(file_stat.size, 0, "file size should be 0");
  EXPECT_OK(__wasi_path_symlink("file", dir, "symlink"), "creating symlink to a file");
  __wasi_filestat_t sym_stat = stat_path(dir, 0, "symlink", "reading symlink stats");
  __wasi_timestamp_t sym_new_mtim = sym_stat.mtim - 200;
  EXPECT_OK(__wasi_path_filestat_set_times(dir, 0, "symlink", 0, sym_new_mtim,
                                           __WASI_FSTFLAGS_MTIM),
            "path_filestat_set_times should succeed on symlink");
  ASSERT_EQ(stat_path(dir, 0, "symlink", "reading file stats").mtim, sym_new_mtim,
            "symlink mtim should change");
  ASSERT_EQ(stat_path(dir, 0, "file", "reading file stats").mtim, file_stat.mtim,
            "file mtim should not change");
  ASSERT_EQ(stat_path(dir, follow, "symlink", "reading file stats on the dereferenced symlink").mtim,
            file_stat.mtim, "symlink mtim should be equal to pointee's when dereferenced");
  EXPECT_OK(__wasi_path_filestat_set_times(dir, follow, "symlink", 0, sym_stat.mtim,
                                           __WASI_FSTFLAGS_MTIM),
            "path_filestat_set_times should succeed on setting stat on original file");
  ASSERT_EQ(stat_path(dir, 0, "file", "reading file stats").mtim, sym_stat.mtim,
            "mtim should change");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "symlink"), "removing a symlink");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
}

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "symlink_filestat_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  test_path_filestat(dir);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
