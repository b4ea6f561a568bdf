/* Vector multiplication and matrix addition (after PolyBench's gemver), repeated: a rank-2
 * update A += u1*v1^T + u2*v2^T, x = x + beta*A^T*y + z (row by row, unit-stride), and
 * w = w + alpha*A*x (dot products). Constant bounds, global arrays. */
#include "common.h"

#ifndef N
#define N 2000
#endif
#ifndef ROUNDS
#define ROUNDS 60
#endif

static double A[N][N], u1[N], v1[N], u2[N], v2[N], w[N], x[N], y[N], z[N];

int main(void) {
  rng_t r; rng_seed(&r, 99);
  for (int i = 0; i < N; i++) {
    u1[i] = rng_double(&r) * 1e-3; v1[i] = rng_double(&r) * 1e-3;
    u2[i] = rng_double(&r) * 1e-3; v2[i] = rng_double(&r) * 1e-3;
    y[i] = rng_double(&r) - 0.5; z[i] = rng_double(&r) - 0.5;
    x[i] = 0.0; w[i] = 0.0;
    for (int j = 0; j < N; j++) A[i][j] = (double)((i * 3 + j) % 11) / 11.0 - 0.5;
  }
  const double alpha = 0.5, beta = 0.25;
  double total = 0.0;
  for (int round = 0; round < ROUNDS; round++) {
    for (int i = 0; i < N; i++)
      for (int j = 0; j < N; j++) A[i][j] = A[i][j] + u1[i] * v1[j] + u2[i] * v2[j];
    for (int j = 0; j < N; j++) {
      const double by = beta * y[j];
      for (int i = 0; i < N; i++) x[i] = x[i] + by * A[j][i];
    }
    for (int i = 0; i < N; i++) x[i] = x[i] * 1e-3 + z[i];
    for (int i = 0; i < N; i++) {
      double t = 0.0;
      for (int j = 0; j < N; j++) t += A[i][j] * x[j];
      w[i] = w[i] * 0.5 + alpha * t;
    }
    for (int i = 0; i < N; i++) total += w[i] * (double)(i % 3 + 1);
  }
  printf("gemver N=%d rounds=%d checksum=%.9e\n", N, ROUNDS, total);
  return 0;
}
