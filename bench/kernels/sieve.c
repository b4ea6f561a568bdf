/* Bit sieve of Eratosthenes over the odd numbers below LIMIT, then a scan
 * counting primes and twin primes and summing the primes. */
#include "common.h"

#ifndef LIMIT
#define LIMIT 400000000u
#endif

int main(void) {
  uint32_t nbits = LIMIT / 2; /* bit i represents 2i+1 */
  uint32_t nwords = nbits / 64 + 1;
  uint64_t *bits = (uint64_t *)xmalloc(nwords * 8);
  memset(bits, 0, nwords * 8);
  bits[0] |= 1; /* 1 is not prime */
  for (uint32_t i = 1; (2 * i + 1) * (uint64_t)(2 * i + 1) < LIMIT; i++) {
    if (bits[i >> 6] >> (i & 63) & 1) continue;
    uint32_t p = 2 * i + 1;
    for (uint32_t j = (p * p) / 2; j < nbits; j += p) bits[j >> 6] |= 1ull << (j & 63);
  }
  uint32_t count = 1, twins = 0; /* count 2 */
  uint64_t sum = 2, last = 2;
  for (uint32_t i = 1; i < nbits; i++)
    if (!(bits[i >> 6] >> (i & 63) & 1)) {
      uint64_t p = 2 * (uint64_t)i + 1;
      count++; sum += p;
      if (p - last == 2) twins++;
      last = p;
    }
  printf("sieve limit=%u primes=%u twins=%u sum=%llu largest=%llu\n", LIMIT, count, twins,
         (unsigned long long)sum, (unsigned long long)last);
  free(bits);
  return 0;
}
