/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/stdio.rs: each stdio
 * descriptor renumbers onto an open file's descriptor, which then has an fdstat while the
 * stdio number is closed. */
#include "../../io_util.h"

static void test_stdio(__wasi_fd_t dir) {
  const char *name = "file.cleanup";
  for (__wasi_fd_t from = 0; from < 3; from++) {
    __wasi_fd_t to = open_ok(dir, 0, name, __WASI_OFLAGS_CREAT, 0, 0, 0, "open file");
    fprintf(stderr, "%u => %u\n", (unsigned)from, (unsigned)to);
    EXPECT_OK(__wasi_fd_renumber(from, to), "renumbering stdio");
    __wasi_fdstat_t st;
    EXPECT_OK(__wasi_fd_fdstat_get(to, &st), "fd_fdstat_get failed");
    EXPECT_ERR(__wasi_fd_fdstat_get(from, &st), "stdio_from_fd is not closed");
    EXPECT_OK(__wasi_path_unlink_file(dir, name), "failed to remove file");
  }
}

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "stdio_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  test_stdio(dir);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
