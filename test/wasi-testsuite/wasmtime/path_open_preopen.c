/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_path_open_preopen.rs:
 * fd 3 is a preopened directory with (at least) the rights userlands expect; "." opens from
 * it with its own rights, with none, with OFLAGS_DIRECTORY and fd_read, and opening it for
 * writing is ISDIR. */
#include "../preopen_rights.h"

int main(void) {
  path_open_preopen_checks(3);
  return 0;
}
