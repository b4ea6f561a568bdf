// Tail calls (built with -mtail-call, so clang emits return_call / return_call_indirect for
// musttail): a 10-million-deep tail-recursive loop that must run in constant stack, mutual tail
// recursion, and a state machine whose states tail-call each other through function pointers.
// e2e: cflags = -O2 -mtail-call | -O0 -mtail-call
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
// e2e: feature = tail calls
#include <stdint.h>
#include <stdio.h>

__attribute__((noinline)) static int64_t sum_to(int64_t n, int64_t acc) {
  if (n == 0) return acc;
  __attribute__((musttail)) return sum_to(n - 1, acc + n);
}

static int64_t odd_steps(int64_t n, int64_t steps);
__attribute__((noinline)) static int64_t even_steps(int64_t n, int64_t steps) {
  if (n == 0) return steps;
  __attribute__((musttail)) return odd_steps(n - 1, steps + 2);
}
__attribute__((noinline)) static int64_t odd_steps(int64_t n, int64_t steps) {
  if (n == 0) return -steps;
  __attribute__((musttail)) return even_steps(n - 1, steps + 1);
}

// Count a's, b's and c's: each state tail-calls the next through a table.
typedef uint64_t (*State)(const char *p, uint64_t counts);
static uint64_t st_dispatch(const char *p, uint64_t counts);
static uint64_t st_a(const char *p, uint64_t counts);
static uint64_t st_b(const char *p, uint64_t counts);
static uint64_t st_other(const char *p, uint64_t counts);
static State volatile states[4] = {st_a, st_b, st_other, st_dispatch};
__attribute__((noinline)) static uint64_t st_dispatch(const char *p, uint64_t counts) {
  if (!*p) return counts;
  State next = states[*p == 'a' ? 0 : *p == 'b' ? 1 : 2];
  __attribute__((musttail)) return next(p, counts);
}
__attribute__((noinline)) static uint64_t st_a(const char *p, uint64_t counts) {
  State next = states[3];
  __attribute__((musttail)) return next(p + 1, counts + 1);
}
__attribute__((noinline)) static uint64_t st_b(const char *p, uint64_t counts) {
  State next = states[3];
  __attribute__((musttail)) return next(p + 1, counts + ((uint64_t)1 << 21));
}
__attribute__((noinline)) static uint64_t st_other(const char *p, uint64_t counts) {
  State next = states[3];
  __attribute__((musttail)) return next(p + 1, counts + ((uint64_t)1 << 42));
}

static char text[3000001];

int main(int argc, char **argv) {
  (void)argv;
  printf("sum_to(10000000) = %lld\n", (long long)sum_to(10000000 + argc - 1, 0));
  printf("even_steps(5000001) = %lld\n", (long long)even_steps(5000001, 0));
  for (int i = 0; i < 3000000; ++i) text[i] = "abcab cba aab"[i % 13];
  uint64_t counts = st_dispatch(text, 0);
  printf("a %llu b %llu other %llu\n", (unsigned long long)(counts & 0x1fffff),
         (unsigned long long)((counts >> 21) & 0x1fffff), (unsigned long long)(counts >> 42));
  return 0;
}
