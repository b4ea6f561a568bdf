/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/path_rename.rs:
 * renaming directories (to a new name; over an empty directory; over a non-empty one NOTEMPTY;
 * onto a file NOTDIR or success) and files (to a new name; over a file; onto a directory
 * ISDIR). */
#include "../../io_util.h"

static void test_path_rename(__wasi_fd_t dir) {
  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_create_directory(dir, "source"), "creating a directory");
  EXPECT_OK(__wasi_path_rename(dir, "source", dir, "target"), "renaming a directory");
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "source", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd),
               "opening a nonexistent path as a directory should fail", __WASI_ERRNO_NOENT);
  fd = open_ok(dir, 0, "target", __WASI_OFLAGS_DIRECTORY, 0, 0, 0,
               "opening renamed path as a directory");
  ASSERT(fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  EXPECT_OK(__wasi_path_remove_directory(dir, "target"), "removing a directory");

  if (support_rename_dir_to_empty_dir()) {
    EXPECT_OK(__wasi_path_create_directory(dir, "source"), "creating a directory");
    EXPECT_OK(__wasi_path_create_directory(dir, "target"), "creating a directory");
    EXPECT_OK(__wasi_path_rename(dir, "source", dir, "target"), "renaming a directory");
    ASSERT_ERRNO(__wasi_path_open(dir, 0, "source", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd),
                 "opening a nonexistent path as a directory", __WASI_ERRNO_NOENT);
    fd = open_ok(dir, 0, "target", __WASI_OFLAGS_DIRECTORY, 0, 0, 0,
                 "opening renamed path as a directory");
    ASSERT(fd > 2, "file descriptor range check");
    EXPECT_OK(__wasi_fd_close(fd), "closing a file");
    EXPECT_OK(__wasi_path_remove_directory(dir, "target"), "removing a directory");
  } else {
    EXPECT_OK(__wasi_path_create_directory(dir, "source"), "creating a directory");
    EXPECT_OK(__wasi_path_create_directory(dir, "target"), "creating a directory");
    EXPECT_ERR(__wasi_path_rename(dir, "source", dir, "target"),
               "windows does not support renaming a directory to an empty directory");
    EXPECT_OK(__wasi_path_remove_directory(dir, "target"), "removing a directory");
    EXPECT_OK(__wasi_path_remove_directory(dir, "source"), "removing a directory");
  }

  EXPECT_OK(__wasi_path_create_directory(dir, "source"), "creating a directory");
  EXPECT_OK(__wasi_path_create_directory(dir, "target"), "creating a directory");
  create_file(dir, "target/file");
  /* windows => ACCES, unix => NOTEMPTY */
  ASSERT_ERRNO_UNIX(__wasi_path_rename(dir, "source", dir, "target"),
                    "renaming directory to a nonempty directory", __WASI_ERRNO_NOTEMPTY,
                    __WASI_ERRNO_ACCES);
  __wasi_errno_t err = __wasi_path_rename(dir, "source", dir, "target/file");
  if (err == 0) {
    EXPECT_OK(__wasi_path_remove_directory(dir, "target/file"), "removing a file");
  } else {
    ASSERT_EQ(err, __WASI_ERRNO_NOTDIR, "renaming a directory onto a file");
    EXPECT_OK(__wasi_path_unlink_file(dir, "target/file"), "removing a file");
    EXPECT_OK(__wasi_path_remove_directory(dir, "source"), "removing a directory");
  }
  EXPECT_OK(__wasi_path_remove_directory(dir, "target"), "removing a directory");

  create_file(dir, "source");
  EXPECT_OK(__wasi_path_rename(dir, "source", dir, "target"), "renaming a file");
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "source", 0, 0, 0, 0, &fd),
               "opening a nonexistent path should fail", __WASI_ERRNO_NOENT);
  fd = open_ok(dir, 0, "target", 0, 0, 0, 0, "opening renamed path");
  ASSERT(fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "target"), "removing a file");

  create_file(dir, "source");
  create_file(dir, "target");
  EXPECT_OK(__wasi_path_rename(dir, "source", dir, "target"),
            "renaming file to another existing file");
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "source", 0, 0, 0, 0, &fd), "opening a nonexistent path",
               __WASI_ERRNO_NOENT);
  fd = open_ok(dir, 0, "target", 0, 0, 0, 0, "opening renamed path");
  ASSERT(fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "target"), "removing a file");

  create_file(dir, "source");
  EXPECT_OK(__wasi_path_create_directory(dir, "target"), "creating a directory");
  /* windows => ACCES, unix => ISDIR */
  ASSERT_ERRNO_UNIX(__wasi_path_rename(dir, "source", dir, "target"),
                    "renaming a file to existing directory should fail", __WASI_ERRNO_ISDIR,
                    __WASI_ERRNO_ACCES);
  EXPECT_OK(__wasi_path_remove_directory(dir, "target"), "removing a directory");
  EXPECT_OK(__wasi_path_unlink_file(dir, "source"), "removing a file");
}

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "path_rename_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  test_path_rename(dir);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
