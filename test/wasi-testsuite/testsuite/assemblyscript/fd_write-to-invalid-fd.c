/* Port of WebAssembly/wasi-testsuite tests/assemblyscript/wasm32-wasip1/src/fd_write-to-invalid-fd.ts:
 * fd_write to descriptor -31337 with no iovecs is BADF. */
#include "../../conformance.h"

__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write"))) int32_t
raw_fd_write(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nwritten);

int main(void) {
  static uint32_t out_size;
  int32_t err = raw_fd_write(-31337, 0, 0, (int32_t)(uintptr_t)&out_size);
  ASSERT_EQ(err, __WASI_ERRNO_BADF, "fd_write to an invalid descriptor");
  return 0;
}
