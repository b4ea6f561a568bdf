/* Port of WebAssembly/wasi-testsuite tests/assemblyscript/wasm32-wasip1/src/random_get-non-zero-length.ts:
 * random_get of 32 bytes succeeds. */
#include "../../conformance.h"

int main(void) {
  static uint8_t buf[32];
  ASSERT_EQ(__wasi_random_get(buf, sizeof(buf)), __WASI_ERRNO_SUCCESS, "random_get");
  return 0;
}
