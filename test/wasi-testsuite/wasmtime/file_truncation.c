/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_file_truncation.rs:
 * OFLAGS_TRUNC empties an existing file. */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  __wasi_fd_t fd = open_ok(dir, 0, "test.txt", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, 0,
                           "creating a file for writing");
  const char *content = "this content will be truncated!";
  ASSERT_EQ(write_bytes(fd, content, strlen(content), "writing file content"), strlen(content),
            "nwritten bytes check");
  EXPECT_OK(__wasi_fd_close(fd), "closing the file");
  fd = open_ok(dir, 0, "test.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, RW, 0, 0,
               "creating a truncated file for reading");
  uint8_t buffer[100];
  ASSERT_EQ(read_bytes(fd, buffer, sizeof(buffer), "reading file content"), 0,
            "expected an empty file after truncation");
  EXPECT_OK(__wasi_fd_close(fd), "closing the file");
  return 0;
}
