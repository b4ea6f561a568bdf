// Bit manipulation builtins: popcount, count leading/trailing zeros, byte swaps, parity, find
// first set, on 32- and 64-bit values (wasm i32/i64.popcnt/clz/ctz), and a bitboard-style
// use of them.
// e2e: cflags = -O2 | -O0 | -O3 -msimd128
// e2e: oracle = node host
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <strings.h>

static volatile uint64_t values[] = {
    1, 2, 3, 0x80, 0xff, 0x100, 0x8000, 0xffff0000u, 0x80000000u, 0xffffffffu, 0x100000000ull,
    0x8000000000000000ull, 0xffffffffffffffffull, 0x0123456789abcdefull, 0xf0f0f0f00f0f0f0full,
    0x0000000100000000ull, 0x00000000ffffffffull, 0xaaaaaaaaaaaaaaaaull,
};

__attribute__((noinline)) static int clz32_or_32(uint32_t x) { return x ? __builtin_clz(x) : 32; }
__attribute__((noinline)) static int ctz64_or_64(uint64_t x) { return x ? __builtin_ctzll(x) : 64; }

int main(void) {
  for (unsigned i = 0; i < sizeof values / sizeof values[0]; ++i) {
    uint64_t v = values[i];
    uint32_t lo = (uint32_t)v, hi = (uint32_t)(v >> 32);
    printf("%016" PRIx64 ": pop64 %2d clz64 %2d ctz64 %2d | lo pop %2d clz %2d ctz %2d | hi pop %2d"
           " | parity %d ffsll %2d bswap64 %016" PRIx64 " bswap32 %08" PRIx32 " bswap16 %04x\n",
           v, __builtin_popcountll(v), __builtin_clzll(v), __builtin_ctzll(v), __builtin_popcount(lo),
           clz32_or_32(lo), lo ? __builtin_ctz(lo) : 32, __builtin_popcount(hi), __builtin_parityll(v),
           __builtin_ffsll((long long)v), __builtin_bswap64(v), __builtin_bswap32(lo),
           (unsigned)__builtin_bswap16((uint16_t)v));
  }
  printf("clz32(0)=%d ctz64(0)=%d ffs(0)=%d\n", clz32_or_32((uint32_t)values[0] - 1 + 1 - 1),
         ctz64_or_64(values[0] - 1), ffs((int)(values[0] - 1)));

  // Enumerate the set bits of a board, as chess engines do.
  uint64_t board = 0x8100000000000081ull ^ values[13];
  int count = 0;
  uint64_t checksum = 0;
  while (board) {
    int square = __builtin_ctzll(board);
    checksum = checksum * 131 + (uint64_t)square;
    board &= board - 1;
    ++count;
  }
  printf("squares %d checksum %" PRIu64 "\n", count, checksum);

  // Gray code and bit reversal.
  uint32_t rev = 0, x = (uint32_t)values[13];
  for (int i = 0; i < 32; ++i) rev |= ((x >> i) & 1u) << (31 - i);
  printf("gray %08" PRIx32 " rev %08" PRIx32 " next pow2 of 1000: %u\n", x ^ (x >> 1), rev,
         1u << (32 - __builtin_clz(1000u - 1)));
  return 0;
}
