/* Changes the flags of stdin and stdout, as a program may: stdin non-blocking, APPEND cleared
 * on stdout, which it then rewinds. shared_stdio.sh runs it between a shell's own uses of the
 * same pipe and `>>` file, which must not notice (issue 12, finding 6). Its report goes to
 * stderr: stdout is the file under test. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static int failures;

static void check(const char *what, int ok) {
  fprintf(stderr, "%s - %s\n", ok ? "ok" : "FAIL", what);
  if (!ok) failures++;
}

int main(void) {
  int in_flags = fcntl(0, F_GETFL);
  check("set O_NONBLOCK on stdin", fcntl(0, F_SETFL, in_flags | O_NONBLOCK) == 0);
  check("stdin reports O_NONBLOCK", (fcntl(0, F_GETFL) & O_NONBLOCK) != 0);
  char c;
  errno = 0;
  check("nothing to read yet: EAGAIN", read(0, &c, 1) == -1 && errno == EAGAIN);

  int out_flags = fcntl(1, F_GETFL);
  check("stdout is in append mode", (out_flags & O_APPEND) != 0);
  check("clear O_APPEND on stdout", fcntl(1, F_SETFL, out_flags & ~O_APPEND) == 0);
  check("stdout reports no O_APPEND", (fcntl(1, F_GETFL) & O_APPEND) == 0);
  check("rewind stdout", lseek(1, 0, SEEK_SET) == 0);
  return failures ? 1 : 0;
}
