/* Recursion about 3 MiB deep on the native stack, run under `ulimit -s 1024`: wasm code runs on
 * a stack of its own (WASMC_STACK_BYTES, with a guard below it larger than any frame), not on
 * the process's main stack, whose size follows the limit. Before, wasm ran on the main stack
 * and this program trapped with "call stack exhausted". Every call goes through a pointer the
 * compiler cannot see through, so that none becomes a loop; six values live across each call
 * give every native frame some size on every target. */
#include "wasi_check.h"

typedef uint64_t (*step_fn)(uint32_t depth, uint64_t seed);
static uint64_t step(uint32_t depth, uint64_t seed);
static step_fn volatile next_step = step;

static uint64_t step(uint32_t depth, uint64_t seed) {
  if (depth == 0) return seed;
  uint64_t a = seed * 6364136223846793005u + 1, b = a ^ (a >> 17), c = b * 31 + depth,
           d = c ^ (c << 7), e = d + a, f = e * 3 + b;
  uint64_t below = next_step(depth - 1, f);
  return below ^ a ^ b ^ c ^ d ^ e ^ f;
}

/* The same recursion as a loop: what the recursion must return. */
static uint64_t expected(uint32_t depth, uint64_t seed) {
  uint64_t *saved = malloc(sizeof(uint64_t) * (depth + 1));
  for (uint32_t level = depth; level > 0; level--) {
    uint64_t a = seed * 6364136223846793005u + 1, b = a ^ (a >> 17), c = b * 31 + level,
             d = c ^ (c << 7), e = d + a, f = e * 3 + b;
    saved[level] = a ^ b ^ c ^ d ^ e ^ f;
    seed = f;
  }
  uint64_t result = seed;
  for (uint32_t level = 1; level <= depth; level++) result ^= saved[level];
  free(saved);
  return result;
}

int main(void) {
  const uint32_t depth = 40000; /* at least 64 bytes a frame on every target: over 2.5 MiB */
  CHECK("recursion deeper than the process's stack limit",
        next_step(depth, 1) == expected(depth, 1));
  return FINISH();
}
