/* 2-D Jacobi relaxation of the heat equation on a square grid with fixed
 * boundary (5-point stencil, two buffers). */
#include "common.h"

#ifndef N
#define N 1024
#endif
#ifndef STEPS
#define STEPS 1300
#endif

static float G0[N][N], G1[N][N];

int main(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) G0[i][j] = 0.0f;
  for (int j = 0; j < N; j++) { G0[0][j] = 100.0f; G0[N - 1][j] = -50.0f; }
  for (int i = 0; i < N; i++) { G0[i][0] = 25.0f * (float)(i & 3); G0[i][N - 1] = 75.0f; }
  G0[N / 2][N / 2] = 1000.0f;
  memcpy(G1, G0, sizeof G0);
  float (*src)[N] = G0, (*dst)[N] = G1;
  for (int s = 0; s < STEPS; s++) {
    for (int i = 1; i < N - 1; i++)
      for (int j = 1; j < N - 1; j++)
        dst[i][j] = 0.25f * (src[i - 1][j] + src[i + 1][j] + src[i][j - 1] + src[i][j + 1]);
    float (*t)[N] = src; src = dst; dst = t;
  }
  double sum = 0.0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) sum += (double)src[i][j];
  printf("stencil N=%d steps=%d sum=%.6e center=%.6e\n", N, STEPS, sum, (double)src[N / 2][N / 2]);
  return 0;
}
