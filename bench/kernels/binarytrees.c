/* binary-trees (Computer Language Benchmarks Game): allocate and free many
 * small trees with malloc/free, check node counts. */
#include "common.h"

#ifndef MAXDEPTH
#define MAXDEPTH 18
#endif

typedef struct node { struct node *l, *r; } node;

static node *make(int d) {
  node *n = (node *)malloc(sizeof(node));
  if (!n) { printf("oom\n"); exit(2); }
  if (d > 0) { n->l = make(d - 1); n->r = make(d - 1); }
  else n->l = n->r = 0;
  return n;
}
static uint32_t check(const node *n) { return 1 + (n->l ? check(n->l) + check(n->r) : 0); }
static void release(node *n) {
  if (n->l) { release(n->l); release(n->r); }
  free(n);
}

int main(void) {
  int maxd = MAXDEPTH, mind = 4;
  node *stretch = make(maxd + 1);
  printf("stretch tree of depth %d\t check: %u\n", maxd + 1, check(stretch));
  release(stretch);
  node *longlived = make(maxd);
  for (int d = mind; d <= maxd; d += 2) {
    uint32_t iters = 1u << (maxd - d + mind), c = 0;
    for (uint32_t i = 0; i < iters; i++) {
      node *t = make(d);
      c += check(t);
      release(t);
    }
    printf("%u\t trees of depth %d\t check: %u\n", iters, d, c);
  }
  printf("long lived tree of depth %d\t check: %u\n", maxd, check(longlived));
  release(longlived);
  return 0;
}
