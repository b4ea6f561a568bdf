// Allocation-heavy code: a hash table with chaining (hundreds of thousands of small mallocs),
// a binary search tree freed and rebuilt, a vector grown by realloc doubling, calloc zeroing,
// interleaved frees, and strdup'd strings.
// e2e: cflags = -O2 | -O0 | -O3 -msimd128
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Entry {
  struct Entry *next;
  char *key;
  uint32_t value;
} Entry;

typedef struct Node {
  struct Node *left, *right;
  int32_t key;
} Node;

static uint32_t hash_str(const char *s) {
  uint32_t h = 2166136261u;
  while (*s) h = (h ^ (uint8_t)*s++) * 16777619u;
  return h;
}

static Node *insert(Node *root, int32_t key) {
  Node **link = &root;
  while (*link) link = key < (*link)->key ? &(*link)->left : &(*link)->right;
  *link = malloc(sizeof(Node));
  if (!*link) { puts("out of memory"); exit(2); }
  (*link)->left = (*link)->right = NULL;
  (*link)->key = key;
  return root;
}

static int height(const Node *n) {
  if (!n) return 0;
  int l = height(n->left), r = height(n->right);
  return 1 + (l > r ? l : r);
}

static int64_t sum_free(Node *n) {
  if (!n) return 0;
  int64_t s = n->key + sum_free(n->left) + sum_free(n->right);
  free(n);
  return s;
}

int main(void) {
  enum { BUCKETS = 4096, KEYS = 60000 };
  Entry **table = calloc(BUCKETS, sizeof(Entry *));
  for (int i = 0; i < BUCKETS; ++i)
    if (table[i]) { puts("calloc did not zero"); return 1; }
  char key[32];
  for (uint32_t i = 0; i < KEYS; ++i) {
    snprintf(key, sizeof key, "key-%u-%x", i * 7919u % 100003u, i);
    Entry *e = malloc(sizeof *e);
    e->key = strdup(key);
    e->value = i;
    uint32_t b = hash_str(key) % BUCKETS;
    e->next = table[b];
    table[b] = e;
  }
  // Delete every third entry.
  uint32_t removed = 0;
  for (int b = 0; b < BUCKETS; ++b) {
    for (Entry **link = &table[b]; *link;) {
      if ((*link)->value % 3 == 0) {
        Entry *dead = *link;
        *link = dead->next;
        free(dead->key);
        free(dead);
        ++removed;
      } else {
        link = &(*link)->next;
      }
    }
  }
  uint64_t check = 0;
  uint32_t longest = 0, remaining = 0;
  for (int b = 0; b < BUCKETS; ++b) {
    uint32_t len = 0;
    for (Entry *e = table[b]; e; e = e->next, ++len) check += hash_str(e->key) ^ e->value;
    remaining += len;
    if (len > longest) longest = len;
  }
  printf("hash table: removed %u remaining %u longest chain %u check %llu\n", removed, remaining, longest,
         (unsigned long long)check);
  for (int b = 0; b < BUCKETS; ++b)
    for (Entry *e = table[b], *next; e; e = next) { next = e->next; free(e->key); free(e); }
  free(table);

  // Trees: built, measured, freed, several times (memory is reused).
  uint32_t x = 1;
  for (int round = 0; round < 4; ++round) {
    Node *root = NULL;
    for (int i = 0; i < 20000; ++i) {
      x ^= x << 13; x ^= x >> 17; x ^= x << 5;
      root = insert(root, (int32_t)(x % 1000000));
    }
    int h = height(root);
    printf("tree %d: height %d sum %lld\n", round, h, (long long)sum_free(root));
  }

  // A vector grown by doubling with realloc; the contents must survive every move.
  size_t cap = 1, len = 0;
  uint32_t *vec = malloc(cap * sizeof *vec);
  for (uint32_t i = 0; i < 3000000; ++i) {
    if (len == cap) {
      cap *= 2;
      uint32_t *grown = realloc(vec, cap * sizeof *vec);
      if (!grown) { puts("realloc failed"); return 1; }
      vec = grown;
    }
    vec[len++] = i * 2654435761u;
  }
  uint64_t vsum = 0;
  for (size_t i = 0; i < len; ++i) {
    if (vec[i] != (uint32_t)i * 2654435761u) { printf("corrupt at %zu\n", i); return 1; }
    vsum += vec[i];
  }
  vec = realloc(vec, 10 * sizeof *vec); // shrink keeps the prefix
  printf("vector: len %zu cap %zu sum %llu first %u %u\n", len, cap, (unsigned long long)vsum, vec[1], vec[9]);
  free(vec);

  // Many blocks of varied sizes, freed in a scrambled order, then reallocated.
  enum { B = 20000 };
  static unsigned char *blocks[B];
  static size_t sizes[B];
  uint64_t bsum = 0;
  for (int pass = 0; pass < 3; ++pass) {
    for (int i = 0; i < B; ++i) {
      sizes[i] = 1 + (size_t)((i * 37 + pass * 11) % 700);
      blocks[i] = malloc(sizes[i]);
      memset(blocks[i], (i + pass) & 0xff, sizes[i]);
    }
    for (int i = 0; i < B; ++i) {
      int j = (int)((i * 7919u) % B);
      bsum += blocks[j][sizes[j] - 1] + sizes[j];
      blocks[j] = realloc(blocks[j], sizes[j] / 2 + 1);
      bsum += blocks[j][0];
    }
    for (int i = 0; i < B; ++i) free(blocks[(i * 104729u) % B]);
  }
  printf("blocks: %llu\n", (unsigned long long)bsum);
  printf("malloc(0) %s, free(NULL) ok\n", "done");
  free(NULL);
  return 0;
}
