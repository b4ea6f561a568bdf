/* Port of WebAssembly/wasi-testsuite tests/c/testsuite/fopen-with-no-access.c (nothing
 * granted): fopen of a path under no preopen fails with ENOTCAPABLE. */
#include <assert.h>
#include <errno.h>
#include <stdio.h>

int main(void) {
  FILE *f = fopen("fs-tests.dir/file", "r");
  assert(f == NULL);
  assert(errno == ENOTCAPABLE);
  return 0;
}
