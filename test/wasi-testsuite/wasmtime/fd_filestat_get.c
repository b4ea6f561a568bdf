/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_fd_filestat_get.rs:
 * fd_filestat_get of stdin, stdout and stderr reports size 0 and all times 0. */
#include "../conformance.h"

int main(void) {
  static const char *const what[3] = {"failed filestat 0", "failed filestat 1",
                                      "failed filestat 2"};
  for (__wasi_fd_t fd = 0; fd < 3; fd++) {
    __wasi_filestat_t st;
    EXPECT_OK(__wasi_fd_filestat_get(fd, &st), what[fd]);
    ASSERT_EQ(st.size, 0, "stdio size should be 0");
    ASSERT_EQ(st.atim, 0, "stdio atim should be 0");
    ASSERT_EQ(st.mtim, 0, "stdio mtim should be 0");
    ASSERT_EQ(st.ctim, 0, "stdio ctim should be 0");
  }
  return 0;
}
