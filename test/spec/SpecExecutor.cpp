#include "SpecExecutor.h"

#include "agent/Protocol.h"

#include <cerrno>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace wasmc::spec {

namespace {

// ---- In-process: the engine in the harness, for modules built for the host ----

class InProcessExecutor final : public Executor {
public:
  explicit InProcessExecutor(bool print) : engine_(print) {}

  void instantiate(const std::string &path, const std::vector<ImportBinding> &imports,
                   InstantiateReply &out) override {
    std::vector<EngineImport> bound(imports.size());
    for (size_t i = 0; i < imports.size(); ++i) {
      bound[i].source = imports[i].source;
      bound[i].instance = imports[i].instance;
      bound[i].name = imports[i].name.data();
      bound[i].nameLength = static_cast<uint32_t>(imports[i].name.size());
    }
    InstantiateResult result;
    engine_.instantiate(path.c_str(), bound.data(), static_cast<uint32_t>(bound.size()), result);
    out.status = result.status;
    out.importIndex = result.importIndex;
    out.handle = result.handle;
    out.trapCode = result.trapCode;
    out.message = result.message;
  }

  void invoke(int32_t handle, const std::string &field, const std::vector<uint8_t> &types,
              const std::vector<wasmc_val> &args, CallReply &out) override {
    CallResult result;
    engine_.invoke(handle, field.data(), static_cast<uint32_t>(field.size()), types.data(),
                   args.data(), static_cast<uint32_t>(args.size()), result);
    copy(result, out);
  }

  void get(int32_t handle, const std::string &field, CallReply &out) override {
    CallResult result;
    engine_.get(handle, field.data(), static_cast<uint32_t>(field.size()), result);
    copy(result, out);
  }

private:
  static void copy(const CallResult &result, CallReply &out) {
    out.status = result.status;
    out.trapCode = result.trapCode;
    out.a = result.a;
    out.b = result.b;
    out.results.assign(result.results, result.results + result.numResults);
  }

  Engine engine_;
};

// ---- Remote: the engine in wasmc-spec-agent, under an emulator ----

class RemoteExecutor final : public Executor {
public:
  ~RemoteExecutor() override {
    if (pid_ > 0 && !dead_) {
      request_.clear();
      request_.u8(wire::kQuit);
      wire::sendFrame(requestFd_, request_);
    }
    if (requestFd_ >= 0)
      close(requestFd_);
    if (replyFd_ >= 0)
      close(replyFd_);
    if (pid_ > 0) {
      int status;
      while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
    }
    std::free(buffer_);
  }

  bool start(const RemoteOptions &options, std::string &error) {
    // The harness must not die of SIGPIPE when the agent does: writes fail with EPIPE instead.
    std::signal(SIGPIPE, SIG_IGN);
    int request[2], reply[2];
    if (pipe2(request, O_CLOEXEC) != 0 || pipe2(reply, O_CLOEXEC) != 0) {
      error = std::string("pipe: ") + std::strerror(errno);
      return false;
    }
    std::vector<std::string> words = options.emulator;
    words.push_back(options.agent);
    if (options.print)
      words.push_back("--print");
    words.push_back("3");
    words.push_back("4");
    std::vector<char *> argv;
    for (std::string &word : words)
      argv.push_back(word.data());
    argv.push_back(nullptr);
    // The agent's ends become its descriptors 3 and 4; every other pipe end is close-on-exec.
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const int agentIn = fcntl(request[0], F_DUPFD_CLOEXEC, 10);
    const int agentOut = fcntl(reply[1], F_DUPFD_CLOEXEC, 10);
    close(request[0]);
    close(reply[1]);
    posix_spawn_file_actions_adddup2(&actions, agentIn, 3);
    posix_spawn_file_actions_adddup2(&actions, agentOut, 4);
    const int spawned = posix_spawnp(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(agentIn);
    close(agentOut);
    requestFd_ = request[1];
    replyFd_ = reply[0];
    if (spawned != 0) {
      pid_ = -1;
      dead_ = true;
      error = "cannot run " + words[0] + ": " + std::strerror(spawned);
      return false;
    }
    command_ = words[0] + (options.emulator.empty() ? "" : " " + options.agent);

    request_.clear();
    request_.u8(wire::kHello);
    request_.u32(wire::kVersion);
    if (!exchange()) {
      error = message_;
      return false;
    }
    wire::Reader in(buffer_, size_);
    uint32_t version = 0, abi = 0;
    const char *arch = nullptr;
    uint32_t archLength = 0;
    if (!in.u32(version) || !in.u32(abi) || !in.string(arch, archLength)) {
      error = command_ + ": malformed hello";
      return false;
    }
    if (version != wire::kVersion || abi != WASMC_ABI_VERSION) {
      error = command_ + ": protocol " + std::to_string(version) + ", ABI " + std::to_string(abi) +
              "; the harness has protocol " + std::to_string(wire::kVersion) + ", ABI " +
              std::to_string(WASMC_ABI_VERSION) + " (rebuild the agent)";
      return false;
    }
    if (!options.arch.empty() && options.arch != std::string(arch, archLength)) {
      error = command_ + " runs " + std::string(arch, archLength) + " code, not " + options.arch;
      return false;
    }
    return true;
  }

  void instantiate(const std::string &path, const std::vector<ImportBinding> &imports,
                   InstantiateReply &out) override {
    out = InstantiateReply();
    request_.clear();
    request_.u8(wire::kInstantiate);
    request_.string(path.data(), static_cast<uint32_t>(path.size()));
    request_.u32(static_cast<uint32_t>(imports.size()));
    for (const ImportBinding &import : imports) {
      request_.u8(import.source);
      request_.i32(import.instance);
      request_.string(import.name.data(), static_cast<uint32_t>(import.name.size()));
    }
    if (!exchange()) {
      out.status = kTransportFailure;
      out.message = message_;
      return;
    }
    wire::Reader in(buffer_, size_);
    const char *message = nullptr;
    uint32_t length = 0;
    if (!in.u8(out.status) || !in.u32(out.importIndex) || !in.i32(out.handle) ||
        !in.i32(out.trapCode) || !in.string(message, length)) {
      out.status = kTransportFailure;
      out.message = command_ + ": malformed reply";
      return;
    }
    out.message.assign(message, length);
  }

  void invoke(int32_t handle, const std::string &field, const std::vector<uint8_t> &types,
              const std::vector<wasmc_val> &args, CallReply &out) override {
    request_.clear();
    request_.u8(wire::kInvoke);
    request_.i32(handle);
    request_.string(field.data(), static_cast<uint32_t>(field.size()));
    request_.u32(static_cast<uint32_t>(args.size()));
    request_.raw(types.data(), types.size());
    request_.raw(args.data(), sizeof(wasmc_val) * args.size());
    call(out);
  }

  void get(int32_t handle, const std::string &field, CallReply &out) override {
    request_.clear();
    request_.u8(wire::kGet);
    request_.i32(handle);
    request_.string(field.data(), static_cast<uint32_t>(field.size()));
    call(out);
  }

  void abandon() override {
    if (pid_ > 0)
      kill(pid_, SIGKILL);
  }

private:
  void call(CallReply &out) {
    out = CallReply();
    if (!exchange()) {
      out.status = kTransportFailure;
      out.message = message_;
      return;
    }
    wire::Reader in(buffer_, size_);
    uint32_t count = 0;
    if (!in.u8(out.status) || !in.i32(out.trapCode) || !in.u32(out.a) || !in.u32(out.b) ||
        !in.u32(count) || count > size_ / sizeof(wasmc_val)) {
      out.status = kTransportFailure;
      out.message = command_ + ": malformed reply";
      return;
    }
    out.results.resize(count);
    if (count && !in.raw(out.results.data(), sizeof(wasmc_val) * count)) {
      out.status = kTransportFailure;
      out.message = command_ + ": malformed reply";
    }
  }

  // Sends request_ and reads the reply into buffer_; false with message_ if the agent is gone.
  bool exchange() {
    if (dead_)
      return false;
    if (wire::sendFrame(requestFd_, request_) &&
        wire::receiveFrame(replyFd_, buffer_, capacity_, size_))
      return true;
    dead_ = true;
    message_ = "the agent (" + command_ + ") " + reap();
    return false;
  }

  // How the agent ended, once its pipe broke.
  std::string reap() {
    close(requestFd_);
    requestFd_ = -1;
    int status = 0;
    pid_t got;
    while ((got = waitpid(pid_, &status, 0)) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    if (got < 0)
      return "stopped answering";
    if (WIFSIGNALED(status))
      return std::string("was killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
             strsignal(WTERMSIG(status)) + ")";
    return "exited with status " + std::to_string(WEXITSTATUS(status));
  }

  pid_t pid_ = -1;
  int requestFd_ = -1, replyFd_ = -1;
  bool dead_ = false;
  std::string command_ = "wasmc-spec-agent";
  std::string message_;
  wire::Writer request_;
  uint8_t *buffer_ = nullptr;
  size_t capacity_ = 0, size_ = 0;
};

} // namespace

std::unique_ptr<Executor> makeInProcessExecutor(bool print) {
  return std::make_unique<InProcessExecutor>(print);
}

std::unique_ptr<Executor> startRemoteExecutor(const RemoteOptions &options, std::string &error) {
  auto executor = std::make_unique<RemoteExecutor>();
  if (!executor->start(options, error))
    return nullptr;
  return executor;
}

} // namespace wasmc::spec
