/* Longest common subsequence of two pseudo-random strings over a 4-letter alphabet, by dynamic
 * programming over two rolling rows (constant lengths): the classic table recurrence, repeated
 * on shifted inputs. */
#include "common.h"

#ifndef LA
#define LA 12000
#endif
#ifndef LB
#define LB 12000
#endif
#ifndef ROUNDS
#define ROUNDS 2
#endif

static unsigned char a[LA], b[LB];
static int prev[LB + 1], cur[LB + 1];

int main(void) {
  rng_t r; rng_seed(&r, 5);
  for (int i = 0; i < LA; i++) a[i] = (unsigned char)"ACGT"[rng_u32(&r) & 3];
  for (int j = 0; j < LB; j++) b[j] = (unsigned char)"ACGT"[rng_u32(&r) & 3];
  uint64_t h = FNV_INIT;
  for (int round = 0; round < ROUNDS; round++) {
    for (int j = 0; j <= LB; j++) prev[j] = 0;
    for (int i = 1; i <= LA; i++) {
      cur[0] = 0;
      const unsigned char ai = a[(i - 1 + round * 7) % LA];
      for (int j = 1; j <= LB; j++) {
        int v = ai == b[j - 1] ? prev[j - 1] + 1 : prev[j];
        if (cur[j - 1] > v) v = cur[j - 1];
        cur[j] = v;
      }
      for (int j = 0; j <= LB; j++) prev[j] = cur[j];
    }
    h = fnv1a64(prev, sizeof prev, h);
    printf("lcs round %d: %d\n", round, prev[LB]);
  }
  printf("lcs %dx%d rounds=%d hash=%016llx\n", LA, LB, ROUNDS, (unsigned long long)h);
  return 0;
}
