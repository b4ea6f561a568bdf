/* Port of WebAssembly/wasi-testsuite tests/c/src/fopen-with-access.c (fs-tests.dir as "/"):
 * fopen of an existing file for reading, and fclose, succeed. */
#include <assert.h>
#include <stdio.h>

int main(void) {
  FILE *f = fopen("file", "r");
  assert(f != NULL);
  assert(fclose(f) == 0);
  return 0;
}
