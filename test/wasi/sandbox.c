/* Escapes from /sandbox, bad pointers, bad descriptors. */
#include "wasi_check.h"

static void refused(__wasi_fd_t dir, const char *path, __wasi_errno_t want) {
  char what[160];
  __wasi_fd_t fd;
  __wasi_filestat_t st;
  snprintf(what, sizeof what, "open %s", path);
  CHECK_EQ(what, open_at(dir, path, 0, __WASI_RIGHTS_FD_READ, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW,
                         &fd), want);
  snprintf(what, sizeof what, "create %s", path);
  CHECK_EQ(what, open_at(dir, path, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE,
                         __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, &fd), want);
  snprintf(what, sizeof what, "stat %s", path);
  CHECK_EQ(what, __wasi_path_filestat_get(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, &st),
           want);
}

int main(void) {
  __wasi_fd_t dir = preopen("/sandbox");
  __wasi_fd_t fd;
  CHECK_EQ("mkdir a", __wasi_path_create_directory(dir, "a"), 0);
  CHECK_EQ("mkdir a/b", __wasi_path_create_directory(dir, "a/b"), 0);
  CHECK_EQ("create top", open_at(dir, "top", __WASI_OFLAGS_CREAT, RW_RIGHTS, 0, &fd), 0);
  __wasi_fd_close(fd);

  /* Absolute paths and .. past the root: EPERM, as Wasmtime (its interesting_paths test). */
  refused(dir, "/etc/passwd", __WASI_ERRNO_PERM);
  refused(dir, "/top", __WASI_ERRNO_PERM);
  refused(dir, "..", __WASI_ERRNO_PERM);
  refused(dir, "../etc/passwd", __WASI_ERRNO_PERM);
  refused(dir, "a/../../top", __WASI_ERRNO_PERM);
  refused(dir, "a/b/../../..", __WASI_ERRNO_PERM);
  CHECK_EQ("mkdir /tmp/x", __wasi_path_create_directory(dir, "/tmp/wasmc-x"),
           __WASI_ERRNO_PERM);
  CHECK_EQ("unlink ../x", __wasi_path_unlink_file(dir, "../x"), __WASI_ERRNO_PERM);
  CHECK_EQ("rename out", __wasi_path_rename(dir, "top", dir, "../top"), __WASI_ERRNO_PERM);
  CHECK_EQ("a/b/../../top is inside", open_at(dir, "a/b/../../top", 0, __WASI_RIGHTS_FD_READ, 0,
           &fd), 0);
  __wasi_fd_close(fd);

  /* Symlinks out: absolute ones are refused when made (EPERM, as Wasmtime: symlink_create);
   * relative ones that climb out, and paths through them, when followed. */
  CHECK_EQ("symlink to /etc", __wasi_path_symlink("/etc", dir, "abs"), __WASI_ERRNO_PERM);
  CHECK_EQ("symlink to /etc/passwd", __wasi_path_symlink("/etc/passwd", dir, "abs"),
           __WASI_ERRNO_PERM);
  CHECK_EQ("symlink to /etc", __wasi_path_symlink("../../../../../../../../../../../../etc",
           dir, "etc"), 0);
  CHECK_EQ("symlink to /etc/passwd", __wasi_path_symlink(
           "../../../../../../../../../../../../etc/passwd", dir, "passwd"), 0);
  CHECK_EQ("symlink to ../..", __wasi_path_symlink("../..", dir, "a/upup"), 0);
  CHECK_EQ("symlink to ..", __wasi_path_symlink("..", dir, "a/up"), 0);
  refused(dir, "etc", __WASI_ERRNO_PERM);
  refused(dir, "etc/passwd", __WASI_ERRNO_PERM);
  refused(dir, "passwd", __WASI_ERRNO_PERM);
  refused(dir, "a/upup", __WASI_ERRNO_PERM);
  refused(dir, "a/upup/etc/passwd", __WASI_ERRNO_PERM);
  refused(dir, "a/up/..", __WASI_ERRNO_PERM);
  CHECK_EQ("a/up/top is inside", open_at(dir, "a/up/top", 0, __WASI_RIGHTS_FD_READ,
           __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, &fd), 0);
  __wasi_fd_close(fd);
  CHECK_EQ("mkdir through /etc link", __wasi_path_create_directory(dir, "etc/x"),
           __WASI_ERRNO_PERM);
  __wasi_filestat_t st;
  CHECK_EQ("lstat of the link itself", __wasi_path_filestat_get(dir, 0, "etc", &st), 0);

  /* Loops. */
  CHECK_EQ("self loop", __wasi_path_symlink("self", dir, "self"), 0);
  CHECK_EQ("loop a", __wasi_path_symlink("loopb", dir, "loopa"), 0);
  CHECK_EQ("loop b", __wasi_path_symlink("loopa", dir, "loopb"), 0);
  refused(dir, "self", __WASI_ERRNO_LOOP);
  refused(dir, "loopa", __WASI_ERRNO_LOOP);
  refused(dir, "loopa/x", __WASI_ERRNO_LOOP);

  /* An opened subdirectory is a root of its own, and rights dropped from it (with
   * fd_fdstat_set_rights: path_open takes the rights the directory passes on, as Wasmtime)
   * stay dropped for it and everything opened from it. */
  __wasi_fd_t a;
  CHECK_EQ("open a", __wasi_path_open(dir, 0, "a", __WASI_OFLAGS_DIRECTORY,
           __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_FILESTAT_GET, __WASI_RIGHTS_FD_READ, 0,
           &a), 0);
  CHECK_EQ("restrict a", __wasi_fd_fdstat_set_rights(a, __WASI_RIGHTS_PATH_OPEN |
           __WASI_RIGHTS_PATH_FILESTAT_GET, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_PATH_OPEN), 0);
  CHECK_EQ(".. from a", open_at(a, "../top", 0, __WASI_RIGHTS_FD_READ, 0, &fd),
           __WASI_ERRNO_PERM);
  CHECK_EQ("a cannot grant write", open_at(a, "b", 0, __WASI_RIGHTS_FD_WRITE, 0, &fd),
           __WASI_ERRNO_NOTCAPABLE);
  CHECK_EQ("a cannot mkdir", __wasi_path_create_directory(a, "c"), __WASI_ERRNO_NOTCAPABLE);
  __wasi_fd_t b;
  CHECK_EQ("b from a", __wasi_path_open(a, 0, "b", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &b), 0);
  CHECK_EQ("b cannot mkdir either", __wasi_path_create_directory(b, "c"),
           __WASI_ERRNO_NOTCAPABLE);

  /* Bad pointers: past the end of memory, wrapping, huge. */
  uint32_t end = memory_end();
  int32_t out;
  CHECK_EQ("path past the end", raw_path_open(dir, 0, (int32_t)(end - 2), 4, 0, 0, 0, 0,
           PTR(&out)), __WASI_ERRNO_FAULT);
  CHECK_EQ("path wrapping", raw_path_open(dir, 0, -2, 4, 0, 0, 0, 0, PTR(&out)),
           __WASI_ERRNO_FAULT);
  CHECK_EQ("result past the end", raw_path_open(dir, 0, PTR("top"), 3, 0, 0, 0, 0,
           (int32_t)(end - 2)), __WASI_ERRNO_FAULT);
  CHECK_EQ("huge path inside memory", raw_path_create_directory(dir, 0, (int32_t)(end - 1)),
           __WASI_ERRNO_NAMETOOLONG);
  CHECK_EQ("random_get past the end", raw_random_get((int32_t)(end - 4), 8), __WASI_ERRNO_FAULT);
  CHECK_EQ("random_get 4 GiB", raw_random_get(16, -1), __WASI_ERRNO_FAULT);
  CHECK_EQ("random_get at the very end", raw_random_get((int32_t)end, 0), 0);
  CHECK_EQ("fdstat past the end", raw_fd_fdstat_get(1, (int32_t)(end - 8)), __WASI_ERRNO_FAULT);
  CHECK_EQ("clock past the end", raw_clock_time_get(0, 0, (int32_t)end), __WASI_ERRNO_FAULT);
  static uint32_t iovs[4];
  int32_t n;
  iovs[0] = end - 2; iovs[1] = 3;
  CHECK_EQ("iovec buffer past the end", raw_fd_write(1, PTR(iovs), 1, PTR(&n)),
           __WASI_ERRNO_FAULT);
  iovs[0] = 0xfffffff0u; iovs[1] = 0x20;
  CHECK_EQ("iovec buffer wrapping", raw_fd_read(0, PTR(iovs), 1, PTR(&n)), __WASI_ERRNO_FAULT);
  iovs[0] = 16; iovs[1] = 0xffffffffu;
  CHECK_EQ("iovec 4 GiB", raw_fd_write(1, PTR(iovs), 1, PTR(&n)), __WASI_ERRNO_FAULT);
  CHECK_EQ("iovec array past the end", raw_fd_write(1, (int32_t)(end - 8), 2, PTR(&n)),
           __WASI_ERRNO_FAULT);
  CHECK_EQ("iovec array huge", raw_fd_write(1, 16, 0x20000000, PTR(&n)), __WASI_ERRNO_FAULT);
  CHECK_EQ("poll huge", raw_poll_oneoff(0, 0, 0x10000000, PTR(&n)), __WASI_ERRNO_FAULT);
  CHECK_EQ("poll none", raw_poll_oneoff(0, 0, 0, PTR(&n)), __WASI_ERRNO_INVAL);

  /* Bad descriptors. */
  __wasi_fdstat_t fst;
  CHECK_EQ("fdstat -1", __wasi_fd_fdstat_get((__wasi_fd_t)-1, &fst), __WASI_ERRNO_BADF);
  CHECK_EQ("fdstat 1<<30", __wasi_fd_fdstat_get(1u << 30, &fst), __WASI_ERRNO_BADF);
  CHECK_EQ("close 1000", __wasi_fd_close(1000), __WASI_ERRNO_BADF);
  CHECK_EQ("write 77", write_str(77, "x"), __WASI_ERRNO_BADF);
  CHECK_EQ("mkdir in fd 1", __wasi_path_create_directory(1, "x"), __WASI_ERRNO_NOTDIR);
  return FINISH();
}
