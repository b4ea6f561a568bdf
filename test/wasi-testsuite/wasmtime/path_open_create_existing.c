/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_path_open_create_existing.rs:
 * OFLAGS_CREAT | OFLAGS_EXCL on an existing file is EXIST. */
#include "../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  create_file(dir, "file");
  __wasi_fd_t fd;
  ASSERT_ERRNO(__wasi_path_open(dir, 0, "file", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, 0, 0, 0,
                                &fd),
               "trying to create a file that already exists", __WASI_ERRNO_EXIST);
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
  return 0;
}
