/* Port of WebAssembly/wasi-testsuite tests/assemblyscript/wasm32-wasip1/src/fd_write-to-stdout.ts
 * (expected stdout: hello): fd_write of "hello" to fd 1 writes its 5 bytes. */
#include "../../conformance.h"

int main(void) {
  const char *message = "hello";
  __wasi_ciovec_t v = ciovec(message, strlen(message));
  __wasi_size_t n = 0;
  __wasi_errno_t err = __wasi_fd_write(1, &v, 1, &n);
  ASSERT_EQ(n, strlen(message), "bytes written");
  ASSERT_EQ(err, __WASI_ERRNO_SUCCESS, "fd_write");
  return 0;
}
