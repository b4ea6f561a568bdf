/* Forward substitution L*X = B for a lower-triangular L with many right-hand sides (after
 * PolyBench's trisolv, with a row of right-hand sides per unknown so that the innermost loop is
 * unit-stride): X[i][:] = (B[i][:] - sum_{j<i} L[i][j]*X[j][:]) / L[i][i]. */
#include "common.h"

#ifndef N
#define N 2000
#endif
#ifndef R
#define R 1024
#endif

static double L[N][N], X[N][R];

int main(void) {
  rng_t r; rng_seed(&r, 2024);
  for (int i = 0; i < N; i++) {
    for (int j = 0; j < i; j++) L[i][j] = (rng_double(&r) - 0.5) / N;
    L[i][i] = 1.0 + rng_double(&r);
    for (int k = 0; k < R; k++) X[i][k] = rng_double(&r) - 0.5;
  }
  for (int i = 0; i < N; i++) {
    for (int j = 0; j < i; j++) {
      const double l = L[i][j];
      for (int k = 0; k < R; k++) X[i][k] -= l * X[j][k];
    }
    const double d = 1.0 / L[i][i];
    for (int k = 0; k < R; k++) X[i][k] *= d;
  }
  double s = 0.0;
  for (int i = 0; i < N; i++)
    for (int k = 0; k < R; k++) s += X[i][k] * (double)((i + k) % 4);
  printf("trisolv N=%d R=%d checksum=%.9e\n", N, R, s);
  return 0;
}
