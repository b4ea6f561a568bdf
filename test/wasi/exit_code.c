/* proc_exit: the status reaches the host; nothing after it runs. */
#include "wasi_check.h"

int main(void) {
  printf("before exit\n");
  fflush(stdout);
  __wasi_proc_exit(42);
  printf("after exit\n");
  return 0;
}
