/* Short array copies and fills: memcpy, memmove and memset of small, varied lengths (0..96
 * bytes, some up to 1 KiB) at varied alignments, as records, strings and small vectors are
 * copied in real programs. The lengths come from a table, so no call has a constant length. */
#include "common.h"

#ifndef ROUNDS
#define ROUNDS 12000
#endif
#define POOL (64u << 10)
#define OPS 4096

static uint8_t pool[POOL];
static uint8_t scratch[POOL];
static uint32_t op_len[OPS], op_src[OPS], op_dst[OPS];

int main(void) {
  rng_t r; rng_seed(&r, 7);
  for (uint32_t i = 0; i < POOL; i++) pool[i] = (uint8_t)(rng_next(&r) >> 56);
  for (uint32_t i = 0; i < OPS; i++) {
    uint32_t x = rng_u32(&r);
    op_len[i] = (x & 15) == 0 ? 128 + (x >> 20) % 897 : (x >> 8) % 97; /* mostly 0..96 */
    op_src[i] = rng_u32(&r) % (POOL - 1024);
    op_dst[i] = rng_u32(&r) % (POOL - 1024);
  }
  uint64_t h = FNV_INIT;
  for (int round = 0; round < ROUNDS; round++) {
    for (uint32_t i = 0; i < OPS; i++) {
      uint32_t n = op_len[i], s = op_src[i], d = op_dst[i];
      switch ((i + (uint32_t)round) & 3) {
      case 0: memcpy(scratch + d, pool + s, n); break;
      case 1: memcpy(pool + d, scratch + s, n); break;
      case 2: memmove(pool + d, pool + s, n); break; /* may overlap */
      default: memset(scratch + d, (int)(s + (uint32_t)round), n); break;
      }
    }
    h = fnv1a64(pool + (uint32_t)round % 251 * 97, 256, h);
    h = fnv1a64(scratch + (uint32_t)round % 241 * 89, 256, h);
  }
  h = fnv1a64(pool, POOL, h);
  h = fnv1a64(scratch, POOL, h);
  printf("arraycopy %d rounds x %d ops: checksum %016llx\n", ROUNDS, OPS, (unsigned long long)h);
  return 0;
}
