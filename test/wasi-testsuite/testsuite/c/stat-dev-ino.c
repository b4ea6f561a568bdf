/* Port of WebAssembly/wasi-testsuite tests/c/src/stat-dev-ino.c (fs-tests.dir as "/"): two
 * files of one directory have the same st_dev and different st_ino. */
#include <assert.h>
#include <fcntl.h>
#include <sys/stat.h>

int main(void) {
  int a = open("file", O_RDONLY);
  assert(a != -1);
  int b = open("lseek.txt", O_RDONLY);
  assert(b != -1);
  struct stat sa, sb;
  assert(fstat(a, &sa) == 0);
  assert(fstat(b, &sb) == 0);
  assert(sa.st_dev == sb.st_dev);
  assert(sa.st_ino != sb.st_ino);
  return 0;
}
