// Shared by the parts of libwasmc_main, the executable's main() (main.cpp) and its wasi-threads
// support (wasi_threads.cpp): the threads that run wasm code, and how the process ends, from
// whichever thread.
#pragma once

#include "wasmc/runtime.h"

#include <pthread.h>

namespace wasmc::exe {

// Ends the process with the outcome of wasm code on any thread: `trap` null for _start having
// returned (status 0), else proc_exit's status, or the trap printed and 134. The first thread to
// get here ends the process; any other that arrives meanwhile waits for it, so that two
// outcomes never mix (one status, one trap message).
[[noreturn]] void endProcess(const wasmc_trap_info *trap);

// Starts an OS thread for wasm code (wasm_thread.cpp): a stack of WASMC_STACK_BYTES and room for
// the host, with a guard below it larger than any wasm frame. Returns pthread_create's result.
int startWasmThread(void *(*body)(void *), void *argument, bool detached, pthread_t *handle);

// The host function bound to wasi.thread-spawn (env: the calling instance, whose host_data is
// the imports the executable gave it, for the new instance to get the same ones).
int32_t threadSpawn(wasmc_instance *caller, int32_t startArg);
// Whether thread-spawn has started a thread (one that may still be running).
bool threadsSpawned();

} // namespace wasmc::exe
