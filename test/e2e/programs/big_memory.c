// Growing linear memory: malloc of 120 MiB touched page by page (memory.grow through the
// allocator), explicit memory.grow/memory.size, a grow that must fail (beyond the 4 GiB limit of
// wasm32), and the contents of memory staying intact across growth.
// e2e: cflags = -O2 | -O0
// e2e: wasmc = -O2 | -O0
// e2e: timeout = 20
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  size_t before = __builtin_wasm_memory_size(0);
  unsigned char *small = malloc(1000);
  memset(small, 0xab, 1000);

  const size_t big_size = 120u << 20;
  unsigned char *big = malloc(big_size);
  if (!big) { puts("malloc of 120 MiB failed"); return 1; }
  size_t after = __builtin_wasm_memory_size(0);
  printf("memory grew by at least 120 MiB: %d\n", (after - before) * 65536 >= big_size);
  // Touch every page, then read everything back.
  for (size_t i = 0; i < big_size; i += 4096) big[i] = (unsigned char)(i >> 12);
  big[big_size - 1] = 0x5a;
  uint64_t sum = 0;
  for (size_t i = 0; i < big_size; i += 4096) sum += big[i];
  printf("page sum %llu last %#x\n", (unsigned long long)sum, big[big_size - 1]);
  memset(big, 1, big_size);
  uint32_t words = 0;
  for (size_t i = 0; i < big_size; i += 1 << 16) words += big[i] + big[i + 65535];
  printf("memset check %u\n", words);

  // The old allocation is intact after growth.
  int intact = 1;
  for (int i = 0; i < 1000; ++i) intact &= small[i] == 0xab;
  printf("small block intact: %d\n", intact);

  // memory.grow directly: returns the old size in pages, the new pages are zero.
  size_t old = __builtin_wasm_memory_grow(0, 16);
  printf("grow 16 pages: returned the old size %d, size now +16 %d\n", old == __builtin_wasm_memory_size(0) - 16,
         old != (size_t)-1);
  unsigned char *fresh = (unsigned char *)(old * 65536);
  int zero = 1;
  for (size_t i = 0; i < 16 * 65536; i += 512) zero &= fresh[i] == 0;
  fresh[16 * 65536 - 1] = 7; // the last byte of the grown memory is writable
  printf("new pages zero: %d, last byte %d\n", zero, fresh[16 * 65536 - 1]);
  // 65536 pages is the wasm32 limit; growing past it must fail and leave the size unchanged.
  size_t size = __builtin_wasm_memory_size(0);
  printf("grow past 4 GiB: %d\n", (int)__builtin_wasm_memory_grow(0, 65536 - size + 1));
  printf("size unchanged: %d\n", size == __builtin_wasm_memory_size(0));
  printf("grow 0: %d\n", __builtin_wasm_memory_grow(0, 0) == size);
  free(big);
  // Reuse after free, then a second large allocation.
  unsigned char *again = malloc(100u << 20);
  printf("second 100 MiB allocation: %s\n", again ? "ok" : "failed");
  if (again) { again[0] = 1; again[(100u << 20) - 1] = 2; printf("%d %d\n", again[0], again[(100u << 20) - 1]); }
  return 0;
}
