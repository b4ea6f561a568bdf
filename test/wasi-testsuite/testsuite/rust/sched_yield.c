/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/sched_yield.rs. */
#include "../../conformance.h"

int main(void) {
  EXPECT_OK(__wasi_sched_yield(), "sched_yield");
  return 0;
}
