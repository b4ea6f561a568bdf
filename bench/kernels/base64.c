/* Base64 (RFC 4648) encode and decode of a generated buffer, round-tripped
 * several times. */
#include "common.h"

#ifndef BUFSIZE
#define BUFSIZE (24u << 20)
#endif
#ifndef ROUNDS
#define ROUNDS 18
#endif

static const char ENC[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static int8_t DEC[256];

static uint32_t encode(const uint8_t *in, uint32_t n, char *out) {
  uint32_t o = 0, i = 0;
  for (; i + 3 <= n; i += 3) {
    uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
    out[o++] = ENC[v >> 18]; out[o++] = ENC[(v >> 12) & 63]; out[o++] = ENC[(v >> 6) & 63]; out[o++] = ENC[v & 63];
  }
  if (n - i == 1) {
    uint32_t v = (uint32_t)in[i] << 16;
    out[o++] = ENC[v >> 18]; out[o++] = ENC[(v >> 12) & 63]; out[o++] = '='; out[o++] = '=';
  } else if (n - i == 2) {
    uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
    out[o++] = ENC[v >> 18]; out[o++] = ENC[(v >> 12) & 63]; out[o++] = ENC[(v >> 6) & 63]; out[o++] = '=';
  }
  return o;
}

static int32_t decode(const char *in, uint32_t n, uint8_t *out) {
  if (n % 4) return -1;
  uint32_t o = 0;
  for (uint32_t i = 0; i < n; i += 4) {
    int a = DEC[(uint8_t)in[i]], b = DEC[(uint8_t)in[i + 1]];
    int c = in[i + 2] == '=' ? 0 : DEC[(uint8_t)in[i + 2]];
    int d = in[i + 3] == '=' ? 0 : DEC[(uint8_t)in[i + 3]];
    if ((a | b | c | d) < 0) return -1;
    uint32_t v = (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6 | (uint32_t)d;
    out[o++] = (uint8_t)(v >> 16);
    if (in[i + 2] != '=') out[o++] = (uint8_t)(v >> 8);
    if (in[i + 3] != '=') out[o++] = (uint8_t)v;
  }
  return (int32_t)o;
}

int main(void) {
  for (int i = 0; i < 256; i++) DEC[i] = -1;
  for (int i = 0; i < 64; i++) DEC[(uint8_t)ENC[i]] = (int8_t)i;
  char kat[16];
  uint32_t kn = encode((const uint8_t *)"foobar", 6, kat); kat[kn] = 0;
  printf("base64(foobar)=%s\n", kat);
  uint8_t *buf = (uint8_t *)xmalloc(BUFSIZE);
  char *enc = (char *)xmalloc(BUFSIZE / 3 * 4 + 8);
  uint8_t *dec = (uint8_t *)xmalloc(BUFSIZE + 8);
  rng_t r; rng_seed(&r, 64);
  for (uint32_t i = 0; i < BUFSIZE; i++) buf[i] = (uint8_t)(rng_next(&r) >> 40);
  uint64_t h = FNV_INIT;
  int ok = 1;
  for (int round = 0; round < ROUNDS; round++) {
    uint32_t n = BUFSIZE - (uint32_t)round;
    uint32_t en = encode(buf, n, enc);
    int32_t dn = decode(enc, en, dec);
    if (dn != (int32_t)n || memcmp(buf, dec, n) != 0) ok = 0;
    h = fnv1a64(enc + en - 64, 64, h);
    h = fnv1a64(enc, 64, h);
    buf[round * 12345] ^= (uint8_t)h;
  }
  printf("base64 %u bytes x %d roundtrip=%s hash=%016llx\n", (unsigned)BUFSIZE, ROUNDS, ok ? "ok" : "FAILED",
         (unsigned long long)h);
  return 0;
}
