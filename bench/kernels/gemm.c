/* General matrix multiply C = alpha*A*B + beta*C (after PolyBench's gemm): constant bounds,
 * global arrays, i-k-j loop order so that the innermost loop walks rows of B and C. */
#include "common.h"

#ifndef NI
#define NI 1000
#endif
#ifndef NJ
#define NJ 1100
#endif
#ifndef NK
#define NK 1200
#endif

static double A[NI][NK], B[NK][NJ], C[NI][NJ];

int main(void) {
  rng_t r; rng_seed(&r, 4242);
  for (int i = 0; i < NI; i++)
    for (int k = 0; k < NK; k++) A[i][k] = rng_double(&r) - 0.5;
  for (int k = 0; k < NK; k++)
    for (int j = 0; j < NJ; j++) B[k][j] = rng_double(&r) - 0.5;
  for (int i = 0; i < NI; i++)
    for (int j = 0; j < NJ; j++) C[i][j] = (double)((i * j) % 7) / 7.0;
  const double alpha = 1.5, beta = 1.2;
  for (int i = 0; i < NI; i++) {
    for (int j = 0; j < NJ; j++) C[i][j] *= beta;
    for (int k = 0; k < NK; k++)
      for (int j = 0; j < NJ; j++) C[i][j] += alpha * A[i][k] * B[k][j];
  }
  double s = 0.0;
  for (int i = 0; i < NI; i++)
    for (int j = 0; j < NJ; j++) s += C[i][j] * (double)((i + 2 * j) % 5);
  printf("gemm %dx%dx%d checksum=%.9e\n", NI, NJ, NK, s);
  return 0;
}
