// Conversions between floating-point and integer types that C defines: truncation toward zero
// of in-range values (just inside the limits, negative fractions), unsigned 32/64-bit to and from
// float/double (values above INT64_MAX, rounding of large integers to float), float <-> double
// narrowing and widening (rounding, subnormals, overflow to infinity).
// e2e: cflags = -O2 | -O0 | -O3 -msimd128
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

static volatile double dv[] = {0.0, -0.0, 0.9999999999999999, -0.9999999999999999, 1.5, -1.5, 2147483647.9,
                               -2147483648.9, 4294967295.9, 9223372036854774784.0, -9223372036854775808.0,
                               18446744073709549568.0, 123456789.987654321, 1e-300, -1e-300, 16777217.0};
static volatile float fv[] = {0.0f, 0.99999994f, -0.99999994f, 2147483520.0f, -2147483648.0f, 4294967040.0f,
                              9223371487098961920.0f, 18446742974197923840.0f, 16777216.0f, -1.5f, 100.7f};
static volatile uint64_t uv[] = {0, 1, 0x7fffffffffffffffull, 0x8000000000000000ull, 0x8000000000000001ull,
                                 0xfffffffffffff800ull, 0xfffffffffffffbffull, 0xffffffffffffffffull, 9007199254740993ull,
                                 16777217, 0x20000010000001ull, 0x80000080ull, 0xffffff7fffffffffull};

int main(void) {
  for (unsigned i = 0; i < sizeof dv / sizeof dv[0]; ++i) {
    double d = dv[i];
    printf("d=%.17g:", d);
    if (d > -2147483649.0 && d < 2147483648.0) printf(" i32 %" PRId32, (int32_t)d);
    if (d > -1.0 && d < 4294967296.0) printf(" u32 %" PRIu32, (uint32_t)d);
    if (d >= -9223372036854775808.0 && d < 9223372036854775808.0) printf(" i64 %" PRId64, (int64_t)d);
    if (d > -1.0 && d < 18446744073709551616.0) printf(" u64 %" PRIu64, (uint64_t)d);
    if (d > -32769.0 && d < 32768.0) printf(" i16 %d", (int16_t)d);
    if (d > -1.0 && d < 256.0) printf(" u8 %d", (uint8_t)d);
    printf(" f32 %a\n", (double)(float)d);
  }
  for (unsigned i = 0; i < sizeof fv / sizeof fv[0]; ++i) {
    float f = fv[i];
    printf("f=%.9g:", (double)f);
    if (f > -2147483904.0f && f < 2147483648.0f) printf(" i32 %" PRId32, (int32_t)f);
    if (f > -1.0f && f < 4294967296.0f) printf(" u32 %" PRIu32, (uint32_t)f);
    if (f >= -9223372036854775808.0f && f < 9223372036854775808.0f) printf(" i64 %" PRId64, (int64_t)f);
    if (f > -1.0f && f < 18446744073709551616.0f) printf(" u64 %" PRIu64, (uint64_t)f);
    printf("\n");
  }
  for (unsigned i = 0; i < sizeof uv / sizeof uv[0]; ++i) {
    uint64_t u = uv[i];
    printf("u=%" PRIu64 ": f64 %a f32 %a i64->f64 %a i64->f32 %a u32->f32 %a i32->f32 %a u32->f64 %a\n", u, (double)u,
           (double)(float)u, (double)(int64_t)u, (double)(float)(int64_t)u, (double)(float)(uint32_t)u,
           (double)(float)(int32_t)u, (double)(uint32_t)u);
  }
  volatile double big = 1e39, sub = 1e-40, tie = 1.0 + 0x1p-24;
  printf("narrow: 1e39 -> %a, 1e-40 -> %a, 1+2^-24 -> %a, 1+3*2^-24 -> %a, -1e39 -> %a\n", (double)(float)big,
         (double)(float)sub, (double)(float)tie, (double)(float)(tie + 0x1p-23), (double)(float)-big);
  volatile float fsub = 1e-40f;
  printf("widen: %a %a\n", (double)fsub, (double)(fsub * 1e10f));
  double acc = 0;
  for (int i = -100000; i <= 100000; i += 7) {
    double d = i * 0.37;
    acc += (int32_t)d + (int64_t)(d * 1e9) * 1e-9 + (uint32_t)fabs(d) + (float)d;
  }
  printf("acc %a\n", acc);
  return 0;
}
