/* String processing: generate text from a Zipf-like vocabulary, tokenise it
 * (lower-casing, splitting on non-letters), count word frequencies in a
 * chained hash table of interned strings, then sort by (count desc, word). */
#include "common.h"

#ifndef TEXTSIZE
#define TEXTSIZE (16u << 20)
#endif
#ifndef PASSES
#define PASSES 10
#endif
#ifndef NVOCAB
#define NVOCAB 20000
#endif

typedef struct entry { struct entry *next; uint32_t count, len, hash; char word[]; } entry;

#define NBUCKETS (1u << 16)
static entry *buckets[NBUCKETS];
static uint32_t nentries;

static uint32_t strhash(const char *s, uint32_t n) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < n; i++) { h ^= (uint8_t)s[i]; h *= 16777619u; }
  return h;
}

static void add_word(const char *w, uint32_t n) {
  uint32_t h = strhash(w, n);
  entry **pp = &buckets[h & (NBUCKETS - 1)];
  for (entry *e = *pp; e; e = e->next)
    if (e->hash == h && e->len == n && memcmp(e->word, w, n) == 0) { e->count++; return; }
  entry *e = (entry *)xmalloc(sizeof(entry) + n + 1);
  e->count = 1; e->len = n; e->hash = h;
  memcpy(e->word, w, n); e->word[n] = 0;
  e->next = *pp; *pp = e;
  nentries++;
}

static int cmp_entry(const entry *a, const entry *b) {
  if (a->count != b->count) return a->count > b->count ? -1 : 1;
  return strcmp(a->word, b->word);
}

/* merge sort of entry pointers (deterministic, no libc qsort) */
static void msort(entry **a, entry **tmp, uint32_t n) {
  if (n < 2) return;
  uint32_t h = n / 2;
  msort(a, tmp, h); msort(a + h, tmp, n - h);
  uint32_t i = 0, j = h, k = 0;
  while (i < h && j < n) tmp[k++] = cmp_entry(a[i], a[j]) <= 0 ? a[i++] : a[j++];
  while (i < h) tmp[k++] = a[i++];
  while (j < n) tmp[k++] = a[j++];
  memcpy(a, tmp, n * sizeof(entry *));
}

int main(void) {
  /* vocabulary of pronounceable pseudo-words */
  static char vocab[NVOCAB][16];
  static const char *syl[] = {"ka", "to", "ri", "mu", "se", "la", "po", "ne", "di", "wa", "shi", "gro",
                              "ex", "in", "qu", "zo", "ber", "tan", "vel", "ium"};
  rng_t r; rng_seed(&r, 555);
  for (int i = 0; i < NVOCAB; i++) {
    int ns = 1 + (int)(rng_u32(&r) % 4), len = 0;
    for (int k = 0; k < ns; k++) {
      const char *s = syl[rng_u32(&r) % 20];
      while (*s && len < 14) vocab[i][len++] = *s++;
    }
    vocab[i][len] = 0;
  }
  char *text = (char *)xmalloc(TEXTSIZE + 1);
  uint32_t p = 0;
  static const char *punct[] = {" ", " ", " ", " ", ", ", ". ", "; ", "\n", " -- ", " (", ") "};
  while (p + 40 < TEXTSIZE) {
    uint32_t x = rng_u32(&r);
    /* Zipf-ish: pick index by squaring a uniform variate */
    uint32_t u = x % 4096;
    uint32_t idx = (uint32_t)(((uint64_t)u * u * NVOCAB) >> 24);
    const char *w = vocab[idx];
    int cap = (x >> 28) == 0;
    for (int k = 0; w[k]; k++) text[p++] = (char)(cap && k == 0 ? w[k] - 32 : w[k]);
    const char *pu = punct[(x >> 12) % 11];
    while (*pu) text[p++] = *pu++;
  }
  text[p] = 0;
  uint32_t textlen = p;

  /* tokenise; each pass looks at the text from a different starting offset */
  char word[64];
  uint32_t nwords = 0, maxlen = 0;
  static uint32_t bigram[27 * 27];
  for (int pass = 0; pass < PASSES; pass++) {
    for (uint32_t i = (uint32_t)pass * 3; i < textlen;) {
      while (i < textlen && !((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z'))) i++;
      uint32_t n = 0;
      while (i < textlen && ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z'))) {
        char c = text[i++];
        if (c <= 'Z') c = (char)(c + 32);
        if (n < 63) word[n++] = c;
      }
      if (n) { add_word(word, n); nwords++; if (n > maxlen) maxlen = n; }
    }
    /* character bigram counts (a second scan over the text) */
    for (uint32_t i = (uint32_t)pass; i + 1 < textlen; i++) {
      int a = text[i] | 32, b = text[i + 1] | 32;
      int ia = (a >= 'a' && a <= 'z') ? a - 'a' : 26, ib = (b >= 'a' && b <= 'z') ? b - 'a' : 26;
      bigram[ia * 27 + ib]++;
    }
  }
  entry **all = (entry **)xmalloc(sizeof(entry *) * nentries);
  entry **tmp = (entry **)xmalloc(sizeof(entry *) * nentries);
  uint32_t k = 0;
  for (uint32_t b = 0; b < NBUCKETS; b++)
    for (entry *e = buckets[b]; e; e = e->next) all[k++] = e;
  msort(all, tmp, nentries);
  printf("wordfreq text=%u words=%u distinct=%u maxlen=%u\n", textlen, nwords, nentries, maxlen);
  for (int i = 0; i < 5 && (uint32_t)i < nentries; i++) printf("  %s %u\n", all[i]->word, all[i]->count);
  uint64_t h = FNV_INIT;
  for (uint32_t i = 0; i < nentries; i++) { h = fnv1a64(all[i]->word, all[i]->len, h); h = fnv1a64(&all[i]->count, 4, h); }
  h = fnv1a64(bigram, sizeof bigram, h);
  printf("  hash=%016llx\n", (unsigned long long)h);
  return 0;
}
