/* Floyd–Warshall all-pairs shortest paths on a random sparse-ish directed
 * graph with integer weights. */
#include "common.h"

#ifndef NV
#define NV 1400
#endif
#define INF 0x3fffffff

static int32_t D[NV][NV];

int main(void) {
  rng_t r; rng_seed(&r, 271828);
  for (int i = 0; i < NV; i++)
    for (int j = 0; j < NV; j++) D[i][j] = i == j ? 0 : INF;
  for (int i = 0; i < NV; i++)
    for (int e = 0; e < 8; e++) {
      int j = (int)(rng_u32(&r) % NV);
      int32_t w = 1 + (int32_t)(rng_u32(&r) % 1000);
      if (j != i && w < D[i][j]) D[i][j] = w;
    }
  for (int k = 0; k < NV; k++) {
    const int32_t *dk = D[k];
    for (int i = 0; i < NV; i++) {
      int32_t dik = D[i][k];
      if (dik == INF) continue;
      int32_t *di = D[i];
      for (int j = 0; j < NV; j++) {
        int32_t c = dik + dk[j];
        di[j] = c < di[j] ? c : di[j];
      }
    }
  }
  uint64_t sum = 0; uint32_t unreach = 0; int32_t diam = 0;
  for (int i = 0; i < NV; i++)
    for (int j = 0; j < NV; j++) {
      if (D[i][j] >= INF) unreach++;
      else { sum += (uint64_t)D[i][j]; if (D[i][j] > diam) diam = D[i][j]; }
    }
  printf("floyd n=%d sum=%llu diameter=%d unreachable=%u\n", NV, (unsigned long long)sum, diam, unreach);
  return 0;
}
