/* Port of WebAssembly/wasi-testsuite tests/assemblyscript/wasm32-wasip1/src/args_sizes_get-no-arguments.ts:
 * with no arguments, args_sizes_get counts 1 (the program name). */
#include "../../conformance.h"

int main(void) {
  __wasi_size_t count, size;
  EXPECT_OK(__wasi_args_sizes_get(&count, &size), "args_sizes_get");
  ASSERT_EQ(count, 1, "argument count");
  return 0;
}
