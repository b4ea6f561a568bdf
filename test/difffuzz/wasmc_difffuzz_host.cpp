// wasmc-difffuzz-host: runs a module made by binaryen's `wasm-opt -ttf` the way binaryen's
// `--fuzz-exec` runs it, compiled by wasmc, and prints what happens (Output.h) for difffuzz.py
// to compare with binaryen's interpreter.
//
//   wasmc-difffuzz-host [-O0|-O1|-O2|-O3] [--so PATH] MODULE.wasm
//
// The module is decoded, validated and built into a shared object by wasmc's library pipeline
// (as `wasmc build` and the spec harness do), loaded, and instantiated with the fuzzing-support
// imports (FuzzingSupport.h). Then every function and global export runs in the order of the
// export section, in one instance, so that state persists between them: a function with zeros as
// arguments, a global read.
//
// Exit status: 0 when the module ran (traps included), 3 when wasmc refuses the module as
// `unsupported:` or it needs an import binaryen would not provide either (skipped by the
// fuzzer), 2 for anything else (a module wasmc should have compiled, an unusable shared object).
#include "FuzzingSupport.h"
#include "Output.h"

#include "pipeline/Pipeline.h"
#include "wasmc/runtime.h"

#include <llvm/Support/Error.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <dlfcn.h>
#include <unistd.h>

using namespace wasmc;
using namespace wasmc::difffuzz;

namespace {

constexpr int kSkipped = 3;
constexpr int kFailed = 2;

struct Options {
  unsigned optLevel = 2;
  std::string module;
  std::string sharedObject; // empty: MODULE.O<n>.so, removed once loaded
};

bool parseOptions(int argc, char **argv, Options &options) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.size() == 3 && arg[0] == '-' && arg[1] == 'O' && arg[2] >= '0' && arg[2] <= '3')
      options.optLevel = static_cast<unsigned>(arg[2] - '0');
    else if (arg == "--so" && i + 1 < argc)
      options.sharedObject = argv[++i];
    else if (!arg.empty() && arg[0] != '-' && options.module.empty())
      options.module = arg;
    else
      return false;
  }
  return !options.module.empty();
}

// An error message whose cause is a feature wasmc does not implement.
bool isUnsupported(const std::string &message) {
  return message.find("unsupported:") != std::string::npos;
}

int build(const Options &options, const std::string &output) {
  std::ifstream in(options.module, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "error: cannot read %s\n", options.module.c_str());
    return kFailed;
  }
  std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto module = pipeline::loadModule(std::move(bytes), options.module);
  if (!module) {
    const std::string message = llvm::toString(module.takeError());
    std::fprintf(stderr, "error: %s\n", message.c_str());
    return isUnsupported(message) ? kSkipped : kFailed;
  }
  pipeline::BuildOptions buildOptions;
  buildOptions.compile.optLevel = options.optLevel;
  buildOptions.compile.threads = 1; // the fuzzer runs several hosts at once
  if (llvm::Error error = pipeline::buildSharedObject(**module, buildOptions, output)) {
    const std::string message = llvm::toString(std::move(error));
    std::fprintf(stderr, "error: %s\n", message.c_str());
    return isUnsupported(message) ? kSkipped : kFailed;
  }
  return 0;
}

// An uncaught exception is reported with its values when its tag is one of the instance's
// (always, in practice: binaryen's own tags are imported), whose type the module describes.
void reportException(Output &out, const wasmc_instance *instance,
                     const wasmc_exception *exception) {
  if (instance && exception) {
    const wasmc_module_desc &desc = *instance->module;
    for (uint32_t i = 0; i < desc.num_tags; ++i)
      if (instance->tags[i] == exception->tag) {
        out.exception(desc.types[desc.tags[i].type_index].func, *exception);
        return;
      }
  }
  out.exception();
}

void reportTrap(Output &out, const wasmc_instance *instance, const wasmc_trap_info &trap) {
  if (trap.code == WASMC_TRAP_EXCEPTION)
    reportException(out, instance, trap.exception);
  else
    out.trap(trap.code);
}

void callFunction(Output &out, const wasmc_instance *instance, const wasmc_funcref *func) {
  const wasmc_functype_desc *type = wasmc_func_type(func);
  std::vector<wasmc_val> slots(std::max<uint32_t>(1, std::max(type->num_params,
                                                              type->num_results)));
  wasmc_trap_info trap;
  if (wasmc_call(func, slots.data(), &trap) != 0) {
    reportTrap(out, instance, trap);
    return;
  }
  for (uint32_t i = 0; i < type->num_results; ++i)
    out.result(shortTypeCode(type->types[type->num_params + i]), slots[i]);
}

// Every function and global export, in order, as binaryen's ExecutionResults does.
void runExports(Output &out, const wasmc_module_desc &desc, wasmc_instance *instance) {
  for (uint32_t i = 0; i < desc.num_exports; ++i) {
    const wasmc_export_desc &exported = desc.exports[i];
    if (exported.kind != WASMC_EXTERN_FUNC && exported.kind != WASMC_EXTERN_GLOBAL)
      continue;
    wasmc_extern value;
    if (!wasmc_instance_export_bytes(instance, exported.name, exported.name_length, &value))
      continue;
    out.exportName(exported.name, exported.name_length);
    if (exported.kind == WASMC_EXTERN_FUNC) {
      callFunction(out, instance, value.of.func);
    } else {
      wasmc_val slot;
      static_assert(sizeof(wasmc_val) == sizeof(wasmc_global), "a global fills a slot");
      std::memcpy(&slot, value.of.global, sizeof slot);
      out.global(shortTypeCode(value.global_type), slot);
    }
  }
}

int run(const std::string &sharedObject) {
  void *handle = dlopen(sharedObject.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    std::fprintf(stderr, "error: dlopen: %s\n", dlerror());
    return kFailed;
  }
  const auto *desc =
      static_cast<const wasmc_module_desc *>(dlsym(handle, WASMC_MODULE_DESC_SYMBOL));
  if (!desc) {
    std::fprintf(stderr, "error: no %s in %s\n", WASMC_MODULE_DESC_SYMBOL, sharedObject.c_str());
    return kFailed;
  }
  Output out(stdout);
  FuzzingSupport support(out);
  std::vector<wasmc_extern> imports;
  std::string error;
  if (!support.bind(*desc, imports, error)) {
    std::fprintf(stderr, "unsupported: %s\n", error.c_str());
    return kSkipped;
  }
  char message[512] = "";
  wasmc_instantiate_options options;
  std::memset(&options, 0, sizeof options);
  options.error = message;
  options.error_size = sizeof message;
  options.host_data = &support;
  wasmc_instance *instance = nullptr;
  wasmc_trap_info trap;
  std::memset(&trap, 0, sizeof trap);
  support.instantiating = true;
  const wasmc_result result = wasmc_instantiate(desc, imports.data(), &options, &instance, &trap);
  support.instantiating = false;
  switch (result) {
  case WASMC_OK:
    break;
  case WASMC_ERROR_TRAP: // binaryen prints the trap and runs nothing
    reportTrap(out, instance, trap);
    return 0;
  default:
    std::fprintf(stderr, "error: instantiation: %s\n", message);
    return kFailed;
  }
  runExports(out, *desc, instance);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  Options options;
  if (!parseOptions(argc, argv, options)) {
    std::fprintf(stderr, "usage: wasmc-difffuzz-host [-O0|-O1|-O2|-O3] [--so PATH] MODULE.wasm\n");
    return kFailed;
  }
  const bool keep = !options.sharedObject.empty();
  // Absolute: dlopen searches the library path for a name without a slash.
  const std::string sharedObject = std::filesystem::absolute(
      keep ? options.sharedObject
           : options.module + ".O" + std::to_string(options.optLevel) + "." +
                 std::to_string(getpid()) + ".so");
  if (int status = build(options, sharedObject))
    return status;
  const int status = run(sharedObject);
  if (!keep)
    std::remove(sharedObject.c_str());
  return status;
}
