/* CRC-32 (IEEE 802.3, reflected, poly 0xEDB88320): bytewise table-driven and
 * slicing-by-8 over a generated buffer; the two must agree. */
#include "common.h"

#ifndef BUFSIZE
#define BUFSIZE (16u << 20)
#endif
#ifndef PASSES
#define PASSES 16
#endif

static uint32_t T[8][256];

static void init_tables(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
    T[0][i] = c;
  }
  for (uint32_t i = 0; i < 256; i++)
    for (int s = 1; s < 8; s++) T[s][i] = (T[s - 1][i] >> 8) ^ T[0][T[s - 1][i] & 0xff];
}

static uint32_t crc_bytewise(uint32_t crc, const uint8_t *p, uint32_t n) {
  crc = ~crc;
  for (uint32_t i = 0; i < n; i++) crc = (crc >> 8) ^ T[0][(crc ^ p[i]) & 0xff];
  return ~crc;
}

static uint32_t crc_slice8(uint32_t crc, const uint8_t *p, uint32_t n) {
  crc = ~crc;
  while (n >= 8) {
    uint32_t a = crc ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
    uint32_t b = (uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 | (uint32_t)p[7] << 24;
    crc = T[7][a & 0xff] ^ T[6][(a >> 8) & 0xff] ^ T[5][(a >> 16) & 0xff] ^ T[4][a >> 24] ^
          T[3][b & 0xff] ^ T[2][(b >> 8) & 0xff] ^ T[1][(b >> 16) & 0xff] ^ T[0][b >> 24];
    p += 8; n -= 8;
  }
  while (n--) crc = (crc >> 8) ^ T[0][(crc ^ *p++) & 0xff];
  return ~crc;
}

int main(void) {
  init_tables();
  printf("crc32(123456789)=%08x\n", crc_bytewise(0, (const uint8_t *)"123456789", 9));
  uint8_t *buf = (uint8_t *)xmalloc(BUFSIZE);
  rng_t r; rng_seed(&r, 99);
  for (uint32_t i = 0; i < BUFSIZE; i++) buf[i] = (uint8_t)(rng_next(&r) >> 56);
  uint32_t acc1 = 0, acc2 = 0;
  for (int p = 0; p < PASSES; p++) {
    uint32_t off = (uint32_t)p * 3;
    uint32_t c1 = crc_bytewise(0, buf + off, BUFSIZE - off);
    uint32_t c2 = crc_slice8(0, buf + off, BUFSIZE - off);
    acc1 = acc1 * 33u ^ c1;
    acc2 = acc2 * 33u ^ c2;
    buf[p * 1000] ^= (uint8_t)c1;
  }
  printf("crc32 %u bytes x %d: bytewise=%08x slice8=%08x %s\n", (unsigned)BUFSIZE, PASSES, acc1, acc2,
         acc1 == acc2 ? "agree" : "DISAGREE");
  free(buf);
  return 0;
}
