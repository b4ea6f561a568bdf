/* Iterative radix-2 complex FFT (double precision), forward + inverse
 * round trips. Twiddle factors come from a portable polynomial sin/cos so
 * results do not depend on the platform's libm. */
#include "common.h"

#ifndef LOGN
#define LOGN 20
#endif
#ifndef ROUNDS
#define ROUNDS 6
#endif
#define NFFT (1u << LOGN)

static const double PI = 3.14159265358979323846;

/* sin/cos for x in [-pi/4, pi/4] by Taylor series (enough terms for ~1e-17) */
static double psin(double x) {
  double x2 = x * x, t = x, s = x;
  for (int k = 1; k < 12; k++) { t *= -x2 / (double)((2 * k) * (2 * k + 1)); s += t; }
  return s;
}
static double pcos(double x) {
  double x2 = x * x, t = 1.0, s = 1.0;
  for (int k = 1; k < 12; k++) { t *= -x2 / (double)((2 * k - 1) * (2 * k)); s += t; }
  return s;
}
/* angle = 2*pi*k/n, reduced by octant symmetry */
static void twiddle(uint32_t k, uint32_t n, double *c, double *s) {
  /* use exact rational reduction: k/n in [0,1) */
  uint32_t q = (uint32_t)(((uint64_t)k * 8) / n);         /* octant 0..7 */
  double frac = (double)((uint64_t)k * 8 - (uint64_t)q * n) / (double)n; /* in [0,1) */
  double a = frac * (PI / 4);
  double sa = psin(a), ca = pcos(a), sb = psin(PI / 4 - a), cb = pcos(PI / 4 - a);
  double cc, ss;
  switch (q) {
    case 0: cc = ca; ss = sa; break;
    case 1: cc = sb; ss = cb; break;
    case 2: cc = -sa; ss = ca; break;
    case 3: cc = -cb; ss = sb; break;
    case 4: cc = -ca; ss = -sa; break;
    case 5: cc = -sb; ss = -cb; break;
    case 6: cc = sa; ss = -ca; break;
    default: cc = cb; ss = -sb; break;
  }
  *c = cc; *s = ss;
}

static double *re, *im, *wr, *wi;

static void fft(int inverse) {
  uint32_t n = NFFT;
  for (uint32_t i = 1, j = 0; i < n; i++) {
    uint32_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) { double t = re[i]; re[i] = re[j]; re[j] = t; t = im[i]; im[i] = im[j]; im[j] = t; }
  }
  for (uint32_t len = 2; len <= n; len <<= 1) {
    uint32_t half = len >> 1, step = n / len;
    for (uint32_t i = 0; i < n; i += len)
      for (uint32_t k = 0; k < half; k++) {
        double c = wr[k * step], s = inverse ? -wi[k * step] : wi[k * step];
        uint32_t a = i + k, b = a + half;
        double xr = re[b] * c - im[b] * s, xi = re[b] * s + im[b] * c;
        re[b] = re[a] - xr; im[b] = im[a] - xi;
        re[a] += xr; im[a] += xi;
      }
  }
  if (inverse)
    for (uint32_t i = 0; i < n; i++) { re[i] /= (double)n; im[i] /= (double)n; }
}

int main(void) {
  re = (double *)xmalloc(sizeof(double) * NFFT); im = (double *)xmalloc(sizeof(double) * NFFT);
  wr = (double *)xmalloc(sizeof(double) * NFFT / 2); wi = (double *)xmalloc(sizeof(double) * NFFT / 2);
  for (uint32_t k = 0; k < NFFT / 2; k++) twiddle(k, NFFT, &wr[k], &wi[k]);
  rng_t r; rng_seed(&r, 1234);
  for (uint32_t i = 0; i < NFFT; i++) { re[i] = rng_double(&r) - 0.5; im[i] = 0.0; }
  double spec = 0.0, err = 0.0;
  for (int round = 0; round < ROUNDS; round++) {
    fft(0);
    double s = 0.0;
    for (uint32_t i = 0; i < NFFT; i += 97) s += re[i] * re[i] + im[i] * im[i];
    spec += s;
    fft(1);
    re[round] += 1.0;
  }
  for (uint32_t i = 0; i < 16; i++) err += re[i];
  printf("fft n=%u rounds=%d spectrum=%.6e head=%.6f\n", NFFT, ROUNDS, spec, err);
  return 0;
}
