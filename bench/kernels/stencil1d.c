/* 1-D three-point Jacobi stencil, B[i] = c*(A[i-1] + A[i] + A[i+1]), then back from B to A:
 * constant bounds and constant offsets over global arrays. */
#include "common.h"

#ifndef N
#define N 100000
#endif
#ifndef STEPS
#define STEPS 16000
#endif

static float A[N], B[N];

int main(void) {
  rng_t r; rng_seed(&r, 31);
  for (int i = 0; i < N; i++) { A[i] = (float)rng_double(&r); B[i] = 0.0f; }
  const float c = 1.0f / 3.0f;
  for (int t = 0; t < STEPS; t++) {
    for (int i = 1; i < N - 1; i++) B[i] = c * (A[i - 1] + A[i] + A[i + 1]);
    for (int i = 1; i < N - 1; i++) A[i] = c * (B[i - 1] + B[i] + B[i + 1]);
  }
  double s = 0.0;
  for (int i = 0; i < N; i++) s += (double)A[i] * (double)(i % 13);
  printf("stencil1d N=%d steps=%d checksum=%.9e\n", N, STEPS, s);
  return 0;
}
