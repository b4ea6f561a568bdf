/* Writes past the file size limit: file_size_limit.sh runs this under `ulimit -f 16` (16 KiB).
 * Every way of growing a file past it must fail with EFBIG, not end the program with SIGXFSZ
 * (the host's default action for that signal: a kill, no message). */
#include "wasi_check.h"

RAW("wasi_snapshot_preview1", "fd_pwrite")
int32_t raw_fd_pwrite(int32_t fd, int32_t iovs, int32_t iovs_len, int64_t offset,
                      int32_t nwritten);

int main(void) {
  __wasi_fd_t dir = preopen("/sandbox");
  __wasi_fd_t fd;
  CHECK_EQ("create big", open_at(dir, "big", __WASI_OFLAGS_CREAT, RW_RIGHTS, 0, &fd), 0);
  static char block[4096];
  memset(block, 'x', sizeof block);
  __wasi_ciovec_t iov = {(const uint8_t *)block, sizeof block};
  size_t written = 0, total = 0;
  __wasi_errno_t err;
  while ((err = __wasi_fd_write(fd, &iov, 1, &written)) == 0 && written > 0) total += written;
  CHECK_EQ("write up to the limit", total, 16384);
  CHECK_EQ("write past the limit: EFBIG", err, __WASI_ERRNO_FBIG);
  CHECK_EQ("pwrite past the limit: EFBIG",
           raw_fd_pwrite(fd, PTR(&iov), 1, 1 << 20, PTR(&written)),
           __WASI_ERRNO_FBIG);
  CHECK_EQ("truncate past the limit: EFBIG", __wasi_fd_filestat_set_size(fd, 1 << 20),
           __WASI_ERRNO_FBIG);
  CHECK_EQ("allocate past the limit: EFBIG", __wasi_fd_allocate(fd, 0, 1 << 20),
           __WASI_ERRNO_FBIG);
  return FINISH();
}
