// String handling in libc: snprintf with widths, precisions, flags and truncation; strtol/
// strtoul/strtoll in several bases with overflow (errno ERANGE) and end pointers; strtod of
// decimal, hex, inf/nan and overflowing input; sscanf; and string.h functions (memmove overlap,
// strstr, strtok, strspn, strncpy padding, strncmp, memchr, toupper).
// e2e: cflags = -O2 | -O0 | -O3 -msimd128
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  char buf[256];
  int n = snprintf(buf, sizeof buf, "[%5d|%-5d|%05d|%+d|% d|%x|%X|%#x|%o|%#o|%c|%%|%.3s|%10.4s|%-6s|]", 42, 42, 42, 42,
                   42, 0xbeefu, 0xbeefu, 255u, 8u, 8u, 'Z', "abcdef", "abcdef", "ab");
  printf("%d %s\n", n, buf);
  n = snprintf(buf, sizeof buf, "%" PRId64 " %" PRIu64 " %" PRIx64 " %lld %hhd %hd %hhu %zu %jd", INT64_MIN, UINT64_MAX,
               (uint64_t)0xfedcba9876543210ull, -1234567890123ll, (signed char)200, (short)70000, (unsigned char)300,
               (size_t)12345, (intmax_t)-5);
  printf("%d %s\n", n, buf);
  char small[8];
  n = snprintf(small, sizeof small, "truncated output %d", 12345);
  printf("would be %d, got '%s'\n", n, small);
  printf("%*d|%-*d|%.*f|%*.*s|\n", 6, 7, 6, 7, 2, 3.14159, 5, 2, "xyz");
  printf("%s\n", snprintf(NULL, 0, "%d", 123456) == 6 ? "snprintf(NULL,0) counts" : "bad count");

  struct { const char *s; int base; } longs[] = {
      {"12345", 10}, {"  -42xyz", 10}, {"0x1fz", 16}, {"0x1f", 0}, {"0755", 0}, {"z", 36}, {"-0", 10},
      {"2147483647", 10}, {"2147483648", 10}, {"-2147483649", 10}, {"99999999999999999999", 10}, {"", 10},
      {"+", 10}, {"1010", 2}, {"  +7", 8},
  };
  for (unsigned i = 0; i < sizeof longs / sizeof longs[0]; ++i) {
    char *end;
    errno = 0;
    long long v = strtoll(longs[i].s, &end, longs[i].base);
    int e1 = errno;
    errno = 0;
    int32_t v32 = (int32_t)strtol(longs[i].s, NULL, longs[i].base); // long is 32 bits on wasm32 only
    (void)v32;
    errno = 0;
    unsigned long long u = strtoull(longs[i].s, NULL, longs[i].base);
    int e2 = errno;
    printf("strtoll(\"%s\", %d) = %lld rest \"%s\" ERANGE %d | strtoull %llu ERANGE %d\n", longs[i].s, longs[i].base,
           v, end, e1 == ERANGE, u, e2 == ERANGE);
  }

  const char *doubles[] = {"3.14159", "-2.5e-3", "1e308", "1e309", "-1e309", "4.9e-324", "1e-400", "0x1.8p3",
                           "0X.8P-1", "inf", "-Infinity", "nan", "  12abc", "abc", "0.1", "123456789012345678901234567890",
                           "2.2250738585072011e-308", "1.7976931348623157e308"};
  for (unsigned i = 0; i < sizeof doubles / sizeof doubles[0]; ++i) {
    char *end;
    errno = 0;
    double d = strtod(doubles[i], &end);
    // ERANGE for a subnormal result is implementation-defined (glibc sets it, musl does not).
    int range = (d == 0 || d > 1e308 || d < -1e308) ? errno == ERANGE : -1;
    float f = strtof(doubles[i], NULL);
    printf("strtod(\"%s\") = %.17g (%s) consumed %d ERANGE %d strtof %.9g\n", doubles[i], d,
           d != d ? "nan" : d > 0 ? "pos" : d < 0 ? "neg" : "zero", (int)(end - doubles[i]), range, (double)f);
  }

  int a, b;
  char word[16];
  double x;
  unsigned hex;
  n = sscanf("  17 -4 hello 2.5e2 ff rest", "%d %d %15s %lf %x", &a, &b, word, &x, &hex);
  printf("sscanf %d: %d %d %s %g %u\n", n, a, b, word, x, hex);
  n = sscanf("12:34:56", "%d:%d:%d", &a, &b, &hex);
  printf("sscanf %d: %d %d %u\n", n, a, b, hex);
  n = sscanf("abc", "%d", &a);
  printf("sscanf no match %d, empty %d\n", n, sscanf("", "%d", &a));
  char name[8];
  int age;
  n = sscanf("name=bob;age=42", "name=%7[^;];age=%d", name, &age);
  printf("sscanf scanset %d: %s %d\n", n, name, age);

  char m[32] = "0123456789abcdefghij";
  memmove(m + 4, m, 10);
  printf("memmove up: %s\n", m);
  memmove(m, m + 6, 10);
  printf("memmove down: %s\n", m);
  char pad[8];
  memset(pad, 'x', sizeof pad);
  strncpy(pad, "ab", sizeof pad);
  printf("strncpy pads: %d %d %d\n", pad[2], pad[7], (int)strlen(pad));
  char text[] = "the quick, brown fox;; jumps over,the lazy dog";
  int words = 0;
  for (char *t = strtok(text, " ,;"); t; t = strtok(NULL, " ,;")) printf("%s%s", words++ ? "|" : "", t);
  printf(" (%d)\n", words);
  const char *hay = "abracadabra";
  printf("strstr %d strchr %d strrchr %d strspn %zu strcspn %zu memchr %d strncmp %d strcmp-sign %d\n",
         (int)(strstr(hay, "cad") - hay), (int)(strchr(hay, 'c') - hay), (int)(strrchr(hay, 'a') - hay),
         strspn(hay, "abr"), strcspn(hay, "dc"), (int)((const char *)memchr(hay, 'd', 11) - hay),
         strncmp(hay, "abraXYZ", 4), strcmp("abc", "abd") < 0);
  char up[] = "Hello, World! 123 xyz";
  for (char *c = up; *c; ++c) *c = (char)toupper((unsigned char)*c);
  printf("%s %d %d %d\n", up, isalpha('q') != 0, isdigit('7') != 0, isspace('\v') != 0);
  printf("atoi %d atol %ld atof %g\n", atoi("  -123abc"), (long)atol("99"), atof("1.25e1"));
  return 0;
}
