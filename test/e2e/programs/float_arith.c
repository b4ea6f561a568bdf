// Floating-point arithmetic that must be IEEE-754 exact in both engines: no fused multiply-add
// contraction, no excess precision, subnormals kept (no flush-to-zero), correctly rounded sqrt
// and division, comparisons with NaN, min/max and copysign, signed zeros, float vs double
// rounding. Results are printed with %a and as bit patterns.
// e2e: cflags = -O2 | -O0 | -O2 -ffp-contract=off | -O3 -msimd128
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t bits(double d) { uint64_t b; memcpy(&b, &d, sizeof b); return b; }
static uint32_t bits32(float f) { uint32_t b; memcpy(&b, &f, sizeof b); return b; }

// %a of a subnormal double differs between musl ("0x1.8p-1070") and glibc ("0x0.0000000000003p-1022"),
// both correct; print subnormals as bit patterns so that a host build is a valid oracle.
static const char *A(double d) {
  static char buffers[16][40];
  static unsigned next;
  char *buf = buffers[next++ % 16];
  if (d != 0 && fabs(d) < DBL_MIN)
    snprintf(buf, sizeof buffers[0], "subnormal:%016" PRIx64, bits(d));
  else
    snprintf(buf, sizeof buffers[0], "%a", d);
  return buf;
}

static volatile double a = 0.1, b = 0.2, c = 0.3, third = 1.0 / 3.0, big = 1e308, tiny = 4.9406564584124654e-324;
static volatile double px = 1.0 + 0x1p-52, py = 1.0 - 0x1p-53, pz = -1.0;
static volatile float fa = 0.1f, fb = 0.2f, fbig = 3.0e38f, ftiny = 1.4e-45f;
static volatile double zero = 0.0, one = 1.0;

// Separate functions so that clang cannot see the values; the products are rounded before the
// sum (C allows contraction only within one expression, and clang's default for wasm is to not
// contract across statements).
__attribute__((noinline)) static double mul(double p, double q) { return p * q; }
__attribute__((noinline)) static double add(double p, double q) { return p + q; }

static uint64_t h = 1469598103934665603ull;
static void mix(uint64_t v) { h = (h ^ v) * 1099511628211ull; }

int main(void) {
  printf("0.1+0.2 = %a (%s 0.3)\n", a + b, a + b == c ? "==" : "!=");
  double p = mul(px, py);
  printf("px*py = %a, px*py+pz = %a, fma = %a\n", p, add(p, pz), fma(px, py, pz));
  printf("1/3*3 = %a, sqrt(2) = %a, sqrt(2)^2 = %a\n", third * 3.0, sqrt(2.0 * one), sqrt(2.0 * one) * sqrt(2.0 * one));
  printf("big*10 = %a, -big*10 = %a, tiny/2 = %s, tiny*0.5+tiny = %s\n", big * 10, -big * 10, A(tiny / 2), A(tiny * 0.5 + tiny));
  printf("DBL_MIN/3 = %s (subnormal kept), *3 = %s\n", A(DBL_MIN * one / 3), A(DBL_MIN * one / 3 * 3));
  printf("float: 0.1f+0.2f = %a, fbig*2 = %a, ftiny/2 = %a, ftiny*1.5 = %a\n", (double)(fa + fb),
         (double)(fbig * 2.0f), (double)(ftiny / 2.0f), (double)(ftiny * 1.5f));
  printf("float (1+2^-24)+2^-24 stays float: %a\n", (double)((1.0f + 0x1p-24f * (float)one) + 0x1p-24f * (float)one));
  double n = zero / zero; // a NaN; its sign is unspecified, so only classify it
  printf("nan: isnan %d, n==n %d, n!=n %d, n<1 %d, n>=1 %d, fmax(n,1) %g, fmin(1,n) %g\n", isnan(n) != 0, n == n,
         n != n, n < 1, n >= 1, fmax(n, 1.0), fmin(1.0, n));
  printf("inf-inf isnan %d, 0*inf isnan %d, inf*-1 %g, 1/0 %g, -1/0 %g\n", isnan(INFINITY * one - INFINITY) != 0,
         isnan(zero * INFINITY) != 0, INFINITY * -one, one / zero, -one / zero);
  double nz = -zero;
  printf("signed zeros: -0 bits %016" PRIx64 ", 0+-0 %g, -0+-0 %g, -0*5 %g, copysign(3,-0) %g, fabs(-0) %g\n",
         bits(nz), zero + nz, nz + nz, nz * 5, copysign(3.0, nz), fabs(nz));
  printf("rounding of halfway: %a %a\n", 1.0 + 0x1p-53 * one, 1.0 + 0x1.8p-52 * one);

  // Accumulate many operations bit-exactly: a harmonic sum, a polynomial, float and double.
  double s = 0;
  float fs = 0;
  for (int i = 1; i <= 100000; ++i) {
    s += 1.0 / i;
    fs += 1.0f / (float)i;
    double t = i * 0.001;
    mix(bits(((t * 0.5 - 1.25) * t + 3.0) * t - 0.75));
    mix(bits(sqrt(t)));
    mix(bits32((float)t * (float)t - (float)(t / 3)));
    mix(bits((double)(float)(t * 1.1)));
  }
  printf("harmonic %a float %a hash %016" PRIx64 "\n", s, (double)fs, h);

  // Comparisons and selects feeding control flow.
  int counts[6] = {0};
  static const double probes[] = {-INFINITY, -1.5, -0.0, 0.0, 1e-320, 2.0, INFINITY};
  for (int i = 0; i < 7; ++i)
    for (int j = 0; j < 7; ++j) {
      double u = probes[i] * one, v = probes[j] * one;
      counts[0] += u < v; counts[1] += u <= v; counts[2] += u == v;
      counts[3] += u != v; counts[4] += u > v; counts[5] += u >= v;
    }
  printf("cmp %d %d %d %d %d %d\n", counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
  printf("-2.5: trunc %a floor %a ceil %a round %a, 2.5: %a %a %a %a\n", trunc(-2.5 * one), floor(-2.5 * one),
         ceil(-2.5 * one), round(-2.5 * one), trunc(2.5 * one), floor(2.5 * one), ceil(2.5 * one), round(2.5 * one));
  printf("nearbyint(2.5) %a rint(3.5) %a rint(-0.5) %a nearbyintf(0.5f) %a\n", nearbyint(2.5 * one), rint(3.5 * one),
         rint(-0.5 * one), (double)nearbyintf(0.5f * (float)one));
  return 0;
}
