/* Port of WebAssembly/wasi-testsuite tests/assemblyscript/testsuite/environ_sizes_get-multiple-variables.ts
 * (env a=b, b=c, c=d): environ_sizes_get counts 3. */
#include "../../conformance.h"

int main(void) {
  __wasi_size_t count, size;
  EXPECT_OK(__wasi_environ_sizes_get(&count, &size), "environ_sizes_get");
  ASSERT_EQ(count, 3, "variable count");
  return 0;
}
