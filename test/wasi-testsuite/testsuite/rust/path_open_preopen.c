/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/path_open_preopen.rs
 * (fs-tests.dir as "/"): the preopen named "/" has the rights userlands expect; "." opens
 * from it with its rights, with none, with OFLAGS_DIRECTORY and fd_read; for writing, ISDIR. */
#include "../../preopen_rights.h"

int main(void) {
  /* find_first_preopened_fd("/"): every descriptor from 3 up, skipping the others. */
  int fd = -1;
  for (__wasi_fd_t i = 3; i < 1024 && fd < 0; i++) {
    __wasi_prestat_t st;
    if (__wasi_fd_prestat_get(i, &st) != 0 || st.tag != __WASI_PREOPENTYPE_DIR) continue;
    char name[64];
    size_t len = st.u.dir.pr_name_len;
    if (len >= sizeof(name) || __wasi_fd_prestat_dir_name(i, (uint8_t *)name, len) != 0) continue;
    if (len == 1 && name[0] == '/') fd = (int)i;
  }
  if (fd < 0) FAIL("Failed to find a preopened directory");
  path_open_preopen_checks((__wasi_fd_t)fd);
  return 0;
}
