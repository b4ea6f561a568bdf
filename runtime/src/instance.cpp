// Instances: binding and checking imports, creating what the module defines, running its
// initialisation and start function under a trap guard, exports and calls from the host.
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

using namespace wasmc::rt;

namespace {

// The runtime's view of an instance; generated code sees only the leading wasmc_instance.
struct Instance {
  wasmc_instance pub;
  wasmc_global *globalStorage; // of the defined globals
  uint32_t *typeIds;
  wasmc_funcref *hostImports; // a copy of each host function bound to an import (see abi.h)
  wasmc_tag *tagStorage;      // the defined tags
};
static_assert(offsetof(Instance, pub) == 0, "generated code receives &Instance::pub");

pthread_once_t initOnce = PTHREAD_ONCE_INIT;

template <typename T> T *allocate(size_t count) {
  return static_cast<T *>(calloc(count ? count : 1, sizeof(T)));
}

bool limitsMatch(uint64_t actualMin, bool actualHasMax, uint64_t actualMax,
                 const wasmc_limits_desc &expected) {
  if (actualMin < expected.min)
    return false;
  if (expected.has_max && (!actualHasMax || actualMax > expected.max))
    return false;
  return true;
}

const char *importLabel(const wasmc_module_desc *module, uint32_t i, char *buffer, size_t size) {
  formatError(buffer, size, "%s.%s", module->imports[i].module, module->imports[i].name);
  return buffer;
}

// Calls a host function bound to an import from host code: bound->ctx is the instance's copy of
// the host function.
void callHostImport(const wasmc_funcref *bound, wasmc_val *args_and_results) {
  const auto *host = static_cast<const wasmc_funcref *>(bound->ctx);
  host->array_call(host, args_and_results);
}

// Binds host function `host` to imported function `index` through the module's import thunk,
// which calls it in the C convention (abi.h); false if the module has no thunk for its type.
bool bindHostFunction(Instance *self, const wasmc_module_desc *module, uint32_t index,
                      const wasmc_funcref &host) {
  void *thunk = module->import_thunks ? module->import_thunks[index] : nullptr;
  if (!thunk)
    return false;
  wasmc_funcref &copy = self->hostImports[index];
  copy = host;
  if (copy.ctx == WASMC_ENV_IMPORTER)
    copy.ctx = &self->pub;
  wasmc_funcref &bound = self->pub.funcs[index];
  bound.code = thunk;
  bound.ctx = &copy;
  bound.type_id = host.type_id;
  bound.flags = 0;
  bound.array_call = host.array_call ? callHostImport : nullptr;
  return true;
}

// Binds the imports; returns false with a message on the first that does not match.
bool bindImports(Instance *self, const wasmc_module_desc *module, const wasmc_extern *imports,
                 char *error, size_t errorSize) {
  wasmc_instance &pub = self->pub;
  char label[256];
  for (uint32_t i = 0; i < module->num_imports; ++i) {
    const wasmc_import_desc &import = module->imports[i];
    const wasmc_extern &given = imports[i];
    if (given.kind != import.kind) {
      formatError(error, errorSize, "incompatible import type for %s: expected a %s",
                  importLabel(module, i, label, sizeof label),
                  import.kind == WASMC_EXTERN_FUNC     ? "function"
                  : import.kind == WASMC_EXTERN_TABLE  ? "table"
                  : import.kind == WASMC_EXTERN_MEMORY ? "memory"
                  : import.kind == WASMC_EXTERN_GLOBAL ? "global"
                                                       : "tag");
      return false;
    }
    switch (import.kind) {
    case WASMC_EXTERN_FUNC: {
      const wasmc_funcref *func = given.of.func;
      if (!func || func->type_id != self->typeIds[module->func_types[import.index]]) {
        formatError(error, errorSize, "incompatible import type for %s: function type differs",
                    importLabel(module, i, label, sizeof label));
        return false;
      }
      if (func->flags & WASMC_FUNCREF_HOST) {
        if (!bindHostFunction(self, module, import.index, *func)) {
          formatError(error, errorSize,
                      "unsupported: import %s: host functions with several results",
                      importLabel(module, i, label, sizeof label));
          return false;
        }
      } else {
        pub.funcs[import.index] = *func;
      }
      break;
    }
    case WASMC_EXTERN_TABLE: {
      const wasmc_table *table = given.of.table;
      const wasmc_table_desc &expected = module->tables[import.index];
      // Tables are read and written: their element types must be equivalent.
      if (!table ||
          !areEquivalent(table->elem_type, canonicalValType(expected.elem_type, self->typeIds)) ||
          table->flags != expected.limits.flags ||
          !limitsMatch(table->size, table->has_max, table->max, expected.limits)) {
        formatError(error, errorSize, "incompatible import type for %s: table type differs",
                    importLabel(module, i, label, sizeof label));
        return false;
      }
      pub.tables[import.index] = given.of.table;
      break;
    }
    case WASMC_EXTERN_MEMORY: {
      const wasmc_memory *memory = given.of.memory;
      const wasmc_limits_desc &expected = module->memories[import.index];
      if (!memory || memory->flags != expected.flags ||
          !limitsMatch(memory->size / WASMC_PAGE_SIZE, memory->max_pages != UINT64_MAX,
                       memory->max_pages, expected)) {
        formatError(error, errorSize, "incompatible import type for %s: memory limits differ",
                    importLabel(module, i, label, sizeof label));
        return false;
      }
      pub.memories[import.index] = given.of.memory;
      break;
    }
    case WASMC_EXTERN_GLOBAL: {
      const wasmc_global_desc &expected = module->globals[import.index];
      const wasmc_valtype expectedType = canonicalValType(expected.type, self->typeIds);
      // An immutable global may be of a subtype; a mutable one, written too, must be equivalent.
      const bool typeMatches = expected.is_mutable
                                   ? areEquivalent(given.global_type, expectedType)
                                   : isSubtype(given.global_type, expectedType);
      if (!given.of.global || !typeMatches ||
          (given.global_mutable != 0) != (expected.is_mutable != 0)) {
        formatError(error, errorSize, "incompatible import type for %s: global type differs",
                    importLabel(module, i, label, sizeof label));
        return false;
      }
      pub.globals[import.index] = given.of.global;
      break;
    }
    case WASMC_EXTERN_TAG: {
      // Exceptions are read by the tag's type: it must be the same.
      const wasmc_tag *tag = given.of.tag;
      if (!tag || tag->type_id != self->typeIds[module->tags[import.index].type_index]) {
        formatError(error, errorSize, "incompatible import type for %s: tag type differs",
                    importLabel(module, i, label, sizeof label));
        return false;
      }
      pub.tags[import.index] = given.of.tag;
      break;
    }
    default:
      formatError(error, errorSize, "malformed import kind for %s",
                  importLabel(module, i, label, sizeof label));
      return false;
    }
  }
  return true;
}

// Creates the memories, tables, globals, functions and segments the module defines.
bool createDefinitions(Instance *self, const wasmc_module_desc *module, char *error,
                       size_t errorSize) {
  wasmc_instance &pub = self->pub;
  for (uint32_t i = module->num_imported_memories; i < module->num_memories; ++i) {
    const wasmc_limits_desc &limits = module->memories[i];
    pub.memories[i] = wasmc_memory_new(limits.min, limits.max, limits.has_max, limits.flags);
    if (!pub.memories[i]) {
      formatError(error, errorSize, "cannot reserve address space for a linear memory");
      return false;
    }
  }
  for (uint32_t i = module->num_imported_tables; i < module->num_tables; ++i) {
    const wasmc_table_desc &table = module->tables[i];
    // A table64's limits may exceed what a table can hold (2^32 - 1 elements): a larger minimum
    // cannot be allocated, a larger maximum is never reached.
    const uint64_t max = table.limits.max < UINT32_MAX ? table.limits.max : UINT32_MAX;
    if (table.limits.min <= UINT32_MAX)
      pub.tables[i] = wasmc_table_new(canonicalValType(table.elem_type, self->typeIds),
                                      static_cast<uint32_t>(table.limits.min),
                                      static_cast<uint32_t>(max), table.limits.has_max);
    if (!pub.tables[i]) {
      formatError(error, errorSize, "cannot allocate a table of %llu elements",
                  static_cast<unsigned long long>(table.limits.min));
      return false;
    }
    pub.tables[i]->flags = static_cast<uint8_t>(table.limits.flags);
  }
  for (uint32_t i = module->num_imported_globals; i < module->num_globals; ++i)
    pub.globals[i] = &self->globalStorage[i - module->num_imported_globals];
  for (uint32_t i = module->num_imported_funcs; i < module->num_funcs; ++i) {
    const uint32_t defined = i - module->num_imported_funcs;
    wasmc_funcref &func = pub.funcs[i];
    func.code = module->func_code[defined];
    func.ctx = &pub;
    func.type_id = self->typeIds[module->func_types[i]];
    func.array_call = module->func_array_calls ? module->func_array_calls[defined] : nullptr;
  }
  for (uint32_t i = module->num_imported_tags; i < module->num_tags; ++i) {
    wasmc_tag &tag = self->tagStorage[i - module->num_imported_tags];
    const uint32_t type = module->tags[i].type_index;
    tag.type_id = self->typeIds[type];
    tag.num_values = module->types[type].func.num_params;
    tag.name = module->tags[i].name;
    pub.tags[i] = &tag;
  }
  for (uint32_t i = 0; i < module->num_data; ++i) {
    pub.data_segments[i].bytes = module->data[i].bytes;
    pub.data_segments[i].size = module->data[i].size;
  }
  for (uint32_t i = 0; i < module->num_elems; ++i) {
    pub.elem_segments[i].size = module->elems[i].size;
    pub.elem_segments[i].refs = allocate<void *>(module->elems[i].size);
    if (!pub.elem_segments[i].refs) {
      formatError(error, errorSize, "out of memory");
      return false;
    }
  }
  pub.memory_base = module->num_memories ? pub.memories[0]->base : nullptr;
  return true;
}

uint64_t offsetOf(const wasmc_segment_placement &placement, const uint64_t *computed,
                  size_t slot) {
  return placement.offset_computed ? computed[slot] : placement.offset;
}

// What `initialize` leaves to the runtime (abi.h): the element items that are function indices,
// then the active segments in order, as table.init and memory.init with their traps, each
// segment dropped after it is applied (declarative ones too). Every segment's items come first,
// not each just before it is applied: when an active segment traps, functions that earlier ones
// put in an imported table stay callable, and may table.init from any passive segment.
void applySegments(wasmc_instance *pub, const uint64_t *offsets) {
  const wasmc_module_desc *module = pub->module;
  for (uint32_t s = 0; s < module->num_elems; ++s) {
    const wasmc_elem_desc &segment = module->elems[s];
    if (segment.func_indices)
      for (uint64_t j = 0; j < segment.size; ++j) {
        const uint32_t function = segment.func_indices[j];
        pub->elem_segments[s].refs[j] =
            function == WASMC_NULL_FUNC_INDEX ? nullptr : &pub->funcs[function];
      }
  }
  for (uint32_t s = 0; s < module->num_elems; ++s) {
    const wasmc_elem_desc &segment = module->elems[s];
    if (segment.mode == WASMC_SEGMENT_ACTIVE) {
      const uint64_t offset = offsetOf(segment.placement, offsets, s);
      wasmc_rt_table_init(pub, segment.placement.index, s, offset, 0,
                          uint32_t(segment.size));
    }
    if (segment.mode != WASMC_SEGMENT_PASSIVE)
      pub->elem_segments[s].size = 0;
  }
  for (uint32_t d = 0; d < module->num_data; ++d) {
    const wasmc_data_desc &segment = module->data[d];
    if (segment.mode != WASMC_SEGMENT_ACTIVE)
      continue;
    const uint64_t offset = offsetOf(segment.placement, offsets, module->num_elems + d);
    wasmc_rt_memory_init(pub, segment.placement.index, d, offset, 0,
                         uint32_t(segment.size));
    pub->data_segments[d].size = 0;
  }
}

struct Initialization {
  wasmc_instance *instance;
  uint64_t *offsets;
};

void runInitialization(void *argument) {
  auto *init = static_cast<Initialization *>(argument);
  wasmc_instance *pub = init->instance;
  pub->module->initialize(pub, init->offsets);
  applySegments(pub, init->offsets);
  if (pub->module->start)
    pub->module->start(pub);
}

struct ArrayCall {
  const wasmc_funcref *func;
  wasmc_val *values;
};

void runArrayCall(void *argument) {
  auto *call = static_cast<ArrayCall *>(argument);
  call->func->array_call(call->func, call->values);
}

} // namespace

extern "C" {

void wasmc_runtime_init(void) { pthread_once(&initOnce, installSignalHandlers); }

wasmc_result wasmc_instantiate(const wasmc_module_desc *module, const wasmc_extern *imports,
                               const wasmc_instantiate_options *options, wasmc_instance **out,
                               wasmc_trap_info *trap) {
  char *error = options ? options->error : nullptr;
  const size_t errorSize = options ? options->error_size : 0;
  *out = nullptr;
  trap->code = WASMC_TRAP_NONE;
  trap->num_frames = 0;
  if (module->abi_version != WASMC_ABI_VERSION) {
    formatError(error, errorSize, "module compiled for runtime ABI %u, this runtime is %u",
                module->abi_version, WASMC_ABI_VERSION);
    return WASMC_ERROR_LINK;
  }
  wasmc_runtime_init();
  registerModuleCode(module);

  auto *self = allocate<Instance>(1);
  if (!self) {
    formatError(error, errorSize, "out of memory");
    return WASMC_ERROR_RESOURCE;
  }
  wasmc_instance &pub = self->pub;
  pub.module = module;
  pub.wasi = options ? options->wasi : nullptr;
  pub.host_data = options ? options->host_data : nullptr;
  pub.memories = allocate<wasmc_memory *>(module->num_memories);
  pub.tables = allocate<wasmc_table *>(module->num_tables);
  pub.globals = allocate<wasmc_global *>(module->num_globals);
  pub.funcs = allocate<wasmc_funcref>(module->num_funcs);
  pub.data_segments = allocate<wasmc_data_segment>(module->num_data);
  pub.elem_segments = allocate<wasmc_elem_segment>(module->num_elems);
  self->globalStorage = allocate<wasmc_global>(module->num_globals - module->num_imported_globals);
  self->typeIds = allocate<uint32_t>(module->num_types);
  self->hostImports = allocate<wasmc_funcref>(module->num_imported_funcs);
  pub.tags = allocate<wasmc_tag *>(module->num_tags);
  self->tagStorage = allocate<wasmc_tag>(module->num_tags - module->num_imported_tags);
  if (!pub.memories || !pub.tables || !pub.globals || !pub.funcs || !pub.data_segments ||
      !pub.elem_segments || !self->globalStorage || !self->typeIds || !self->hostImports ||
      !pub.tags || !self->tagStorage) {
    wasmc_instance_free(&pub);
    formatError(error, errorSize, "out of memory");
    return WASMC_ERROR_RESOURCE;
  }
  pub.type_ids = self->typeIds;
  canonicalTypeIds(module->types, module->num_types, self->typeIds);

  if (!bindImports(self, module, imports, error, errorSize)) {
    wasmc_instance_free(&pub);
    return WASMC_ERROR_LINK;
  }
  if (!createDefinitions(self, module, error, errorSize)) {
    wasmc_instance_free(&pub);
    return WASMC_ERROR_RESOURCE;
  }
  Initialization init{&pub, allocate<uint64_t>(size_t(module->num_elems) + module->num_data)};
  if (!init.offsets) {
    wasmc_instance_free(&pub);
    formatError(error, errorSize, "out of memory");
    return WASMC_ERROR_RESOURCE;
  }
  *out = &pub;
  const int trapped = wasmc_guarded(runInitialization, &init, trap); // or threw
  free(init.offsets);
  return trapped ? WASMC_ERROR_TRAP : WASMC_OK;
}

void wasmc_instance_free(wasmc_instance *instance) {
  if (!instance)
    return;
  auto *self = reinterpret_cast<Instance *>(instance);
  const wasmc_module_desc *module = instance->module;
  if (instance->memories)
    for (uint32_t i = module->num_imported_memories; i < module->num_memories; ++i)
      wasmc_memory_free(instance->memories[i]);
  if (instance->tables)
    for (uint32_t i = module->num_imported_tables; i < module->num_tables; ++i)
      wasmc_table_free(instance->tables[i]);
  if (instance->elem_segments)
    for (uint32_t i = 0; i < module->num_elems; ++i)
      free(instance->elem_segments[i].refs);
  free(instance->memories);
  free(instance->tables);
  free(instance->globals);
  free(instance->funcs);
  free(instance->data_segments);
  free(instance->elem_segments);
  free(self->globalStorage);
  free(self->typeIds);
  free(self->hostImports);
  free(instance->tags);
  free(self->tagStorage);
  free(self);
}

int wasmc_instance_export(wasmc_instance *instance, const char *name, wasmc_extern *out) {
  return wasmc_instance_export_bytes(instance, name, strlen(name), out);
}

int wasmc_instance_export_bytes(wasmc_instance *instance, const char *name, size_t length,
                                wasmc_extern *out) {
  const wasmc_module_desc *module = instance->module;
  for (uint32_t i = 0; i < module->num_exports; ++i) {
    const wasmc_export_desc &exported = module->exports[i];
    if (exported.name_length != length || memcmp(exported.name, name, length) != 0)
      continue;
    memset(out, 0, sizeof *out);
    out->kind = exported.kind;
    switch (exported.kind) {
    case WASMC_EXTERN_FUNC:
      out->of.func = &instance->funcs[exported.index];
      break;
    case WASMC_EXTERN_TABLE:
      out->of.table = instance->tables[exported.index];
      break;
    case WASMC_EXTERN_MEMORY:
      out->of.memory = instance->memories[exported.index];
      break;
    case WASMC_EXTERN_GLOBAL:
      out->of.global = instance->globals[exported.index];
      out->global_type = canonicalValType(module->globals[exported.index].type, instance->type_ids);
      out->global_mutable = module->globals[exported.index].is_mutable;
      break;
    case WASMC_EXTERN_TAG:
      out->of.tag = instance->tags[exported.index];
      break;
    }
    return 1;
  }
  return 0;
}

const wasmc_functype_desc *wasmc_func_type(const wasmc_funcref *func) {
  return functypeOfId(func->type_id);
}

int wasmc_call(const wasmc_funcref *func, wasmc_val *args_and_results, wasmc_trap_info *trap) {
  if (!func->array_call) {
    trap->code = WASMC_TRAP_HOST;
    trap->num_frames = 0;
    return 1;
  }
  ArrayCall call{func, args_and_results};
  return wasmc_guarded(runArrayCall, &call, trap);
}

wasmc_funcref *wasmc_host_func_new(uint32_t type_id, void *code, void *env,
                                   wasmc_array_call array_call) {
  auto *func = allocate<wasmc_funcref>(1);
  if (!func)
    return nullptr;
  func->code = code;
  func->ctx = env;
  func->type_id = type_id;
  func->flags = WASMC_FUNCREF_HOST;
  func->array_call = array_call;
  return func;
}

void wasmc_host_func_free(wasmc_funcref *func) { free(func); }

wasmc_global *wasmc_global_new(void) { return allocate<wasmc_global>(1); }

void wasmc_global_free(wasmc_global *global) { free(global); }

} // extern "C"
