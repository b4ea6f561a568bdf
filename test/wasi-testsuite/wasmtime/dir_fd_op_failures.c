/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_dir_fd_op_failures.rs:
 * fd_prestat_dir_name with a buffer too small is NAMETOOLONG, a larger one works, and every
 * operation on a file's data fails with BADF on a directory descriptor. */
#include "../conformance.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  __wasi_filestat_t stat;
  EXPECT_OK(__wasi_fd_filestat_get(dir, &stat), "failed to fdstat");
  ASSERT_EQ(stat.filetype, __WASI_FILETYPE_DIRECTORY, "filetype");

  /* The first preopened directory. */
  __wasi_fd_t pr_fd = 0;
  size_t pr_name_len = 0;
  int found = 0;
  for (__wasi_fd_t fd = 3;; fd++) {
    __wasi_prestat_t pst;
    if (__wasi_fd_prestat_get(fd, &pst) != 0) break;
    if (pst.tag == __WASI_PREOPENTYPE_DIR) {
      pr_fd = fd;
      pr_name_len = pst.u.dir.pr_name_len;
      found = 1;
      break;
    }
  }
  ASSERT(found, "failed to find preopen directory");
  ASSERT_EQ(__wasi_fd_prestat_dir_name(pr_fd, DANGLING, 0), __WASI_ERRNO_NAMETOOLONG,
            "fd_prestat_dir_name with an empty buffer");
  uint8_t *name = (uint8_t *)calloc(pr_name_len + 1, 1);
  ASSERT_EQ(__wasi_fd_prestat_dir_name(pr_fd, name, pr_name_len + 1), 0,
            "fd_prestat_dir_name with a larger buffer");

  static uint8_t read_buf[128];
  __wasi_iovec_t iov = iovec(read_buf, sizeof(read_buf));
  __wasi_size_t n;
  ASSERT_EQ(__wasi_fd_read(dir, &iov, 1, &n), __WASI_ERRNO_BADF, "fd_read error");
  ASSERT_EQ(__wasi_fd_pread(dir, &iov, 1, 0, &n), __WASI_ERRNO_BADF, "fd_pread error");
  static const uint8_t write_buf[128];
  __wasi_ciovec_t ciov = ciovec(write_buf, sizeof(write_buf));
  ASSERT_EQ(__wasi_fd_write(dir, &ciov, 1, &n), __WASI_ERRNO_BADF, "fd_write error");
  ASSERT_EQ(__wasi_fd_pwrite(dir, &ciov, 1, 0, &n), __WASI_ERRNO_BADF, "fd_pwrite error");
  __wasi_filesize_t pos;
  ASSERT_EQ(__wasi_fd_seek(dir, 0, __WASI_WHENCE_CUR, &pos), __WASI_ERRNO_BADF,
            "fd_seek WHENCE_CUR error");
  ASSERT_EQ(__wasi_fd_seek(dir, 0, __WASI_WHENCE_SET, &pos), __WASI_ERRNO_BADF,
            "fd_seek WHENCE_SET error");
  ASSERT_EQ(__wasi_fd_seek(dir, 0, __WASI_WHENCE_END, &pos), __WASI_ERRNO_BADF,
            "fd_seek WHENCE_END error");
  ASSERT_EQ(__wasi_fd_tell(dir, &pos), __WASI_ERRNO_BADF, "fd_tell error");
  ASSERT_EQ(__wasi_fd_advise(dir, 0, 0, __WASI_ADVICE_DONTNEED), __WASI_ERRNO_BADF,
            "fd_advise error");
  ASSERT_EQ(__wasi_fd_allocate(dir, 0, 0), __WASI_ERRNO_BADF, "fd_allocate error");
  ASSERT_EQ(__wasi_fd_datasync(dir), __WASI_ERRNO_BADF, "fd_datasync error");
  ASSERT_EQ(__wasi_fd_sync(dir), __WASI_ERRNO_BADF, "fd_sync error");
  ASSERT_EQ(__wasi_fd_fdstat_set_flags(dir, __WASI_FDFLAGS_NONBLOCK), __WASI_ERRNO_BADF,
            "fd_fdstat_set_flags error");
  ASSERT_EQ(__wasi_fd_filestat_set_size(dir, 0), __WASI_ERRNO_BADF,
            "fd_filestat_set_size error");
  return 0;
}
