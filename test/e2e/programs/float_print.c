// printf of floats and doubles: %a (exact), %.17g / %.9g (round trip), %e, %f with many digits,
// subnormals, the largest and smallest values, signed zeros, infinities and NaNs (printed from
// known bit patterns: a NaN computed by arithmetic has an unspecified sign in WebAssembly).
// musl's and glibc's printf differ for %a of subnormals, so this is compared with node only.
// e2e: cflags = -O2 | -O0
// e2e: oracle = node
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static double from_bits(uint64_t bits) { double d; memcpy(&d, &bits, sizeof d); return d; }
static float from_bits32(uint32_t bits) { float f; memcpy(&f, &bits, sizeof f); return f; }
static uint64_t bits_of(double d) { uint64_t b; memcpy(&b, &d, sizeof b); return b; }
static uint32_t bits_of32(float f) { uint32_t b; memcpy(&b, &f, sizeof b); return b; }

static volatile double dvals[] = {
    0.0, 1.0, -1.0, 0.1, 1.0 / 3.0, 2.0 / 3.0, 3.141592653589793, 2.718281828459045, 1e300,
    1e-300, 123456789012345678.0, 0.5, 1.5, 2.5, -2.5, 1e21, 1e22, 1e23, 9007199254740993.0,
    DBL_MAX, DBL_MIN, DBL_EPSILON, 4.9406564584124654e-324, 2.2250738585072009e-308,
};
static volatile float fvals[] = {
    0.0f, 1.0f, 0.1f, 1.0f / 3.0f, 16777217.0f, 3.4028235e38f, 1.17549435e-38f, 1.4e-45f, -2.5f,
    FLT_EPSILON, 1e10f, 123.456f,
};

int main(void) {
  for (unsigned i = 0; i < sizeof dvals / sizeof dvals[0]; ++i) {
    double d = dvals[i];
    printf("d %016" PRIx64 " %a | %.17g | %.3e | %g | %.20f\n", bits_of(d), d, d, d, d, d < 1e30 ? d : 0.0);
  }
  for (unsigned i = 0; i < sizeof fvals / sizeof fvals[0]; ++i) {
    float f = fvals[i];
    printf("f %08" PRIx32 " %a | %.9g | %e | %.10f\n", bits_of32(f), (double)f, (double)f, (double)f,
           (double)f);
  }
  double specials[] = {from_bits(0x8000000000000000ull), from_bits(0x7ff0000000000000ull),
                       from_bits(0xfff0000000000000ull), from_bits(0x7ff8000000000000ull),
                       from_bits(0xfff8000000000000ull), from_bits(0x7ff0000000000001ull)};
  for (unsigned i = 0; i < 6; ++i) {
    double s = specials[i];
    printf("special %a %f %e %g %.17g %5.1f|%-8g|signbit %d isnan %d isinf %d\n", s, s, s, s, s, s, s,
           signbit(s) != 0, isnan(s) != 0, isinf(s) != 0);
  }
  float fs = from_bits32(0x80000000u);
  printf("float -0: %g %a, 1/-0 = %g, -0 == 0: %d\n", (double)fs, (double)fs, 1.0 / (double)fs, fs == 0.0f);
  printf("%10.4f|%-10.2e|%+g|% g|%#g|%#.0f|%.0f|%.0f|%.0f\n", 3.14159, 31415.9, 2.0, 2.0, 2.0, 2.0, 0.5, 1.5, 2.5);
  printf("%.60f\n", 0.1);
  printf("%.40e\n", 4.9406564584124654e-324);
  printf("%g %g %g %g\n", 1e-5, 1e-4, 123456.0, 1234567.0);
  printf("%La\n", (long double)1.0 / 3); // long double is binary128 on wasm32
  printf("%.36Lg\n", (long double)1.0 / 3);
  return 0;
}
