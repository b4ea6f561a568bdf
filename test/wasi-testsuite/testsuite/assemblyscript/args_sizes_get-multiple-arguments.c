/* Port of WebAssembly/wasi-testsuite tests/assemblyscript/wasm32-wasip1/src/args_sizes_get-multiple-arguments.ts
 * (three arguments given): args_sizes_get counts 4 with the program name. */
#include "../../conformance.h"

int main(void) {
  __wasi_size_t count, size;
  EXPECT_OK(__wasi_args_sizes_get(&count, &size), "args_sizes_get");
  ASSERT_EQ(count, 4, "argument count");
  return 0;
}
