// Recursion: Ackermann, mutual recursion, a recursive-descent expression parser, permutations by
// backtracking (n-queens), and recursion 50000 frames deep (node-wasi.mjs gives node a 64 MiB stack for it).
// e2e: cflags = -O2 -Wl,-z,stack-size=8388608 | -O0 -Wl,-z,stack-size=8388608
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint32_t ackermann(uint32_t m, uint32_t n) {
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

static int is_odd(unsigned n);
__attribute__((noinline)) static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
__attribute__((noinline)) static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

// expr := term (('+'|'-') term)*, term := factor (('*'|'/') factor)*, factor := num | '(' expr ')' | '-' factor
static const char *p;
static long expr(void);
static long factor(void) {
  if (*p == '(') { p++; long v = expr(); p++; return v; }
  if (*p == '-') { p++; return -factor(); }
  long v = 0;
  while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
  return v;
}
static long term(void) {
  long v = factor();
  while (*p == '*' || *p == '/') {
    char op = *p++;
    long r = factor();
    v = op == '*' ? v * r : (r ? v / r : 0);
  }
  return v;
}
static long expr(void) {
  long v = term();
  while (*p == '+' || *p == '-') {
    char op = *p++;
    long r = term();
    v = op == '+' ? v + r : v - r;
  }
  return v;
}

static int queens(int n, int row, uint32_t cols, uint32_t d1, uint32_t d2) {
  if (row == n) return 1;
  int count = 0;
  for (int c = 0; c < n; ++c) {
    if ((cols >> c & 1) || (d1 >> (row + c) & 1) || (d2 >> (row - c + n) & 1)) continue;
    count += queens(n, row + 1, cols | 1u << c, d1 | 1u << (row + c), d2 | 1u << (row - c + n));
  }
  return count;
}

// Not a tail call: the result is combined after the call, and a local's address escapes.
static volatile uint32_t sink;
__attribute__((noinline)) static uint64_t deep(uint32_t n) {
  if (n == 0) return 1;
  uint64_t below = deep(n - 1);
  sink = (uint32_t)below;
  return (below * 6364136223846793005ull + n) ^ (below >> 29);
}

__attribute__((noinline)) static uint64_t deep_with_frame(uint32_t n) {
  volatile uint32_t local[4] = {n, n * 3, n * 5, n * 7}; // lives on the shadow stack
  if (n == 0) return 0;
  return deep_with_frame(n - 1) + local[n & 3];
}

int main(int argc, char **argv) {
  (void)argv;
  printf("ackermann(2, 3000) = %u\n", ackermann(2, 3000));
  printf("ackermann(3, 7) = %u\n", ackermann(3, 7));
  printf("is_even(10001) = %d, is_odd(7777) = %d\n", is_even(10001), is_odd(7777));
  static const char *exprs[] = {"1+2*3", "(1+2)*3", "-(4-10)*-(2+3)/3", "2*(3*(4*(5*(6+1))))-7/2", "100/(5-5)"};
  for (int i = 0; i < 5; ++i) {
    p = exprs[i];
    printf("%s = %ld\n", exprs[i], expr());
  }
  for (int n = 1; n <= 9; ++n) printf("queens(%d) = %d\n", n, queens(n, 0, 0, 0, 0));
  printf("deep(50000) = %llu\n", (unsigned long long)deep(50000u + (unsigned)argc - 1));
  printf("deep_with_frame(1000) = %llu\n", (unsigned long long)deep_with_frame(1000));
  return 0;
}
