// main() of the executables that `wasmc build` produces: give the module the WASI grants baked
// in at build time (and those in WASMC_GRANTS), instantiate it with the WASI functions as its
// imports, and run `_start`. A trap prints "wasm trap: <reason>" and a backtrace and exits with
// 134; proc_exit(n) exits with n when n is 0 to 255, and with 1 and a message otherwise. With
// wasi-threads, the same holds for every thread, and _start returning ends them all.
#include "executable.h"
#include "wasmc/wasi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>

extern "C" {
extern const wasmc_module_desc wasmc_module;
// Grants given to `wasmc build`, as command-line words, ending with NULL.
extern const char *const wasmc_baked_grants[] __attribute__((weak));
}

namespace {

constexpr int kTrapExitStatus = 134;

[[noreturn]] void fail(const char *message, const char *context = nullptr) {
  fprintf(stderr, "error: %s%s%s\n", context ? context : "", context ? ": " : "", message);
  exit(1);
}

// An exit status keeps 8 bits, so proc_exit(256) would report success. Wasmtime does not pass
// on a status it cannot deliver either: it says so and exits with 1 (it draws the line at 126,
// leaving 126..255 to shells and signals; wasmc passes them on, as native programs do).
int exitStatusOfProcExit(int32_t status) {
  if (status >= 0 && status <= 255)
    return status;
  fprintf(stderr, "error: the program exited with status %d, which does not fit an exit status "
                  "(0 to 255): exit status 1\n", status);
  return 1;
}

// The imports of the module: WASI functions, wasi.thread-spawn, and shared memories (which
// wasi-threads programs import), created from the import's limits. Every instance of the module
// (one per thread) gets these same ones.
wasmc_extern *bindImports(const wasmc_module_desc &module) {
  auto *imports = static_cast<wasmc_extern *>(calloc(module.num_imports + 1, sizeof(wasmc_extern)));
  if (!imports)
    fail("out of memory");
  for (uint32_t i = 0; i < module.num_imports; ++i) {
    const wasmc_import_desc &import = module.imports[i];
    wasmc_extern &bound = imports[i];
    bound.kind = import.kind;
    if (import.kind == WASMC_EXTERN_MEMORY) {
      const wasmc_limits_desc &limits = module.memories[import.index];
      bound.of.memory = wasmc_memory_new(limits.min, limits.max, limits.has_max, limits.flags);
      if (!bound.of.memory)
        fail("cannot reserve address space for a linear memory");
      continue;
    }
    wasmc_wasi_function_info info;
    void *code = nullptr;
    uint32_t typeId = 0;
    if (import.kind == WASMC_EXTERN_FUNC && strcmp(import.module, "wasi") == 0 &&
        strcmp(import.name, "thread-spawn") == 0) {
      const uint8_t types[2] = {WASMC_TYPE_I32, WASMC_TYPE_I32};
      typeId = wasmc_functype_id(1, 1, types);
      code = reinterpret_cast<void *>(wasmc::exe::threadSpawn);
    } else if (import.kind == WASMC_EXTERN_FUNC &&
               wasmc_wasi_lookup(import.module, import.name, &info)) {
      typeId = wasmc_functype_id(info.num_params, info.num_results, info.types);
      code = info.code;
    } else {
      fprintf(stderr, "error: unknown import %s.%s\n", import.module, import.name);
      exit(1);
    }
    bound.of.func = wasmc_host_func_new(typeId, code, WASMC_ENV_IMPORTER, nullptr);
    if (!bound.of.func)
      fail("out of memory");
  }
  return imports;
}

int exitStatusFor(const wasmc_trap_info &trap) {
  if (trap.code == WASMC_TRAP_EXIT)
    return exitStatusOfProcExit(trap.exit_status);
  // proc_raise of a terminating signal: the status of a process killed by it.
  if (trap.code == WASMC_TRAP_HOST && trap.exit_status > 128)
    return trap.exit_status;
  wasmc_print_trap(stderr, &trap);
  return kTrapExitStatus;
}

// The grants baked in at build time, then those in WASMC_GRANTS (`wasmc run` passes its own
// there), which the program never sees.
wasmc_wasi_ctx *createWasiContext(int argc, char **argv, char *error, size_t errorSize) {
  wasmc_wasi_grants *grants = wasmc_wasi_grants_new();
  if (!grants)
    fail("out of memory");
  if (&wasmc_baked_grants) {
    int count = 0;
    while (wasmc_baked_grants[count])
      ++count;
    if (wasmc_wasi_grants_add_args(grants, count, wasmc_baked_grants, error, errorSize) != 0)
      fail(error);
  }
  if (const char *extra = getenv("WASMC_GRANTS")) {
    if (wasmc_wasi_grants_add_lines(grants, extra, error, errorSize) != 0)
      fail(error, "WASMC_GRANTS");
    unsetenv("WASMC_GRANTS");
  }
  wasmc_wasi_config config;
  if (wasmc_wasi_grants_config(grants, argc, argv, &config) != 0)
    fail("out of memory");
  wasmc_wasi_ctx *wasi = wasmc_wasi_new(&config, error, errorSize);
  wasmc_wasi_grants_free(grants);
  return wasi;
}

} // namespace

namespace wasmc::exe {

void endProcess(const wasmc_trap_info *trap) {
  static bool ending;
  if (__atomic_exchange_n(&ending, true, __ATOMIC_SEQ_CST))
    for (;;)
      pause(); // another thread is ending the process
  const int status = trap ? exitStatusFor(*trap) : 0;
  if (!threadsSpawned())
    exit(status);
  // Other threads may be running wasm code or blocked in WASI calls: end them all at once,
  // without the exit handlers that would run underneath them.
  fflush(stdout);
  fflush(stderr);
  _exit(status);
}

} // namespace wasmc::exe

namespace {

struct Program {
  wasmc_wasi_ctx *wasi;
  char error[512];
};

// Instantiates the module and runs _start, on a thread of its own (main()): wasm code never runs
// on the process's main stack, whose size follows `ulimit -s` and below which lies only the
// kernel's gap, too small a guard for a wasm frame (wasm_thread.cpp).
void *runProgram(void *argument) {
  auto *program = static_cast<Program *>(argument);
  const wasmc_module_desc &module = wasmc_module;
  wasmc_extern *imports = bindImports(module);
  wasmc_instantiate_options options;
  memset(&options, 0, sizeof options);
  options.wasi = program->wasi;
  options.host_data = imports; // for thread-spawn's new instances
  options.error = program->error;
  options.error_size = sizeof program->error;
  wasmc_instance *instance = nullptr;
  wasmc_trap_info trap;
  switch (wasmc_instantiate(&module, imports, &options, &instance, &trap)) {
  case WASMC_OK:
    break;
  case WASMC_ERROR_TRAP:
    wasmc::exe::endProcess(&trap);
  default:
    fail(program->error);
  }

  wasmc_extern start;
  if (!wasmc_instance_export(instance, "_start", &start) || start.kind != WASMC_EXTERN_FUNC)
    fail("the module exports no _start function"); // wasmc build refuses such modules
  wasmc_val values[1];
  const bool trapped = wasmc_call(start.of.func, values, &trap) != 0;
  wasmc::exe::endProcess(trapped ? &trap : nullptr);
}

} // namespace

int main(int argc, char **argv) {
  signal(SIGPIPE, SIG_IGN); // writes to a closed pipe or socket give EPIPE, as in Wasmtime
  // A write, truncate or allocate past the file size limit (`ulimit -f`) gives EFBIG instead of
  // killing the process (test: wasi file_size_limit).
  signal(SIGXFSZ, SIG_IGN);
  static Program program;
  program.wasi = createWasiContext(argc, argv, program.error, sizeof program.error);
  if (!program.wasi)
    fail(program.error);

  pthread_t thread;
  if (wasmc::exe::startWasmThread(runProgram, &program, /*detached=*/false, &thread) != 0)
    fail("cannot start the thread that runs wasm code");
  pthread_join(thread, nullptr); // runProgram ends the process
  return 1;
}
