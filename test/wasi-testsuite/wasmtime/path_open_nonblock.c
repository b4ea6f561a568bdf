/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_path_open_nonblock.rs:
 * "." opens with FDFLAGS_NONBLOCK. */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  open_ok(dir, 0, ".", 0, 0, 0, __WASI_FDFLAGS_NONBLOCK, "opening the dir");
  return 0;
}
