/* 2-D five-point Jacobi stencil (after PolyBench's jacobi-2d): A to B and back from B to A, over
 * global arrays with constant bounds and constant offsets (no pointer swap). */
#include "common.h"

#ifndef N
#define N 1000
#endif
#ifndef STEPS
#define STEPS 400
#endif

static double A[N][N], B[N][N];

int main(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      A[i][j] = ((double)i * (j + 2) + 2) / N;
      B[i][j] = ((double)i * (j + 3) + 3) / N;
    }
  for (int t = 0; t < STEPS; t++) {
    for (int i = 1; i < N - 1; i++)
      for (int j = 1; j < N - 1; j++)
        B[i][j] = 0.2 * (A[i][j] + A[i][j - 1] + A[i][j + 1] + A[i + 1][j] + A[i - 1][j]);
    for (int i = 1; i < N - 1; i++)
      for (int j = 1; j < N - 1; j++)
        A[i][j] = 0.2 * (B[i][j] + B[i][j - 1] + B[i][j + 1] + B[i + 1][j] + B[i - 1][j]);
  }
  double s = 0.0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) s += A[i][j] * (double)((i ^ j) & 3);
  printf("jacobi2d N=%d steps=%d checksum=%.9e\n", N, STEPS, s);
  return 0;
}
