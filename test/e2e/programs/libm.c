// The math library (musl's libm compiled into the module): trigonometric, exponential,
// logarithmic and power functions, fmod/remainder, sqrt/cbrt/hypot, atan2 in every quadrant,
// rounding functions, frexp/ldexp/modf/scalbn/ilogb/nextafter, float variants; results printed
// with %a so that any last-bit difference shows. The host's libm differs in last bits, so this is
// compared with node only (same libm code, so the results must be bit-identical).
// e2e: cflags = -O2 | -O0
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

// The sign of a NaN produced by arithmetic (asin(2), sin(inf), 0/0...) is not specified by
// WebAssembly (x86 produces negative NaNs, AArch64 and RISC-V positive ones): every line is
// printed with "-nan" turned into "nan".
__attribute__((format(printf, 1, 2))) static int print(const char *format, ...) {
  char line[1024];
  va_list ap;
  va_start(ap, format);
  vsnprintf(line, sizeof line, format, ap);
  va_end(ap);
  for (char *p; (p = strstr(line, "-nan"));) memmove(p, p + 1, strlen(p));
  return fputs(line, stdout);
}
#define printf print

static volatile double inputs[] = {0.0, -0.0, 0.5, 1.0, -1.0, 2.0, 3.141592653589793, 10.0, -7.25, 100.5, 1e-10, 1e10, 1e300, 710.0, -745.5};

int main(void) {
  for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; ++i) {
    double x = inputs[i];
    printf("x=%a\n", x);
    printf("  sin %a cos %a tan %a\n", sin(x), cos(x), tan(x));
    printf("  asin %a acos %a atan %a\n", asin(x / 1e3), acos(x / 1e3), atan(x));
    printf("  sinh %a cosh %a tanh %a\n", sinh(x / 10), cosh(x / 10), tanh(x));
    printf("  exp %a exp2 %a expm1 %a\n", exp(x), exp2(x), expm1(x));
    printf("  log %a log2 %a log10 %a log1p %a\n", log(fabs(x)), log2(fabs(x)), log10(fabs(x)), log1p(fabs(x)));
    printf("  sqrt %a cbrt %a hypot %a\n", sqrt(fabs(x)), cbrt(x), hypot(x, 3.0));
    printf("  pow %a %a %a\n", pow(fabs(x), 0.5), pow(x, 3.0), pow(1.0001, x));
    printf("  fmod %a remainder %a\n", fmod(x, 0.7), remainder(x, 0.7));
    printf("  floor %a ceil %a round %a trunc %a rint %a nearbyint %a lround %ld\n", floor(x), ceil(x), round(x),
           trunc(x), rint(x), nearbyint(x), fabs(x) < 1e9 ? lround(x) : 0L);
    int e;
    double m = frexp(x, &e), ip;
    double frac = modf(x, &ip);
    printf("  frexp %a,%d ldexp %a modf %a,%a ilogb %d scalbn %a\n", m, e, ldexp(m, e + 3), frac, ip,
           x != 0 ? ilogb(x) : 0, scalbn(x, -5));
    printf("  nextafter %a %a erf %a tgamma %a lgamma %a\n", nextafter(x, INFINITY), nextafter(x, -INFINITY), erf(x / 4),
           tgamma(fabs(x) / 10 + 0.5), lgamma(fabs(x) + 1));
    float f = (float)x;
    printf("  f: sinf %a expf %a logf %a powf %a sqrtf %a\n", (double)sinf(f), (double)expf(f / 10),
           (double)logf(fabsf(f) + 1), (double)powf(fabsf(f), 1.5f), (double)sqrtf(fabsf(f)));
  }
  static const double ys[] = {1.0, -1.0, 0.0, -0.0};
  static const double xs[] = {1.0, -1.0, 0.0, -0.0};
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j)
      printf("atan2(%g,%g) = %a\n", ys[i], xs[j], atan2(ys[i], xs[j]));
  printf("pow specials: %a %a %a %a %a\n", pow(0.0, -1.0), pow(-0.0, -1.0), isnan(pow(-8.0, 1.0 / 3.0)) ? 1.0 : 0.0,
         pow(1.0, NAN), pow(NAN, 0.0));
  printf("sqrt(-1) isnan %d, log(0) %a, log(-1) isnan %d, exp(-1000) %a, exp(1000) %a\n", isnan(sqrt(-1.0 * inputs[3])) != 0,
         log(inputs[0]), isnan(log(-inputs[3])) != 0, exp(-1000.0 * inputs[3]), exp(1000.0 * inputs[3]));
  volatile double zero = 0.0;
  printf("fmin(-0,0) signbit %d, fmax(-0,0) signbit %d, fmin(0,-0) signbit %d, fmax(0,-0) signbit %d\n",
         signbit(fmin(-zero, zero)) != 0, signbit(fmax(-zero, zero)) != 0, signbit(fmin(zero, -zero)) != 0,
         signbit(fmax(zero, -zero)) != 0);
  double sum = 0;
  for (int i = 0; i < 2000; ++i) {
    double t = i * 0.013 - 13.0;
    sum += sin(t) * cos(t * 0.5) + exp(t / 20) - log1p(fabs(t)) + atan2(t, 1.5) + cbrt(t) + pow(fabs(t), 0.3);
  }
  printf("sum %a\n", sum);
  return 0;
}
