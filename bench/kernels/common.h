/* Shared helpers for the wasmc benchmark kernels.
 * Everything here is deterministic and independent of the platform's word size:
 * kernels use fixed-width integer types so native (LP64) and wasm32 (ILP32)
 * builds compute bit-identical results. */
#ifndef WASMC_BENCH_COMMON_H
#define WASMC_BENCH_COMMON_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* xorshift64* — small, fast, deterministic PRNG. */
typedef struct { uint64_t s; } rng_t;
static inline void rng_seed(rng_t *r, uint64_t seed) { r->s = seed ? seed : 0x9E3779B97F4A7C15ull; }
static inline uint64_t rng_next(rng_t *r) {
  uint64_t x = r->s;
  x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
  r->s = x;
  return x * 0x2545F4914F6CDD1Dull;
}
static inline uint32_t rng_u32(rng_t *r) { return (uint32_t)(rng_next(r) >> 32); }
/* uniform double in [0,1) with 53 random bits (exact, no libm) */
static inline double rng_double(rng_t *r) { return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0); }

/* FNV-1a over bytes, for checksums of buffers */
static inline uint64_t fnv1a64(const void *data, uint32_t n, uint64_t h) {
  const uint8_t *p = (const uint8_t *)data;
  for (uint32_t i = 0; i < n; i++) { h ^= p[i]; h *= 0x100000001B3ull; }
  return h;
}
#define FNV_INIT 0xCBF29CE484222325ull

static inline void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p) { fprintf(stderr, "out of memory (%u bytes)\n", (unsigned)n); exit(2); }
  return p;
}
#endif
