/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_renumber.rs:
 * fd_renumber moves one open file over another: the source is closed, the destination has the
 * source's fdstat. */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  ASSERT(dir > 3, "dir_fd number");
  __wasi_fd_t from = open_ok(dir, 0, "file1", __WASI_OFLAGS_CREAT, RW, 0, 0, "opening a file");
  ASSERT(from > 2, "file descriptor range check");
  __wasi_fdstat_t st_from;
  EXPECT_OK(__wasi_fd_fdstat_get(from, &st_from), "calling fd_fdstat on the open file descriptor");
  __wasi_fd_t to = open_ok(dir, 0, "file2", __WASI_OFLAGS_CREAT, RW, 0, 0, "opening a file");
  ASSERT(to > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_renumber(from, to), "renumbering two descriptors");
  ASSERT_ERRNO(__wasi_fd_close(from), "closing already closed file descriptor", __WASI_ERRNO_BADF);
  __wasi_fdstat_t st_to;
  EXPECT_OK(__wasi_fd_fdstat_get(to, &st_to), "calling fd_fdstat on the open file descriptor");
  ASSERT_EQ(st_from.fs_filetype, st_to.fs_filetype, "same filetype");
  ASSERT_EQ(st_from.fs_flags, st_to.fs_flags, "same flags");
  ASSERT_EQ(st_from.fs_rights_base, st_to.fs_rights_base, "same base rights");
  ASSERT_EQ(st_from.fs_rights_inheriting, st_to.fs_rights_inheriting, "same inheriting rights");
  EXPECT_OK(__wasi_fd_close(to), "closing a file");
  return 0;
}
