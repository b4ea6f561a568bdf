// Tail calls (built with -mtail-call, so clang emits return_call / return_call_indirect for
// musttail): a state machine whose states tail-call each other through function pointers a
// billion times, which only runs in constant stack (a billion frames would need tens of GiB);
// a 10-million-deep tail-recursive loop; mutual tail recursion; and a tail call to a function
// with more parameters than any target has argument registers.
// e2e: cflags = -O2 -mtail-call
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
// e2e: feature = tail calls
// e2e: timeout = 120
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

// The state machine: each state updates the state word its own way and picks the next state
// from it, through a table the compiler cannot see through.
typedef uint64_t (*State)(uint64_t steps, uint64_t word);
static uint64_t st_mix(uint64_t steps, uint64_t word);
static uint64_t st_rotate(uint64_t steps, uint64_t word);
static uint64_t st_count(uint64_t steps, uint64_t word);
static uint64_t st_xor(uint64_t steps, uint64_t word);
static State volatile states[4] = {st_mix, st_rotate, st_count, st_xor};
static uint64_t visits[4];

#define NEXT(steps, word)                                                                      \
  do {                                                                                         \
    if ((steps) == 0) return (word);                                                           \
    State next = states[((word) >> 29) & 3];                                                   \
    __attribute__((musttail)) return next((steps) - 1, (word));                                \
  } while (0)

__attribute__((noinline)) static uint64_t st_mix(uint64_t steps, uint64_t word) {
  ++visits[0];
  NEXT(steps, word * 6364136223846793005ull + 1442695040888963407ull);
}
__attribute__((noinline)) static uint64_t st_rotate(uint64_t steps, uint64_t word) {
  ++visits[1];
  NEXT(steps, (word << 13 | word >> 51) + 7);
}
__attribute__((noinline)) static uint64_t st_count(uint64_t steps, uint64_t word) {
  ++visits[2];
  NEXT(steps, word + (steps & 0xff) + 1);
}
__attribute__((noinline)) static uint64_t st_xor(uint64_t steps, uint64_t word) {
  ++visits[3];
  NEXT(steps, word ^ (word >> 17) ^ 0x9e3779b97f4a7c15ull);
}

// Eighteen parameters: more than the argument registers of x86-64, AArch64 and RISC-V.
typedef int64_t (*Wide)(int64_t n, int64_t a, int64_t b, int64_t c, int64_t d, int64_t e,
                        int64_t f, int64_t g, int64_t h, int64_t i, int64_t j, int64_t k,
                        int64_t l, int64_t m, double x, double y, double z, int64_t acc);
static int64_t wide_a(int64_t n, int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f,
                      int64_t g, int64_t h, int64_t i, int64_t j, int64_t k, int64_t l, int64_t m,
                      double x, double y, double z, int64_t acc);
static int64_t wide_b(int64_t n, int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f,
                      int64_t g, int64_t h, int64_t i, int64_t j, int64_t k, int64_t l, int64_t m,
                      double x, double y, double z, int64_t acc);
static Wide volatile wides[2] = {wide_a, wide_b};
__attribute__((noinline)) static int64_t wide_a(int64_t n, int64_t a, int64_t b, int64_t c,
                                                int64_t d, int64_t e, int64_t f, int64_t g,
                                                int64_t h, int64_t i, int64_t j, int64_t k,
                                                int64_t l, int64_t m, double x, double y, double z,
                                                int64_t acc) {
  if (n == 0) return acc + a + b + c + d + e + f + g + h + i + j + k + l + m + (int64_t)(x + y + z);
  __attribute__((musttail)) return wides[1](n - 1, b, c, d, e, f, g, h, i, j, k, l, m, a, y, z, x,
                                            acc + a);
}
__attribute__((noinline)) static int64_t wide_b(int64_t n, int64_t a, int64_t b, int64_t c,
                                                int64_t d, int64_t e, int64_t f, int64_t g,
                                                int64_t h, int64_t i, int64_t j, int64_t k,
                                                int64_t l, int64_t m, double x, double y, double z,
                                                int64_t acc) {
  __attribute__((musttail)) return wides[0](n, a, b, c, d, e, f, g, h, i, j, k, l, m, x + 1, y, z,
                                            acc ^ m);
}

int main(int argc, char **argv) {
  (void)argv;
  printf("sum_to(10000000) = %lld\n", (long long)sum_to(10000000 + argc - 1, 0));
  printf("even_steps(5000001) = %lld\n", (long long)even_steps(5000001, 0));
  const uint64_t word = st_mix(1000000000ull + (uint64_t)argc - 1, 1);
  printf("state machine: word %016llx, visits %llu %llu %llu %llu\n", (unsigned long long)word,
         (unsigned long long)visits[0], (unsigned long long)visits[1],
         (unsigned long long)visits[2], (unsigned long long)visits[3]);
  printf("wide: %lld\n", (long long)wide_a(3000000, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 0.5,
                                             0.25, 0.125, 0));
  return 0;
}
