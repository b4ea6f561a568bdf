/* Port of WebAssembly/wasi-testsuite tests/assemblyscript/testsuite/environ_sizes_get-no-variables.ts:
 * with no environment granted, environ_sizes_get counts 0. */
#include "../../conformance.h"

int main(void) {
  __wasi_size_t count, size;
  EXPECT_OK(__wasi_environ_sizes_get(&count, &size), "environ_sizes_get");
  ASSERT_EQ(count, 0, "variable count");
  return 0;
}
