/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_stdio.rs (current
 * version): stdio has an fdstat; renumbering a stdio descriptor onto a descriptor that is not open
 * (fd + 100) is BADF, onto itself it succeeds. */
#include "../conformance.h"

int main(void) {
  for (__wasi_fd_t fd = 0; fd < 3; fd++) {
    __wasi_fdstat_t st;
    EXPECT_OK(__wasi_fd_fdstat_get(fd, &st), "fd_fdstat_get on stdio");
    ASSERT_ERRNO(__wasi_fd_renumber(fd, fd + 100), "renumbering onto a closed fd",
                 __WASI_ERRNO_BADF);
    EXPECT_OK(__wasi_fd_renumber(fd, fd), "renumbering stdio onto itself");
  }
  return 0;
}
