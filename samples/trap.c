// Ends in a WebAssembly trap: divides by a number taken from the command line. With no argument
// (or 0) the division traps with "integer divide by zero"; wasmc prints the trap and a backtrace
// of wasm functions and exits with status 134.
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int average(int total, int count) { return total / count; }

__attribute__((noinline)) static int report(int count) {
  int result = average(1000, count);
  printf("average: %d\n", result);
  return result;
}

// Called through a pointer, so that the backtrace shows it: wasmc's optimiser may inline any
// direct call (noinline above speaks to clang only), and an inlined function has no frame.
static int (*volatile reporter)(int) = report;

int main(int argc, char **argv) {
  int count = argc > 1 ? atoi(argv[1]) : 0;
  printf("dividing 1000 by %d\n", count);
  fflush(stdout);
  return reporter(count) > 0 ? 0 : 1;
}
