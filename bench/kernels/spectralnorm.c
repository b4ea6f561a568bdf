/* Spectral norm of the infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2+i+1)
 * (Computer Language Benchmarks Game), power method. */
#include "common.h"
#include <math.h>

#ifndef N
#define N 4500
#endif

static double eval_A(int i, int j) { return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1); }

static void mul_Av(const double *v, double *av) {
  for (int i = 0; i < N; i++) {
    double s = 0.0;
    for (int j = 0; j < N; j++) s += eval_A(i, j) * v[j];
    av[i] = s;
  }
}
static void mul_Atv(const double *v, double *atv) {
  for (int i = 0; i < N; i++) {
    double s = 0.0;
    for (int j = 0; j < N; j++) s += eval_A(j, i) * v[j];
    atv[i] = s;
  }
}
static void mul_AtAv(const double *v, double *out, double *tmp) { mul_Av(v, tmp); mul_Atv(tmp, out); }

int main(void) {
  static double u[N], v[N], tmp[N];
  for (int i = 0; i < N; i++) u[i] = 1.0;
  for (int i = 0; i < 10; i++) { mul_AtAv(u, v, tmp); mul_AtAv(v, u, tmp); }
  double vBv = 0, vv = 0;
  for (int i = 0; i < N; i++) { vBv += u[i] * v[i]; vv += v[i] * v[i]; }
  printf("spectralnorm N=%d\n%.9f\n", N, sqrt(vBv / vv));
  return 0;
}
