/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/fd_readdir.rs: in a
 * fresh directory, "." (with the directory's inode) and ".."; a file's type and inode;
 * resuming at a cookie; 1002 entries through a small buffer. */
#include "../../readdir_util.h"

static void test_fd_readdir(__wasi_fd_t dir) {
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_fd_filestat_get(dir, &st), "failed filestat");
  dir_entry e[8];
  int eof;
  int n = exec_fd_readdir(dir, 0, e, 8, &eof);
  ASSERT(eof, "expected to read the entire directory");
  sort_entries(e, n);
  ASSERT_EQ(n, 2, "expected two entries in an empty directory");
  ASSERT(strcmp(e[0].name, ".") == 0, "first name");
  ASSERT_EQ(e[0].dirent.d_type, __WASI_FILETYPE_DIRECTORY, "first type");
  ASSERT_EQ(e[0].dirent.d_ino, st.ino, "first inode");
  ASSERT_EQ(e[0].dirent.d_namlen, 1, "first name length");
  ASSERT(strcmp(e[1].name, "..") == 0, "second name");
  ASSERT_EQ(e[1].dirent.d_type, __WASI_FILETYPE_DIRECTORY, "second type");

  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT,
                             __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE |
                                 __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_FD_FILESTAT_GET,
                             0, 0, &fd),
            "failed to create file");
  ASSERT(fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_filestat_get(fd, &st), "failed filestat");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");

  n = exec_fd_readdir(dir, 0, e, 8, &eof);
  ASSERT(eof, "expected to read the entire directory");
  ASSERT_EQ(n, 3, "expected three entries");
  __wasi_dircookie_t lastfile_cookie = e[1].dirent.d_next;
  char lastfile_name[512];
  strcpy(lastfile_name, e[2].name);
  sort_entries(e, n);
  ASSERT(strcmp(e[0].name, ".") == 0, "first name");
  ASSERT(strcmp(e[1].name, "..") == 0, "second name");
  ASSERT(strcmp(e[2].name, "file") == 0, "file name doesn't match");
  ASSERT_EQ(e[2].dirent.d_type, __WASI_FILETYPE_REGULAR_FILE, "type for the real file");
  ASSERT_EQ(e[2].dirent.d_ino, st.ino, "inode of the file");

  n = exec_fd_readdir(dir, lastfile_cookie, e, 8, &eof);
  ASSERT(eof, "expected to read the entire directory");
  ASSERT_EQ(n, 1, "expected one entry");
  ASSERT(strcmp(e[0].name, lastfile_name) == 0, "name of the only entry");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
}

static void test_fd_readdir_lots(__wasi_fd_t dir) {
  char name[32];
  for (int i = 0; i < 1000; i++) {
    snprintf(name, sizeof(name), "file.%d", i);
    __wasi_fd_t fd;
    EXPECT_OK(__wasi_path_open(dir, 0, name, __WASI_OFLAGS_CREAT,
                               __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE |
                                   __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_FD_FILESTAT_GET,
                               0, 0, &fd),
              "failed to create file");
    ASSERT(fd > 2, "file descriptor range check");
    EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  }
  int total = 0;
  __wasi_dircookie_t cookie = 0;
  for (;;) {
    dir_entry e[16];
    int eof;
    int n = exec_fd_readdir(dir, cookie, e, 16, &eof);
    total += n;
    if (eof) break;
    cookie = e[n - 1].dirent.d_next;
  }
  ASSERT_EQ(total, 1002, "expected 1000 entries plus . and ..");
  for (int i = 0; i < 1000; i++) {
    snprintf(name, sizeof(name), "file.%d", i);
    EXPECT_OK(__wasi_path_unlink_file(dir, name), "removing a file");
  }
}

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "fd_readdir_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  test_fd_readdir(dir);
  test_fd_readdir_lots(dir);
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
