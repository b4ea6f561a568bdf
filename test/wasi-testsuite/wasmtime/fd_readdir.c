/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_fd_readdir.rs:
 * "." and ".." in an empty directory, entries' types and inodes, resuming at a cookie, 1002
 * entries read through a small buffer, and a buffer that grows a byte at a time until a
 * non-ASCII name fits. */
#include "../readdir_util.h"

static void assert_empty_dir(__wasi_fd_t dir) {
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
}

static void test_fd_readdir(__wasi_fd_t dir) {
  assert_empty_dir(dir);

  __wasi_fd_t file_fd;
  EXPECT_OK(__wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT,
                             __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &file_fd),
            "failed to create file");
  ASSERT(file_fd > 2, "file descriptor range check");
  __wasi_filestat_t file_stat;
  EXPECT_OK(__wasi_fd_filestat_get(file_fd, &file_stat), "failed filestat");
  EXPECT_OK(__wasi_fd_close(file_fd), "closing a file");

  EXPECT_OK(__wasi_path_create_directory(dir, "nested"), "create a directory");
  __wasi_fd_t nested_fd;
  EXPECT_OK(__wasi_path_open(dir, 0, "nested", 0, 0, 0, 0, &nested_fd),
            "failed to open nested directory");
  __wasi_filestat_t nested_stat;
  EXPECT_OK(__wasi_fd_filestat_get(nested_fd, &nested_stat), "failed filestat");

  dir_entry e[8];
  int eof;
  int n = exec_fd_readdir(dir, 0, e, 8, &eof);
  ASSERT(eof, "expected to read the entire directory");
  ASSERT_EQ(n, 4, "expected four entries");
  __wasi_dircookie_t lastfile_cookie = e[2].dirent.d_next;
  char lastfile_name[512];
  strcpy(lastfile_name, e[3].name);
  sort_entries(e, n);
  ASSERT(strcmp(e[0].name, ".") == 0, "first name");
  ASSERT(strcmp(e[1].name, "..") == 0, "second name");
  ASSERT(strcmp(e[2].name, "file") == 0, "file name doesn't match");
  ASSERT_EQ(e[2].dirent.d_type, __WASI_FILETYPE_REGULAR_FILE, "type for the real file");
  ASSERT_EQ(e[2].dirent.d_ino, file_stat.ino, "inode of the file");
  ASSERT(strcmp(e[3].name, "nested") == 0, "nested directory name doesn't match");
  ASSERT_EQ(e[3].dirent.d_type, __WASI_FILETYPE_DIRECTORY, "type for the nested directory");
  ASSERT_EQ(e[3].dirent.d_ino, nested_stat.ino, "inode of the nested directory");

  n = exec_fd_readdir(dir, lastfile_cookie, e, 8, &eof);
  ASSERT(eof, "expected to read the entire directory");
  ASSERT_EQ(n, 1, "expected one entry");
  ASSERT(strcmp(e[0].name, lastfile_name) == 0, "name of the only entry");

  assert_empty_dir(nested_fd);
  EXPECT_OK(__wasi_fd_close(nested_fd), "closing a nested directory");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
  EXPECT_OK(__wasi_path_remove_directory(dir, "nested"), "removing a nested directory");
}

static void test_fd_readdir_lots(__wasi_fd_t dir) {
  char name[32];
  for (int i = 0; i < 1000; i++) {
    snprintf(name, sizeof(name), "file.%d", i);
    __wasi_fd_t fd;
    EXPECT_OK(__wasi_path_open(dir, 0, name, __WASI_OFLAGS_CREAT,
                               __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &fd),
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

static void test_fd_readdir_unicode_boundary(__wasi_fd_t dir) {
  const char *filename = "\xd0\x94\xd0\xb5\xd0\xb9\xd1\x81\xd1\x82\xd0\xb2\xd0\xb8\xd0\xb5";
  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_open(dir, 0, filename, __WASI_OFLAGS_CREAT,
                             __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &fd),
            "failed to create file");
  ASSERT(fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  for (size_t cap = 0;; cap++) {
    uint8_t *buf = cap ? (uint8_t *)malloc(cap) : DANGLING;
    __wasi_size_t len;
    if (__wasi_fd_readdir(dir, buf, cap, 0, &len) != 0) FAIL("fd_readdir failed");
    dir_entry e[8];
    int n = parse_dirents(buf, len, e, 8);
    int found = 0;
    for (int i = 0; i < n; i++) found |= strcmp(e[i].name, filename) == 0;
    if (cap) free(buf);
    if (found) break;
    ASSERT(cap < 4096, "the entry never fits");
  }
  EXPECT_OK(__wasi_path_unlink_file(dir, filename), "removing a file");
}

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  test_fd_readdir(dir);
  test_fd_readdir_lots(dir);
  test_fd_readdir_unicode_boundary(dir);
  return 0;
}
