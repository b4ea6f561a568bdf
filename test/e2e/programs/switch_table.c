// switch statements: dense ones (lowered to br_table), sparse ones (compare trees), switches
// on characters driving a tokenizer state machine, fallthrough, negative and huge case values,
// default in the middle, and a 256-way dense switch.
// e2e: cflags = -O2 | -O0 | -Os | -O3 -msimd128
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
#include <stdint.h>
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) static int dense(int x) {
  switch (x) {
  case 0: return 17;
  case 1: return 3;
  case 2: return -8;
  case 3: return 100;
  case 4: return 55;
  case 5: return 1000;
  case 6: return 6;
  case 7: return -77;
  case 8: return 8888;
  case 9: return 9;
  case 10: return 1;
  case 12: return 12;
  default: return -1;
  }
}

__attribute__((noinline)) static int sparse(int64_t x) {
  switch (x) {
  case -1000000000000ll: return 1;
  case -5: return 2;
  case 0: return 3;
  case 17: return 4;
  case 1000: return 5;
  case 65536: return 6;
  case 0x7fffffff: return 7;
  case 0x100000000ll: return 8;
  case INT64_MAX: return 9;
  default: return 0;
  }
}

__attribute__((noinline)) static int fallthrough(unsigned x) {
  int r = 0;
  switch (x) {
  case 0: r += 1; // fall through
  case 1: r += 10;
  case 2: r += 100; break;
  default: r = -1;
  case 3: r += 1000; // default in the middle, falling into case 3
  case 4: r += 10000; break;
  case 5: return 5;
  }
  return r;
}

// A 256-way dense switch on a byte: classify and transform.
__attribute__((noinline)) static unsigned big(unsigned char c) {
  switch (c) {
#define C4(n) case n: return (n) * 7u ^ 0x5a; case n + 1: return (n + 1) * 13u; case n + 2: return (n + 2) + 1000u; case n + 3: return ~(unsigned)(n + 3) & 0xfff;
#define C16(n) C4(n) C4(n + 4) C4(n + 8) C4(n + 12)
#define C64(n) C16(n) C16(n + 16) C16(n + 32) C16(n + 48)
    C64(0) C64(64) C64(128) C64(192)
  }
  return 0;
}

enum Token { T_NUM, T_IDENT, T_OP, T_LPAREN, T_RPAREN, T_STRING, T_END, T_ERROR };

// A tokenizer: a state machine whose transitions are switches on the character class.
static int tokenize(const char *s, int counts[8]) {
  int n = 0;
  for (;;) {
    char c = *s;
    switch (c) {
    case '\0': counts[T_END]++; return n;
    case ' ': case '\t': case '\n': s++; continue;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
      while (*s >= '0' && *s <= '9') s++;
      counts[T_NUM]++;
      break;
    case '+': case '-': case '*': case '/': case '%': case '=': case '<': case '>': case '!': case '&': case '|':
      s++;
      if (*s == '=' || (*s == c && (c == '&' || c == '|' || c == '<' || c == '>'))) s++;
      counts[T_OP]++;
      break;
    case '(': s++; counts[T_LPAREN]++; break;
    case ')': s++; counts[T_RPAREN]++; break;
    case '"':
      s++;
      while (*s && *s != '"') s += (*s == '\\' && s[1]) ? 2 : 1;
      if (*s) s++;
      counts[T_STRING]++;
      break;
    default:
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
        while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_' || (*s >= '0' && *s <= '9')) s++;
        counts[T_IDENT]++;
      } else {
        s++;
        counts[T_ERROR]++;
      }
    }
    n++;
  }
}

int main(void) {
  for (int i = -3; i < 16; ++i) printf("dense(%d)=%d ", i, dense(i));
  printf("\n");
  static const int64_t probes[] = {-1000000000000ll, -5, -4, 0, 17, 18, 1000, 65536, 65537, 0x7fffffff,
                                   0x80000000ll, 0x100000000ll, INT64_MAX, INT64_MIN};
  for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; ++i) printf("%d", sparse(probes[i]));
  printf("\n");
  for (unsigned i = 0; i < 8; ++i) printf("fallthrough(%u)=%d ", i, fallthrough(i));
  printf("fallthrough(-1)=%d\n", fallthrough(0xffffffffu));
  unsigned h = 0;
  for (int r = 0; r < 100; ++r)
    for (int c = 0; c < 256; ++c) h = h * 33 + big((unsigned char)(c ^ r));
  printf("big %u %u %u %u\n", big(0), big(255), big(128), h);
  int counts[8] = {0};
  const char *program = "let x1 = (a + 42) * foo_bar(\"s\\\"tr\", 7) >= 10 && !y || z << 3; # ? @\n"
                        "while (i != 0) { i -= 1; total %= 1000; }";
  int n = tokenize(program, counts);
  printf("tokens %d: num %d ident %d op %d ( %d ) %d str %d end %d err %d\n", n, counts[0], counts[1], counts[2],
         counts[3], counts[4], counts[5], counts[6], counts[7]);
  return 0;
}
