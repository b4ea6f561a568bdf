// The command line and the environment: argc/argv with empty arguments, spaces, quotes,
// UTF-8 and long arguments; getenv of set, empty and unset variables; the whole environ
// (exactly the variables given: nothing of the host's leaks in); setenv/unsetenv inside the
// program. argv[0] is not printed (engines name the program differently).
// e2e: cflags = -O2 | -O0
// e2e: oracle = node host
// e2e: env = E2E_GREETING=hello E2E_EMPTY= E2E_SPACES=a\ b\ \ c E2E_EQUALS=x=y=z
// e2e: run: args=
// e2e: run: args=one two three
// e2e: run: args="" "with space" 'single' "tab	here" -x --flag=value
// e2e: run: args=café 日本語 "ünïcödé" \* ? ~
// e2e: run: args=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void show(const char *name) {
  const char *value = getenv(name);
  if (value) printf("getenv(%s) = \"%s\" (%zu)\n", name, value, strlen(value));
  else printf("getenv(%s) = NULL\n", name);
}

int main(int argc, char **argv) {
  printf("argc %d, argv[0] %s, argv[argc] %s\n", argc, argv[0] && argv[0][0] ? "set" : "empty",
         argv[argc] ? "not NULL" : "NULL");
  for (int i = 1; i < argc; ++i) {
    printf("argv[%d] (%zu bytes) = [%s]", i, strlen(argv[i]), argv[i]);
    for (const unsigned char *c = (const unsigned char *)argv[i]; *c; ++c)
      if (*c >= 0x80 || *c < 0x20) printf(" %02x", *c);
    printf("\n");
  }
  show("E2E_GREETING");
  show("E2E_EMPTY");
  show("E2E_SPACES");
  show("E2E_EQUALS");
  show("E2E_UNSET_VARIABLE");
  show("PATH");
  show("HOME");
  show("E2E_HOST_ONLY");
  // The whole environment, sorted (the order is not specified).
  size_t n = 0;
  while (environ && environ[n]) ++n;
  char **copy = malloc((n + 1) * sizeof *copy);
  for (size_t i = 0; i < n; ++i) copy[i] = environ[i];
  qsort(copy, n, sizeof *copy, cmp);
  printf("environ has %zu entries\n", n);
  for (size_t i = 0; i < n; ++i) printf("  %s\n", copy[i]);
  setenv("E2E_NEW", "created", 1);
  setenv("E2E_GREETING", "replaced", 1);
  setenv("E2E_EMPTY", "kept", 0);
  unsetenv("E2E_SPACES");
  show("E2E_NEW");
  show("E2E_GREETING");
  show("E2E_EMPTY");
  show("E2E_SPACES");
  return argc - 1;
}
