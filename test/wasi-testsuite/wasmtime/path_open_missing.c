/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_path_open_missing.rs:
 * opening a file that does not exist, without OFLAGS_CREAT, is NOENT. */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  __wasi_fd_t fd;
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "file", 0, 0, 0, 0, &fd),
               "trying to open a file that doesn't exist", __WASI_ERRNO_NOENT);
  return 0;
}
