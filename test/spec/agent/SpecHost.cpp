#include "SpecHost.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

namespace wasmc::spec {

namespace {

// The env of every print function: whether to print.
bool printEnabled = true;
bool printDisabled = false;

bool shouldPrint(void *env) { return *static_cast<bool *>(env); }

// Like the reference interpreter: one "<value> : <type>" line per argument.
void printI32(int32_t v) { printf("%" PRId32 " : i32\n", v); }
void printI64(int64_t v) { printf("%" PRId64 " : i64\n", v); }
void printF32(float v) { printf("%.9g : f32\n", static_cast<double>(v)); }
void printF64(double v) { printf("%.17g : f64\n", v); }

// Native entry points, called by compiled code as code(env, params...).
void nativePrint(void *) {}
void nativePrintI32(void *env, int32_t a) {
  if (shouldPrint(env))
    printI32(a);
}
void nativePrintI64(void *env, int64_t a) {
  if (shouldPrint(env))
    printI64(a);
}
void nativePrintF32(void *env, float a) {
  if (shouldPrint(env))
    printF32(a);
}
void nativePrintF64(void *env, double a) {
  if (shouldPrint(env))
    printF64(a);
}
void nativePrintI32F32(void *env, int32_t a, float b) {
  if (shouldPrint(env)) {
    printI32(a);
    printF32(b);
  }
}
void nativePrintF64F64(void *env, double a, double b) {
  if (shouldPrint(env)) {
    printF64(a);
    printF64(b);
  }
}

// Array-call entry points, for calls from the host (a script may invoke a re-exported print).
void arrayPrint(const wasmc_funcref *, wasmc_val *) {}
void arrayPrintI32(const wasmc_funcref *f, wasmc_val *v) { nativePrintI32(f->ctx, v[0].i32); }
void arrayPrintI64(const wasmc_funcref *f, wasmc_val *v) { nativePrintI64(f->ctx, v[0].i64); }
void arrayPrintF32(const wasmc_funcref *f, wasmc_val *v) { nativePrintF32(f->ctx, v[0].f32); }
void arrayPrintF64(const wasmc_funcref *f, wasmc_val *v) { nativePrintF64(f->ctx, v[0].f64); }
void arrayPrintI32F32(const wasmc_funcref *f, wasmc_val *v) {
  nativePrintI32F32(f->ctx, v[0].i32, v[1].f32);
}
void arrayPrintF64F64(const wasmc_funcref *f, wasmc_val *v) {
  nativePrintF64F64(f->ctx, v[0].f64, v[1].f64);
}

// A host function of type (params) -> (); at most two parameters (0 marks the end).
wasmc_funcref *makeFunc(uint8_t first, uint8_t second, void *code, void *env,
                        wasmc_array_call arrayCall) {
  const uint8_t types[2] = {first, second}; // a valid pointer even for () -> ()
  const uint32_t count = first == 0 ? 0 : second == 0 ? 1 : 2;
  const uint32_t id = wasmc_functype_id(count, 0, types);
  return wasmc_host_func_new(id, code, env, arrayCall);
}

wasmc_extern globalExtern(wasmc_global *global, uint32_t type) {
  wasmc_extern out;
  memset(&out, 0, sizeof out);
  out.kind = WASMC_EXTERN_GLOBAL;
  out.of.global = global;
  out.global_type = wasmc_valtype_of(static_cast<uint8_t>(type));
  out.global_mutable = 0;
  return out;
}

} // namespace

Spectest::Spectest(bool print) {
  void *env = print ? &printEnabled : &printDisabled;
  funcs_[0] = {"print", makeFunc(0, 0, reinterpret_cast<void *>(&nativePrint), env, arrayPrint)};
  funcs_[1] = {"print_i32", makeFunc(WASMC_TYPE_I32, 0, reinterpret_cast<void *>(&nativePrintI32),
                                     env, arrayPrintI32)};
  funcs_[2] = {"print_i64", makeFunc(WASMC_TYPE_I64, 0, reinterpret_cast<void *>(&nativePrintI64),
                                     env, arrayPrintI64)};
  funcs_[3] = {"print_f32", makeFunc(WASMC_TYPE_F32, 0, reinterpret_cast<void *>(&nativePrintF32),
                                     env, arrayPrintF32)};
  funcs_[4] = {"print_f64", makeFunc(WASMC_TYPE_F64, 0, reinterpret_cast<void *>(&nativePrintF64),
                                     env, arrayPrintF64)};
  funcs_[5] = {"print_i32_f32",
               makeFunc(WASMC_TYPE_I32, WASMC_TYPE_F32,
                        reinterpret_cast<void *>(&nativePrintI32F32), env, arrayPrintI32F32)};
  funcs_[6] = {"print_f64_f64",
               makeFunc(WASMC_TYPE_F64, WASMC_TYPE_F64,
                        reinterpret_cast<void *>(&nativePrintF64F64), env, arrayPrintF64F64)};

  globalI32_ = wasmc_global_new();
  globalI32_->i32 = 666;
  globalI64_ = wasmc_global_new();
  globalI64_->i64 = 666;
  globalF32_ = wasmc_global_new();
  globalF32_->f32 = 666.6f;
  globalF64_ = wasmc_global_new();
  globalF64_->f64 = 666.6;
  table_ = wasmc_table_new(wasmc_valtype_of(WASMC_TYPE_FUNCREF), 10, 20, 1);
  table64_ = wasmc_table_new(wasmc_valtype_of(WASMC_TYPE_FUNCREF), 10, 20, 1);
  if (table64_)
    table64_->flags = WASMC_TABLE_64;
  memory_ = wasmc_memory_new(1, 2, 1, 0);
  sharedMemory_ = wasmc_memory_new(1, 2, 1, WASMC_MEMORY_SHARED);
}

Spectest::~Spectest() {
  for (Func &func : funcs_)
    wasmc_host_func_free(func.ref);
  wasmc_global_free(globalI32_);
  wasmc_global_free(globalI64_);
  wasmc_global_free(globalF32_);
  wasmc_global_free(globalF64_);
  wasmc_table_free(table_);
  wasmc_table_free(table64_);
  wasmc_memory_free(memory_);
  wasmc_memory_free(sharedMemory_);
}

bool Spectest::lookup(const char *name, size_t length, wasmc_extern &out) const {
  memset(&out, 0, sizeof out);
  auto is = [&](const char *candidate) {
    return strlen(candidate) == length && memcmp(candidate, name, length) == 0;
  };
  for (const Func &func : funcs_) {
    if (is(func.name)) {
      out.kind = WASMC_EXTERN_FUNC;
      out.of.func = func.ref;
      return true;
    }
  }
  if (is("global_i32"))
    out = globalExtern(globalI32_, WASMC_TYPE_I32);
  else if (is("global_i64"))
    out = globalExtern(globalI64_, WASMC_TYPE_I64);
  else if (is("global_f32"))
    out = globalExtern(globalF32_, WASMC_TYPE_F32);
  else if (is("global_f64"))
    out = globalExtern(globalF64_, WASMC_TYPE_F64);
  else if (is("table")) {
    out.kind = WASMC_EXTERN_TABLE;
    out.of.table = table_;
  } else if (is("table64")) {
    out.kind = WASMC_EXTERN_TABLE;
    out.of.table = table64_;
  } else if (is("memory")) {
    out.kind = WASMC_EXTERN_MEMORY;
    out.of.memory = memory_;
  } else if (is("shared_memory")) {
    out.kind = WASMC_EXTERN_MEMORY;
    out.of.memory = sharedMemory_;
  } else {
    return false;
  }
  return true;
}

} // namespace wasmc::spec
