// qsort and bsearch with comparison callbacks (function pointers -> call_indirect): integers,
// strings, structs with several keys, a stable sort built on qsort, and comparators chosen at run
// time from a table.
// e2e: cflags = -O2 | -O0 | -O3 -msimd128
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char name[12];
  int32_t age;
  double score;
  uint32_t index;
} Person;

static int cmp_int_asc(const void *a, const void *b) {
  int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  return (x > y) - (x < y);
}
static int cmp_int_desc(const void *a, const void *b) { return cmp_int_asc(b, a); }
static int cmp_int_abs(const void *a, const void *b) {
  int64_t x = llabs(*(const int32_t *)a), y = llabs(*(const int32_t *)b);
  if (x != y) return (x > y) - (x < y);
  return cmp_int_asc(a, b);
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static int cmp_str_len(const void *a, const void *b) {
  size_t x = strlen(*(char *const *)a), y = strlen(*(char *const *)b);
  return x != y ? (x < y ? -1 : 1) : cmp_str(a, b);
}
static int cmp_person(const void *a, const void *b) {
  const Person *p = a, *q = b;
  if (p->age != q->age) return p->age - q->age;
  if (p->score != q->score) return p->score < q->score ? 1 : -1;
  int c = strcmp(p->name, q->name);
  return c ? c : (int)p->index - (int)q->index; // stable
}
static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static uint32_t rng = 12345;
static uint32_t next(void) { rng = rng * 1103515245u + 12345u; return rng >> 1; }

int main(void) {
  enum { N = 5000 };
  static int32_t v[N];
  int (*const comparators[])(const void *, const void *) = {cmp_int_asc, cmp_int_desc, cmp_int_abs};
  const char *names[] = {"asc", "desc", "abs"};
  for (int c = 0; c < 3; ++c) {
    for (int i = 0; i < N; ++i) v[i] = (int32_t)(next() % 20001) - 10000;
    qsort(v, N, sizeof v[0], comparators[c]);
    int sorted = 1;
    uint64_t h = 0;
    for (int i = 0; i < N; ++i) {
      if (i && comparators[c](&v[i - 1], &v[i]) > 0) sorted = 0;
      h = h * 31 + (uint32_t)v[i];
    }
    printf("%s: sorted %d first %d last %d hash %llu\n", names[c], sorted, v[0], v[N - 1], (unsigned long long)h);
  }
  qsort(v, N, sizeof v[0], cmp_int_asc);
  int hits = 0;
  for (int32_t key = -10000; key <= 10000; key += 37)
    hits += bsearch(&key, v, N, sizeof v[0], cmp_int_asc) != NULL;
  printf("bsearch hits %d\n", hits);

  const char *words[] = {"pear", "apple", "fig", "banana", "kiwi", "cherry", "date", "elderberry", "grape", "lime",
                         "Apple", "zucchini", "", "a", "ab", "abc", "b"};
  enum { W = sizeof words / sizeof words[0] };
  const char *w[W];
  memcpy(w, words, sizeof w);
  qsort(w, W, sizeof w[0], cmp_str);
  for (int i = 0; i < W; ++i) printf("%s%s", i ? "," : "", w[i]);
  printf("\n");
  qsort(w, W, sizeof w[0], cmp_str_len);
  for (int i = 0; i < W; ++i) printf("%s%s", i ? "," : "", w[i]);
  printf("\n");

  static Person people[300];
  for (int i = 0; i < 300; ++i) {
    snprintf(people[i].name, sizeof people[i].name, "p%03u", next() % 50);
    people[i].age = 18 + (int32_t)(next() % 10);
    people[i].score = (double)(next() % 7) / 2;
    people[i].index = (uint32_t)i;
  }
  qsort(people, 300, sizeof people[0], cmp_person);
  for (int i = 0; i < 300; i += 23)
    printf("%s age %d score %.1f index %u\n", people[i].name, people[i].age, people[i].score, people[i].index);

  double d[64];
  for (int i = 0; i < 64; ++i) d[i] = (double)(int32_t)(next() % 1000 - 500) / 8.0;
  qsort(d, 64, sizeof d[0], cmp_double);
  printf("doubles %g %g %g %g\n", d[0], d[1], d[32], d[63]);
  return 0;
}
