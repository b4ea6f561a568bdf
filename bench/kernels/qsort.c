/* Generic quicksort (qsort-style: void* base, element size, comparison
 * function pointer — an indirect call per comparison), median-of-three,
 * insertion sort for small ranges, sorting records by several keys. */
#include "common.h"

#ifndef NREC
#define NREC 1000000
#endif
#ifndef ROUNDS
#define ROUNDS 2
#endif

typedef int (*cmp_fn)(const void *, const void *);

static void swap_bytes(uint8_t *a, uint8_t *b, uint32_t size) {
  while (size >= 4) { uint32_t t; memcpy(&t, a, 4); memcpy(a, b, 4); memcpy(b, &t, 4); a += 4; b += 4; size -= 4; }
  while (size--) { uint8_t t = *a; *a++ = *b; *b++ = t; }
}

static void my_qsort(void *base, uint32_t n, uint32_t size, cmp_fn cmp) {
  uint8_t *b = (uint8_t *)base;
  while (n > 12) {
    uint8_t *lo = b, *mid = b + (n / 2) * size, *hi = b + (n - 1) * size;
    if (cmp(mid, lo) < 0) swap_bytes(mid, lo, size);
    if (cmp(hi, mid) < 0) { swap_bytes(hi, mid, size); if (cmp(mid, lo) < 0) swap_bytes(mid, lo, size); }
    swap_bytes(mid, lo, size); /* pivot to front */
    uint32_t i = 1, j = n - 1;
    for (;;) {
      while (i <= j && cmp(b + i * size, b) < 0) i++;
      while (j >= i && cmp(b + j * size, b) > 0) j--;
      if (i >= j) break;
      swap_bytes(b + i * size, b + j * size, size);
      i++; j--;
    }
    swap_bytes(b, b + j * size, size);
    /* recurse into the smaller half, loop on the larger */
    uint32_t nl = j, nr = n - j - 1;
    if (nl < nr) { my_qsort(b, nl, size, cmp); b += (j + 1) * size; n = nr; }
    else { my_qsort(b + (j + 1) * size, nr, size, cmp); n = nl; }
  }
  for (uint32_t i = 1; i < n; i++)
    for (uint32_t k = i; k > 0 && cmp(b + (k - 1) * size, b + k * size) > 0; k--)
      swap_bytes(b + (k - 1) * size, b + k * size, size);
}

typedef struct { uint32_t key; int32_t score; uint16_t group; uint16_t pad; char name[8]; } rec_t;

static int cmp_key(const void *a, const void *b) {
  uint32_t x = ((const rec_t *)a)->key, y = ((const rec_t *)b)->key;
  return (x > y) - (x < y);
}
static int cmp_group_score(const void *a, const void *b) {
  const rec_t *x = (const rec_t *)a, *y = (const rec_t *)b;
  if (x->group != y->group) return x->group < y->group ? -1 : 1;
  if (x->score != y->score) return x->score > y->score ? -1 : 1;
  return (x->key > y->key) - (x->key < y->key);
}
static int cmp_name(const void *a, const void *b) {
  int c = memcmp(((const rec_t *)a)->name, ((const rec_t *)b)->name, 8);
  if (c) return c;
  return cmp_key(a, b);
}
static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

static uint64_t hash_recs(const rec_t *r, uint32_t n) {
  uint64_t h = FNV_INIT;
  for (uint32_t i = 0; i < n; i++) { h = fnv1a64(&r[i].key, 4, h); h = fnv1a64(&r[i].score, 4, h); }
  return h;
}

int main(void) {
  rec_t *recs = (rec_t *)xmalloc(sizeof(rec_t) * NREC);
  uint32_t *ints = (uint32_t *)xmalloc(sizeof(uint32_t) * NREC);
  rng_t r; rng_seed(&r, 31337);
  cmp_fn cmps[3] = {cmp_key, cmp_group_score, cmp_name};
  uint64_t acc = 0;
  for (int round = 0; round < ROUNDS; round++) {
    for (uint32_t i = 0; i < NREC; i++) {
      recs[i].key = rng_u32(&r);
      recs[i].score = (int32_t)(rng_u32(&r) % 100000) - 50000;
      recs[i].group = (uint16_t)(rng_u32(&r) % 64);
      recs[i].pad = 0;
      for (int k = 0; k < 8; k++) recs[i].name[k] = (char)('a' + rng_u32(&r) % 4);
      ints[i] = rng_u32(&r) % (NREC / 2);
    }
    for (int c = 0; c < 3; c++) {
      my_qsort(recs, NREC, sizeof(rec_t), cmps[c]);
      for (uint32_t i = 1; i < NREC; i++)
        if (cmps[c](&recs[i - 1], &recs[i]) > 0) { printf("qsort: NOT SORTED (cmp %d at %u)\n", c, i); return 1; }
      acc = acc * 1099511628211ull ^ hash_recs(recs, NREC);
    }
    my_qsort(ints, NREC, 4, cmp_u32);
    acc = acc * 1099511628211ull ^ fnv1a64(ints, NREC * 4, FNV_INIT);
  }
  printf("qsort n=%d rounds=%d hash=%016llx first=%u last=%u\n", NREC, ROUNDS, (unsigned long long)acc,
         recs[0].key, recs[NREC - 1].key);
  return 0;
}
