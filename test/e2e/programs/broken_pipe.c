// Writing to a pipe whose reader has gone (`prog | head -1` after head exits): a WASI engine
// reports EPIPE from fd_write and the program carries on -- it must not be killed by SIGPIPE (as a
// native program would be). Both through stdio and through write(1) directly; the program then
// reports on stderr and exits with its own status.
// e2e: cflags = -O2 | -O0
// e2e: run: args=stdio; stdout=closed; exit=3
// e2e: run: args=write; stdout=closed; exit=3
// e2e: run: args=stdio; exit=0
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
  int direct = argc > 1 && strcmp(argv[1], "write") == 0;
  int failed_at = -1, err = 0;
  for (int i = 0; i < 20000 && failed_at < 0; ++i) {
    if (direct) {
      char line[64];
      int n = snprintf(line, sizeof line, "line %d\n", i);
      if (write(1, line, (size_t)n) < 0) { failed_at = i; err = errno; }
    } else if (printf("line %d of output that nobody reads\n", i) < 0) {
      failed_at = i;
      err = errno;
    }
  }
  if (!direct && fflush(stdout) != 0 && failed_at < 0) { failed_at = 99999; err = errno; }
  fprintf(stderr, "writing failed: %s (%s)\n", failed_at >= 0 ? "yes" : "no", failed_at >= 0 ? strerror(err) : "-");
  fprintf(stderr, "ferror(stdout): %d\n", ferror(stdout) != 0);
  return failed_at >= 0 ? 3 : 0;
}
