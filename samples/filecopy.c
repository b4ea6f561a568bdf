// Copies a file to another inside the directory it was granted (wasmc build --dir HOST::/data).
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s SOURCE DESTINATION\n", argv[0]);
    return 2;
  }
  FILE *in = fopen(argv[1], "rb");
  if (!in) {
    fprintf(stderr, "cannot open %s: %s\n", argv[1], strerror(errno));
    return 1;
  }
  FILE *out = fopen(argv[2], "wb");
  if (!out) {
    fprintf(stderr, "cannot create %s: %s\n", argv[2], strerror(errno));
    return 1;
  }
  char buffer[8192];
  size_t total = 0, n;
  while ((n = fread(buffer, 1, sizeof buffer, in)) > 0) {
    if (fwrite(buffer, 1, n, out) != n) {
      fprintf(stderr, "cannot write %s: %s\n", argv[2], strerror(errno));
      return 1;
    }
    total += n;
  }
  fclose(in);
  if (fclose(out) != 0) {
    fprintf(stderr, "cannot write %s: %s\n", argv[2], strerror(errno));
    return 1;
  }
  printf("copied %zu bytes from %s to %s\n", total, argv[1], argv[2]);
  return 0;
}
