// Competitive-programming style input: scanf("%d") of a count and that many numbers (spread over
// lines), sorting them, answering queries with binary search, then scanf of doubles until a
// token that does not parse, and getline() of what is left. Also an empty input (scanf returns EOF).
// e2e: cflags = -O2 | -O0 | -O3 -msimd128
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
// e2e: run: stdin=inputs/numbers.txt
// e2e: run: args=empty
// e2e: run: stdin=inputs/numbers.txt; pipe=trickle
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

static int cmp(const void *a, const void *b) {
  int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  return (x > y) - (x < y);
}

int main(void) {
  int n;
  int r = scanf("%d", &n);
  if (r != 1) {
    printf("no count: scanf returned %d (EOF is %d)\n", r, EOF);
    return 0;
  }
  int32_t *v = malloc((size_t)n * sizeof *v);
  int64_t sum = 0;
  for (int i = 0; i < n; ++i) {
    if (scanf("%d", &v[i]) != 1) { printf("short input at %d\n", i); return 1; }
    sum += v[i];
  }
  qsort(v, (size_t)n, sizeof *v, cmp);
  printf("n %d sum %lld min %d max %d median %d\n", n, (long long)sum, v[0], v[n - 1], v[n / 2]);
  int below = 0;
  for (int32_t q = -1000000000; q <= 1000000000; q += 99999999) {
    int lo = 0, hi = n;
    while (lo < hi) { int mid = (lo + hi) / 2; if (v[mid] < q) lo = mid + 1; else hi = mid; }
    below += lo;
  }
  printf("rank sum %d\n", below);
  double d, total = 0;
  int doubles = 0;
  while (scanf("%lf", &d) == 1) { total += d; ++doubles; }
  printf("%d doubles, total %.17g\n", doubles, total);
  char *line = NULL;
  size_t cap = 0;
  ssize_t len = getline(&line, &cap, stdin);
  printf("rest of the line: %zd [%s]\n", len, len > 0 ? strtok(line, "\n") : "");
  printf("then getline returns %zd at EOF\n", getline(&line, &cap, stdin));
  free(line);
  free(v);
  return 0;
}
