/* LZ77-style compressor (hash chains over a 64 KiB window, greedy matching,
 * byte-oriented token stream) and decompressor, round-tripped over generated
 * semi-redundant text. */
#include "common.h"

#ifndef INSIZE
#define INSIZE (6u << 20)
#endif
#ifndef ROUNDS
#define ROUNDS 9
#endif

#define WINDOW 65536u
#define HBITS 15
#define MINMATCH 4
#define MAXMATCH 258
#define MAXCHAIN 32

static int32_t head[1 << HBITS];
static int32_t prevpos[WINDOW];

static inline uint32_t hash4(const uint8_t *p) {
  uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
  return (v * 2654435761u) >> (32 - HBITS);
}

/* Token format: control byte c. c < 0x80: literal run of c+1 bytes follows.
 * c >= 0x80: match of length (c & 0x7f) + MINMATCH (ext byte if == 0x7f+..),
 * followed by 2-byte distance. Lengths >= 0x7f+MINMATCH use an extra byte. */
static uint32_t compress(const uint8_t *in, uint32_t n, uint8_t *out) {
  for (int i = 0; i < (1 << HBITS); i++) head[i] = -1;
  uint32_t o = 0, i = 0, lit_start = 0;
#define FLUSH_LITS(upto)                                        \
  do {                                                          \
    uint32_t s_ = lit_start;                                    \
    while (s_ < (upto)) {                                       \
      uint32_t run_ = (upto) - s_;                              \
      if (run_ > 128) run_ = 128;                               \
      out[o++] = (uint8_t)(run_ - 1);                           \
      memcpy(out + o, in + s_, run_);                           \
      o += run_; s_ += run_;                                    \
    }                                                           \
  } while (0)
  while (i + MINMATCH <= n) {
    uint32_t h = hash4(in + i);
    int32_t cand = head[h];
    uint32_t best_len = 0, best_dist = 0;
    int chain = MAXCHAIN;
    uint32_t maxlen = n - i < MAXMATCH ? n - i : MAXMATCH;
    while (cand >= 0 && chain-- > 0) {
      uint32_t dist = i - (uint32_t)cand;
      if (dist > WINDOW - 1) break;
      const uint8_t *a = in + cand, *b = in + i;
      if (a[best_len] == b[best_len]) {
        uint32_t l = 0;
        while (l < maxlen && a[l] == b[l]) l++;
        if (l > best_len) { best_len = l; best_dist = dist; if (l == maxlen) break; }
      }
      cand = prevpos[cand & (WINDOW - 1)];
    }
    prevpos[i & (WINDOW - 1)] = head[h];
    head[h] = (int32_t)i;
    if (best_len >= MINMATCH) {
      FLUSH_LITS(i);
      uint32_t l = best_len - MINMATCH;
      if (l < 0x7f) out[o++] = (uint8_t)(0x80 | l);
      else { out[o++] = 0xff; out[o++] = (uint8_t)(l - 0x7f); }
      out[o++] = (uint8_t)best_dist; out[o++] = (uint8_t)(best_dist >> 8);
      /* insert skipped positions into the hash chains */
      for (uint32_t k = 1; k < best_len && i + k + MINMATCH <= n; k++) {
        uint32_t hk = hash4(in + i + k);
        prevpos[(i + k) & (WINDOW - 1)] = head[hk];
        head[hk] = (int32_t)(i + k);
      }
      i += best_len;
      lit_start = i;
    } else {
      i++;
    }
  }
  FLUSH_LITS(n);
#undef FLUSH_LITS
  return o;
}

static uint32_t decompress(const uint8_t *in, uint32_t n, uint8_t *out) {
  uint32_t i = 0, o = 0;
  while (i < n) {
    uint8_t c = in[i++];
    if (c < 0x80) {
      uint32_t run = (uint32_t)c + 1;
      memcpy(out + o, in + i, run);
      i += run; o += run;
    } else {
      uint32_t l = c & 0x7f;
      if (l == 0x7f) l += in[i++];
      l += MINMATCH;
      uint32_t dist = (uint32_t)in[i] | (uint32_t)in[i + 1] << 8;
      i += 2;
      const uint8_t *src = out + o - dist;
      for (uint32_t k = 0; k < l; k++) out[o + k] = src[k]; /* may overlap */
      o += l;
    }
  }
  return o;
}

static const char *words[] = {"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog",
  "wasm", "compiler", "native", "sandbox", "memory", "linear", "table", "function", "import",
  "export", "module", "instance", "trap", "stack", "guard", "page", "lorem", "ipsum", "dolor"};

int main(void) {
  uint8_t *in = (uint8_t *)xmalloc(INSIZE);
  uint8_t *comp = (uint8_t *)xmalloc(INSIZE + INSIZE / 64 + 1024);
  uint8_t *dec = (uint8_t *)xmalloc(INSIZE + 16);
  rng_t r; rng_seed(&r, 4242);
  uint32_t nw = (uint32_t)(sizeof words / sizeof words[0]);
  uint32_t p = 0;
  while (p < INSIZE) {
    uint32_t x = rng_u32(&r);
    if ((x & 15) == 0 && p > 1000) { /* repeat a recent chunk */
      uint32_t len = 8 + (x >> 8) % 60, back = 1 + (x >> 16) % 900;
      for (uint32_t k = 0; k < len && p < INSIZE; k++, p++) in[p] = in[p - back];
    } else if ((x & 15) == 1) { /* random noise byte */
      in[p++] = (uint8_t)(x >> 24);
    } else {
      const char *w = words[(x >> 4) % nw];
      while (*w && p < INSIZE) in[p++] = (uint8_t)*w++;
      if (p < INSIZE) in[p++] = (x >> 28) == 0 ? '\n' : ' ';
    }
  }
  uint64_t hsum = FNV_INIT;
  uint32_t csize = 0;
  int ok = 1;
  for (int round = 0; round < ROUNDS; round++) {
    in[round * 977] ^= 0x5a;
    csize = compress(in, INSIZE, comp);
    uint32_t dsize = decompress(comp, csize, dec);
    if (dsize != INSIZE || memcmp(in, dec, INSIZE) != 0) ok = 0;
    hsum = fnv1a64(comp, csize, hsum);
  }
  printf("lz77 in=%u out=%u rounds=%d roundtrip=%s hash=%016llx\n", (unsigned)INSIZE, (unsigned)csize, ROUNDS,
         ok ? "ok" : "FAILED", (unsigned long long)hsum);
  return 0;
}
