/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/path_open_nonblock.rs
 * (fs-tests.dir as "/"): "." opens with FDFLAGS_NONBLOCK. */
#include "../../io_util.h"

int main(void) {
  __wasi_fd_t dir = testsuite_root_directory();
  open_ok(dir, 0, ".", 0, 0, 0, __WASI_FDFLAGS_NONBLOCK, "opening the dir");
  return 0;
}
