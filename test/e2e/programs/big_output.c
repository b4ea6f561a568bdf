// Large and mixed output: several MiB to stdout through stdio and through write(1) directly
// (partial writes into a pipe must be completed), interleaved with fflush, a zero-length write,
// writev with several buffers, lines longer than the stdio buffer, and stderr output.
// e2e: cflags = -O2 | -O0
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

static char block[1 << 20];

int main(void) {
  for (int i = 0; i < 50000; ++i) printf("%6d %08x %s\n", i, (unsigned)i * 2654435761u, i % 7 ? "abc" : "a longer text field");
  fflush(stdout);
  for (size_t i = 0; i < sizeof block; ++i) block[i] = (char)('a' + (i * 7 + i / 61) % 26);
  for (size_t i = 99; i < sizeof block; i += 100) block[i] = '\n';
  size_t total = 0;
  for (int round = 0; round < 3; ++round) {
    size_t off = 0;
    while (off < sizeof block) {
      ssize_t n = write(1, block + off, sizeof block - off);
      if (n <= 0) return 1;
      off += (size_t)n;
    }
    total += off;
  }
  printf("zero-length write: %zd\n", write(1, block, 0));
  fflush(stdout);
  char line[20000];
  memset(line, 'L', sizeof line - 2);
  line[sizeof line - 2] = '\n';
  line[sizeof line - 1] = '\0';
  fputs(line, stdout);
  struct iovec iov[4] = {{"one ", 4}, {"", 0}, {"two ", 4}, {"three\n", 6}};
  fflush(stdout);
  printf("writev: %zd\n", writev(1, iov, 4));
  fprintf(stderr, "stderr: %zu bytes written directly\n", total);
  for (int i = 0; i < 2000; ++i) fprintf(stderr, "e%d%s", i, i % 20 == 19 ? "\n" : " ");
  printf("done\n");
  return 0;
}
