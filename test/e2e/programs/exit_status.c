// Exit statuses: returning from main, exit() running atexit handlers in reverse order and
// flushing stdio, _Exit() doing neither (the buffered output is lost in every engine), a
// status above 127, and output written to stderr. The mode comes from argv[1]. (proc_exit takes a
// u32: a status that does not fit 0..255, such as -1 or 256, makes a wasmc executable say so and
// exit with 1, where node and POSIX keep the low 8 bits; test/e2e/cli_test.py checks those.)
// e2e: cflags = -O2 | -O0
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
// e2e: run: args=return0; exit=0
// e2e: run: args=return7; exit=7
// e2e: run: args=exit3; exit=3
// e2e: run: args=_Exit9; exit=9
// e2e: run: args=exit255; exit=255
// e2e: run: args=return-runs-atexit; exit=0
// e2e: run: args=nested; exit=42
// e2e: run: args=stderr; exit=1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void first(void) { printf("atexit: registered first, runs last\n"); }
static void second(void) { printf("atexit: registered second, runs first\n"); }
static void flush_check(void) { fputs("atexit output is flushed too\n", stdout); }

__attribute__((noinline)) static void deep_exit(int depth) {
  if (depth == 0) {
    printf("exiting from depth 0 of a call chain\n");
    exit(42);
  }
  deep_exit(depth - 1);
  printf("never printed\n");
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "return0";
  atexit(first);
  atexit(second);
  atexit(flush_check);
  // Unterminated line, left in the stdio buffer (stdout is a pipe: fully buffered).
  printf("mode %s; buffered without a newline... ", mode);
  if (strcmp(mode, "return0") == 0) return 0;
  if (strcmp(mode, "return7") == 0) return 7;
  if (strcmp(mode, "exit3") == 0) exit(3);
  if (strcmp(mode, "_Exit9") == 0) _Exit(9);
  if (strcmp(mode, "exit255") == 0) exit(255);
  if (strcmp(mode, "return-runs-atexit") == 0) return 0;
  if (strcmp(mode, "nested") == 0) deep_exit(100);
  if (strcmp(mode, "stderr") == 0) {
    fprintf(stderr, "an error message on stderr\n");
    fflush(stdout);
    fprintf(stderr, "and another, unbuffered: %d\n", 5);
    return 1;
  }
  return 100;
}
