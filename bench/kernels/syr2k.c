/* Symmetric rank-2k update of the lower triangle, C = alpha*A*B^T + alpha*B*A^T + beta*C (after
 * PolyBench's syr2k), with A and B stored transposed so that the innermost loop is unit-stride:
 * its trip count (j <= i) changes with the outer loop. */
#include "common.h"

#ifndef N
#define N 1200
#endif
#ifndef M
#define M 1000
#endif

static double AT[M][N], BT[M][N], C[N][N];

int main(void) {
  rng_t r; rng_seed(&r, 777);
  for (int k = 0; k < M; k++)
    for (int j = 0; j < N; j++) { AT[k][j] = rng_double(&r) - 0.5; BT[k][j] = rng_double(&r) - 0.5; }
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) C[i][j] = (double)((i + j) % 9) / 9.0;
  const double alpha = 0.75, beta = 1.25;
  for (int i = 0; i < N; i++) {
    for (int j = 0; j <= i; j++) C[i][j] *= beta;
    for (int k = 0; k < M; k++) {
      const double a = alpha * AT[k][i], b = alpha * BT[k][i];
      for (int j = 0; j <= i; j++) C[i][j] += BT[k][j] * a + AT[k][j] * b;
    }
  }
  double s = 0.0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j <= i; j++) s += C[i][j] * (double)((3 * i + j) % 7);
  printf("syr2k N=%d M=%d checksum=%.9e\n", N, M, s);
  return 0;
}
