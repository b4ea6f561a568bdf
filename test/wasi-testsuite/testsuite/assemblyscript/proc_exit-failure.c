/* Port of WebAssembly/wasi-testsuite tests/assemblyscript/wasm32-wasip1/src/proc_exit-failure.ts
 * (expected exit code 33): proc_exit(33) ends the program with status 33. */
#include "../../conformance.h"

int main(void) {
  __wasi_proc_exit(33);
  __builtin_unreachable();
}
