// Float-to-integer conversions of values C leaves undefined (NaN, infinities, out of range),
// compiled with -mnontrapping-fptoint so that clang emits the saturating wasm conversions
// (i32/i64.trunc_sat_f32/f64_s/u): NaN -> 0, too large -> max, too small -> min. The other build
// uses clang's default lowering (a range check around the trapping conversion), whose results
// for these inputs are also fixed by the wasm code. Compared with node only.
// e2e: cflags = -O2 -mnontrapping-fptoint | -O0 -mnontrapping-fptoint | -O2
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

static volatile double dv[] = {NAN, -NAN, INFINITY, -INFINITY, 1e300, -1e300, 2147483648.0, -2147483649.0,
                               4294967296.0, -1.0, -0.5, 9223372036854775808.0, -9223372036854777856.0,
                               18446744073709551616.0, 3.5, -3.5};
static volatile float fv[] = {NAN, INFINITY, -INFINITY, 3e38f, -3e38f, 2147483648.0f, 4294967296.0f, -1.0f,
                              9223372036854775808.0f, 18446744073709551616.0f, 7.75f};

int main(void) {
  for (unsigned i = 0; i < sizeof dv / sizeof dv[0]; ++i) {
    double d = dv[i];
    printf("%-24.17g i32 %-12" PRId32 " u32 %-11" PRIu32 " i64 %-21" PRId64 " u64 %" PRIu64 "\n", fabs(d) * (signbit(d) ? -1 : 1),
           (int32_t)d, (uint32_t)d, (int64_t)d, (uint64_t)d);
  }
  for (unsigned i = 0; i < sizeof fv / sizeof fv[0]; ++i) {
    float f = fv[i];
    printf("%-24.9g i32 %-12" PRId32 " u32 %-11" PRIu32 " i64 %-21" PRId64 " u64 %" PRIu64 "\n", (double)f,
           (int32_t)f, (uint32_t)f, (int64_t)f, (uint64_t)f);
  }
  return 0;
}
