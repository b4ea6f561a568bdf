/* Port of WebAssembly/wasi-testsuite tests/c/src/pread-with-access.c (fs-tests.dir as "/",
 * pread.txt holding "pread-test"): pread at offset 4 reads "d-t". */
#include <assert.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  const char *expected = "d-t";
  int len = (int)strlen(expected), done = 0;
  char buf[16];
  int fd = open("pread.txt", O_RDONLY);
  assert(fd > 0);
  while (done < len) {
    ssize_t r = pread(fd, buf + done, (size_t)(len - done), 4 + done);
    assert(r > 0);
    done += (int)r;
  }
  assert(strncmp(buf, expected, (size_t)len) == 0);
  assert(close(fd) == 0);
  return 0;
}
