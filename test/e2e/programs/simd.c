// 128-bit SIMD (-msimd128): explicit wasm_simd128.h intrinsics covering integer lane arithmetic
// (wrapping and saturating), shifts by counts >= the lane width (taken modulo the width),
// comparisons and bitmasks, shuffles and swizzles (out-of-range swizzle lanes give 0), narrowing
// and widening, extended multiplies and dot products, float lanes with min/max/pmin/pmax
// (NaN and signed-zero rules), rounding, saturating float->int conversions, lane loads/stores,
// plus loops clang auto-vectorizes. Compared with node; skipped while wasmc reports SIMD as
// unsupported.
// e2e: cflags = -O2 -msimd128 | -O0 -msimd128 | -O3 -msimd128
// e2e: wasmc = -O2 | -O0
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wasm_simd128.h>

static void show(const char *label, v128_t v) {
  uint8_t b[16];
  wasm_v128_store(b, v);
  printf("%-22s", label);
  for (int i = 15; i >= 0; --i) printf("%02x%s", b[i], i % 4 == 0 && i ? "_" : "");
  printf("\n");
}

// Float lanes, with any NaN printed as "nan" (the sign and payload of a computed NaN are not
// deterministic).
static void show_f32(const char *label, v128_t v) {
  float f[4];
  wasm_v128_store(f, v);
  printf("%-22s", label);
  for (int i = 0; i < 4; ++i) {
    if (isnan(f[i])) printf(" nan");
    else printf(" %a", (double)f[i]);
  }
  printf("\n");
}
static void show_f64(const char *label, v128_t v) {
  double d[2];
  wasm_v128_store(d, v);
  printf("%-22s", label);
  for (int i = 0; i < 2; ++i) {
    if (isnan(d[i])) printf(" nan");
    else printf(" %a", d[i]);
  }
  printf("\n");
}

static volatile int32_t counts[] = {0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, -1};

int main(void) {
  v128_t a = wasm_i8x16_make(1, -2, 3, -4, 5, 127, -128, 100, -100, 0, 50, -50, 120, -120, 64, -1);
  v128_t b = wasm_i8x16_make(127, 127, -128, -128, 1, 1, -1, 100, -100, 0, 80, -80, 10, -10, 64, 1);
  show("i8 add", wasm_i8x16_add(a, b));
  show("i8 add_sat", wasm_i8x16_add_sat(a, b));
  show("u8 add_sat", wasm_u8x16_add_sat(a, b));
  show("i8 sub_sat", wasm_i8x16_sub_sat(a, b));
  show("u8 sub_sat", wasm_u8x16_sub_sat(a, b));
  show("i8 min/max", wasm_v128_xor(wasm_i8x16_min(a, b), wasm_u8x16_max(a, b)));
  show("u8 avgr", wasm_u8x16_avgr(a, b));
  show("i8 abs/neg", wasm_v128_or(wasm_i8x16_abs(a), wasm_i8x16_neg(b)));
  show("i8 popcnt", wasm_i8x16_popcnt(a));
  show("i8 eq|gt", wasm_v128_or(wasm_i8x16_eq(a, b), wasm_i8x16_gt(a, b)));
  show("u8 gt", wasm_u8x16_gt(a, b));
  printf("bitmask %04x any %d all %d\n", wasm_i8x16_bitmask(a), wasm_v128_any_true(a), wasm_i8x16_all_true(a));
  v128_t h = wasm_i16x8_make(1, -1, 32767, -32768, 300, -300, 1000, 12345);
  v128_t h2 = wasm_i16x8_make(2, 2, 2, 2, -7, 7, 1000, -3);
  show("i16 mul", wasm_i16x8_mul(h, h2));
  show("i16 q15mulr_sat", wasm_i16x8_q15mulr_sat(h, h2));
  show("i16 extmul_low", wasm_i32x4_extmul_low_i16x8(h, h2));
  show("u16 extmul_high", wasm_u32x4_extmul_high_u16x8(h, h2));
  show("i32 dot", wasm_i32x4_dot_i16x8(h, h2));
  show("i8 narrow", wasm_i8x16_narrow_i16x8(h, h2));
  show("u8 narrow", wasm_u8x16_narrow_i16x8(h, h2));
  show("i16 extend_low", wasm_i16x8_extend_low_i8x16(a));
  show("u16 extend_high", wasm_u16x8_extend_high_u8x16(a));
  show("i16 extadd_pairwise", wasm_i16x8_extadd_pairwise_i8x16(a));
  v128_t w = wasm_i32x4_make(0x80000000, 0x7fffffff, -5, 123456789);
  v128_t l = wasm_i64x2_make(INT64_MIN, 0x0123456789abcdefll);
  for (unsigned i = 0; i < sizeof counts / sizeof counts[0]; ++i) {
    int32_t n = counts[i];
    char label[32];
    snprintf(label, sizeof label, "shifts by %d", n);
    show(label, wasm_v128_xor(wasm_v128_xor(wasm_i8x16_shl(a, n), wasm_u8x16_shr(a, n)), wasm_i8x16_shr(b, n)));
    show("", wasm_v128_xor(wasm_i16x8_shl(h, n), wasm_i16x8_shr(h, n)));
    show("", wasm_v128_xor(wasm_i32x4_shl(w, n), wasm_u32x4_shr(w, n)));
    show("", wasm_v128_xor(wasm_i64x2_shl(l, n), wasm_i64x2_shr(l, n)));
  }
  show("i32 mul", wasm_i32x4_mul(w, wasm_i32x4_splat(3)));
  show("i64 mul", wasm_i64x2_mul(l, wasm_i64x2_splat(-3)));
  show("i64 lt", wasm_i64x2_lt(l, wasm_i64x2_splat(0)));
  show("i32 min_u", wasm_u32x4_min(w, wasm_i32x4_splat(5)));
  show("shuffle", wasm_i8x16_shuffle(a, b, 0, 17, 2, 19, 31, 30, 15, 14, 8, 8, 8, 8, 16, 1, 3, 5));
  show("swizzle", wasm_i8x16_swizzle(a, wasm_i8x16_make(0, 15, 16, 17, -1, 127, 128 - 256, 3, 4, 5, 6, 7, 8, 9, 10, 32)));
  show("bitselect", wasm_v128_bitselect(a, b, wasm_i8x16_splat(0x0f)));
  show("andnot", wasm_v128_andnot(a, b));
  show("replace/extract", wasm_i16x8_replace_lane(h, 3, (int16_t)wasm_i8x16_extract_lane(a, 6)));
  printf("extract u8 %u u16 %u i64 %lld\n", wasm_u8x16_extract_lane(a, 6), wasm_u16x8_extract_lane(h, 3),
         (long long)wasm_i64x2_extract_lane(l, 1));

  v128_t f = wasm_f32x4_make(1.5f, -0.0f, NAN, -INFINITY);
  v128_t g = wasm_f32x4_make(-2.5f, 0.0f, 1.0f, 3.0f);
  show_f32("f32 add", wasm_f32x4_add(f, g));
  show_f32("f32 min", wasm_f32x4_min(f, g));
  show_f32("f32 max", wasm_f32x4_max(f, g));
  show_f32("f32 pmin", wasm_f32x4_pmin(f, g));
  show_f32("f32 pmax", wasm_f32x4_pmax(f, g));
  show("f32 min(-0,0) bits", wasm_f32x4_min(wasm_f32x4_splat(-0.0f), wasm_f32x4_splat(0.0f)));
  show("f32 max(-0,0) bits", wasm_f32x4_max(wasm_f32x4_splat(-0.0f), wasm_f32x4_splat(0.0f)));
  v128_t r = wasm_f32x4_make(2.5f, -2.5f, 0.49999997f, -1.5f);
  show_f32("f32 nearest", wasm_f32x4_nearest(r));
  show_f32("f32 floor/ceil", wasm_f32x4_add(wasm_f32x4_floor(r), wasm_f32x4_ceil(r)));
  show_f32("f32 trunc", wasm_f32x4_trunc(r));
  show_f32("f32 sqrt", wasm_f32x4_sqrt(wasm_f32x4_make(2.0f, 0.0f, -0.0f, 1e-40f)));
  show_f32("f32 div", wasm_f32x4_div(g, f));
  show("f32 lt/eq", wasm_v128_or(wasm_f32x4_lt(f, g), wasm_f32x4_eq(f, f)));
  show("i32 trunc_sat", wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_make(NAN, 3e9f, -3e9f, -7.9f)));
  show("u32 trunc_sat", wasm_u32x4_trunc_sat_f32x4(wasm_f32x4_make(NAN, 5e9f, -1.0f, 4294967040.0f)));
  show("i32 trunc_sat_f64", wasm_i32x4_trunc_sat_f64x2_zero(wasm_f64x2_make(-1e300, 2147483647.9)));
  show_f32("f32 convert_i32", wasm_f32x4_convert_i32x4(w));
  show_f32("f32 convert_u32", wasm_f32x4_convert_u32x4(w));
  show_f64("f64 convert_low_u32", wasm_f64x2_convert_low_u32x4(w));
  show_f64("f64 promote", wasm_f64x2_promote_low_f32x4(wasm_f32x4_make(1e-40f, 0.1f, 0, 0)));
  show_f32("f32 demote", wasm_f32x4_demote_f64x2_zero(wasm_f64x2_make(1e39, 0.1)));
  show_f64("f64 mul/sqrt", wasm_f64x2_sqrt(wasm_f64x2_mul(wasm_f64x2_make(2.0, 1e308), wasm_f64x2_make(3.0, 10.0))));
  show_f64("f64 min", wasm_f64x2_min(wasm_f64x2_make(-0.0, NAN), wasm_f64x2_make(0.0, 1.0)));

  // Loads and stores of lanes, splats and zero-extending loads.
  uint8_t mem[64];
  for (int i = 0; i < 64; ++i) mem[i] = (uint8_t)(i * 13 + 1);
  show("load", wasm_v128_load(mem + 3));
  show("load8_splat", wasm_v128_load8_splat(mem + 5));
  show("load32_zero", wasm_v128_load32_zero(mem + 7));
  show("load64_zero", wasm_v128_load64_zero(mem + 9));
  show("load8x8 s", wasm_i16x8_load8x8(mem + 40));
  show("load32x2 u", wasm_u64x2_load32x2(mem + 50));
  show("load16_lane", wasm_v128_load16_lane(mem + 1, a, 5));
  wasm_v128_store64_lane(mem + 17, l, 1);
  wasm_v128_store8_lane(mem + 30, a, 6);
  show("after lane stores", wasm_v128_load(mem + 16));

  // Auto-vectorized loops.
  static float x[1024], y[1024];
  static int32_t iv[1024];
  static uint8_t bytes[4096];
  for (int i = 0; i < 1024; ++i) { x[i] = (float)i * 0.25f; y[i] = (float)(1024 - i); iv[i] = i * i - 5000; }
  for (int i = 0; i < 4096; ++i) bytes[i] = (uint8_t)(i * 7);
  float dot = 0;
  for (int i = 0; i < 1024; ++i) dot += x[i] * y[i];
  int64_t isum = 0;
  int32_t imax = INT32_MIN;
  for (int i = 0; i < 1024; ++i) { isum += iv[i]; imax = iv[i] > imax ? iv[i] : imax; }
  uint32_t bsum = 0;
  for (int i = 0; i < 4096; ++i) bsum += bytes[i] > 100 ? bytes[i] : 0;
  for (int i = 0; i < 1024; ++i) y[i] = x[i] * 2.0f + y[i];
  printf("dot %a isum %lld imax %d bsum %u y[1000] %a\n", (double)dot, (long long)isum, imax, bsum, (double)y[1000]);
  return 0;
}
