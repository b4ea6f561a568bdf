/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_unicode_output.rs:
 * fd_write of UTF-8 text to stdout writes it all. */
#include "../conformance.h"

int main(void) {
  const char *text = "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xd8\xa8\xd9\x83\xd9\x85\n";
  __wasi_ciovec_t v = ciovec(text, strlen(text));
  __wasi_size_t n;
  EXPECT_OK(__wasi_fd_write(STDOUT_FD, &v, 1, &n), "write succeeds");
  ASSERT_EQ(n, strlen(text), "full contents should be written");
  return 0;
}
