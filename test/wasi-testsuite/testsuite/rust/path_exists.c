/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/path_exists.rs:
 * path_filestat_get with and without following, on a directory, a file and symlinks to
 * each. */
#include "../../io_util.h"

static void test_path_exists(__wasi_fd_t dir) {
  const __wasi_lookupflags_t follow = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
  EXPECT_OK(__wasi_path_create_directory(dir, "subdir"), "create directory");
  ASSERT_EQ(stat_path(dir, 0, "subdir", "reading file stats").filetype,
            __WASI_FILETYPE_DIRECTORY, "subdir");
  ASSERT_EQ(stat_path(dir, follow, "subdir", "reading file stats").filetype,
            __WASI_FILETYPE_DIRECTORY, "subdir followed");
  create_file(dir, "subdir/file");
  ASSERT_EQ(stat_path(dir, 0, "subdir/file", "reading file stats").filetype,
            __WASI_FILETYPE_REGULAR_FILE, "subdir/file");
  ASSERT_EQ(stat_path(dir, follow, "subdir/file", "reading file stats").filetype,
            __WASI_FILETYPE_REGULAR_FILE, "subdir/file followed");
  EXPECT_OK(__wasi_path_symlink("subdir/file", dir, "link1"), "create symlink");
  ASSERT_EQ(stat_path(dir, 0, "link1", "reading file stats").filetype,
            __WASI_FILETYPE_SYMBOLIC_LINK, "link1");
  ASSERT_EQ(stat_path(dir, follow, "link1", "reading file stats").filetype,
            __WASI_FILETYPE_REGULAR_FILE, "link1 followed");
  EXPECT_OK(__wasi_path_symlink("subdir", dir, "link2"), "create symlink");
  ASSERT_EQ(stat_path(dir, 0, "link2", "reading file stats").filetype,
            __WASI_FILETYPE_SYMBOLIC_LINK, "link2");
  ASSERT_EQ(stat_path(dir, follow, "link2", "reading file stats").filetype,
            __WASI_FILETYPE_DIRECTORY, "link2 followed");
  EXPECT_OK(__wasi_path_unlink_file(dir, "link1"), "clean up");
  EXPECT_OK(__wasi_path_unlink_file(dir, "link2"), "clean up");
  EXPECT_OK(__wasi_path_unlink_file(dir, "subdir/file"), "clean up");
  EXPECT_OK(__wasi_path_remove_directory(dir, "subdir"), "clean up");
}

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "path_exists_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  test_path_exists(dir);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
