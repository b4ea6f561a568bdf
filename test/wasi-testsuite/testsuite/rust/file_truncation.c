/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/file_truncation.rs:
 * OFLAGS_CREAT | OFLAGS_TRUNC empties an existing file. */
#include "../../io_util.h"

static void test_file_truncation(__wasi_fd_t dir) {
  const char *name = "test.txt";
  __wasi_fd_t fd = open_ok(dir, 0, name, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, 0,
                           "creating a file for writing");
  const char *content = "this content will be truncated!";
  ASSERT_EQ(write_bytes(fd, content, strlen(content), "writing file content"), strlen(content),
            "nwritten bytes check");
  EXPECT_OK(__wasi_fd_close(fd), "closing the file");
  fd = open_ok(dir, 0, name, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, RW, 0, 0,
               "creating a truncated file for reading");
  uint8_t buffer[100];
  ASSERT_EQ(read_bytes(fd, buffer, sizeof(buffer), "reading file content"), 0,
            "expected an empty file after truncation");
  EXPECT_OK(__wasi_fd_close(fd), "closing the file");
  EXPECT_OK(__wasi_path_unlink_file(dir, name), "removing FILENAME");
}

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "file_truncation_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  test_file_truncation(dir);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
