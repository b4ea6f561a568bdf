/* Port of WebAssembly/wasi-testsuite tests/assemblyscript/testsuite/proc_exit-success.ts:
 * proc_exit(0) ends the program with status 0. */
#include "../../conformance.h"

int main(void) {
  __wasi_proc_exit(0);
  __builtin_trap(); /* unreachable */
}
