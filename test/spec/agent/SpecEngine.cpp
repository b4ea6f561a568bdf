#include "SpecEngine.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

namespace wasmc::spec {

namespace {

template <typename T> bool grow(T *&array, uint32_t &capacity, uint32_t needed) {
  if (needed <= capacity)
    return true;
  uint32_t size = capacity ? capacity : 16;
  while (size < needed)
    size *= 2;
  void *bigger = realloc(array, size_t(size) * sizeof(T));
  if (!bigger)
    return false;
  array = static_cast<T *>(bigger);
  capacity = size;
  return true;
}

// The script's code for values of `type` (SpecEngine.h): its own code for a number or v128, its
// hierarchy's top for a reference.
uint8_t scriptTypeOf(const wasmc_valtype &type) {
  if (type.code != WASMC_TYPE_REF)
    return type.code;
  switch (type.heap) {
  case WASMC_HEAP_FUNC:
  case WASMC_HEAP_NOFUNC:
  case WASMC_HEAP_CONCRETE: // a function type
    return WASMC_TYPE_FUNCREF;
  case WASMC_HEAP_EXTERN:
  case WASMC_HEAP_NOEXTERN:
    return WASMC_TYPE_EXTERNREF;
  case WASMC_HEAP_EXN:
  case WASMC_HEAP_NOEXN:
    return WASMC_HEAP_EXN;
  default:
    return WASMC_HEAP_ANY;
  }
}

void copyMessage(char (&to)[512], const char *prefix, const char *text) {
  snprintf(to, sizeof to, "%s%s", prefix, text ? text : "");
}

} // namespace

Engine::Engine(bool print) : spectest_(print) { wasmc_runtime_init(); }

Engine::~Engine() { free(instances_); }

EngineScratch::~EngineScratch() {
  free(imports_);
  free(slots_);
}

bool EngineScratch::reserveSlots(uint32_t count) {
  return grow(slots_, slotCapacity_, count ? count : 1);
}

wasmc_instance *Engine::instanceAt(int32_t handle) {
  pthread_mutex_lock(&lock_);
  wasmc_instance *instance = handle >= 0 && static_cast<uint32_t>(handle) < numInstances_
                                 ? instances_[handle]
                                 : nullptr;
  pthread_mutex_unlock(&lock_);
  return instance;
}

int32_t Engine::keep(wasmc_instance *instance) {
  pthread_mutex_lock(&lock_);
  int32_t handle = -1;
  if (grow(instances_, instanceCapacity_, numInstances_ + 1)) {
    instances_[numInstances_] = instance;
    handle = static_cast<int32_t>(numInstances_++);
  }
  pthread_mutex_unlock(&lock_);
  return handle;
}

void Engine::instantiate(EngineScratch &scratch, const char *path, const EngineImport *imports,
                         uint32_t count, InstantiateResult &out) {
  out = InstantiateResult();
  // Shared objects stay loaded: instances, and the tables of other instances, refer to them.
  void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    out.status = kNotLoaded;
    copyMessage(out.message, "dlopen: ", dlerror());
    return;
  }
  const auto *desc =
      static_cast<const wasmc_module_desc *>(dlsym(handle, WASMC_MODULE_DESC_SYMBOL));
  if (!desc) {
    out.status = kNotLoaded;
    copyMessage(out.message, "no " WASMC_MODULE_DESC_SYMBOL " in the shared object", "");
    return;
  }
  if (desc->num_imports != count) {
    out.status = kFailed;
    snprintf(out.message, sizeof out.message,
             "the shared object has %u import(s), the harness gave %u", desc->num_imports, count);
    return;
  }
  if (!grow(scratch.imports_, scratch.importCapacity_, count ? count : 1)) {
    out.status = kFailed;
    copyMessage(out.message, "out of memory", "");
    return;
  }
  for (uint32_t i = 0; i < count; ++i) {
    const EngineImport &import = imports[i];
    wasmc_extern &bound = scratch.imports_[i];
    memset(&bound, 0, sizeof bound);
    bool found = false;
    switch (import.source) {
    case kImportSpectest:
      found = spectest_.lookup(import.name, import.nameLength, bound);
      break;
    case kImportInstance:
      if (wasmc_instance *from = instanceAt(import.instance))
        found = wasmc_instance_export_bytes(from, import.name, import.nameLength, &bound) != 0;
      break;
    case kImportFailedModule:
      out.status = kImportFromFailed;
      out.importIndex = i;
      return;
    default:
      break;
    }
    if (!found) {
      out.status = kUnknownImport;
      out.importIndex = i;
      return;
    }
  }
  char error[512] = "";
  wasmc_instantiate_options options;
  memset(&options, 0, sizeof options);
  options.error = error;
  options.error_size = sizeof error;
  wasmc_instance *instance = nullptr;
  wasmc_trap_info trap;
  memset(&trap, 0, sizeof trap);
  const wasmc_result status = wasmc_instantiate(desc, scratch.imports_, &options, &instance, &trap);
  if (instance)
    out.handle = keep(instance);
  switch (status) {
  case WASMC_OK:
    out.status = kInstantiated;
    break;
  case WASMC_ERROR_LINK:
    out.status = kLinkError;
    copyMessage(out.message, "", error);
    break;
  case WASMC_ERROR_TRAP:
    out.status = kTrappedStart;
    out.trapCode = trap.code;
    break;
  default:
    out.status = kFailed;
    copyMessage(out.message, "instantiation failed: ", error);
    break;
  }
}

bool Engine::exportOfKind(int32_t handle, const char *field, uint32_t fieldLength, uint32_t kind,
                          CallStatus wrongKind, wasmc_extern &exported, CallResult &out) {
  out = CallResult();
  wasmc_instance *instance = instanceAt(handle);
  if (!instance)
    return false;
  if (!wasmc_instance_export_bytes(instance, field, fieldLength, &exported)) {
    out.status = kNoExport;
    return false;
  }
  if (exported.kind != kind) {
    out.status = wrongKind;
    return false;
  }
  return true;
}

void Engine::invoke(EngineScratch &scratch, int32_t handle, const char *field, uint32_t fieldLength,
                    const uint8_t *argTypes, const wasmc_val *args, uint32_t numArgs,
                    CallResult &out) {
  wasmc_extern exported;
  if (!exportOfKind(handle, field, fieldLength, WASMC_EXTERN_FUNC, kNotAFunction, exported, out))
    return;
  const wasmc_funcref *func = exported.of.func;
  const wasmc_functype_desc *type = wasmc_func_type(func);
  if (!type) {
    out.status = kNoType;
    return;
  }
  if (type->num_params != numArgs) {
    out.status = kArity;
    out.a = type->num_params;
    return;
  }
  for (uint32_t i = 0; i < type->num_params; ++i) {
    const uint8_t expected = scriptTypeOf(type->types[i]);
    const bool anyNull = type->types[i].code == WASMC_TYPE_REF && argTypes[i] == kScriptAnyNull;
    if (expected != argTypes[i] && !anyNull) {
      out.status = kArgumentType;
      out.a = i;
      out.b = expected;
      return;
    }
  }
  uint32_t slots = type->num_params > type->num_results ? type->num_params : type->num_results;
  if (!scratch.reserveSlots(slots)) {
    out.status = kNoType;
    return;
  }
  memset(scratch.slots_, 0, sizeof(wasmc_val) * (slots ? slots : 1));
  if (numArgs)
    memcpy(scratch.slots_, args, sizeof(wasmc_val) * numArgs);
  wasmc_trap_info trap;
  const int called = wasmc_call(func, scratch.slots_, &trap);
  if (called != 0) {
    out.status = kTrapped;
    out.trapCode = trap.code;
    // An uncaught exception is a value of its own: the call says so, and its tag and values are
    // there. Anything else is reported as no trap code at all, which no assertion expects.
    const wasmc_exception *exception = trap.exception;
    const bool isException = called == WASMC_CALL_EXCEPTION;
    if (isException != (trap.code == WASMC_TRAP_EXCEPTION) ||
        (isException && (!exception || !exception->tag ||
                         exception->num_values != exception->tag->num_values)))
      out.trapCode = -1;
    return;
  }
  out.status = kReturned;
  out.numResults = type->num_results;
  out.results = scratch.slots_;
}

void Engine::get(EngineScratch &scratch, int32_t handle, const char *field, uint32_t fieldLength,
                 CallResult &out) {
  wasmc_extern exported;
  if (!exportOfKind(handle, field, fieldLength, WASMC_EXTERN_GLOBAL, kNotAGlobal, exported, out))
    return;
  if (!scratch.reserveSlots(1))
    return;
  static_assert(sizeof(wasmc_val) == sizeof(wasmc_global), "a global fills a slot");
  memcpy(scratch.slots_, exported.of.global, sizeof(wasmc_val));
  out.status = kReturned;
  out.numResults = 1;
  out.results = scratch.slots_;
}

} // namespace wasmc::spec
