/* Port of WebAssembly/wasi-testsuite tests/assemblyscript/wasm32-wasip1/src/random_get-zero-length.ts:
 * random_get of 0 bytes succeeds. */
#include "../../conformance.h"

int main(void) {
  uint8_t *buf = (uint8_t *)malloc(0);
  ASSERT_EQ(__wasi_random_get(buf ? buf : DANGLING, 0), __WASI_ERRNO_SUCCESS, "random_get");
  free(buf);
  return 0;
}
