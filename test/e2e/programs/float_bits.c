// WebAssembly float semantics that differ from a naive native lowering: f32/f64.min and max
// (via __builtin_wasm_min/max: NaN in either operand gives NaN, -0 < +0), neg/abs/copysign being
// pure bit operations even on NaNs (payload and sign preserved, signaling NaNs stay signaling),
// loads/stores/reinterpretations preserving NaN bits exactly, and nearest/trunc/floor/ceil at
// halfway points, huge values and signed zeros. Compared with node.
// e2e: cflags = -O2 | -O0 | -O3 -msimd128
// e2e: wasmc = -O2 | -O0
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t b32(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static uint64_t b64(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static float f32(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static double f64(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

// min/max results are printed as "nan" when NaN (its bits are not deterministic) or as bits.
static void show32(const char *op, float a, float b, float r) {
  if (isnan(r)) printf("%s(%08" PRIx32 ", %08" PRIx32 ") = nan\n", op, b32(a), b32(b));
  else printf("%s(%08" PRIx32 ", %08" PRIx32 ") = %08" PRIx32 "\n", op, b32(a), b32(b), b32(r));
}
static void show64(const char *op, double a, double b, double r) {
  if (isnan(r)) printf("%s(%016" PRIx64 ", %016" PRIx64 ") = nan\n", op, b64(a), b64(b));
  else printf("%s(%016" PRIx64 ", %016" PRIx64 ") = %016" PRIx64 "\n", op, b64(a), b64(b), b64(r));
}

static volatile uint32_t bits32[] = {0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000,
                                     0x7fc00000, 0xffc00000, 0x7f800001, 0x7fa00000, 0xffbfffff, 0x00000001,
                                     0x80000001, 0x7f7fffff, 0x4b000001, 0x3f000000};
static volatile uint64_t bits64[] = {0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
                                     0xfff0000000000000ull, 0x7ff8000000000000ull, 0x7ff0000000000001ull,
                                     0xfff4000000000123ull, 0x0000000000000001ull, 0x4330000000000001ull,
                                     0xc00c000000000000ull, 0x3fe0000000000000ull};

__attribute__((noinline)) static float neg32(float x) { return -x; }
__attribute__((noinline)) static double neg64(double x) { return -x; }
__attribute__((noinline)) static void copy32(volatile float *dst, volatile float *src) { *dst = *src; }
__attribute__((noinline)) static void copy64(volatile double *dst, volatile double *src) { *dst = *src; }

int main(void) {
  unsigned n32 = sizeof bits32 / sizeof bits32[0], n64 = sizeof bits64 / sizeof bits64[0];
  for (unsigned i = 0; i < n32; ++i) {
    float x = f32(bits32[i]);
    volatile float dst, src = x;
    copy32(&dst, &src);
    printf("f32 %08" PRIx32 ": neg %08" PRIx32 " abs %08" PRIx32 " copysign(1,x) %08" PRIx32 " copysign(x,-1) %08" PRIx32
           " copy %08" PRIx32 "\n",
           bits32[i], b32(neg32(x)), b32(fabsf(x)), b32(copysignf(1.0f, x)), b32(copysignf(x, -1.0f)), b32(dst));
  }
  for (unsigned i = 0; i < n64; ++i) {
    double x = f64(bits64[i]);
    volatile double dst, src = x;
    copy64(&dst, &src);
    printf("f64 %016" PRIx64 ": neg %016" PRIx64 " abs %016" PRIx64 " copysign %016" PRIx64 " copy %016" PRIx64 "\n",
           bits64[i], b64(neg64(x)), b64(fabs(x)), b64(copysign(x, -0.0)), b64(dst));
  }
  static const unsigned pick32[] = {0, 1, 2, 3, 4, 5, 6, 8, 11, 12};
  for (unsigned i = 0; i < 10; ++i)
    for (unsigned j = 0; j < 10; ++j) {
      float a = f32(bits32[pick32[i]]), b = f32(bits32[pick32[j]]);
      show32("min", a, b, __builtin_wasm_min_f32(a, b));
      show32("max", a, b, __builtin_wasm_max_f32(a, b));
    }
  for (unsigned i = 0; i < n64; ++i) {
    double a = f64(bits64[i]), b = f64(bits64[(i * 3 + 1) % n64]);
    show64("min", a, b, __builtin_wasm_min_f64(a, b));
    show64("max", a, b, __builtin_wasm_max_f64(a, b));
    show64("min", b, a, __builtin_wasm_min_f64(b, a));
  }
  static volatile double r[] = {0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999999999999994, 4503599627370495.5,
                                4503599627370497.0, -0.0, 1e300, -1e-300, 0x1p52, -0x1.fffffffffffffp51};
  for (unsigned i = 0; i < sizeof r / sizeof r[0]; ++i) {
    double d = r[i];
    float f = (float)d;
    printf("%-24.17g nearest %016" PRIx64 " trunc %016" PRIx64 " floor %016" PRIx64 " ceil %016" PRIx64
           " | f32 nearest %08" PRIx32 " trunc %08" PRIx32 " floor %08" PRIx32 " ceil %08" PRIx32 "\n",
           d, b64(__builtin_rint(d)), b64(__builtin_trunc(d)), b64(__builtin_floor(d)), b64(__builtin_ceil(d)),
           b32(__builtin_rintf(f)), b32(__builtin_truncf(f)), b32(__builtin_floorf(f)), b32(__builtin_ceilf(f)));
  }
  // sqrt of a negative and arithmetic on NaN inputs: only NaN-ness is deterministic.
  volatile float nf = f32(0x7fa00000);
  printf("sqrt(-1) nan %d, nan+1 nan %d, signaling*1 nan %d\n", isnan(sqrtf(-1.0f * (float)(nf != nf))) != 0,
         isnan(nf + 1.0f) != 0, isnan(nf * 1.0f) != 0);
  return 0;
}
