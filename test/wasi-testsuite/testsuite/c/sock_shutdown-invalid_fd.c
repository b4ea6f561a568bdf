/* Port of WebAssembly/wasi-testsuite tests/c/src/sock_shutdown-invalid_fd.c (nothing granted):
 * shutdown of descriptor 3, which is not open, fails with EBADF. */
#include <assert.h>
#include <errno.h>
#include <sys/socket.h>

int main(void) {
  assert(shutdown(3, SHUT_RD) != 0);
  assert(errno == EBADF);
  return 0;
}
