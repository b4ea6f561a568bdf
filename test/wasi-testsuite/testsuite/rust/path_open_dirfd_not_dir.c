/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/path_open_dirfd_not_dir.rs:
 * path_open relative to a file is NOTDIR (or NOTCAPABLE). */
#include "../../io_util.h"

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "path_open_dirfd_not_dir_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  __wasi_fd_t file_fd = open_ok(dir, 0, "file", __WASI_OFLAGS_CREAT, 0, 0, 0, "opening a file");
  __wasi_fd_t fd;
  ASSERT_ERRNO(__wasi_path_open(file_fd, 0, "foo", __WASI_OFLAGS_CREAT, 0, 0, 0, &fd),
               "non-directory base fd should get ERRNO_NOTDIR", __WASI_ERRNO_NOTDIR,
               __WASI_ERRNO_NOTCAPABLE);
  EXPECT_OK(__wasi_fd_close(file_fd), "closing a file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
