// The part of the spec harness that runs where the compiled modules run: it loads compiled
// modules (shared objects), instantiates them with their imports bound, calls their exports and
// reads their globals. The harness uses it in-process for the host target; wasmc-spec-agent
// serves it over pipes for the cross targets, under qemu-user. Everything else (the script,
// compiling, expected values, messages) stays in the harness, so both paths decide alike.
//
// Several threads may use one engine at once (the threads proposal's `thread` command runs its
// commands on a thread of their own), each with its own EngineScratch; an instance is used by one
// thread at a time, as the runtime requires.
//
// Built into the harness and into the agent: no C++ standard library, no exceptions.
#pragma once

#include "SpecHost.h"

#include "wasmc/runtime.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

namespace wasmc::spec {

// Where the harness says an import comes from; the engine looks it up there.
enum ImportSource : uint8_t {
  kImportSpectest = 0,     // the spectest host module
  kImportInstance = 1,     // an export of the instance `instance` (a registered module)
  kImportUnknown = 2,      // a module nobody registered
  kImportFailedModule = 3, // a registered module whose instantiation failed
};

// The script's type of a null argument of no particular reference type (`refnull`).
constexpr uint8_t kScriptAnyNull = 0x63;

struct EngineImport {
  uint8_t source = kImportUnknown; // ImportSource
  int32_t instance = -1;           // kImportInstance: its handle
  const char *name = nullptr;      // the import's field name; may contain NUL bytes
  uint32_t nameLength = 0;
};

enum InstantiateStatus : uint8_t {
  kInstantiated = 0,     // handle
  kNotLoaded = 1,        // the shared object did not load (message)
  kUnknownImport = 2,    // import `importIndex` is not found where the harness said
  kImportFromFailed = 3, // import `importIndex` comes from a failed module
  kLinkError = 4,        // wasmc_instantiate refused the imports (message)
  kTrappedStart = 5,     // trap `trapCode` while initialising; handle (the instance stays alive)
  kFailed = 6,           // anything else (message)
};

struct InstantiateResult {
  uint8_t status = kFailed; // InstantiateStatus
  uint32_t importIndex = 0;
  int32_t handle = -1;
  int32_t trapCode = 0;
  char message[512] = "";
};

enum CallStatus : uint8_t {
  kReturned = 0,       // numResults results
  kTrapped = 1,        // trapCode
  kNoInstance = 2,     // no instance with that handle
  kNoExport = 3,
  kNotAFunction = 4,
  kNoType = 5,         // the function's type is unknown
  kArity = 6,          // a = number of parameters
  kArgumentType = 7,   // argument a is of type b
  kNotAGlobal = 8,
};

struct CallResult {
  uint8_t status = kNoInstance; // CallStatus
  int32_t trapCode = 0;
  uint32_t a = 0, b = 0;
  uint32_t numResults = 0;
  const wasmc_val *results = nullptr; // in the caller's EngineScratch, until its next call
};

// The buffers of one thread's calls into the engine.
class EngineScratch {
public:
  EngineScratch() = default;
  ~EngineScratch();
  EngineScratch(const EngineScratch &) = delete;
  EngineScratch &operator=(const EngineScratch &) = delete;

private:
  friend class Engine;
  bool reserveSlots(uint32_t count);

  wasmc_extern *imports_ = nullptr;
  uint32_t importCapacity_ = 0;
  wasmc_val *slots_ = nullptr;
  uint32_t slotCapacity_ = 0;
};

class Engine {
public:
  // `print`: whether spectest's print functions write to stdout.
  explicit Engine(bool print);
  ~Engine();
  Engine(const Engine &) = delete;
  Engine &operator=(const Engine &) = delete;

  // Loads the shared object at `path` (it stays loaded) and instantiates its `wasmc_module` with
  // `count` imports, one per import of the module, in order.
  void instantiate(EngineScratch &scratch, const char *path, const EngineImport *imports,
                   uint32_t count, InstantiateResult &out);

  // Calls the exported function `field` of instance `handle`; argTypes[i] is the script's type
  // of args[i], checked against the function's: a number's or v128's code, a reference's
  // hierarchy (funcref, externref, and the heap type codes of any and exn), or kScriptAnyNull.
  void invoke(EngineScratch &scratch, int32_t handle, const char *field, uint32_t fieldLength,
              const uint8_t *argTypes, const wasmc_val *args, uint32_t numArgs, CallResult &out);

  // Reads the exported global `field` of instance `handle`: one result.
  void get(EngineScratch &scratch, int32_t handle, const char *field, uint32_t fieldLength,
           CallResult &out);

private:
  wasmc_instance *instanceAt(int32_t handle);
  // The export `field` of instance `handle` if it is of `kind` (WASMC_EXTERN_*); otherwise
  // false, with `out` saying why (`wrongKind` when the export is of another kind).
  bool exportOfKind(int32_t handle, const char *field, uint32_t fieldLength, uint32_t kind,
                    CallStatus wrongKind, wasmc_extern &exported, CallResult &out);
  int32_t keep(wasmc_instance *instance);

  Spectest spectest_;
  pthread_mutex_t lock_ = PTHREAD_MUTEX_INITIALIZER; // instances_
  // Never freed: the tables of other instances may refer to their functions.
  wasmc_instance **instances_ = nullptr;
  uint32_t numInstances_ = 0, instanceCapacity_ = 0;
};

} // namespace wasmc::spec
