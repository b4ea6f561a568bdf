/* Port of WebAssembly/wasi-testsuite tests/c/src/sock_shutdown-not_sock.c: shutdown of stdout
 * fails with ENOTSOCK. */
#include <assert.h>
#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
  assert(shutdown(STDOUT_FILENO, SHUT_RD) != 0);
  assert(errno == ENOTSOCK);
  return 0;
}
