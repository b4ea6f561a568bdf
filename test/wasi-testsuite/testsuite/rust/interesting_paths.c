/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/interesting_paths.rs
 * (in a directory opened with the test's own narrower create_tmp_dir rights): absolute paths
 * and paths climbing out are PERM or NOTCAPABLE; "." and ".." inside resolve; a trailing NUL
 * is INVAL, ILSEQ or NOENT; trailing slashes on a file are NOTDIR/NOENT, on a directory open
 * it. */
#include "../../io_util.h"

/* This test's own create_tmp_dir, with fewer rights than the shared one. */
static __wasi_fd_t create_tmp_dir(__wasi_fd_t dir, const char *name) {
  EXPECT_OK(__wasi_path_create_directory(dir, name), "failed to create dir");
  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_open(dir, 0, name, __WASI_OFLAGS_DIRECTORY,
                             __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_READDIR |
                                 __WASI_RIGHTS_PATH_CREATE_FILE |
                                 __WASI_RIGHTS_PATH_CREATE_DIRECTORY |
                                 __WASI_RIGHTS_PATH_REMOVE_DIRECTORY | __WASI_RIGHTS_PATH_OPEN |
                                 __WASI_RIGHTS_PATH_UNLINK_FILE,
                             __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE |
                                 __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_FD_FILESTAT_GET |
                                 __WASI_RIGHTS_FD_SEEK,
                             0, &fd),
            "failed to open dir");
  return fd;
}

static void test_interesting_paths(__wasi_fd_t dir, const char *arg) {
  EXPECT_OK(__wasi_path_create_directory(dir, "dir"), "creating dir");
  EXPECT_OK(__wasi_path_create_directory(dir, "dir/nested"), "creating a nested dir");
  create_file(dir, "dir/nested/file");
  __wasi_fd_t fd;
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "/dir/nested/file", 0, 0, 0, 0, &fd),
               "opening a file with an absolute path", __WASI_ERRNO_PERM,
               __WASI_ERRNO_NOTCAPABLE);
  fd = open_ok(dir, 0, "dir/.//nested/../../dir/nested/../nested///./file", 0, 0, 0, 0,
               "opening a file with \"..\" in the path");
  ASSERT(fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  static const char with_nul[] = "dir/nested/file\0";
  ASSERT_ERRNO(path_open_len(dir, 0, with_nul, sizeof(with_nul) - 1, 0, 0, 0, 0, &fd),
               "opening a file with a trailing NUL", __WASI_ERRNO_INVAL, __WASI_ERRNO_ILSEQ,
               __WASI_ERRNO_NOENT);
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "dir/nested/file/", 0, 0, 0, 0, &fd),
               "opening a file with a trailing slash should fail", __WASI_ERRNO_NOTDIR,
               __WASI_ERRNO_NOENT);
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "dir/nested/file///", 0, 0, 0, 0, &fd),
               "opening a file with trailing slashes should fail", __WASI_ERRNO_NOTDIR,
               __WASI_ERRNO_NOENT);
  fd = open_ok(dir, 0, "dir/nested/", 0, 0, 0, 0, "opening a directory with a trailing slash");
  ASSERT(fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  fd = open_ok(dir, 0, "dir/nested///", 0, 0, 0, 0, "opening a directory with trailing slashes");
  ASSERT(fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  char bad_path[512];
  snprintf(bad_path, sizeof(bad_path), "dir/nested/../../../%s/dir/nested/file", arg);
  ASSERT_ERRNO(__wasi_path_open(dir, 0, bad_path, 0, 0, 0, 0, &fd),
               "opening a file with too many \"..\"s in the path should fail", __WASI_ERRNO_PERM,
               __WASI_ERRNO_NOTCAPABLE);
  EXPECT_OK(__wasi_path_unlink_file(dir, "dir/nested/file"),
            "unlink_file on a symlink should succeed");
  EXPECT_OK(__wasi_path_remove_directory(dir, "dir/nested"),
            "remove_directory on a directory should succeed");
  EXPECT_OK(__wasi_path_remove_directory(dir, "dir"),
            "remove_directory on a directory should succeed");
}

int main(int argc, char **argv) {
  const char *arg = scratch_arg(argc, argv);
  __wasi_fd_t base = testsuite_open_scratch_directory(arg);
  const char *dir_name = "interesting_paths_dir.cleanup";
  __wasi_fd_t dir = create_tmp_dir(base, dir_name);
  test_interesting_paths(dir, arg);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
