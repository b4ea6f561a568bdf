// Where the commands of a script run. The harness decides everything (which module, which
// imports come from where, what is expected); an executor only loads compiled modules,
// instantiates them, calls exports and reads globals, through wasmc::spec::Engine
// (agent/SpecEngine.h):
//   * in-process, for the host target: the engine runs in the harness itself;
//   * remote, for a cross target: the engine runs in wasmc-spec-agent built for that target,
//     started under an emulator (qemu-user) and spoken to over pipes (agent/Protocol.h).
#pragma once

#include "agent/SpecEngine.h"

#include <memory>
#include <string>
#include <vector>

namespace wasmc::spec {

// An import of a module and where the harness says it comes from.
struct ImportBinding {
  ImportSource source = kImportUnknown;
  int32_t instance = -1; // kImportInstance
  std::string name;      // the field name
};

// The executor could not do its part at all (the agent died): status kTransportFailure.
constexpr uint8_t kTransportFailure = 0xff;

struct InstantiateReply {
  uint8_t status = kFailed; // InstantiateStatus, or kTransportFailure
  uint32_t importIndex = 0;
  int32_t handle = -1;      // the instance, also after a trap during initialisation
  int32_t trapCode = 0;
  std::string message;
};

struct CallReply {
  uint8_t status = kNoInstance; // CallStatus, or kTransportFailure
  int32_t trapCode = 0;
  uint32_t a = 0, b = 0;
  std::vector<wasmc_val> results;
  std::string message; // kTransportFailure: why
};

class Executor {
public:
  virtual ~Executor() = default;
  virtual void instantiate(const std::string &path, const std::vector<ImportBinding> &imports,
                           InstantiateReply &out) = 0;
  // args[i] is of the script's type types[i].
  virtual void invoke(int32_t handle, const std::string &field, const std::vector<uint8_t> &types,
                      const std::vector<wasmc_val> &args, CallReply &out) = 0;
  virtual void get(int32_t handle, const std::string &field, CallReply &out) = 0;
  // An executor for another thread of the script (the threads proposal's `thread` command): it
  // reaches the same instances by the same handles, and runs its commands concurrently with this
  // one's. This executor must outlive it.
  virtual std::unique_ptr<Executor> newThread() = 0;
  // Called from the watchdog thread when a command never finishes, right before the process
  // exits: stop whatever else runs the commands.
  virtual void abandon() {}
};

// `print`: spectest's print functions write to stdout.
std::unique_ptr<Executor> makeInProcessExecutor(bool print);

struct RemoteOptions {
  std::string agent;                 // wasmc-spec-agent built for the target
  std::vector<std::string> emulator; // command and arguments in front of it; empty: none
  std::string arch;                  // the agent must say it runs this architecture
  bool print = false;
};

// Starts the agent and checks that it answers; nullptr with `error` otherwise.
std::unique_ptr<Executor> startRemoteExecutor(const RemoteOptions &options, std::string &error);

} // namespace wasmc::spec
