// wasi-libc's memcpy/memmove/memset at the very end of linear memory, which wasmc runs as the
// host's operation when the whole range is in bounds (codegen/MemoryIdioms.cpp): every length
// 0..64 ending exactly at the end, overlapping moves there in both directions, and one byte past
// the end, which must trap as the C code does (test/spec/wasmc/memory_idioms.wast checks the
// bytes written before the trap).
// e2e: cflags = -O2 | -O0
// e2e: wasmc = -O2 | -O0
// e2e: run: args=
// e2e: run: args=memcpy-past-end; trap=out of bounds memory access
// e2e: run: args=memcpy-source-past-end; trap=out of bounds memory access
// e2e: run: args=memmove-past-end; trap=out of bounds memory access
// e2e: run: args=memmove-source-past-end; trap=out of bounds memory access
// e2e: run: args=memset-past-end; trap=out of bounds memory access
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint8_t buffer[256];
static uint32_t h = 2166136261u;
static void mix(const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 16777619u;
}
// Lengths and pointers the compiler cannot see through, so that every call goes to libc.
static volatile size_t opaque_zero = 0;
static size_t len(size_t n) { return n + opaque_zero; }
static uint8_t *memory_end(void) {
  return (uint8_t *)(uintptr_t)(__builtin_wasm_memory_size(0) * 65536u) + opaque_zero;
}

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "";
  uint8_t *end = memory_end();
  for (int i = 0; i < 256; ++i) buffer[i] = (uint8_t)(i * 7 + 3);
  if (!strcmp(what, "")) {
    for (size_t n = 0; n <= 64; ++n) {
      memset(end - 128, (int)n, 128);
      memcpy(end - n, buffer + (n & 7), len(n));
      mix(end - 80, 80);
      memmove(end - n, end - n - (n & 5), len(n)); // overlapping, backwards source
      mix(end - 80, 80);
      memmove(end - n - 3, end - n, len(n)); // overlapping, forwards
      mix(end - 80, 80);
      memcpy(buffer + 128, end - n, len(n));
      mix(buffer + 128, 64);
      memset(end - n, (int)(0x100 + n * 3), len(n));
      mix(end - 80, 80);
    }
    printf("end of memory: %08x\n", (unsigned)h);
    return 0;
  }
  printf("%s\n", what);
  fflush(stdout);
  if (!strcmp(what, "memcpy-past-end")) memcpy(end - 15, buffer, len(16));
  if (!strcmp(what, "memcpy-source-past-end")) memcpy(buffer, end - 31, len(32));
  if (!strcmp(what, "memmove-past-end")) memmove(end - 40, end - 42, len(41));
  if (!strcmp(what, "memmove-source-past-end")) memmove(end - 42, end - 40, len(41));
  if (!strcmp(what, "memset-past-end")) memset(end - 8, 1, len(9));
  mix(buffer, 256);
  printf("no trap: %08x\n", (unsigned)h);
  return 0;
}
