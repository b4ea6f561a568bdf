/* Port of WebAssembly/wasi-testsuite tests/assemblyscript/testsuite/args_get-multiple-arguments.ts
 * (args: first, the "second" arg, 3): args_sizes_get counts 4 (with the program name) and
 * args_get returns the three arguments in order. */
#include "../../conformance.h"

int main(void) {
  __wasi_size_t count, size;
  EXPECT_OK(__wasi_args_sizes_get(&count, &size), "args_sizes_get");
  ASSERT_EQ(count, 4, "argument count");
  uint8_t **argv = (uint8_t **)malloc(count * sizeof(*argv));
  uint8_t *buf = (uint8_t *)malloc(size);
  EXPECT_OK(__wasi_args_get(argv, buf), "args_get");
  static const char *const expected[3] = {"first", "the \"second\" arg", "3"};
  for (__wasi_size_t i = 1; i < count; i++)
    ASSERT(strcmp((const char *)argv[i], expected[i - 1]) == 0, "argument");
  return 0;
}
