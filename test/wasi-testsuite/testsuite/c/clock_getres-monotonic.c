/* Port of WebAssembly/wasi-testsuite tests/c/src/clock_getres-monotonic.c: clock_getres of
 * CLOCK_MONOTONIC succeeds. */
#include <assert.h>
#include <time.h>

int main(void) {
  struct timespec res;
  int r = clock_getres(CLOCK_MONOTONIC, &res);
  assert(r == 0);
  return 0;
}
