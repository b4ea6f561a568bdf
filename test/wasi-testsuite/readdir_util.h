/* Reading fd_readdir's output, as the ReadDir iterator of the upstream fd_readdir tests does:
 * whole entries only (a header and its full name), stopping at the first one cut short. */
#ifndef WASI_CONFORMANCE_READDIR_UTIL_H
#define WASI_CONFORMANCE_READDIR_UTIL_H

#include "conformance.h"

typedef struct {
  __wasi_dirent_t dirent;
  char name[512];
} dir_entry;

/* Parses buf[0..len) into out (at most max entries); returns how many. */
static int parse_dirents(const uint8_t *buf, size_t len, dir_entry *out, int max) {
  int n = 0;
  while (n < max && len >= sizeof(__wasi_dirent_t)) {
    __wasi_dirent_t d;
    memcpy(&d, buf, sizeof(d));
    if (len < sizeof(d) + d.d_namlen) break;
    if (d.d_namlen >= sizeof(out[n].name)) FAIL("name too long for the test");
    out[n].dirent = d;
    memcpy(out[n].name, buf + sizeof(d), d.d_namlen);
    out[n].name[d.d_namlen] = 0;
    buf += sizeof(d) + d.d_namlen;
    len -= sizeof(d) + d.d_namlen;
    n++;
  }
  return n;
}

static int compare_entries(const void *a, const void *b) {
  return strcmp(((const dir_entry *)a)->name, ((const dir_entry *)b)->name);
}
static void sort_entries(dir_entry *e, int n) { qsort(e, (size_t)n, sizeof(*e), compare_entries); }

#define READDIR_BUF_LEN 256

/* exec_fd_readdir: one fd_readdir into a 256-byte buffer; the entries, and whether the
 * buffer was not filled (the end of the directory). */
static int exec_fd_readdir(__wasi_fd_t fd, __wasi_dircookie_t cookie, dir_entry *out, int max,
                           int *eof) {
  static uint8_t buf[READDIR_BUF_LEN];
  __wasi_size_t used;
  EXPECT_OK(__wasi_fd_readdir(fd, buf, READDIR_BUF_LEN, cookie, &used), "failed fd_readdir");
  ASSERT(used <= READDIR_BUF_LEN, "bufused <= BUF_LEN");
  *eof = used < READDIR_BUF_LEN;
  return parse_dirents(buf, used, out, max);
}

#endif
