// Shifts and rotates. Counts of at least the operand's width are undefined in C but clang emits
// plain wasm shifts for variable counts, whose semantics take the count modulo the width; the
// rotate builtins are defined for every count. Compared with node only (not a host build).
// e2e: cflags = -O2 | -O0 | -O3 -msimd128
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static volatile uint32_t v32 = 0x89abcdefu;
static volatile uint64_t v64 = 0x0123456789abcdefull;
static volatile int32_t n32 = -0x12345678;
static volatile int64_t n64 = -0x123456789abcdefll;

__attribute__((noinline)) static uint32_t shl32(uint32_t x, uint32_t n) { return x << n; }
__attribute__((noinline)) static uint32_t shru32(uint32_t x, uint32_t n) { return x >> n; }
__attribute__((noinline)) static int32_t shrs32(int32_t x, uint32_t n) { return x >> n; }
__attribute__((noinline)) static uint64_t shl64(uint64_t x, uint64_t n) { return x << n; }
__attribute__((noinline)) static uint64_t shru64(uint64_t x, uint64_t n) { return x >> n; }
__attribute__((noinline)) static int64_t shrs64(int64_t x, uint64_t n) { return x >> n; }

int main(void) {
  static const uint32_t counts[] = {0, 1, 7, 31, 32, 33, 63, 64, 65, 100, 255, 256, 0x7fffffff, 0x80000001u, 0xffffffffu};
  for (unsigned i = 0; i < sizeof counts / sizeof counts[0]; ++i) {
    uint32_t n = counts[i];
    printf("n=%-10" PRIu32 " shl32 %08" PRIx32 " shru32 %08" PRIx32 " shrs32 %08" PRIx32
           " rotl32 %08" PRIx32 " rotr32 %08" PRIx32 "\n",
           n, shl32(v32, n), shru32(v32, n), (uint32_t)shrs32(n32, n),
           __builtin_rotateleft32(v32, n), __builtin_rotateright32(v32, n));
    uint64_t m = (uint64_t)n * 0x100000001ull; // large 64-bit counts too
    printf("  shl64 %016" PRIx64 " shru64 %016" PRIx64 " shrs64 %016" PRIx64
           " rotl64 %016" PRIx64 " rotr64 %016" PRIx64 "\n",
           shl64(v64, n), shru64(v64, m), (uint64_t)shrs64(n64, m),
           __builtin_rotateleft64(v64, m), __builtin_rotateright64(v64, n));
  }
  // The idiomatic rotate that clang turns into a wasm rotate.
  uint32_t h = 0;
  uint64_t g = 0;
  for (uint32_t i = 0; i < 1000; ++i) {
    h = ((h << 5) | (h >> 27)) ^ (i * 0x9e3779b9u);
    g = ((g << 13) | (g >> 51)) + i * 0x9e3779b97f4a7c15ull;
  }
  printf("h %08" PRIx32 " g %016" PRIx64 "\n", h, g);
  return 0;
}
