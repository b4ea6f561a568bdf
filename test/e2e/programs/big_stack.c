// Large stack frames: local arrays of hundreds of KiB (on the shadow stack in linear memory,
// made larger with -z stack-size), a recursive function with a 4 KiB local buffer, and alloca.
// e2e: cflags = -O2 -Wl,-z,stack-size=4194304 | -O0 -Wl,-z,stack-size=4194304 | -O3 -msimd128 -Wl,-z,stack-size=4194304
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
#include <alloca.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) static uint64_t big_frame(uint32_t seed) {
  uint32_t local[128 * 1024]; // 512 KiB
  for (uint32_t i = 0; i < 128 * 1024; ++i) local[i] = seed = seed * 1664525u + 1013904223u;
  uint64_t sum = 0;
  for (uint32_t i = 0; i < 128 * 1024; i += 3) sum += local[(i * 7919u) % (128 * 1024)];
  return sum;
}

__attribute__((noinline)) static uint32_t recurse(int depth, uint32_t acc) {
  unsigned char buffer[4096];
  memset(buffer, (unsigned char)depth, sizeof buffer);
  buffer[depth % 4096] ^= (unsigned char)acc;
  if (depth == 0) return acc;
  uint32_t below = recurse(depth - 1, acc * 31 + buffer[(depth * 13) % 4096]);
  return below ^ buffer[4095] ^ buffer[depth % 4096];
}

__attribute__((noinline)) static uint32_t with_alloca(size_t n) {
  uint8_t *p = alloca(n);
  for (size_t i = 0; i < n; ++i) p[i] = (uint8_t)(i * 7);
  uint32_t s = 0;
  for (size_t i = 0; i < n; i += 5) s += p[i];
  return s;
}

int main(void) {
  printf("big frame: %llu\n", (unsigned long long)big_frame(1));
  printf("big frame again: %llu\n", (unsigned long long)big_frame(2));
  printf("recursion with 4 KiB frames (depth 500): %u\n", recurse(500, 7));
  printf("alloca: %u %u\n", with_alloca(100), with_alloca(200000));
  return 0;
}
