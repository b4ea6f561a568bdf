/* fd_readdir: ".", "..", cookies across calls, truncated entries. */
#include "wasi_check.h"

static int cmp(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reads the whole directory with a buffer of `cap` bytes, resuming with cookies; prints the
 * sorted names. Returns the number of entries. */
static int list(__wasi_fd_t fd, size_t cap) {
  static uint8_t buf[4096];
  static char names[64][64];
  char *sorted[64];
  int count = 0;
  __wasi_dircookie_t cookie = 0;
  for (int rounds = 0; rounds < 100; rounds++) {
    __wasi_size_t used;
    if (__wasi_fd_readdir(fd, buf, cap, cookie, &used) != 0) return -1;
    size_t p = 0;
    int progress = 0;
    while (p + sizeof(__wasi_dirent_t) <= used) {
      __wasi_dirent_t d;
      memcpy(&d, buf + p, sizeof d);
      if (p + sizeof d + d.d_namlen > used) break; /* truncated: resume from its cookie */
      if (count < 64 && d.d_namlen < 64) {
        memcpy(names[count], buf + p + sizeof d, d.d_namlen);
        names[count][d.d_namlen] = 0;
        sorted[count] = names[count];
        count++;
      }
      cookie = d.d_next;
      p += sizeof d + d.d_namlen;
      progress = 1;
    }
    if (used < cap) break;
    if (!progress) return -2; /* buffer too small for one entry */
  }
  qsort(sorted, (size_t)count, sizeof sorted[0], cmp);
  for (int i = 0; i < count; i++) printf("  %s\n", sorted[i]);
  return count;
}

int main(void) {
  __wasi_fd_t dir = preopen("/sandbox");
  __wasi_fd_t fd;
  const char *files[] = {"apple", "banana", "cherry-with-a-much-longer-name", "date"};
  for (int i = 0; i < 4; i++) {
    CHECK_EQ(files[i], open_at(dir, files[i], __WASI_OFLAGS_CREAT, RW_RIGHTS, 0, &fd), 0);
    __wasi_fd_close(fd);
  }
  CHECK_EQ("mkdir sub", __wasi_path_create_directory(dir, "sub"), 0);
  CHECK_EQ("symlink", __wasi_path_symlink("apple", dir, "link"), 0);

  printf("big buffer:\n");
  CHECK_EQ("8 entries with . and ..", list(dir, 4096), 8);
  printf("buffer of 64 bytes:\n");
  CHECK_EQ("same with a 64-byte buffer", list(dir, 64), 8);

  /* The first entry is "."; a buffer of 10 bytes gets the first 10 bytes of its header. */
  uint8_t buf[256];
  __wasi_size_t used;
  CHECK_EQ("readdir 10 bytes", __wasi_fd_readdir(dir, buf, 10, 0, &used), 0);
  CHECK_EQ("filled completely", used, 10);
  CHECK_EQ("readdir whole", __wasi_fd_readdir(dir, buf, sizeof buf, 0, &used), 0);
  __wasi_dirent_t d;
  memcpy(&d, buf, sizeof d);
  CHECK_EQ("first is .", d.d_namlen == 1 && buf[sizeof d] == '.', 1);
  CHECK_EQ(". is a directory", d.d_type, __WASI_FILETYPE_DIRECTORY);
  CHECK_EQ("d_next of first", d.d_next, 1);
  memcpy(&d, buf + sizeof d + 1, sizeof d);
  CHECK_EQ("second is ..", d.d_namlen == 2 && buf[2 * sizeof d + 1] == '.', 1);
  CHECK_EQ("past the end", __wasi_fd_readdir(dir, buf, sizeof buf, 1000, &used), 0);
  CHECK_EQ("nothing past the end", used, 0);

  /* Cookies stay valid while the directory changes. */
  CHECK_EQ("readdir from 2", __wasi_fd_readdir(dir, buf, sizeof buf, 2, &used), 0);
  __wasi_size_t before = used;
  CHECK_EQ("add a file", open_at(dir, "zzz", __WASI_OFLAGS_CREAT, RW_RIGHTS, 0, &fd), 0);
  __wasi_fd_close(fd);
  CHECK_EQ("readdir from 2 again", __wasi_fd_readdir(dir, buf, sizeof buf, 2, &used), 0);
  CHECK_EQ("same listing", used, before);
  printf("after adding zzz:\n");
  CHECK_EQ("new listing sees it", list(dir, 4096), 9);

  /* A subdirectory; a file is not a directory. */
  __wasi_fd_t sub;
  CHECK_EQ("open sub", __wasi_path_open(dir, 0, "sub", __WASI_OFLAGS_DIRECTORY,
           __WASI_RIGHTS_FD_READDIR, 0, 0, &sub), 0);
  printf("sub:\n");
  CHECK_EQ("sub has . and ..", list(sub, 4096), 2);
  CHECK_EQ("open file", open_at(dir, "apple", 0, __WASI_RIGHTS_FD_READ, 0, &fd), 0);
  CHECK_EQ("readdir on a file", __wasi_fd_readdir(fd, buf, sizeof buf, 0, &used),
           __WASI_ERRNO_NOTDIR);
  CHECK_EQ("readdir on a bad fd", __wasi_fd_readdir(99, buf, sizeof buf, 0, &used),
           __WASI_ERRNO_BADF);
  return FINISH();
}
