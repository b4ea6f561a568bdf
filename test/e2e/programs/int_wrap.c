// Integer arithmetic at every width, signed and unsigned: wraparound of unsigned arithmetic,
// conversions between widths (sign and zero extension, truncation), comparisons across
// signedness, and C-defined division/remainder rounding toward zero.
// e2e: cflags = -O2 | -O0 | -O3 -msimd128
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

// Volatile sources keep clang from folding everything at compile time.
static volatile uint64_t seeds[] = {
    0, 1, 2, 3, 7, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
    0x7fffffff, 0x80000000u, 0xffffffffu, 0x100000000ull, 0x123456789abcdef0ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0xfffffffffffffffeull, 0xffffffffffffffffull,
    0xdeadbeefcafebabeull, 12345678901234567ull,
};
#define NSEEDS (sizeof seeds / sizeof seeds[0])

static uint64_t hash;
static void mix(uint64_t v) {
  hash ^= v;
  hash *= 0x100000001b3ull; // FNV-1a 64 prime, wraps
}

static void widths(uint64_t a, uint64_t b) {
  uint8_t u8a = (uint8_t)a, u8b = (uint8_t)b;
  int8_t s8a = (int8_t)a, s8b = (int8_t)b;
  uint16_t u16a = (uint16_t)a, u16b = (uint16_t)b;
  int16_t s16a = (int16_t)a, s16b = (int16_t)b;
  uint32_t u32a = (uint32_t)a, u32b = (uint32_t)b;
  int32_t s32a = (int32_t)a, s32b = (int32_t)b;
  // Arithmetic in the narrow type, stored back (wraps modulo 2^N).
  uint8_t u8sum = (uint8_t)(u8a + u8b), u8mul = (uint8_t)(u8a * u8b), u8sub = (uint8_t)(u8a - u8b);
  int8_t s8sum = (int8_t)(s8a + s8b), s8mul = (int8_t)(s8a * s8b);
  uint16_t u16sum = (uint16_t)(u16a + u16b), u16mul = (uint16_t)((uint32_t)u16a * u16b);
  int16_t s16sub = (int16_t)(s16a - s16b);
  uint32_t u32sum = u32a + u32b, u32mul = u32a * u32b, u32sub = u32a - u32b, u32neg = -u32a;
  mix(u8sum); mix(u8mul); mix(u8sub); mix((uint64_t)(int64_t)s8sum); mix((uint64_t)(int64_t)s8mul);
  mix(u16sum); mix(u16mul); mix((uint64_t)(int64_t)s16sub);
  mix(u32sum); mix(u32mul); mix(u32sub); mix(u32neg);
  // Sign and zero extension.
  mix((uint64_t)(int64_t)s8a); mix((uint64_t)(int64_t)s16a); mix((uint64_t)(int64_t)s32a);
  mix((uint64_t)u8a); mix((uint64_t)u16a); mix((uint64_t)u32a);
  // Mixed-signedness comparisons (usual arithmetic conversions).
  mix((s32a < (int32_t)u32b) | ((u32a < u32b) << 1) | ((s8a < s8b) << 2) | ((u8a > u8b) << 3) |
      ((s16a <= s16b) << 4) | (((int64_t)a < (int64_t)b) << 5) | ((a >= b) << 6));
  // C division rounds toward zero; avoid the undefined cases.
  if (u32b) { mix(u32a / u32b); mix(u32a % u32b); }
  if (s32b && !(s32a == INT32_MIN && s32b == -1)) { mix((uint32_t)(s32a / s32b)); mix((uint32_t)(s32a % s32b)); }
  if (s16b) { mix((uint64_t)(int64_t)(s16a / s16b)); mix((uint64_t)(int64_t)(s16a % s16b)); }
  if (u8b) { mix(u8a / u8b); mix(u8a % u8b); }
}

int main(void) {
  for (unsigned i = 0; i < NSEEDS; ++i)
    for (unsigned j = 0; j < NSEEDS; ++j)
      widths(seeds[i], seeds[j]);
  printf("hash %016" PRIx64 "\n", hash);

  // A few printed explicitly, so that a difference is easy to read.
  volatile int32_t big = INT32_MAX;
  volatile uint32_t ubig = UINT32_MAX;
  volatile int8_t c = -128;
  volatile uint16_t h = 65535;
  printf("u32 max+1 = %" PRIu32 "\n", (uint32_t)(ubig + 1u));
  printf("(uint32_t)INT32_MAX+1 = %" PRIu32 "\n", (uint32_t)big + 1u);
  printf("(int32_t)(uint32_t)INT32_MAX+1 = %" PRId32 "\n", (int32_t)((uint32_t)big + 1u));
  printf("-(int8_t)-128 as int8 = %d\n", (int8_t)(-c));
  printf("(uint16_t)(65535+1) = %u\n", (unsigned)(uint16_t)(h + 1));
  printf("65535*65535 as uint32 = %" PRIu32 "\n", (uint32_t)h * (uint32_t)h);
  printf("-7/2=%d -7%%2=%d 7/-2=%d 7%%-2=%d\n", -7 / (int)(h - 65533), -7 % (int)(h - 65533),
         7 / -(int)(h - 65533), 7 % -(int)(h - 65533));
  printf("(int64_t)(int32_t)0x80000000 = %" PRId64 "\n", (int64_t)(int32_t)(ubig ^ 0x7fffffffu));
  printf("(uint64_t)(uint32_t)-1 = %" PRIu64 "\n", (uint64_t)(uint32_t)-(int32_t)(h - 65534));
  return 0;
}
