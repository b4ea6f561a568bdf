/* Small I/O wrappers shared by the ports: one call, the count it returns, like the Rust
 * `wasi::fd_*` functions that return Result<usize>. */
#ifndef WASI_CONFORMANCE_IO_UTIL_H
#define WASI_CONFORMANCE_IO_UTIL_H

#include "conformance.h"

static __wasi_size_t write_bytes(__wasi_fd_t fd, const void *data, size_t len,
                                 const char *what) {
  __wasi_ciovec_t v = ciovec(data, len);
  __wasi_size_t n = 0;
  EXPECT_OK(__wasi_fd_write(fd, &v, 1, &n), what);
  return n;
}
static __wasi_size_t read_bytes(__wasi_fd_t fd, void *buf, size_t len, const char *what) {
  __wasi_iovec_t v = iovec(buf, len);
  __wasi_size_t n = 0;
  EXPECT_OK(__wasi_fd_read(fd, &v, 1, &n), what);
  return n;
}
static __wasi_size_t pwrite_bytes(__wasi_fd_t fd, const void *data, size_t len,
                                  __wasi_filesize_t offset, const char *what) {
  __wasi_ciovec_t v = ciovec(data, len);
  __wasi_size_t n = 0;
  EXPECT_OK(__wasi_fd_pwrite(fd, &v, 1, offset, &n), what);
  return n;
}
static __wasi_size_t pread_bytes(__wasi_fd_t fd, void *buf, size_t len,
                                 __wasi_filesize_t offset, const char *what) {
  __wasi_iovec_t v = iovec(buf, len);
  __wasi_size_t n = 0;
  EXPECT_OK(__wasi_fd_pread(fd, &v, 1, offset, &n), what);
  return n;
}
static __wasi_filesize_t seek(__wasi_fd_t fd, __wasi_filedelta_t offset, __wasi_whence_t whence,
                              const char *what) {
  __wasi_filesize_t pos = 0;
  EXPECT_OK(__wasi_fd_seek(fd, offset, whence, &pos), what);
  return pos;
}
static __wasi_filesize_t tell(__wasi_fd_t fd, const char *what) {
  __wasi_filesize_t pos = 0;
  EXPECT_OK(__wasi_fd_tell(fd, &pos), what);
  return pos;
}
static __wasi_filestat_t fstat_fd(__wasi_fd_t fd, const char *what) {
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_fd_filestat_get(fd, &st), what);
  return st;
}
static __wasi_filestat_t stat_path(__wasi_fd_t dir, __wasi_lookupflags_t flags, const char *path,
                                   const char *what) {
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_filestat_get(dir, flags, path, &st), what);
  return st;
}
static __wasi_fd_t open_ok(__wasi_fd_t dir, __wasi_lookupflags_t dirflags, const char *path,
                           __wasi_oflags_t oflags, __wasi_rights_t base,
                           __wasi_rights_t inheriting, __wasi_fdflags_t fdflags,
                           const char *what) {
  __wasi_fd_t fd = 0;
  EXPECT_OK(__wasi_path_open(dir, dirflags, path, oflags, base, inheriting, fdflags, &fd), what);
  return fd;
}

#define RW (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE)

#endif
