// wasi-threads (the `wasi.thread-spawn` import): each spawned thread is a new instance of the
// module, with the imports of the first (so the same shared memories and WASI context) and its
// own globals, tables and trap state, running wasi_thread_start(tid, start_arg) on an OS thread
// of its own. The new instance is created by the spawning thread, so that a failure to create
// it is thread-spawn's error; a trap in its start function ends the program like any trap.
#include "executable.h"

#include <stdlib.h>

namespace wasmc::exe {

namespace {

// TIDs are positive and below 2^29 (wasi-threads), never reused: spawning fails past the last.
constexpr uint32_t kMaxTid = 0x1FFFFFFF;
uint32_t nextTid = 1;
bool spawnedAny;

// What thread-spawn returns on failure; wasi-libc's pthread_create reports any negative value
// as EAGAIN, and Wasmtime returns -1 too.
constexpr int32_t kSpawnFailed = -1;

struct Thread {
  wasmc_instance *instance;
  const wasmc_funcref *start; // the instance's wasi_thread_start
  int32_t tid;
  int32_t startArg;
};

int32_t takeTid() {
  uint32_t tid = __atomic_load_n(&nextTid, __ATOMIC_RELAXED);
  do {
    if (tid > kMaxTid)
      return kSpawnFailed;
  } while (!__atomic_compare_exchange_n(&nextTid, &tid, tid + 1, true, __ATOMIC_RELAXED,
                                        __ATOMIC_RELAXED));
  return static_cast<int32_t>(tid);
}

void discard(Thread *thread) {
  wasmc_instance_free(thread->instance);
  free(thread);
}

void *runThread(void *argument) {
  auto *thread = static_cast<Thread *>(argument);
  wasmc_thread_init(); // the stack limit of this thread's stack, its own signal stack
  wasmc_val values[2];
  values[0].i32 = thread->tid;
  values[1].i32 = thread->startArg;
  wasmc_trap_info trap;
  if (wasmc_call(thread->start, values, &trap) != 0)
    endProcess(&trap); // proc_exit or a trap on any thread ends the program
  // Returning from wasi_thread_start ends this thread only.
  discard(thread);
  wasmc_thread_fini();
  return nullptr;
}

} // namespace

int32_t threadSpawn(wasmc_instance *caller, int32_t startArg) {
  const int32_t tid = takeTid();
  if (tid < 0)
    return kSpawnFailed;
  auto *thread = static_cast<Thread *>(calloc(1, sizeof(Thread)));
  if (!thread)
    return kSpawnFailed;
  thread->tid = tid;
  thread->startArg = startArg;

  wasmc_instantiate_options options = {};
  options.wasi = caller->wasi;
  options.host_data = caller->host_data;
  wasmc_trap_info trap;
  switch (wasmc_instantiate(caller->module, static_cast<const wasmc_extern *>(caller->host_data),
                            &options, &thread->instance, &trap)) {
  case WASMC_OK:
    break;
  case WASMC_ERROR_TRAP:
    endProcess(&trap);
  default:
    free(thread);
    return kSpawnFailed;
  }
  wasmc_extern start;
  if (!wasmc_instance_export(thread->instance, "wasi_thread_start", &start) ||
      start.kind != WASMC_EXTERN_FUNC) { // wasmc build refuses such modules
    discard(thread);
    return kSpawnFailed;
  }
  thread->start = start.of.func;

  __atomic_store_n(&spawnedAny, true, __ATOMIC_SEQ_CST); // before the thread can end the process
  pthread_t handle;
  if (startWasmThread(runThread, thread, /*detached=*/true, &handle) != 0) {
    discard(thread);
    return kSpawnFailed;
  }
  return tid;
}

bool threadsSpawned() { return __atomic_load_n(&spawnedAny, __ATOMIC_SEQ_CST); }

} // namespace wasmc::exe
