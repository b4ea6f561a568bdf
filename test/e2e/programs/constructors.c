// Static constructors and destructors (__attribute__((constructor/destructor)) with priorities),
// their order relative to main and atexit handlers, static data initialised with pointers and
// relocations (tables of strings, pointers into arrays, function pointers in static data).
// e2e: cflags = -O2 | -O0
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char trace[256];
static void note(const char *what) {
  strcat(trace, what);
  strcat(trace, " ");
}

__attribute__((constructor(200))) static void ctor_late(void) { note("ctor200"); }
__attribute__((constructor(101))) static void ctor_early(void) { note("ctor101"); }
__attribute__((constructor)) static void ctor_default(void) { note("ctor"); }
__attribute__((destructor(150))) static void dtor_150(void) { printf("dtor150 (trace: %s)\n", trace); }
__attribute__((destructor)) static void dtor_default(void) { printf("dtor default\n"); }
static void at_exit(void) { printf("atexit handler\n"); }

static int initialised_by_ctor = -1;
__attribute__((constructor(300))) static void set_value(void) { initialised_by_ctor = 12345; }

static const char *const names[] = {"zero", "one", "two", "three"};
static int data[8] = {10, 11, 12, 13, 14, 15, 16, 17};
static int *const pointers[] = {&data[0], &data[3], &data[7]};
static int twice(int x) { return 2 * x; }
static int square(int x) { return x * x; }
static struct { const char *name; int (*fn)(int); } table[] = {{"twice", twice}, {"square", square}};
static const char message[] = "static string";
static const char *const message_tail = message + 7;

int main(void) {
  note("main");
  printf("trace at main: %s\n", trace);
  printf("value set by a constructor: %d\n", initialised_by_ctor);
  atexit(at_exit);
  for (int i = 0; i < 4; ++i) printf("%s ", names[i]);
  printf("\n%d %d %d\n", *pointers[0], *pointers[1], *pointers[2]);
  for (int i = 0; i < 2; ++i) printf("%s(7) = %d\n", table[i].name, table[i].fn(7));
  printf("%s / %s\n", message, message_tail);
  return 0;
}
