// __int128 arithmetic (compiler-rt's __multi3/__udivti3/__divti3 inside the module): products,
// quotients, remainders, shifts and conversions, printed with a hand-written formatter.
// e2e: cflags = -O2 | -O0 | -O3 -msimd128
// e2e: oracle = node host
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef __wasm__
// Debian's compiler-rt for wasm32 (which provides __multi3, __udivti3, ...) is built with a stack
// protector, and wasi-libc does not define its symbols.
uintptr_t __stack_chk_guard = 0x2f8a4c91u;
void __stack_chk_fail(void) { __builtin_trap(); }
#endif

typedef unsigned __int128 u128;
typedef __int128 i128;

static void print_u128(const char *label, u128 v) {
  char buf[64];
  int i = sizeof buf - 1;
  buf[i] = '\0';
  do { buf[--i] = (char)('0' + (int)(v % 10)); v /= 10; } while (v);
  printf("%s%s\n", label, &buf[i]);
}

static void print_i128(const char *label, i128 v) {
  if (v < 0) {
    char l[64];
    snprintf(l, sizeof l, "%s-", label);
    print_u128(l, (u128)0 - (u128)v);
  } else {
    print_u128(label, (u128)v);
  }
}

static volatile uint64_t va = 0xfedcba9876543210ull, vb = 0x0123456789abcdefull;

int main(void) {
  u128 f = 1;
  for (int i = 1; i <= 34; ++i) f *= (u128)i;
  print_u128("34! = ", f);
  f *= 35; // wraps modulo 2^128
  print_u128("35! mod 2^128 = ", f);
  u128 max = ~(u128)0;
  print_u128("u128 max = ", max);
  i128 imin = (i128)((u128)1 << 127);
  print_i128("i128 min = ", imin);
  print_i128("i128 min / 7 = ", imin / 7);
  print_i128("i128 min % 7 = ", imin % 7);
  u128 a = ((u128)va << 64) | vb, b = ((u128)vb << 32) | 12345;
  print_u128("a = ", a);
  print_u128("a / b = ", a / b);
  print_u128("a % b = ", a % b);
  print_u128("a * b = ", a * b);
  print_u128("a >> 67 = ", a >> 67);
  print_u128("a << 93 = ", a << 93);
  print_i128("(i128)a >> 100 = ", (i128)a >> 100);
  print_i128("-a / 3 = ", -(i128)a / 3);
  // 64x64 -> 128 high halves (mulhi), as used by fast division and hashing.
  uint64_t hi = (uint64_t)(((u128)va * vb) >> 64);
  int64_t shi = (int64_t)(((i128)(int64_t)va * (int64_t)vb) >> 64);
  printf("mulhi %016llx smulhi %lld\n", (unsigned long long)hi, (long long)shi);
  // Fibonacci in 128 bits.
  u128 x = 0, y = 1;
  for (int i = 0; i < 180; ++i) { u128 t = x + y; x = y; y = t; }
  print_u128("fib(180) = ", x);
  double d = (double)a;
  u128 back = (u128)d;
  printf("(double)a = %.17g\n", d);
  print_u128("(u128)(double)a = ", back);
  print_i128("(i128)-1e30 = ", (i128)-1e30);
  return 0;
}
