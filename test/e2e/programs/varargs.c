// Variadic functions: a printf-like formatter written with va_arg over int, unsigned, long long,
// double, char * and pointers; va_copy to walk the list twice; vsnprintf forwarding; many
// arguments; promotion of char/short/float arguments.
// e2e: cflags = -O2 | -O0
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

// Spec letters: i int, u unsigned, L long long, d double, f float, s string, c char, h short.
static int64_t sum_all(const char *spec, ...) {
  va_list ap, again;
  va_start(ap, spec);
  va_copy(again, ap);
  double total = 0;
  for (const char *p = spec; *p; ++p) {
    switch (*p) {
    case 'i': total += va_arg(ap, int); break;
    case 'u': total += va_arg(ap, unsigned); break;
    case 'L': total += (double)va_arg(ap, long long); break;
    case 'd': case 'f': total += va_arg(ap, double); break; // float is promoted to double
    case 's': total += (double)strlen(va_arg(ap, const char *)); break;
    case 'c': total += va_arg(ap, int); break; // char is promoted to int
    case 'h': total += va_arg(ap, int); break; // so is short
    }
  }
  va_end(ap);
  // Second walk with the copy: print the arguments.
  for (const char *p = spec; *p; ++p) {
    switch (*p) {
    case 'i': printf("i:%d ", va_arg(again, int)); break;
    case 'u': printf("u:%u ", va_arg(again, unsigned)); break;
    case 'L': printf("L:%lld ", va_arg(again, long long)); break;
    case 'd': printf("d:%.17g ", va_arg(again, double)); break;
    case 'f': printf("f:%g ", va_arg(again, double)); break;
    case 's': printf("s:%s ", va_arg(again, const char *)); break;
    case 'c': printf("c:%c ", (char)va_arg(again, int)); break;
    case 'h': printf("h:%d ", (short)va_arg(again, int)); break;
    }
  }
  va_end(again);
  printf("\n");
  return (int64_t)total;
}

static char log_buffer[512];
__attribute__((format(printf, 2, 3))) static int log_line(const char *level, const char *format, ...) {
  va_list ap;
  va_start(ap, format);
  int n = snprintf(log_buffer, sizeof log_buffer, "[%s] ", level);
  n += vsnprintf(log_buffer + n, sizeof log_buffer - (size_t)n, format, ap);
  va_end(ap);
  puts(log_buffer);
  return n;
}

static int64_t many(int count, ...) {
  va_list ap;
  va_start(ap, count);
  int64_t acc = 0;
  for (int i = 0; i < count; ++i) {
    if (i % 3 == 2) acc = acc * 3 + (int64_t)va_arg(ap, double);
    else if (i % 3 == 1) acc = acc * 3 + va_arg(ap, long long);
    else acc = acc * 3 + va_arg(ap, int);
  }
  va_end(ap);
  return acc;
}

int main(void) {
  char c = 'x';
  short h = -1234;
  float f = 1.25f; // promoted to double
  printf("total %lld\n", (long long)sum_all("iuLdscfh", -5, 4000000000u, -9000000000000ll, 0.5, "hello", c, (double)f, h));
  printf("total %lld\n", (long long)sum_all("ddddddddddiiiiiiiiii", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.5, 1, 2,
                                            3, 4, 5, 6, 7, 8, 9, 10));
  printf("total %lld\n", (long long)sum_all(""));
  int n = log_line("info", "%d items, %s, %.3f, %llx, %c%c", 42, "ok", 3.14159, 0xabcdefULL, 'o', 'k');
  printf("log length %d\n", n);
  log_line("warn", "%s", "a plain string with % signs %% in it");
  printf("many %lld\n", (long long)many(30, 1, 2LL, 3.0, 4, 5LL, 6.0, 7, 8LL, 9.0, 10, 11LL, 12.0, 13, 14LL, 15.0, 16,
                                        17LL, 18.0, 19, 20LL, 21.0, 22, 23LL, 24.0, 25, 26LL, 27.0, 28, 29LL, 30.0));
  return 0;
}
