// memcpy/memmove/memset/memcmp at every small size and alignment and a few large ones,
// overlapping moves in both directions. Built once with the default features (calls into libc)
// and once with -mbulk-memory (memory.copy and memory.fill instructions).
// e2e: cflags = -O2 | -O2 -mbulk-memory | -O0 -mbulk-memory | -O3 -msimd128
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint8_t a[4096], b[4096];
static uint64_t h = 14695981039346656037ull;
static void mix_bytes(const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
}
static void reset(void) {
  for (int i = 0; i < 4096; ++i) { a[i] = (uint8_t)(i * 7 + 3); b[i] = (uint8_t)(i ^ 0x5a); }
}

int main(void) {
  for (size_t n = 0; n <= 80; ++n)
    for (size_t src = 0; src < 8; ++src)
      for (size_t dst = 0; dst < 8; ++dst) {
        reset();
        memcpy(b + dst, a + src, n);
        mix_bytes(b, 96);
        memmove(a + dst, a + src, n); // overlapping, either direction
        mix_bytes(a, 96);
        memset(a + src, (int)(n + dst), n);
        mix_bytes(a, 96);
        h += (uint64_t)(memcmp(a, b, n) > 0) * 3 + (uint64_t)(memcmp(a, b, n) < 0);
      }
  printf("small sizes hash %016llx\n", (unsigned long long)h);
  size_t big = 3 << 20;
  uint8_t *p = malloc(big), *q = malloc(big);
  memset(p, 0x11, big);
  for (size_t i = 0; i < big; i += 4097) p[i] = (uint8_t)i;
  memcpy(q, p, big);
  memmove(p + 12345, p, big - 12345);
  memmove(q, q + 777, big - 777);
  memset(q + 1000, 0, 100000);
  uint64_t s1 = 0, s2 = 0;
  for (size_t i = 0; i < big; i += 61) { s1 += p[i] * (i & 0xff); s2 += q[i] * (i & 0x7f); }
  printf("large: %llu %llu cmp %d\n", (unsigned long long)s1, (unsigned long long)s2, memcmp(p, q, big) > 0);
  // Struct copies large enough for clang to emit memcpy / memory.copy.
  struct { uint64_t w[100]; } x, y;
  for (int i = 0; i < 100; ++i) x.w[i] = (uint64_t)i * 0x0101010101010101ull;
  y = x;
  memset(&x, 0, sizeof x);
  printf("struct copy %llx %llx %llx\n", (unsigned long long)y.w[0], (unsigned long long)y.w[50], (unsigned long long)x.w[99]);
  free(p);
  free(q);
  return 0;
}
