// main() of the executables that `wasmc build` produces: give the module the WASI grants baked
// in at build time (and those in WASMC_GRANTS), instantiate it with the WASI functions as its
// imports, and run `_start`. A trap prints "wasm trap: <reason>" and a backtrace and exits with
// 134; proc_exit(n) exits with n when n is 0 to 255, and with 1 and a message otherwise.
#include "wasmc/runtime.h"
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

wasmc_extern *bindWasiImports(const wasmc_module_desc &module) {
  auto *imports = static_cast<wasmc_extern *>(calloc(module.num_imports + 1, sizeof(wasmc_extern)));
  if (!imports)
    fail("out of memory");
  for (uint32_t i = 0; i < module.num_imports; ++i) {
    const wasmc_import_desc &import = module.imports[i];
    wasmc_wasi_function_info info;
    if (import.kind != WASMC_EXTERN_FUNC || !wasmc_wasi_lookup(import.module, import.name, &info)) {
      fprintf(stderr, "error: unknown import %s.%s\n", import.module, import.name);
      exit(1);
    }
    const uint32_t typeId = wasmc_functype_id(info.num_params, info.num_results, info.types);
    imports[i].kind = WASMC_EXTERN_FUNC;
    imports[i].of.func = wasmc_host_func_new(typeId, info.code, WASMC_ENV_IMPORTER, nullptr);
    if (!imports[i].of.func)
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

int main(int argc, char **argv) {
  signal(SIGPIPE, SIG_IGN); // writes to a closed pipe or socket give EPIPE, as in Wasmtime
  char error[512] = "";
  wasmc_wasi_ctx *wasi = createWasiContext(argc, argv, error, sizeof error);
  if (!wasi)
    fail(error);

  const wasmc_module_desc &module = wasmc_module;
  wasmc_extern *imports = bindWasiImports(module);
  wasmc_instantiate_options options;
  memset(&options, 0, sizeof options);
  options.wasi = wasi;
  options.error = error;
  options.error_size = sizeof error;
  wasmc_instance *instance = nullptr;
  wasmc_trap_info trap;
  switch (wasmc_instantiate(&module, imports, &options, &instance, &trap)) {
  case WASMC_OK:
    break;
  case WASMC_ERROR_TRAP:
    return exitStatusFor(trap);
  default:
    fail(error);
  }

  wasmc_extern start;
  if (!wasmc_instance_export(instance, "_start", &start) || start.kind != WASMC_EXTERN_FUNC)
    fail("the module exports no _start function"); // wasmc build refuses such modules
  wasmc_val values[1];
  if (wasmc_call(start.of.func, values, &trap) != 0)
    return exitStatusFor(trap);
  return 0;
}
