/* fannkuch-redux (Computer Language Benchmarks Game): pancake flips over all
 * permutations of 1..n, checksum and maximum flip count; repeated ROUNDS
 * times (n=11 alone takes ~3 s natively, n=10 ~0.2 s). */
#include "common.h"

#ifndef NPERM
#define NPERM 10
#endif
#ifndef ROUNDS
#define ROUNDS 6
#endif

static void fannkuch(int n, int *checksum_out, int *maxflips_out) {
  int perm[16], perm1[16], count[16];
  int maxflips = 0, checksum = 0, permcount = 0;
  for (int i = 0; i < n; i++) perm1[i] = i;
  int r = n;
  for (;;) {
    while (r != 1) { count[r - 1] = r; r--; }
    for (int i = 0; i < n; i++) perm[i] = perm1[i];
    int flips = 0;
    int k;
    while ((k = perm[0]) != 0) {
      int k2 = (k + 1) >> 1;
      for (int i = 0; i < k2; i++) { int t = perm[i]; perm[i] = perm[k - i]; perm[k - i] = t; }
      flips++;
    }
    if (flips > maxflips) maxflips = flips;
    checksum += (permcount % 2 == 0) ? flips : -flips;
    for (;;) {
      if (r == n) { *checksum_out = checksum; *maxflips_out = maxflips; return; }
      int perm0 = perm1[0];
      for (int i = 0; i < r; i++) perm1[i] = perm1[i + 1];
      perm1[r] = perm0;
      count[r]--;
      if (count[r] > 0) break;
      r++;
    }
    permcount++;
  }
}

int main(void) {
  int checksum = 0, maxflips = 0;
  uint32_t acc = 0;
  for (int round = 0; round < ROUNDS; round++) {
    /* alternate n and n-1 so the rounds are not identical work */
    int n = (round % 3 == 2) ? NPERM - 1 : NPERM;
    fannkuch(n, &checksum, &maxflips);
    acc = acc * 31u + (uint32_t)checksum * 7u + (uint32_t)maxflips;
    printf("%d\nPfannkuchen(%d) = %d\n", checksum, n, maxflips);
  }
  printf("fannkuch rounds=%d acc=%08x\n", ROUNDS, acc);
  return 0;
}
