/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_regular_file_isatty.rs:
 * wasi-libc's isatty() is false for a regular file. */
#include "../io_util.h"
#include <unistd.h>

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  __wasi_fd_t fd = open_ok(dir, 0, "file", __WASI_OFLAGS_CREAT, 0, 0, 0, "opening a file");
  ASSERT(fd > 2, "file descriptor range check");
  ASSERT_EQ(isatty((int)fd), 0, "file is a tty");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
  return 0;
}
