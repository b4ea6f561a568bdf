/* proc_raise: ignored signals return; SIGTERM ends the program with status 128 + 15. */
#include "wasi_check.h"

enum { SIG_NONE = 0, SIG_TERM = 15, SIG_CHLD = 16, SIG_WINCH = 27 }; /* witx `signal` */

int main(void) {
  CHECK_EQ("raise chld (ignored)", raw_proc_raise(SIG_CHLD), 0);
  CHECK_EQ("raise winch (ignored)", raw_proc_raise(SIG_WINCH), 0);
  CHECK_EQ("raise none", raw_proc_raise(SIG_NONE), __WASI_ERRNO_INVAL);
  CHECK_EQ("raise 99", raw_proc_raise(99), __WASI_ERRNO_INVAL);
  fflush(stdout);
  raw_proc_raise(SIG_TERM);
  printf("FAIL - still running after SIGTERM\n");
  return 1;
}
