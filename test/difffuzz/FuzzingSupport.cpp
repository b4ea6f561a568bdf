#include "FuzzingSupport.h"

#include "SpecValues.h"

#include <string.h>

#include <algorithm>

namespace wasmc::difffuzz {

namespace {

typedef int32_t V128 __attribute__((vector_size(16))); // how generated code passes a v128
constexpr uint8_t I32 = WASMC_TYPE_I32, I64 = WASMC_TYPE_I64, F32 = WASMC_TYPE_F32,
                  F64 = WASMC_TYPE_F64, V128T = WASMC_TYPE_V128, FUNCREF = WASMC_TYPE_FUNCREF,
                  EXTERNREF = WASMC_TYPE_EXTERNREF;

// The host functions are bound with WASMC_ENV_IMPORTER: they receive the importing instance,
// also while it is instantiated (binaryen's start functions call them), and find the
// FuzzingSupport in its host_data.
wasmc_instance *importer(void *ctx) { return static_cast<wasmc_instance *>(ctx); }
FuzzingSupport &support(void *ctx) {
  return *static_cast<FuzzingSupport *>(importer(ctx)->host_data);
}

void log(void *env, uint8_t type, const wasmc_val &value) {
  Output &out = support(env).out;
  out.beginLog();
  out.logValue(type, value);
  out.endLog();
}

// The table binaryen's table-get and table-set act on: the one exported as "table".
wasmc_table *exportedTable(void *env) {
  wasmc_extern table;
  if (support(env).instantiating ||
      !wasmc_instance_export(importer(env), "table", &table) ||
      table.kind != WASMC_EXTERN_TABLE)
    support(env).throwJs();
  return table.of.table;
}

// Native entry points: code(env, params...).
template <typename T, uint8_t Type> void logOne(void *env, T v) {
  wasmc_val value{};
  memcpy(&value, &v, sizeof v);
  log(env, Type, value);
}
void throwImport(void *env, int32_t payload) {
  if (payload == 0)
    support(env).throwJs();
  support(env).throwWasm(payload);
}
void *tableGet(void *env, int32_t index) {
  wasmc_table *table = exportedTable(env);
  if (static_cast<uint32_t>(index) >= table->size)
    support(env).throwJs();
  return table->elements[static_cast<uint32_t>(index)];
}
void tableSet(void *env, int32_t index, void *ref) {
  wasmc_table *table = exportedTable(env);
  if (static_cast<uint32_t>(index) >= table->size)
    support(env).throwJs();
  table->elements[static_cast<uint32_t>(index)] = ref;
}
// The *-catch imports catch exceptions, JS and wasm ones; a trap goes on unwinding.
int32_t caught(void *env, int status, const wasmc_trap_info &trap) {
  if (status == 0)
    return 0;
  if (status != WASMC_CALL_EXCEPTION)
    support(env).raise(status, trap);
  return 1;
}
void callExport(void *env, int32_t index, int32_t /*catchAndRethrow: the same here*/) {
  wasmc_trap_info trap;
  if (int status = support(env).callExportAsJs(importer(env), static_cast<uint32_t>(index), &trap))
    support(env).raise(status, trap);
}
int32_t callExportCatch(void *env, int32_t index) {
  wasmc_trap_info trap;
  const int status =
      support(env).callExportAsJs(importer(env), static_cast<uint32_t>(index), &trap);
  return caught(env, status, trap);
}
void callRef(void *env, void *ref, int32_t /*catchAndRethrow: the same here*/) {
  wasmc_trap_info trap;
  if (int status = support(env).callAsJs(static_cast<const wasmc_funcref *>(ref), &trap))
    support(env).raise(status, trap);
}
int32_t callRefCatch(void *env, void *ref) {
  wasmc_trap_info trap;
  return caught(env, support(env).callAsJs(static_cast<const wasmc_funcref *>(ref), &trap), trap);
}
int32_t sleepFor(void *, int32_t /*milliseconds: binaryen does not sleep*/, int32_t id) {
  return id;
}

// Array-call entry points, for an import re-exported and called by the host.
template <typename T, uint8_t Type> void arrayLogOne(const wasmc_funcref *f, wasmc_val *v) {
  T value;
  memcpy(&value, &v[0], sizeof value);
  logOne<T, Type>(f->ctx, value);
}
void arrayThrow(const wasmc_funcref *f, wasmc_val *v) { throwImport(f->ctx, v[0].i32); }
void arrayTableGet(const wasmc_funcref *f, wasmc_val *v) { v[0].ref = tableGet(f->ctx, v[0].i32); }
void arrayTableSet(const wasmc_funcref *f, wasmc_val *v) { tableSet(f->ctx, v[0].i32, v[1].ref); }
void arrayCallExport(const wasmc_funcref *f, wasmc_val *v) {
  callExport(f->ctx, v[0].i32, v[1].i32);
}
void arrayCallExportCatch(const wasmc_funcref *f, wasmc_val *v) {
  v[0].i32 = callExportCatch(f->ctx, v[0].i32);
}
void arrayCallRef(const wasmc_funcref *f, wasmc_val *v) { callRef(f->ctx, v[0].ref, v[1].i32); }
void arrayCallRefCatch(const wasmc_funcref *f, wasmc_val *v) {
  v[0].i32 = callRefCatch(f->ctx, v[0].ref);
}
void arraySleep(const wasmc_funcref *f, wasmc_val *v) {
  v[0].i32 = sleepFor(f->ctx, v[0].i32, v[1].i32);
}

bool sameTypes(const wasmc_valtype *types, const uint8_t *codes, uint32_t count) {
  for (uint32_t i = 0; i < count; ++i)
    if (shortTypeCode(types[i]) != codes[i])
      return false;
  return true;
}

struct KnownTag {
  const char *name;
  uint8_t type; // its one parameter
};
const KnownTag kTags[] = {{"wasmtag", I32}, {"jstag", EXTERNREF}};

struct KnownFunction {
  const char *name;
  uint8_t numParams, numResults;
  uint8_t types[3]; // params then results
  void *code;
  wasmc_array_call arrayCall;
};



const KnownFunction kFunctions[] = {
    {"log-i32", 1, 0, {I32}, reinterpret_cast<void *>(&logOne<int32_t, I32>),
     arrayLogOne<int32_t, I32>},
    {"log-i64", 1, 0, {I64}, reinterpret_cast<void *>(&logOne<int64_t, I64>),
     arrayLogOne<int64_t, I64>},
    {"log-f32", 1, 0, {F32}, reinterpret_cast<void *>(&logOne<float, F32>),
     arrayLogOne<float, F32>},
    {"log-f64", 1, 0, {F64}, reinterpret_cast<void *>(&logOne<double, F64>),
     arrayLogOne<double, F64>},
    {"log-v128", 1, 0, {V128T}, reinterpret_cast<void *>(&logOne<V128, V128T>),
     arrayLogOne<V128, V128T>},
    {"throw", 1, 0, {I32}, reinterpret_cast<void *>(&throwImport), arrayThrow},
    {"table-get", 1, 1, {I32, FUNCREF}, reinterpret_cast<void *>(&tableGet), arrayTableGet},
    {"table-set", 2, 0, {I32, FUNCREF}, reinterpret_cast<void *>(&tableSet), arrayTableSet},
    {"call-export", 2, 0, {I32, I32}, reinterpret_cast<void *>(&callExport), arrayCallExport},
    {"call-export-catch", 1, 1, {I32, I32}, reinterpret_cast<void *>(&callExportCatch),
     arrayCallExportCatch},
    {"call-ref", 2, 0, {FUNCREF, I32}, reinterpret_cast<void *>(&callRef), arrayCallRef},
    {"call-ref-catch", 1, 1, {FUNCREF, I32}, reinterpret_cast<void *>(&callRefCatch),
     arrayCallRefCatch},
    {"sleep", 2, 1, {I32, I32, I32}, reinterpret_cast<void *>(&sleepFor), arraySleep},
};

bool sameName(const char *name, uint32_t length, const char *expected) {
  return strlen(expected) == length && memcmp(name, expected, length) == 0;
}

// Binaryen's payload for a synthesized externref global: the characters of module and name
// summed modulo 251 (its FuzzerImportResolver; fuzz_shell.js does the same).
uintptr_t externPayload(const wasmc_import_desc &import) {
  uint32_t payload = 0;
  for (uint32_t i = 0; i < import.module_length; ++i)
    payload = (payload + static_cast<unsigned char>(import.module[i])) % 251;
  for (uint32_t i = 0; i < import.name_length; ++i)
    payload = (payload + static_cast<unsigned char>(import.name[i])) % 251;
  return payload;
}

} // namespace

FuzzingSupport::FuzzingSupport(Output &output)
    : out(output), wasmTag_(wasmc_tag_new(wasmc_functype_id(1, 0, &I32), "wasmtag")),
      jsTag_(wasmc_tag_new(wasmc_functype_id(1, 0, &EXTERNREF), "jstag")) {}

FuzzingSupport::~FuzzingSupport() {
  wasmc_tag_free(wasmTag_);
  wasmc_tag_free(jsTag_);
  for (wasmc_funcref *func : funcs_)
    wasmc_host_func_free(func);
  for (wasmc_global *global : globals_)
    wasmc_global_free(global);
}

bool FuzzingSupport::bind(const wasmc_module_desc &desc, std::vector<wasmc_extern> &imports,
                          std::string &error) {
  module = &desc;
  imports.assign(desc.num_imports, wasmc_extern{});
  for (uint32_t i = 0; i < desc.num_imports; ++i) {
    const wasmc_import_desc &import = desc.imports[i];
    const std::string what = std::string(import.module, import.module_length) + "." +
                             std::string(import.name, import.name_length);
    wasmc_extern &bound = imports[i];
    if (import.kind == WASMC_EXTERN_FUNC &&
        sameName(import.module, import.module_length, "fuzzing-support")) {
      const wasmc_functype_desc &type = desc.types[desc.func_types[import.index]].func;
      const KnownFunction *known = nullptr;
      for (const KnownFunction &candidate : kFunctions)
        if (sameName(import.name, import.name_length, candidate.name))
          known = &candidate;
      if (!known || type.num_params != known->numParams ||
          type.num_results != known->numResults ||
          !sameTypes(type.types, known->types, known->numParams + known->numResults)) {
        error = "import " + what + " (unknown, or of another type)";
        return false;
      }
      const uint32_t id = wasmc_functype_id(known->numParams, known->numResults, known->types);
      funcs_.push_back(wasmc_host_func_new(id, known->code, WASMC_ENV_IMPORTER, known->arrayCall));
      bound.kind = WASMC_EXTERN_FUNC;
      bound.of.func = funcs_.back();
    } else if (import.kind == WASMC_EXTERN_TAG &&
               sameName(import.module, import.module_length, "fuzzing-support")) {
      const wasmc_functype_desc &type = desc.types[desc.tags[import.index].type_index].func;
      const KnownTag *known = nullptr;
      for (const KnownTag &candidate : kTags)
        if (sameName(import.name, import.name_length, candidate.name))
          known = &candidate;
      if (!known || type.num_params != 1 || type.num_results != 0 ||
          !sameTypes(type.types, &known->type, 1)) {
        error = "import " + what + " (unknown, or of another type)";
        return false;
      }
      bound.kind = WASMC_EXTERN_TAG;
      bound.of.tag = known->type == I32 ? wasmTag_ : jsTag_;
    } else if (import.kind == WASMC_EXTERN_GLOBAL &&
               shortTypeCode(desc.globals[import.index].type) == WASMC_TYPE_EXTERNREF &&
               !desc.globals[import.index].is_mutable) {
      globals_.push_back(wasmc_global_new());
      globals_.back()->ref = spec::externHostValue(externPayload(import));
      bound.kind = WASMC_EXTERN_GLOBAL;
      bound.of.global = globals_.back();
      bound.global_type = wasmc_valtype_of(WASMC_TYPE_EXTERNREF);
      bound.global_mutable = 0;
    } else {
      error = "import " + what;
      return false;
    }
  }
  return true;
}

int FuzzingSupport::callExportAsJs(wasmc_instance *instance, uint32_t index,
                                   wasmc_trap_info *trap) {
  if (instantiating || index >= module->num_exports ||
      module->exports[index].kind != WASMC_EXTERN_FUNC)
    return jsException(trap);
  const wasmc_export_desc &exported = module->exports[index];
  wasmc_extern func;
  if (!wasmc_instance_export_bytes(instance, exported.name, exported.name_length, &func))
    return jsException(trap);
  return callAsJs(func.of.func, trap);
}

int FuzzingSupport::callAsJs(const wasmc_funcref *func, wasmc_trap_info *trap) {
  if (!func)
    return jsException(trap);
  // What JS cannot pass: v128 and exnref either way; a zero for an i64 (fuzz_shell.js's 0 is
  // no BigInt) or a non-nullable reference. Checked before the call, as JS does.
  const auto opaque = [](const wasmc_valtype &type) {
    return type.code == WASMC_TYPE_V128 || shortTypeCode(type) == WASMC_HEAP_EXN;
  };
  const wasmc_functype_desc *type = wasmc_func_type(func);
  for (uint32_t i = 0; i < type->num_params; ++i)
    if (opaque(type->types[i]) || type->types[i].code == WASMC_TYPE_I64 ||
        (type->types[i].code == WASMC_TYPE_REF && !type->types[i].nullable))
      return jsException(trap);
  for (uint32_t i = 0; i < type->num_results; ++i)
    if (opaque(type->types[type->num_params + i]))
      return jsException(trap);
  std::vector<wasmc_val> slots(std::max<uint32_t>(1, std::max(type->num_params,
                                                              type->num_results)));
  memset(trap, 0, sizeof *trap);
  return wasmc_call(func, slots.data(), trap);
}

int FuzzingSupport::jsException(wasmc_trap_info *trap) {
  memset(trap, 0, sizeof *trap);
  trap->code = WASMC_TRAP_EXCEPTION;
  return WASMC_CALL_EXCEPTION;
}

void FuzzingSupport::raiseException(wasmc_tag *tag, const wasmc_val &payload) {
  auto *exception = static_cast<wasmc_exception *>(wasmc_rt_exception_new(tag, 1));
  memcpy(exception + 1, &payload, sizeof payload); // the values follow the header
  wasmc_rt_throw_exception(exception);
}

void FuzzingSupport::throwJs() {
  wasmc_val payload{};
  payload.ref = spec::externHostValue(kJsErrorPayload);
  raiseException(jsTag_, payload);
}

void FuzzingSupport::throwWasm(int32_t value) {
  wasmc_val payload{};
  payload.i32 = value;
  raiseException(wasmTag_, payload);
}

void FuzzingSupport::raise(int status, const wasmc_trap_info &trap) {
  if (status != WASMC_CALL_EXCEPTION)
    wasmc_raise(trap.code, trap.exit_status);
  if (!trap.exception)
    throwJs();
  // The host owns an uncaught exception only until the thread's next one: keep it, as it
  // unwinds on through the calling wasm code.
  wasmc_exception_keep(trap.exception);
  wasmc_rt_throw_exception(const_cast<wasmc_exception *>(trap.exception));
}

} // namespace wasmc::difffuzz
