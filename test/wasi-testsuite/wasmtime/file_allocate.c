/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_file_allocate.rs, with
 * one deliberate difference: Wasmtime no longer implements fd_allocate and its test requires
 * NOTSUP, while wasmc implements it (posix_fallocate), so here the call must succeed and grow
 * the file, as WebAssembly/wasi-testsuite's file_allocate accepts. The rest is Wasmtime's. */
#include "../conformance.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT,
                             __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &fd),
            "opening a file");
  ASSERT(fd > 2, "file descriptor range check");
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_fd_filestat_get(fd, &st), "reading file stats");
  ASSERT_EQ(st.size, 0, "file size should be 0");
  EXPECT_OK(__wasi_fd_allocate(fd, 0, 100), "fd_allocate");
  EXPECT_OK(__wasi_fd_filestat_get(fd, &st), "reading file stats");
  ASSERT_EQ(st.size, 100, "file size should be 100");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
  return 0;
}
