// 64-bit multiplication, division and remainder (signed and unsigned), as used by hashing,
// random number generators, and big-number code; plus 32x32->64 widening products.
// e2e: cflags = -O2 | -O0 | -O3 -msimd128
// e2e: wasmc = -O2 | -O0 | -O1
// e2e: oracle = node host
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static uint64_t splitmix64(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) { // without __int128
  uint64_t r = 0;
  a %= m;
  while (b) {
    if (b & 1) r = (r >= m - a) ? r - (m - a) : r + a;
    a = (a >= m - a) ? a - (m - a) : a + a;
    b >>= 1;
  }
  return r;
}

static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m) {
  uint64_t r = 1 % m;
  for (b %= m; e; e >>= 1, b = mulmod(b, b, m))
    if (e & 1) r = mulmod(r, b, m);
  return r;
}

static int is_prime(uint64_t n) { // deterministic Miller-Rabin for 64-bit
  if (n < 2) return 0;
  static const uint64_t bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
  for (int i = 0; i < 12; ++i) {
    if (n % bases[i] == 0) return n == bases[i];
  }
  uint64_t d = n - 1;
  int s = 0;
  while ((d & 1) == 0) { d >>= 1; ++s; }
  for (int i = 0; i < 12; ++i) {
    uint64_t x = powmod(bases[i], d, n);
    if (x == 1 || x == n - 1) continue;
    int composite = 1;
    for (int r = 1; r < s; ++r) {
      x = mulmod(x, x, n);
      if (x == n - 1) { composite = 0; break; }
    }
    if (composite) return 0;
  }
  return 1;
}

static uint64_t gcd(uint64_t a, uint64_t b) { while (b) { uint64_t t = a % b; a = b; b = t; } return a; }

int main(void) {
  uint64_t state = 42;
  uint64_t acc = 0;
  int64_t sacc = 0;
  for (int i = 0; i < 20000; ++i) {
    uint64_t a = splitmix64(&state), b = splitmix64(&state);
    uint64_t shift = b & 63;
    uint64_t d = (b >> shift) | 1; // varied magnitudes, never zero
    acc += a / d + a % d * 3;
    int64_t sa = (int64_t)a, sd = (int64_t)(d >> (i & 1)) * ((i & 2) ? -1 : 1);
    if (sd != 0 && !(sa == INT64_MIN && sd == -1)) sacc ^= sa / sd + sa % sd;
    acc ^= (uint64_t)(uint32_t)a * (uint32_t)b;                       // 32x32 -> 64
    sacc = (int64_t)((uint64_t)sacc + (uint64_t)((int64_t)(int32_t)a * (int32_t)(b >> 32))); // signed widening, wrapping sum
  }
  printf("acc %016" PRIx64 " sacc %" PRId64 "\n", acc, sacc);

  volatile int64_t m = INT64_MIN, n1 = -1, three = 3;
  printf("INT64_MIN/3 = %" PRId64 ", INT64_MIN%%3 = %" PRId64 "\n", m / three, m % three);
  printf("INT64_MIN*-1 (wrapping via unsigned) = %" PRId64 "\n", (int64_t)((uint64_t)m * (uint64_t)n1));
  printf("UINT64_MAX/3 = %" PRIu64 "\n", UINT64_MAX / (uint64_t)three);
  printf("UINT64_MAX*UINT64_MAX = %" PRIu64 "\n", (uint64_t)(uint64_t)n1 * (uint64_t)n1);
  printf("-9 / 4 = %" PRId64 ", -9 %% 4 = %" PRId64 "\n", (int64_t)-9 / (three + 1), (int64_t)-9 % (three + 1));

  uint64_t primes = 0, sum = 0;
  for (uint64_t n = 0xfffffffffffff000ull; n != 0; ++n) // the last 4096 64-bit values
    if (is_prime(n)) { ++primes; sum += n; }
  printf("primes near 2^64: %" PRIu64 " sum %016" PRIx64 "\n", primes, sum);
  printf("largest 64-bit prime is prime: %d\n", is_prime(18446744073709551557ull));
  printf("gcd = %" PRIu64 "\n", gcd(0xfedcba9876543210ull * 3, 0x0123456789abcdefull * 9));
  printf("powmod = %" PRIu64 "\n", powmod(0x123456789ull, 0xfedcba987654321ull, 0xffffffffffffffc5ull));
  return 0;
}
