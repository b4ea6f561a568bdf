/* Port of WebAssembly/wasi-testsuite tests/c/src/pwrite-with-append.c (fs-tests.dir as "/"):
 * writes to an O_APPEND descriptor go to the end whatever the offset; pwrite does not move the
 * offset and writes at 0 (POSIX) or at the end (Linux). */
#include <assert.h>
#include <fcntl.h>
#include <unistd.h>

int main(void) {
  char buf[4] = {0};
  int fd = open("pwrite.cleanup", O_CREAT | O_TRUNC | O_WRONLY | O_APPEND);
  assert(fd != -1);
  assert(write(fd, buf, 2) == 2);
  assert(lseek(fd, 0, SEEK_SET) == 0);
  assert(write(fd, buf, 2) == 2);
  assert(lseek(fd, 0, SEEK_CUR) == 4);
  assert(pwrite(fd, buf, 3, 0) == 3);
  assert(lseek(fd, 0, SEEK_CUR) == 4);
  off_t end = lseek(fd, 0, SEEK_END);
  assert(end == 4 || end == 7);
  close(fd);
  return 0;
}
