/* Port of WebAssembly/wasi-testsuite tests/assemblyscript/wasm32-wasip1/src/environ_get-multiple-variables.ts
 * (env a=text, b=escap " ing, c=new<newline>line): environ_get returns exactly those three
 * "KEY=VALUE" strings. */
#include "../../conformance.h"

int main(void) {
  __wasi_size_t count, size;
  EXPECT_OK(__wasi_environ_sizes_get(&count, &size), "environ_sizes_get");
  static const char *const expected[3] = {"a=text", "b=escap \" ing", "c=new\nline"};
  int seen[3] = {0, 0, 0};
  ASSERT_EQ(count, 3, "variable count");
  uint8_t **env = (uint8_t **)malloc(count * sizeof(*env));
  uint8_t *buf = (uint8_t *)malloc(size);
  EXPECT_OK(__wasi_environ_get(env, buf), "environ_get");
  for (__wasi_size_t i = 0; i < count; i++) {
    int found = -1;
    for (int k = 0; k < 3; k++)
      if (!seen[k] && strcmp((const char *)env[i], expected[k]) == 0) found = k;
    ASSERT(found >= 0, "an expected variable");
    seen[found] = 1;
  }
  return 0;
}
