/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_stdio_not_isatty.rs:
 * isatty() is false for stdio that is not a terminal (here /dev/null and files). */
#include "../conformance.h"
#include <unistd.h>

int main(void) {
  ASSERT_EQ(isatty(0), 0, "stdin is not a tty");
  ASSERT_EQ(isatty(1), 0, "stdout is not a tty");
  ASSERT_EQ(isatty(2), 0, "stderr is not a tty");
  return 0;
}
