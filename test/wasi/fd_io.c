/* fd_* functions on files in the pre-opened directory /sandbox. */
#include "wasi_check.h"

int main(void) {
  __wasi_fd_t dir = preopen("/sandbox");
  __wasi_fd_t fd, fd2;
  __wasi_size_t n;
  __wasi_filesize_t pos;

  __wasi_prestat_t prestat;
  CHECK_EQ("fd_prestat_get", __wasi_fd_prestat_get(dir, &prestat), 0);
  CHECK_EQ("prestat tag dir", prestat.tag, __WASI_PREOPENTYPE_DIR);
  CHECK_EQ("prestat name length", prestat.u.dir.pr_name_len, 8);
  char name[8];
  CHECK_EQ("prestat_dir_name too short", __wasi_fd_prestat_dir_name(dir, (uint8_t *)name, 7),
           __WASI_ERRNO_NAMETOOLONG);
  CHECK_EQ("prestat of stdout", __wasi_fd_prestat_get(1, &prestat), __WASI_ERRNO_BADF);

  CHECK_EQ("create file", open_at(dir, "file", __WASI_OFLAGS_CREAT, RW_RIGHTS, 0, &fd), 0);
  __wasi_ciovec_t out[2] = {{(const uint8_t *)"hello ", 6}, {(const uint8_t *)"world", 5}};
  CHECK_EQ("fd_write", __wasi_fd_write(fd, out, 2, &n), 0);
  CHECK_EQ("wrote 11", n, 11);
  CHECK_EQ("fd_tell", __wasi_fd_tell(fd, &pos), 0);
  CHECK_EQ("at 11", pos, 11);
  CHECK_EQ("fd_seek set", __wasi_fd_seek(fd, 6, __WASI_WHENCE_SET, &pos), 0);
  CHECK_EQ("at 6", pos, 6);
  char buf[32] = {0};
  __wasi_iovec_t in = {(uint8_t *)buf, 5};
  CHECK_EQ("fd_read", __wasi_fd_read(fd, &in, 1, &n), 0);
  CHECK_STR("read world", buf, "world");
  CHECK_EQ("fd_seek cur", __wasi_fd_seek(fd, -3, __WASI_WHENCE_CUR, &pos), 0);
  CHECK_EQ("at 8", pos, 8);
  CHECK_EQ("fd_seek end", __wasi_fd_seek(fd, -1, __WASI_WHENCE_END, &pos), 0);
  CHECK_EQ("at 10", pos, 10);
  CHECK_EQ("fd_seek before start", __wasi_fd_seek(fd, -20, __WASI_WHENCE_CUR, &pos),
           __WASI_ERRNO_INVAL);
  CHECK_EQ("fd_seek bad whence", __wasi_fd_seek(fd, 0, 3, &pos), __WASI_ERRNO_INVAL);
  CHECK_EQ("fd_pwrite", __wasi_fd_pwrite(fd, out, 1, 20, &n), 0);
  memset(buf, 0, sizeof buf);
  in.buf_len = 6;
  CHECK_EQ("fd_pread", __wasi_fd_pread(fd, &in, 1, 20, &n), 0);
  CHECK_STR("pread hello", buf, "hello ");
  CHECK_EQ("offset unchanged", __wasi_fd_tell(fd, &pos) == 0 && pos == 10, 1);

  __wasi_filestat_t fst;
  CHECK_EQ("fd_filestat_get", __wasi_fd_filestat_get(fd, &fst), 0);
  CHECK_EQ("size 26", fst.size, 26);
  CHECK_EQ("regular file", fst.filetype, __WASI_FILETYPE_REGULAR_FILE);
  CHECK_EQ("nlink 1", fst.nlink, 1);
  CHECK_EQ("fd_filestat_set_size", __wasi_fd_filestat_set_size(fd, 5), 0);
  CHECK_EQ("size 5", __wasi_fd_filestat_get(fd, &fst) == 0 ? fst.size : 0, 5);
  CHECK_EQ("fd_filestat_set_times", __wasi_fd_filestat_set_times(fd, 1000000000123ull,
           2000000000456ull, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM), 0);
  __wasi_fd_filestat_get(fd, &fst);
  CHECK_EQ("mtim in nanoseconds", fst.mtim, 2000000000456ull);
  CHECK_EQ("atim in nanoseconds", fst.atim, 1000000000123ull);
  CHECK_EQ("set_times atim and atim_now", __wasi_fd_filestat_set_times(fd, 0, 0,
           __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW), __WASI_ERRNO_INVAL);
  CHECK_EQ("fd_advise", __wasi_fd_advise(fd, 0, 5, __WASI_ADVICE_WILLNEED), 0);
  CHECK_EQ("fd_advise bad advice", __wasi_fd_advise(fd, 0, 5, 9), __WASI_ERRNO_INVAL);
  CHECK_EQ("fd_allocate", __wasi_fd_allocate(fd, 0, 100), 0);
  CHECK_EQ("size 100", __wasi_fd_filestat_get(fd, &fst) == 0 ? fst.size : 0, 100);
  CHECK_EQ("fd_allocate never shrinks", __wasi_fd_allocate(fd, 0, 10), 0);
  CHECK_EQ("still 100", __wasi_fd_filestat_get(fd, &fst) == 0 ? fst.size : 0, 100);
  CHECK_EQ("fd_allocate negative offset", __wasi_fd_allocate(fd, (uint64_t)-1, 10),
           __WASI_ERRNO_INVAL);
  CHECK_EQ("fd_sync", __wasi_fd_sync(fd), 0);
  CHECK_EQ("fd_datasync", __wasi_fd_datasync(fd), 0);

  __wasi_fdstat_t st;
  CHECK_EQ("fd_fdstat_get", __wasi_fd_fdstat_get(fd, &st), 0);
  CHECK_EQ("fdstat regular file", st.fs_filetype, __WASI_FILETYPE_REGULAR_FILE);
  CHECK_EQ("fdstat rights", st.fs_rights_base, RW_RIGHTS);
  CHECK_EQ("fd_fdstat_set_flags append", __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND),
           0);
  __wasi_fd_fdstat_get(fd, &st);
  CHECK_EQ("flags append", st.fs_flags, __WASI_FDFLAGS_APPEND);
  __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
  CHECK_EQ("append write", write_str(fd, "END"), 0);
  CHECK_EQ("appended at the end", __wasi_fd_filestat_get(fd, &fst) == 0 ? fst.size : 0, 103);
  CHECK_EQ("set_flags invalid", __wasi_fd_fdstat_set_flags(fd, 0x100), __WASI_ERRNO_INVAL);

  /* Rights shrink and are enforced: an operation without its right is EBADF. */
  CHECK_EQ("set_rights drop write", __wasi_fd_fdstat_set_rights(fd,
           RW_RIGHTS & ~__WASI_RIGHTS_FD_WRITE, 0), 0);
  CHECK_EQ("write refused", write_str(fd, "x"), __WASI_ERRNO_BADF);
  CHECK_EQ("set_rights cannot grow", __wasi_fd_fdstat_set_rights(fd, RW_RIGHTS, 0),
           __WASI_ERRNO_NOTCAPABLE);
  /* Opened for reading only: no writing, but the other rights of a file (seeking). */
  CHECK_EQ("open read-only", open_at(dir, "file", 0, __WASI_RIGHTS_FD_READ, 0, &fd2), 0);
  CHECK_EQ("read-only cannot write", write_str(fd2, "x"), __WASI_ERRNO_BADF);
  CHECK_EQ("read-only can seek", __wasi_fd_seek(fd2, 0, __WASI_WHENCE_SET, &pos), 0);

  /* renumber and close */
  __wasi_fd_t fd3;
  CHECK_EQ("open second", open_at(dir, "second", __WASI_OFLAGS_CREAT, RW_RIGHTS, 0, &fd3), 0);
  CHECK_EQ("fd_renumber", __wasi_fd_renumber(fd3, fd2), 0);
  CHECK_EQ("renumbered source closed", __wasi_fd_close(fd3), __WASI_ERRNO_BADF);
  CHECK_EQ("write via renumbered", write_str(fd2, "2nd"), 0);
  CHECK_EQ("second has it", __wasi_fd_filestat_get(fd2, &fst) == 0 ? fst.size : 0, 3);
  CHECK_EQ("renumber bad", __wasi_fd_renumber(fd2, 1000), __WASI_ERRNO_BADF);
  CHECK_EQ("fd_close", __wasi_fd_close(fd), 0);
  CHECK_EQ("close twice", __wasi_fd_close(fd), __WASI_ERRNO_BADF);
  CHECK_EQ("close fd2", __wasi_fd_close(fd2), 0);

  /* A directory has no fd_read, fd_seek or fd_write. */
  CHECK_EQ("seek on a directory", __wasi_fd_seek(dir, 0, __WASI_WHENCE_SET, &pos),
           __WASI_ERRNO_BADF);
  CHECK_EQ("fdstat directory", __wasi_fd_fdstat_get(dir, &st) == 0 ? st.fs_filetype : 0,
           __WASI_FILETYPE_DIRECTORY);
  return FINISH();
}
