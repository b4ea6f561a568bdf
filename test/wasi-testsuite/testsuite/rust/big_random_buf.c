/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/big_random_buf.rs:
 * random_get fills 1024 bytes, not all of them zero. */
#include "../../conformance.h"

int main(void) {
  static uint8_t buf[1024];
  EXPECT_OK(__wasi_random_get(buf, sizeof(buf)), "failed to call random_get");
  int nonzero = 0;
  for (size_t i = 0; i < sizeof(buf); i++) nonzero |= buf[i] != 0;
  ASSERT(nonzero, "random_get returned all zeros");
  return 0;
}
