/* Open-addressing hash table (linear probing, power-of-two capacity, grow at
 * 70% load, tombstone deletion) with 64-bit keys: inserts, lookups (hits and
 * misses), updates and deletions. */
#include "common.h"

#ifndef NOPS
#define NOPS 12000000
#endif

typedef struct { uint64_t key; uint32_t val; uint32_t state; } slot_t; /* state: 0 empty, 1 full, 2 deleted */
typedef struct { slot_t *slots; uint32_t cap, count, used; } table_t;

static inline uint32_t hkey(uint64_t k) {
  k ^= k >> 33; k *= 0xff51afd7ed558ccdull; k ^= k >> 33; k *= 0xc4ceb9fe1a85ec53ull; k ^= k >> 33;
  return (uint32_t)k;
}

static void t_init(table_t *t, uint32_t cap) {
  t->slots = (slot_t *)calloc(cap, sizeof(slot_t));
  if (!t->slots) { printf("oom\n"); exit(2); }
  t->cap = cap; t->count = 0; t->used = 0;
}

static void t_put(table_t *t, uint64_t key, uint32_t val);

static void t_grow(table_t *t) {
  table_t n;
  t_init(&n, t->count * 2 > t->cap ? t->cap * 2 : t->cap);
  for (uint32_t i = 0; i < t->cap; i++)
    if (t->slots[i].state == 1) t_put(&n, t->slots[i].key, t->slots[i].val);
  free(t->slots);
  *t = n;
}

static void t_put(table_t *t, uint64_t key, uint32_t val) {
  if ((t->used + 1) * 10 > t->cap * 7) t_grow(t);
  uint32_t mask = t->cap - 1, i = hkey(key) & mask;
  int32_t tomb = -1;
  for (;;) {
    slot_t *s = &t->slots[i];
    if (s->state == 0) {
      if (tomb >= 0) s = &t->slots[tomb]; else t->used++;
      s->key = key; s->val = val; s->state = 1; t->count++;
      return;
    }
    if (s->state == 2) { if (tomb < 0) tomb = (int32_t)i; }
    else if (s->key == key) { s->val = val; return; }
    i = (i + 1) & mask;
  }
}

static slot_t *t_find(table_t *t, uint64_t key) {
  uint32_t mask = t->cap - 1, i = hkey(key) & mask;
  for (;;) {
    slot_t *s = &t->slots[i];
    if (s->state == 0) return 0;
    if (s->state == 1 && s->key == key) return s;
    i = (i + 1) & mask;
  }
}

static int t_del(table_t *t, uint64_t key) {
  slot_t *s = t_find(t, key);
  if (!s) return 0;
  s->state = 2; t->count--;
  return 1;
}

int main(void) {
  table_t t;
  t_init(&t, 1024);
  rng_t r; rng_seed(&r, 8675309);
  uint64_t hits = 0, misses = 0, dels = 0, vsum = 0;
  const uint32_t keyspace = NOPS / 2;
  for (uint32_t op = 0; op < NOPS; op++) {
    uint64_t x = rng_next(&r);
    uint64_t key = (x % keyspace) * 0x9E3779B97F4A7C15ull + 17; /* scattered 64-bit keys */
    switch ((x >> 60) & 7) {
      case 0: case 1: case 2:
        t_put(&t, key, (uint32_t)(x >> 20));
        break;
      case 3:
        dels += (uint64_t)t_del(&t, key);
        break;
      default: {
        slot_t *s = t_find(&t, key);
        if (s) { hits++; vsum += s->val; s->val += 1; } else misses++;
      }
    }
  }
  /* full scan */
  uint64_t scan = 0;
  for (uint32_t i = 0; i < t.cap; i++)
    if (t.slots[i].state == 1) scan = scan * 31 + t.slots[i].val;
  printf("hashtable ops=%d count=%u cap=%u hits=%llu misses=%llu dels=%llu vsum=%llu scan=%016llx\n", NOPS,
         t.count, t.cap, (unsigned long long)hits, (unsigned long long)misses, (unsigned long long)dels,
         (unsigned long long)vsum, (unsigned long long)scan);
  free(t.slots);
  return 0;
}
