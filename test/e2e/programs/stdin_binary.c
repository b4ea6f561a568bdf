// Reading binary stdin with fread and read(0): every byte value (NUL, 0x1a, CR, LF, 0xff),
// odd-sized chunks, a CRC-32 and a histogram of the input, then reads at EOF (0 bytes, more than
// once). Also the same input through getc in one run and read() in another.
// e2e: cflags = -O2 | -O0 | -O3 -msimd128
// e2e: oracle = node host
// e2e: run: args=fread; stdin=inputs/binary.bin
// e2e: run: args=getc; stdin=inputs/binary.bin
// e2e: run: args=read; stdin=inputs/binary.bin
// e2e: run: args=read
// e2e: run: args=read; stdin=inputs/binary.bin; pipe=trickle
// e2e: run: args=fread; stdin=inputs/binary.bin; pipe=trickle
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static uint32_t crc_table[256];
static void crc_init(void) {
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
}

int main(int argc, char **argv) {
  crc_init();
  const char *mode = argc > 1 ? argv[1] : "fread";
  uint32_t crc = 0xffffffffu;
  uint32_t hist[256] = {0};
  size_t total = 0, calls = 0;
  unsigned char buf[1000];
  for (;;) {
    size_t got;
    if (strcmp(mode, "getc") == 0) {
      int c = getc(stdin);
      if (c == EOF) break;
      buf[0] = (unsigned char)c;
      got = 1;
    } else if (strcmp(mode, "read") == 0) {
      ssize_t r = read(0, buf, 1 + calls % 997);
      if (r < 0) { perror("read"); return 1; }
      got = (size_t)r;
      if (got == 0) break;
    } else {
      got = fread(buf, 1, 1 + calls % 333, stdin);
      if (got == 0) break;
    }
    ++calls;
    for (size_t i = 0; i < got; ++i) {
      crc = crc_table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
      hist[buf[i]]++;
    }
    total += got;
  }
  printf("mode %s: %zu bytes crc32 %08x\n", mode, total, crc ^ 0xffffffffu);
  unsigned distinct = 0, most = 0;
  for (int i = 0; i < 256; ++i) {
    distinct += hist[i] != 0;
    if (hist[i] > hist[most]) most = (unsigned)i;
  }
  printf("distinct %u most common %#x (%u) nul %u cr %u lf %u ff %u\n", distinct, most, hist[most], hist[0], hist['\r'],
         hist['\n'], hist[0xff]);
  // At EOF: further reads return nothing.
  printf("read at EOF: %zd %zd, fread at EOF: %zu, feof %d\n", read(0, buf, 10), read(0, buf, 10),
         fread(buf, 1, 10, stdin), feof(stdin) != 0);
  return 0;
}
