// Programs that trap, one trap per run (chosen by argv[1]). wasmc must print
// "wasm trap: <reason>" and a backtrace and exit with 134; node must trap the same way. What was
// written and flushed before the trap must come out; what was still buffered is lost everywhere.
// Also the operations that look dangerous but must NOT trap in WebAssembly: INT_MIN % -1 is 0.
// e2e: cflags = -O2 | -O0
// e2e: wasmc = -O2 | -O0
// e2e: run: args=oob-load; trap=out of bounds memory access
// e2e: run: args=oob-store; trap=out of bounds memory access
// e2e: run: args=oob-straddle; trap=out of bounds memory access
// e2e: run: args=oob-first-byte-past-end; trap=out of bounds memory access
// e2e: run: args=oob-after-grow; trap=out of bounds memory access
// e2e: run: args=oob-memcpy; trap=out of bounds memory access
// e2e: run: args=oob-i64-store; trap=out of bounds memory access
// e2e: run: args=null-function; trap=uninitialized element
// e2e: run: args=function-index-past-table; trap=undefined element
// e2e: run: args=wrong-signature; trap=indirect call type mismatch
// e2e: run: args=div-zero; trap=integer divide by zero; backtrace=main
// e2e: run: args=div-zero-unsigned; trap=integer divide by zero
// e2e: run: args=rem-zero-64; trap=integer divide by zero
// e2e: run: args=div-overflow; trap=integer overflow
// e2e: run: args=div-overflow-64; trap=integer overflow
// e2e: run: args=rem-overflow-is-zero; exit=0
// e2e: run: args=builtin-trap; trap=unreachable
// e2e: run: args=abort; trap=unreachable
// e2e: run: args=deep-unreachable; trap=unreachable; backtrace=level3 level2 level1 main
// e2e: run: args=shadow-stack-overflow; trap=out of bounds memory access
// e2e: run: args=unflushed-then-trap; trap=unreachable
// e2e: run: args=trunc-nan; trap=invalid conversion to integer
// e2e: run: args=trunc-nan-f32-u64; trap=invalid conversion to integer
// e2e: run: args=trunc-too-big; trap=integer overflow
// e2e: run: args=trunc-negative-unsigned; trap=integer overflow
// e2e: run: args=trunc-infinity-i64; trap=integer overflow
// e2e: run: args=trunc-boundaries; exit=0
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile int32_t zero32 = 0, minus_one32 = -1, int_min32 = INT32_MIN;
static volatile int64_t zero64 = 0, minus_one64 = -1, int_min64 = INT64_MIN;
static volatile double nan_d = __builtin_nan(""), big_d = 2147483648.0, minus_one_d = -1.0, inf_d = __builtin_inf();
static volatile float nan_f = __builtin_nanf("");
static volatile uintptr_t far_address = 0xfffffff0u;

typedef int (*IntFn)(int);
typedef double (*DoubleFn)(double);
static int triple(int x) { return 3 * x; }
static IntFn volatile null_fn = NULL;
static IntFn volatile good_fn = triple;

// Each call takes 1 KiB of the shadow stack (linear memory, 64 KiB by default, placed first by
// wasm-ld): it runs out long before the native stack, and the stack pointer wraps below address 0,
// so the next store is out of bounds in every engine. (stack_overflow.c exhausts the call stack.)
__attribute__((noinline)) static unsigned shadow_recurse(unsigned n) {
  volatile unsigned char frame[1024];
  frame[n % 1024] = (unsigned char)n;
  return shadow_recurse(n + 1) + frame[(n * 7) % 1024]; // not a tail call
}

__attribute__((noinline)) static void level3(int x) { if (x >= 0) __builtin_trap(); }
__attribute__((noinline)) static void level2(int x) { level3(x + 1); printf("not reached\n"); }
__attribute__((noinline)) static void level1(int x) { level2(x * 2); printf("not reached\n"); }

static char *memory_end(void) { return (char *)(__builtin_wasm_memory_size(0) * 65536); }

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "";
  printf("about to: %s\n", what);
  fflush(stdout); // this line must appear in every engine
  if (!strcmp(what, "oob-load")) printf("%d\n", *(volatile int32_t *)far_address);
  else if (!strcmp(what, "oob-store")) *(volatile int32_t *)far_address = 1;
  else if (!strcmp(what, "oob-straddle")) printf("%d\n", *(volatile int32_t *)(memory_end() - 2)); // 2 of 4 bytes inside
  else if (!strcmp(what, "oob-first-byte-past-end")) {
    volatile char *last = memory_end() - 1;
    *last = 5; // the last byte is fine
    printf("last byte ok: %d\n", *last);
    fflush(stdout);
    printf("%d\n", last[1]);
  } else if (!strcmp(what, "oob-after-grow")) {
    char *end = memory_end();
    if (__builtin_wasm_memory_grow(0, 1) == (size_t)-1) return 2;
    end[65535] = 1; // inside the new page
    printf("new page ok\n");
    fflush(stdout);
    ((volatile char *)end)[65536] = 2; // just past it
  } else if (!strcmp(what, "oob-memcpy")) {
    static char buffer[64];
    memcpy(buffer, memory_end() - 16, 32);
    printf("%d\n", buffer[0]);
  } else if (!strcmp(what, "oob-i64-store")) *(volatile int64_t *)(memory_end() - 7) = 1;
  else if (!strcmp(what, "null-function")) printf("%d\n", null_fn(1));
  else if (!strcmp(what, "function-index-past-table")) printf("%d\n", ((IntFn)(uintptr_t)0x7fffff)(1));
  else if (!strcmp(what, "wrong-signature")) {
    printf("right type: %d\n", good_fn(5));
    fflush(stdout);
    printf("%g\n", ((DoubleFn)good_fn)(1.0));
  } else if (!strcmp(what, "div-zero")) printf("%d\n", 7 / zero32);
  else if (!strcmp(what, "div-zero-unsigned")) printf("%u\n", 7u / (uint32_t)zero32);
  else if (!strcmp(what, "rem-zero-64")) printf("%lld\n", (long long)(7 % zero64));
  else if (!strcmp(what, "div-overflow")) printf("%d\n", int_min32 / minus_one32);
  else if (!strcmp(what, "div-overflow-64")) printf("%lld\n", (long long)(int_min64 / minus_one64));
  else if (!strcmp(what, "rem-overflow-is-zero")) {
    // Undefined in C, but clang emits i32/i64.rem_s, which WebAssembly defines to be 0 here
    // (a native idiv would fault).
    printf("INT32_MIN %% -1 = %d, INT64_MIN %% -1 = %lld\n", int_min32 % minus_one32, (long long)(int_min64 % minus_one64));
  } else if (!strcmp(what, "builtin-trap")) __builtin_trap();
  else if (!strcmp(what, "abort")) abort();
  else if (!strcmp(what, "deep-unreachable")) level1(argc);
  else if (!strcmp(what, "shadow-stack-overflow")) printf("%u\n", shadow_recurse(0));
  else if (!strcmp(what, "unflushed-then-trap")) {
    printf("this line stays in the stdio buffer and is lost\n");
    __builtin_trap();
  }
  // The trapping float-to-integer conversions (clang's default (int)d guards them with a range check).
  else if (!strcmp(what, "trunc-nan")) printf("%d\n", __builtin_wasm_trunc_s_i32_f64(nan_d));
  else if (!strcmp(what, "trunc-nan-f32-u64")) printf("%llu\n", (unsigned long long)__builtin_wasm_trunc_u_i64_f32(nan_f));
  else if (!strcmp(what, "trunc-too-big")) printf("%d\n", __builtin_wasm_trunc_s_i32_f64(big_d));
  else if (!strcmp(what, "trunc-negative-unsigned")) printf("%u\n", __builtin_wasm_trunc_u_i32_f64(minus_one_d));
  else if (!strcmp(what, "trunc-infinity-i64")) printf("%lld\n", (long long)__builtin_wasm_trunc_s_i64_f64(-inf_d));
  else if (!strcmp(what, "trunc-boundaries")) {
    // Just inside the ranges: no trap. (-1, 2^32) for u32 means -0.99 -> 0.
    volatile double d1 = 2147483647.9, d2 = -2147483648.9, d3 = -0.99, d4 = 4294967295.9, d5 = -9223372036854774784.0;
    volatile float f1 = 2147483520.0f, f2 = -0.99f, f3 = 18446742974197923840.0f;
    printf("%d %d %u %u %lld | %d %u %llu\n", __builtin_wasm_trunc_s_i32_f64(d1), __builtin_wasm_trunc_s_i32_f64(d2),
           __builtin_wasm_trunc_u_i32_f64(d3), __builtin_wasm_trunc_u_i32_f64(d4),
           (long long)__builtin_wasm_trunc_s_i64_f64(d5), __builtin_wasm_trunc_s_i32_f32(f1),
           __builtin_wasm_trunc_u_i32_f32(f2), (unsigned long long)__builtin_wasm_trunc_u_i64_f32(f3));
  } else {
    printf("unknown: %s\n", what);
    return 1;
  }
  printf("no trap happened\n");
  return 0;
}
