/* Port of WebAssembly/wasi-testsuite tests/c/src/clock_gettime-realtime.c: clock_gettime of
 * CLOCK_REALTIME succeeds. */
#include <assert.h>
#include <time.h>

int main(void) {
  struct timespec now;
  int r = clock_gettime(CLOCK_REALTIME, &now);
  assert(r == 0);
  return 0;
}
