/* Mandelbrot set escape-time iteration; prints a hash of the iteration
 * counts (integers), so the output does not depend on float formatting. */
#include "common.h"

#ifndef W
#define W 1600
#endif
#ifndef H
#define H 1200
#endif
#ifndef MAXIT
#define MAXIT 1024
#endif

int main(void) {
  uint64_t h = FNV_INIT;
  uint64_t total = 0;
  uint32_t inside = 0;
  for (int y = 0; y < H; y++) {
    double ci = -1.2 + 2.4 * (double)y / (double)H;
    for (int x = 0; x < W; x++) {
      double cr = -2.1 + 3.0 * (double)x / (double)W;
      double zr = 0.0, zi = 0.0;
      int it = 0;
      while (it < MAXIT) {
        double zr2 = zr * zr, zi2 = zi * zi;
        if (zr2 + zi2 > 4.0) break;
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
        it++;
      }
      if (it == MAXIT) inside++;
      total += (uint64_t)it;
      uint8_t b = (uint8_t)it;
      h = fnv1a64(&b, 1, h);
    }
  }
  printf("mandelbrot %dx%d maxit=%d inside=%u total=%llu hash=%016llx\n", W, H, MAXIT, inside,
         (unsigned long long)total, (unsigned long long)h);
  return 0;
}
