/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_sched_yield.rs. */
#include "../conformance.h"

int main(void) {
  EXPECT_OK(__wasi_sched_yield(), "sched_yield");
  return 0;
}
