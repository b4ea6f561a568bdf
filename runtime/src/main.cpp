// main() of the executables that `wasmc build` produces: give the module the WASI grants baked
// in at build time (and those in WASMC_GRANTS), instantiate it with the WASI functions as its
// imports, and run `_start`. A trap prints "wasm trap: <reason>" and a backtrace and exits with
// 134; proc_exit(n) exits with n.
#include "wasmc/runtime.h"
#include "wasmc/wasi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern "C" {
extern const wasmc_module_desc wasmc_module;
// Grants given to `wasmc build`, as command-line words, ending with NULL.
extern const char *const wasmc_baked_grants[] __attribute__((weak));
}

namespace {

constexpr int kTrapExitStatus = 134;

[[noreturn]] void fail(const char *message) {
  fprintf(stderr, "error: %s\n", message);
  exit(1);
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
    return trap.exit_status;
  wasmc_print_trap(stderr, &trap);
  return kTrapExitStatus;
}

// Interim grant parsing (--dir HOST[::GUEST], --env K=V) until the shim provides it.
wasmc_wasi_ctx *createWasiContext(int argc, char **argv, char *error, size_t errorSize) {
  static wasmc_wasi_preopen preopens[64];
  static const char *env[256];
  wasmc_wasi_config config;
  memset(&config, 0, sizeof config);
  config.argc = argc;
  config.argv = argv;
  config.stdin_fd = 0;
  config.stdout_fd = 1;
  config.stderr_fd = 2;
  config.preopens = preopens;
  config.env = env;
  for (const char *const *word = &wasmc_baked_grants ? wasmc_baked_grants : nullptr; word && *word;
       ++word) {
    if (strcmp(*word, "--dir") == 0 && word[1] && config.num_preopens < 64) {
      const char *spec = *++word;
      const char *separator = strstr(spec, "::");
      wasmc_wasi_preopen &preopen = preopens[config.num_preopens++];
      preopen.host_path = separator ? strndup(spec, separator - spec) : spec;
      preopen.guest_path = separator ? separator + 2 : spec;
    } else if (strcmp(*word, "--env") == 0 && word[1] && config.envc < 256) {
      env[config.envc++] = *++word;
    }
  }
  return wasmc_wasi_new(&config, error, errorSize);
}

} // namespace

int main(int argc, char **argv) {
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
    return 0; // a module without _start has done its work in its start function, if any
  wasmc_val values[1];
  if (wasmc_call(start.of.func, values, &trap) != 0)
    return exitStatusFor(trap);
  return 0;
}
