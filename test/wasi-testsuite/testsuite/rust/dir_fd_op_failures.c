/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/dir_fd_op_failures.rs
 * (fs-tests.dir as "/"): fd_prestat_dir_name into an empty buffer fails (INVAL or
 * NAMETOOLONG), a larger one works; a file's data operations on a directory fail with ISDIR,
 * BADF or NOTCAPABLE (fd_filestat_set_size also INVAL). */
#include "../../io_util.h"

int main(void) {
  __wasi_fd_t dir = testsuite_root_directory();
  ASSERT_EQ(fstat_fd(dir, "failed to fdstat").filetype, __WASI_FILETYPE_DIRECTORY, "filetype");

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
  ASSERT_ERRNO(__wasi_fd_prestat_dir_name(pr_fd, DANGLING, 0), "fd_prestat_dir_name error",
               __WASI_ERRNO_INVAL, __WASI_ERRNO_NAMETOOLONG);
  uint8_t *name = (uint8_t *)calloc(pr_name_len + 1, 1);
  ASSERT_EQ(__wasi_fd_prestat_dir_name(pr_fd, name, pr_name_len + 1), 0,
            "fd_prestat_dir_name with a larger buffer");

#define DIR_ERRNOS __WASI_ERRNO_ISDIR, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE
  static uint8_t read_buf[128];
  __wasi_iovec_t iov = iovec(read_buf, sizeof(read_buf));
  __wasi_size_t n;
  ASSERT_ERRNO(__wasi_fd_read(dir, &iov, 1, &n), "fd_read error", DIR_ERRNOS);
  ASSERT_ERRNO(__wasi_fd_pread(dir, &iov, 1, 0, &n), "fd_pread error", DIR_ERRNOS);
  static const uint8_t write_buf[128];
  __wasi_ciovec_t ciov = ciovec(write_buf, sizeof(write_buf));
  ASSERT_ERRNO(__wasi_fd_write(dir, &ciov, 1, &n), "fd_write error", DIR_ERRNOS);
  ASSERT_ERRNO(__wasi_fd_pwrite(dir, &ciov, 1, 0, &n), "fd_pwrite error", DIR_ERRNOS);
  __wasi_filesize_t pos;
  ASSERT_ERRNO(__wasi_fd_seek(dir, 0, __WASI_WHENCE_CUR, &pos), "fd_seek WHENCE_CUR error",
               DIR_ERRNOS);
  ASSERT_ERRNO(__wasi_fd_seek(dir, 0, __WASI_WHENCE_SET, &pos), "fd_seek WHENCE_SET error",
               DIR_ERRNOS);
  ASSERT_ERRNO(__wasi_fd_seek(dir, 0, __WASI_WHENCE_END, &pos), "fd_seek WHENCE_END error",
               DIR_ERRNOS);
  ASSERT_ERRNO(__wasi_fd_tell(dir, &pos), "fd_tell error", DIR_ERRNOS);
  ASSERT_ERRNO(__wasi_fd_allocate(dir, 0, 1), "fd_allocate error", DIR_ERRNOS);
  ASSERT_ERRNO(__wasi_fd_filestat_set_size(dir, 0), "fd_filestat_set_size error",
               __WASI_ERRNO_ISDIR, __WASI_ERRNO_INVAL, __WASI_ERRNO_BADF,
               __WASI_ERRNO_NOTCAPABLE);
  return 0;
}
