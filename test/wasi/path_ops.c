/* path_* functions inside the pre-opened directory /sandbox. */
#include "wasi_check.h"

int main(void) {
  __wasi_fd_t dir = preopen("/sandbox");
  __wasi_fd_t fd;
  __wasi_filestat_t st;
  CHECK_EQ("mkdir", __wasi_path_create_directory(dir, "d"), 0);
  CHECK_EQ("mkdir again", __wasi_path_create_directory(dir, "d"), __WASI_ERRNO_EXIST);
  CHECK_EQ("mkdir nested", __wasi_path_create_directory(dir, "d/e"), 0);
  CHECK_EQ("mkdir missing parent", __wasi_path_create_directory(dir, "x/y"), __WASI_ERRNO_NOENT);
  CHECK_EQ("create d/e/f", open_at(dir, "d/e/f", __WASI_OFLAGS_CREAT, RW_RIGHTS, 0, &fd), 0);
  CHECK_EQ("write", write_str(fd, "content"), 0);
  CHECK_EQ("close", __wasi_fd_close(fd), 0);

  /* path_open flags */
  CHECK_EQ("excl on existing", open_at(dir, "d/e/f", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL,
           RW_RIGHTS, 0, &fd), __WASI_ERRNO_EXIST);
  CHECK_EQ("open missing", open_at(dir, "nope", 0, RW_RIGHTS, 0, &fd), __WASI_ERRNO_NOENT);
  CHECK_EQ("directory flag on file", open_at(dir, "d/e/f", __WASI_OFLAGS_DIRECTORY, 0, 0, &fd),
           __WASI_ERRNO_NOTDIR);
  CHECK_EQ("trailing slash on file", open_at(dir, "d/e/f/", 0, 0, 0, &fd), __WASI_ERRNO_NOTDIR);
  CHECK_EQ("file/.. ", open_at(dir, "d/e/f/..", 0, 0, 0, &fd), __WASI_ERRNO_NOTDIR);
  CHECK_EQ("dir with trailing slashes", __wasi_path_open(dir, 0, "d/e///", 0,
           __WASI_RIGHTS_PATH_OPEN, RW_RIGHTS, 0, &fd), 0);
  __wasi_fd_t sub = fd;
  CHECK_EQ("open relative to opened dir", open_at(sub, "f", 0, __WASI_RIGHTS_FD_READ, 0, &fd), 0);
  __wasi_fd_t file = fd;
  CHECK_EQ("file as dirfd", open_at(file, "x", 0, 0, 0, &fd), __WASI_ERRNO_NOTDIR);
  CHECK_EQ("dir for writing", open_at(dir, "d", 0, __WASI_RIGHTS_FD_WRITE, 0, &fd),
           __WASI_ERRNO_ISDIR);
  CHECK_EQ("trunc", open_at(dir, "d/e/f", __WASI_OFLAGS_TRUNC, RW_RIGHTS, 0, &fd), 0);
  CHECK_EQ("truncated", __wasi_fd_filestat_get(fd, &st) == 0 ? st.size : 99, 0);
  write_str(fd, "again");
  __wasi_fd_close(fd);
  CHECK_EQ("dotted path", open_at(dir, "d/./e/../e//f", 0, __WASI_RIGHTS_FD_READ, 0, &fd), 0);
  __wasi_fd_close(fd);

  /* filestat */
  CHECK_EQ("path_filestat_get", __wasi_path_filestat_get(dir, 0, "d/e/f", &st), 0);
  CHECK_EQ("size 5", st.size, 5);
  CHECK_EQ("path_filestat_get dir", __wasi_path_filestat_get(dir, 0, "d", &st), 0);
  CHECK_EQ("is dir", st.filetype, __WASI_FILETYPE_DIRECTORY);
  CHECK_EQ("set_times", __wasi_path_filestat_set_times(dir, 0, "d/e/f", 5, 7000000001ull,
           __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM), 0);
  __wasi_path_filestat_get(dir, 0, "d/e/f", &st);
  CHECK_EQ("mtim set", st.mtim, 7000000001ull);

  /* symlinks */
  CHECK_EQ("symlink", __wasi_path_symlink("d/e/f", dir, "link"), 0);
  CHECK_EQ("symlink exists", __wasi_path_symlink("x", dir, "link"), __WASI_ERRNO_EXIST);
  char buf[32] = {0};
  __wasi_size_t used;
  CHECK_EQ("readlink", __wasi_path_readlink(dir, "link", (uint8_t *)buf, sizeof buf, &used), 0);
  CHECK_EQ("readlink length", used, 5);
  CHECK_STR("readlink content", buf, "d/e/f");
  memset(buf, 0, sizeof buf);
  CHECK_EQ("readlink truncated", __wasi_path_readlink(dir, "link", (uint8_t *)buf, 3, &used), 0);
  CHECK_STR("truncated content", buf, "d/e");
  CHECK_EQ("readlink non-link", __wasi_path_readlink(dir, "d", (uint8_t *)buf, 3, &used),
           __WASI_ERRNO_INVAL);
  CHECK_EQ("lstat link", __wasi_path_filestat_get(dir, 0, "link", &st), 0);
  CHECK_EQ("is symlink", st.filetype, __WASI_FILETYPE_SYMBOLIC_LINK);
  CHECK_EQ("stat through link", __wasi_path_filestat_get(dir,
           __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link", &st), 0);
  CHECK_EQ("target is file", st.filetype, __WASI_FILETYPE_REGULAR_FILE);
  CHECK_EQ("open link nofollow", open_at(dir, "link", 0, __WASI_RIGHTS_FD_READ, 0, &fd),
           __WASI_ERRNO_LOOP);
  CHECK_EQ("open link follow", open_at(dir, "link", 0, __WASI_RIGHTS_FD_READ,
           __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, &fd), 0);
  memset(buf, 0, sizeof buf);
  __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
  __wasi_size_t n;
  CHECK_EQ("read through link", __wasi_fd_read(fd, &iov, 1, &n), 0);
  CHECK_STR("content", buf, "again");
  __wasi_fd_close(fd);

  /* link */
  CHECK_EQ("path_link", __wasi_path_link(dir, 0, "d/e/f", dir, "hard"), 0);
  CHECK_EQ("nlink 2", __wasi_path_filestat_get(dir, 0, "hard", &st) == 0 ? st.nlink : 0, 2);
  CHECK_EQ("link a directory", __wasi_path_link(dir, 0, "d", dir, "dlink"), __WASI_ERRNO_PERM);

  /* rename */
  CHECK_EQ("rename file", __wasi_path_rename(dir, "hard", dir, "renamed"), 0);
  CHECK_EQ("old name gone", __wasi_path_filestat_get(dir, 0, "hard", &st), __WASI_ERRNO_NOENT);
  CHECK_EQ("rename onto dir", __wasi_path_rename(dir, "renamed", dir, "d"), __WASI_ERRNO_ISDIR);
  CHECK_EQ("mkdir empty", __wasi_path_create_directory(dir, "empty"), 0);
  CHECK_EQ("rename dir onto non-empty", __wasi_path_rename(dir, "empty", dir, "d"),
           __WASI_ERRNO_NOTEMPTY);
  CHECK_EQ("rename dir", __wasi_path_rename(dir, "empty", dir, "d/moved"), 0);

  /* unlink and rmdir */
  CHECK_EQ("unlink dir", __wasi_path_unlink_file(dir, "d"), __WASI_ERRNO_ISDIR);
  CHECK_EQ("unlink file/", __wasi_path_unlink_file(dir, "renamed/"), __WASI_ERRNO_NOTDIR);
  CHECK_EQ("unlink", __wasi_path_unlink_file(dir, "renamed"), 0);
  CHECK_EQ("unlink missing", __wasi_path_unlink_file(dir, "renamed"), __WASI_ERRNO_NOENT);
  CHECK_EQ("unlink link", __wasi_path_unlink_file(dir, "link"), 0);
  CHECK_EQ("target kept", __wasi_path_filestat_get(dir, 0, "d/e/f", &st), 0);
  CHECK_EQ("rmdir non-empty", __wasi_path_remove_directory(dir, "d"), __WASI_ERRNO_NOTEMPTY);
  CHECK_EQ("rmdir file", __wasi_path_remove_directory(dir, "d/e/f"), __WASI_ERRNO_NOTDIR);
  CHECK_EQ("rmdir", __wasi_path_remove_directory(dir, "d/moved"), 0);
  CHECK_EQ("unlink f", __wasi_path_unlink_file(dir, "d/e/f"), 0);
  CHECK_EQ("rmdir e/", __wasi_path_remove_directory(dir, "d/e/"), 0);
  CHECK_EQ("rmdir d", __wasi_path_remove_directory(dir, "d"), 0);

  /* Strings: NUL, invalid UTF-8, empty. */
  char path[] = "bad\0name";
  int32_t out = 0;
  CHECK_EQ("NUL in path", raw_path_open(dir, 0, PTR(path), 8, __WASI_OFLAGS_CREAT, 0, 0, 0,
           PTR(&out)), __WASI_ERRNO_INVAL);
  CHECK_EQ("invalid UTF-8", raw_path_create_directory(dir, PTR("\xc0\x80"), 2),
           __WASI_ERRNO_ILSEQ);
  CHECK_EQ("empty path", raw_path_create_directory(dir, PTR(""), 0), __WASI_ERRNO_NOENT);
  CHECK_EQ("UTF-8 name", __wasi_path_create_directory(dir, "d\xc3\xa9j\xc3\xa0"), 0);
  CHECK_EQ("remove it", __wasi_path_remove_directory(dir, "d\xc3\xa9j\xc3\xa0"), 0);
  return FINISH();
}
