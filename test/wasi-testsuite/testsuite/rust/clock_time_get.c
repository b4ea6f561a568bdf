/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/clock_time_get.rs:
 * clock_time_get succeeds with precision 1 and 0, and the monotonic clock does not go back. */
#include "../../conformance.h"

int main(void) {
  __wasi_timestamp_t first, second;
  EXPECT_OK(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &first), "precision 1 should work");
  EXPECT_OK(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 0, &first), "precision 0 should work");
  EXPECT_OK(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 0, &second),
            "re-fetch time should work");
  ASSERT(first <= second, "CLOCK_MONOTONIC should be monotonic");
  return 0;
}
