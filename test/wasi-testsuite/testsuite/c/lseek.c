/* Port of WebAssembly/wasi-testsuite tests/c/src/lseek.c (fs-tests.dir as "/", lseek.txt
 * holding 8 bytes "01234567"): after buffered freads and fflush the descriptor's offset is
 * where the reader is; SEEK_SET 0 and SEEK_END (8). */
#include <assert.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
  FILE *f = fopen("lseek.txt", "r");
  assert(f != NULL);
  int fd = fileno(f);
  char buf[4];
  size_t n = fread(buf, 1, 4, f);
  assert(n == 4);
  fflush(f);
  assert(lseek(fd, 0, SEEK_CUR) == 4);
  n = fread(buf, 1, 1, f);
  assert(n == 1);
  fflush(f);
  assert(lseek(fd, 0, SEEK_CUR) == 5);
  assert(buf[0] == '4');
  assert(lseek(fd, 0, SEEK_SET) == 0);
  assert(lseek(fd, 0, SEEK_END) == 8);
  fclose(f);
  return 0;
}
