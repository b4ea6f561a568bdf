/* Port of WebAssembly/wasi-testsuite tests/c/src/pwrite-with-access.c (fs-tests.dir as "/",
 * with a "writeable" directory): a new file written with pwrite at 0 and then at 3 reads back
 * "vertestng text"; removing it works. */
#include <assert.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int pwrite_all(int fd, const char *s, int len, int offset) {
  int done = 0;
  while (done < len) {
    ssize_t r = pwrite(fd, s + done, (size_t)(len - done), offset + done);
    assert(r > 0);
    done += (int)r;
  }
  return done;
}

int main(void) {
  const char *path = "writeable/test_pwrite_pread.txt.cleanup";
  const char *full = "very long text", *sub = "test";
  int full_len = (int)strlen(full);
  char buf[16];
  assert(access(path, F_OK) != 0);
  int fd = open(path, O_WRONLY | O_CREAT);
  assert(fd > 0);
  assert(pwrite_all(fd, full, full_len, 0) == full_len);
  assert(pwrite_all(fd, sub, (int)strlen(sub), 3) == (int)strlen(sub));
  assert(close(fd) == 0);
  fd = open(path, O_RDONLY);
  assert(fd > 0);
  int got = 0;
  ssize_t r;
  do {
    r = read(fd, buf + got, sizeof(buf) - (size_t)got);
    assert(r > 0);
    got += (int)r;
  } while (got < full_len);
  assert(r == full_len);
  assert(strncmp("vertestng text", buf, (size_t)full_len) == 0);
  assert(close(fd) == 0);
  assert(remove(path) == 0);
  return 0;
}
