// Runaway recursion that exhausts the call stack itself: built only with clang -O2, where these
// functions keep everything in wasm locals (nothing on the shadow stack in linear memory). wasmc
// must report "call stack exhausted" (not crash with SIGSEGV), for direct, mutual and indirect
// recursion, and after deep but bounded recursion has succeeded first; also without a stack
// size limit (`ulimit -s unlimited`), where wasm code still gets a bounded stack.
// e2e: cflags = -O2
// e2e: wasmc = -O2 | -O0
// e2e: run: args=direct; trap=call stack exhausted
// e2e: run: args=mutual; trap=call stack exhausted
// e2e: run: args=indirect; trap=call stack exhausted
// e2e: run: args=many-params; trap=call stack exhausted
// e2e: run: args=bounded-then-runaway; trap=call stack exhausted
// e2e: run: args=direct; trap=call stack exhausted; stack=unlimited
// e2e: run: args=indirect; trap=call stack exhausted; stack=unlimited
// e2e: run: args=mutual; trap=call stack exhausted; stack=unlimited
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static volatile uint32_t sink;

__attribute__((noinline)) static uint32_t direct(uint32_t n) {
  sink = n;
  return direct(n + 1) * 3 + n; // not a tail call
}
static uint32_t ping(uint32_t n);
__attribute__((noinline)) static uint32_t pong(uint32_t n) { sink = n; return ping(n + 2) * 5 + n; }
__attribute__((noinline)) static uint32_t ping(uint32_t n) { sink = n; return pong(n + 1) ^ n; }

typedef uint32_t (*Fn)(uint32_t);
static uint32_t via_table(uint32_t n);
static Fn volatile table[2] = {via_table, via_table};
__attribute__((noinline)) static uint32_t via_table(uint32_t n) { sink = n; return table[n & 1](n + 1) + 1; }

__attribute__((noinline)) static double many(double a, double b, double c, double d, int64_t e, int64_t f, int32_t g,
                                             int32_t h, float i, float j) {
  sink = (uint32_t)g;
  return many(b, c, d, a, f, e, h + 1, g, j, i) * 0.5 + a + (double)e + (double)i;
}

__attribute__((noinline)) static uint64_t bounded(uint32_t n) {
  if (n == 0) return 1;
  sink = n;
  return bounded(n - 1) * 31 + n;
}

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "";
  printf("%s\n", what);
  fflush(stdout);
  if (!strcmp(what, "direct")) printf("%u\n", direct(0));
  else if (!strcmp(what, "mutual")) printf("%u\n", ping(0));
  else if (!strcmp(what, "indirect")) printf("%u\n", via_table(0));
  else if (!strcmp(what, "many-params")) printf("%g\n", many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
  else if (!strcmp(what, "bounded-then-runaway")) {
    printf("bounded: %llu\n", (unsigned long long)bounded(20000));
    fflush(stdout);
    printf("%u\n", direct(0));
  }
  return 0;
}
