/* The wasmc runtime's embedding interface: create instances of compiled modules with their
 * imports bound, call their exports, and get traps back as values instead of a process exit.
 *
 * A compiled module is described by its wasmc_module_desc (see abi.h); `wasmc build` links one
 * into an executable together with a main() that uses this interface, and embedders (the spec
 * test harness among them) link or load compiled modules and use it directly. Several instances
 * of one module may exist at once. An instance must outlive the instances that import from it.
 * Instances are not thread-safe: use each one from one thread at a time.
 */
#ifndef WASMC_RUNTIME_H
#define WASMC_RUNTIME_H

#include "wasmc/abi.h"

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WASMC_MAX_TRAP_FRAMES 64

typedef struct wasmc_trap_info {
  int32_t code;        /* wasmc_trap_code; WASMC_TRAP_NONE if nothing happened */
  int32_t exit_status; /* with WASMC_TRAP_EXIT: the status given to proc_exit */
  uint32_t num_frames;
  uint32_t reserved;
  /* With WASMC_TRAP_EXCEPTION: the uncaught exception (its tag and values, abi.h). It stays
   * valid until the thread's next uncaught exception (or wasmc_thread_fini), which frees it,
   * unless wasmc_exception_keep keeps it. */
  const wasmc_exception *exception;
  uintptr_t frames[WASMC_MAX_TRAP_FRAMES]; /* code addresses, innermost first */
} wasmc_trap_info;

/* The message of a trap code, e.g. "out of bounds memory access". */
const char *wasmc_trap_message(int32_t code);

/* Writes "wasm trap: <message>" and a backtrace of the wasm functions involved. */
void wasmc_print_trap(FILE *out, const wasmc_trap_info *trap);

/* Installs the signal handlers that turn faults in generated code into traps. Idempotent;
 * wasmc_instantiate calls it. Faults outside generated code keep their default behaviour. */
void wasmc_runtime_init(void);

/* Sets the calling thread's stack limit for wasm code and its signal stack. The outermost call
 * into wasm from a thread does this when the thread has no limit yet; a host may do it up
 * front (finding the stack's bounds can be slow, e.g. under qemu-user). */
void wasmc_thread_init(void);

/* Undoes wasmc_thread_init on a thread that is done with wasm (outside any wasm call): frees the
 * signal stack it allocated. A thread that calls into wasm again sets both up anew. */
void wasmc_thread_fini(void);

/* ---- Values that cross the boundary ---- */

typedef struct wasmc_extern {
  uint32_t kind; /* WASMC_EXTERN_* */
  union {
    wasmc_funcref *func;
    wasmc_table *table;
    wasmc_memory *memory;
    wasmc_global *global;
    wasmc_tag *tag;
  } of;
  /* For globals: the value type (canonical, see wasmc_valtype) and mutability, which linking
   * checks. */
  wasmc_valtype global_type;
  uint32_t global_mutable;
} wasmc_extern;

/* The canonical id of a function type whose value types are Wasm 2.0 type codes (numbers, v128,
 * funcref, externref), for host functions: the id a module's equal type gets (a final type in a
 * recursion group of its own). */
uint32_t wasmc_functype_id(uint32_t num_params, uint32_t num_results, const uint8_t *types);

/* A host function, the C function code(env, params...) with at most one result, typed by
 * `type_id`. It is given to instances as an import (never put into a table or global directly):
 * the instance binds it through the module's import thunk (abi.h). `array_call` (may be NULL)
 * lets the host call it back through wasmc_call; it receives the function reference, whose ctx
 * is `env` (or the importing instance). Freed with wasmc_host_func_free.
 * With env == WASMC_ENV_IMPORTER, the function receives the instance that imports it instead
 * (this is how WASI functions reach the calling module's memory). */
#define WASMC_ENV_IMPORTER ((void *)1)
wasmc_funcref *wasmc_host_func_new(uint32_t type_id, void *code, void *env,
                                   wasmc_array_call array_call);
void wasmc_host_func_free(wasmc_funcref *func);

/* Host-owned memories, tables and globals, to import into instances. */
/* `flags`: WASMC_MEMORY_* (abi.h), its type. */
wasmc_memory *wasmc_memory_new(uint64_t min_pages, uint64_t max_pages, int has_max,
                               uint32_t flags);
void wasmc_memory_free(wasmc_memory *memory);
wasmc_table *wasmc_table_new(wasmc_valtype elem_type, uint32_t min, uint32_t max, int has_max);
void wasmc_table_free(wasmc_table *table);
wasmc_global *wasmc_global_new(void);
void wasmc_global_free(wasmc_global *global);

/* ---- Instances ---- */

typedef enum wasmc_result {
  WASMC_OK = 0,
  WASMC_ERROR_LINK = 1, /* an import is missing or has the wrong type; see the message */
  WASMC_ERROR_TRAP = 2, /* a trap while initialising or in the start function, or an uncaught
                           exception there (trap->code WASMC_TRAP_EXCEPTION) */
  WASMC_ERROR_RESOURCE = 3, /* out of memory or address space */
} wasmc_result;

typedef struct wasmc_instantiate_options {
  void *wasi;      /* WASI context for the instance (wasmc/wasi.h), or NULL */
  void *host_data; /* stored in instance->host_data */
  /* Receives a message for WASMC_ERROR_LINK and WASMC_ERROR_RESOURCE. */
  char *error;
  size_t error_size;
} wasmc_instantiate_options;

/* Creates an instance. `imports` has one entry per import of the module, in order. On
 * WASMC_ERROR_TRAP, *trap describes the trap; as the specification requires, what the failed
 * initialisation wrote to imported memories and tables stays written. */
/* On WASMC_ERROR_TRAP, *out still receives the instance: tables may hold references to its
 * functions, so it stays usable and the caller frees it when nothing refers to it any more. */
wasmc_result wasmc_instantiate(const wasmc_module_desc *module, const wasmc_extern *imports,
                               const wasmc_instantiate_options *options, wasmc_instance **out,
                               wasmc_trap_info *trap);
void wasmc_instance_free(wasmc_instance *instance);

/* Looks up an export by name; returns 0 if there is none. */
int wasmc_instance_export(wasmc_instance *instance, const char *name, wasmc_extern *out);
/* The same for names that may contain NUL bytes. */
int wasmc_instance_export_bytes(wasmc_instance *instance, const char *name, size_t length,
                                wasmc_extern *out);

/* The function type of a funcref, from the module that defined it (or the host); references to
 * defined types in it are by canonical id. */
const wasmc_functype_desc *wasmc_func_type(const wasmc_funcref *func);

/* Calls a function with arguments in args_and_results[0..params) and leaves its results in
 * args_and_results[0..results). Returns 0; 1 with *trap filled if the call trapped (traps
 * include proc_exit, as WASMC_TRAP_EXIT); WASMC_CALL_EXCEPTION if a wasm exception escaped it
 * (trap->code WASMC_TRAP_EXCEPTION, trap->exception the exception, trap->frames where it was
 * thrown). Calls may nest (host -> wasm -> host -> wasm). */
#define WASMC_CALL_EXCEPTION 2
int wasmc_call(const wasmc_funcref *func, wasmc_val *args_and_results, wasmc_trap_info *trap);

/* A tag for hosts to import into instances (wasm_extern kind WASMC_EXTERN_TAG), of the function
 * type `type_id` (no results). Freed with wasmc_tag_free. */
wasmc_tag *wasmc_tag_new(uint32_t type_id, const char *name);
void wasmc_tag_free(wasmc_tag *tag);

/* Keeps an exception for the life of the process: an uncaught one (wasmc_trap_info::exception)
 * that the host holds on to past the thread's next uncaught exception, or passes back into wasm
 * as an exnref. */
void wasmc_exception_keep(const wasmc_exception *exception);

/* Runs fn(arg) with a trap guard, for host code that calls compiled code directly; returns as
 * wasmc_call does. */
int wasmc_guarded(void (*fn)(void *arg), void *arg, wasmc_trap_info *trap);

/* Raises a trap from a host function called by wasm: unwinds to the innermost wasmc_call. */
__attribute__((noreturn)) void wasmc_raise(int32_t code, int32_t exit_status);

/* Name of the wasm function containing a code address (NULL if unnamed); *function_index is
 * set to its index, or to UINT32_MAX if the address is not in compiled wasm code. */
const char *wasmc_function_name_at(uintptr_t address, uint32_t *function_index);

#ifdef __cplusplus
}
#endif

#endif /* WASMC_RUNTIME_H */
