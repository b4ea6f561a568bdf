/* Dense double-precision matrix multiply, C = A * B (i-k-j loop order),
 * repeated with a perturbed A each round. */
#include "common.h"

#ifndef N
#define N 900
#endif
#ifndef ROUNDS
#define ROUNDS 4
#endif

static double A[N][N], B[N][N], C[N][N];

int main(void) {
  rng_t r; rng_seed(&r, 12345);
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      A[i][j] = rng_double(&r) - 0.5;
      B[i][j] = rng_double(&r) - 0.5;
    }
  double total = 0.0;
  for (int round = 0; round < ROUNDS; round++) {
    memset(C, 0, sizeof C);
    for (int i = 0; i < N; i++)
      for (int k = 0; k < N; k++) {
        double a = A[i][k];
        for (int j = 0; j < N; j++) C[i][j] += a * B[k][j];
      }
    double s = 0.0;
    for (int i = 0; i < N; i++)
      for (int j = 0; j < N; j++) s += C[i][j] * (double)((i ^ j) & 7);
    total += s;
    /* perturb A so rounds are not identical */
    for (int i = 0; i < N; i++) A[i][(i * 7 + round) % N] += 0.125;
  }
  printf("matmul N=%d rounds=%d checksum=%.9e\n", N, ROUNDS, total);
  return 0;
}
