/* LU decomposition with partial pivoting (Doolittle, in place), followed by a
 * forward/back substitution solve; repeated on fresh matrices. */
#include "common.h"
#include <math.h>

#ifndef N
#define N 1000
#endif
#ifndef ROUNDS
#define ROUNDS 8
#endif

static double M[N][N];
static double rhs[N], x[N];
static int piv[N];

static void fill(rng_t *r) {
  for (int i = 0; i < N; i++) {
    double rowsum = 0.0;
    for (int j = 0; j < N; j++) { M[i][j] = rng_double(r) - 0.5; rowsum += fabs(M[i][j]); }
    M[i][(i * 3) % N] += rowsum; /* well conditioned, but pivoting still needed */
    rhs[i] = rng_double(r);
  }
}

static void lu(void) {
  for (int i = 0; i < N; i++) piv[i] = i;
  for (int k = 0; k < N; k++) {
    int p = k;
    double best = fabs(M[k][k]);
    for (int i = k + 1; i < N; i++) {
      double v = fabs(M[i][k]);
      if (v > best) { best = v; p = i; }
    }
    if (p != k) {
      for (int j = 0; j < N; j++) { double t = M[k][j]; M[k][j] = M[p][j]; M[p][j] = t; }
      int t = piv[k]; piv[k] = piv[p]; piv[p] = t;
    }
    double inv = 1.0 / M[k][k];
    for (int i = k + 1; i < N; i++) {
      double f = M[i][k] * inv;
      M[i][k] = f;
      double *ri = M[i], *rk = M[k];
      for (int j = k + 1; j < N; j++) ri[j] -= f * rk[j];
    }
  }
}

static void solve(void) {
  static double y[N];
  for (int i = 0; i < N; i++) {
    double s = rhs[piv[i]];
    for (int j = 0; j < i; j++) s -= M[i][j] * y[j];
    y[i] = s;
  }
  for (int i = N - 1; i >= 0; i--) {
    double s = y[i];
    for (int j = i + 1; j < N; j++) s -= M[i][j] * x[j];
    x[i] = s / M[i][i];
  }
}

int main(void) {
  rng_t r; rng_seed(&r, 777);
  double total = 0.0;
  uint32_t pivsum = 0;
  for (int round = 0; round < ROUNDS; round++) {
    fill(&r);
    lu();
    solve();
    for (int i = 0; i < N; i++) { total += x[i] * (double)(i % 13 + 1); pivsum = pivsum * 31u + (uint32_t)piv[i]; }
  }
  printf("lu N=%d rounds=%d checksum=%.9e pivots=%08x\n", N, ROUNDS, total, pivsum);
  return 0;
}
