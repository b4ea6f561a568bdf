#include "SpecExecutor.h"

#include "agent/Protocol.h"

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>

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
  explicit InProcessExecutor(bool print)
      : owned_(std::make_unique<Engine>(print)), engine_(*owned_) {}
  explicit InProcessExecutor(Engine &engine) : engine_(engine) {}

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
    engine_.instantiate(scratch_, path.c_str(), bound.data(), static_cast<uint32_t>(bound.size()),
                        result);
    out.status = result.status;
    out.importIndex = result.importIndex;
    out.handle = result.handle;
    out.trapCode = result.trapCode;
    out.message = result.message;
  }

  void invoke(int32_t handle, const std::string &field, const std::vector<uint8_t> &types,
              const std::vector<wasmc_val> &args, CallReply &out) override {
    CallResult result;
    engine_.invoke(scratch_, handle, field.data(), static_cast<uint32_t>(field.size()),
                   types.data(), args.data(), static_cast<uint32_t>(args.size()), result);
    copy(result, out);
  }

  void get(int32_t handle, const std::string &field, CallReply &out) override {
    CallResult result;
    engine_.get(scratch_, handle, field.data(), static_cast<uint32_t>(field.size()), result);
    copy(result, out);
  }

  std::unique_ptr<Executor> newThread() override {
    return std::make_unique<InProcessExecutor>(engine_);
  }

private:
  static void copy(const CallResult &result, CallReply &out) {
    out.status = result.status;
    out.trapCode = result.trapCode;
    out.a = result.a;
    out.b = result.b;
    out.results.assign(result.results, result.results + result.numResults);
  }

  std::unique_ptr<Engine> owned_; // the main thread's executor owns the engine
  Engine &engine_;
  EngineScratch scratch_;
};

// ---- Remote: the engine in wasmc-spec-agent, under an emulator ----

// The agent and the pipes to it, shared by the executors of the script's threads, one channel
// each (Protocol.h). A thread of its own reads the replies and hands each to its channel.
class AgentConnection {
public:
  ~AgentConnection() {
    if (requestFd_ >= 0) {
      wire::Writer quit;
      quit.u32(0);
      quit.u8(wire::kQuit);
      send(quit);
      close(requestFd_);
    }
    if (reader_.joinable())
      reader_.join(); // it ends when the agent has exited, and reaps it
    else if (pid_ > 0)
      reap();
    if (replyFd_ >= 0)
      close(replyFd_);
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
    pid_t pid = -1;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(agentIn);
    close(agentOut);
    requestFd_ = request[1];
    replyFd_ = reply[0];
    if (spawned != 0) {
      error = "cannot run " + words[0] + ": " + std::strerror(spawned);
      return false;
    }
    pid_ = pid;
    command_ = words[0] + (options.emulator.empty() ? "" : " " + options.agent);
    reader_ = std::thread([this]() { readReplies(); });
    return true;
  }

  const std::string &command() const { return command_; }

  uint32_t newChannel() { return nextChannel_.fetch_add(1); }

  // Sends `request`, whose payload starts with its channel; false if the agent is gone.
  bool send(wire::Writer &request) {
    std::lock_guard<std::mutex> hold(writeLock_);
    return wire::sendFrame(requestFd_, request);
  }

  // Sends `request` and waits for the reply on its channel: the reply's payload after the
  // channel. False with `message` if the agent is gone.
  bool exchange(uint32_t channel, wire::Writer &request, std::vector<uint8_t> &reply,
                std::string &message) {
    send(request); // a failure shows as the agent's end, which the reader reports
    std::unique_lock<std::mutex> hold(lock_);
    arrived_.wait(hold, [&]() { return replies_.count(channel) || ended_; });
    auto found = replies_.find(channel);
    if (found == replies_.end()) {
      message = "the agent (" + command_ + ") " + howEnded_;
      return false;
    }
    reply = std::move(found->second);
    replies_.erase(found);
    return true;
  }

  void kill() {
    if (pid_ > 0)
      ::kill(pid_, SIGKILL);
  }

private:
  void readReplies() {
    uint8_t *buffer = nullptr;
    size_t capacity = 0, size = 0;
    while (wire::receiveFrame(replyFd_, buffer, capacity, size)) {
      wire::Reader in(buffer, size);
      uint32_t channel = 0;
      if (!in.u32(channel))
        break;
      std::lock_guard<std::mutex> hold(lock_);
      replies_[channel].assign(buffer + 4, buffer + size);
      arrived_.notify_all();
    }
    std::free(buffer);
    std::string how = reap();
    std::lock_guard<std::mutex> hold(lock_);
    ended_ = true;
    howEnded_ = std::move(how);
    arrived_.notify_all();
  }

  // How the agent ended, once its pipe broke.
  std::string reap() {
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

  std::atomic<pid_t> pid_{-1};
  int requestFd_ = -1, replyFd_ = -1;
  std::string command_ = "wasmc-spec-agent";
  std::atomic<uint32_t> nextChannel_{1}; // 0 is the main thread's
  std::mutex writeLock_;
  std::thread reader_;
  std::mutex lock_; // the members below
  std::condition_variable arrived_;
  std::map<uint32_t, std::vector<uint8_t>> replies_;
  bool ended_ = false;
  std::string howEnded_;
};

class RemoteExecutor final : public Executor {
public:
  RemoteExecutor(std::shared_ptr<AgentConnection> agent, uint32_t channel)
      : agent_(std::move(agent)), channel_(channel) {}

  ~RemoteExecutor() override {
    if (channel_ != 0) {
      begin(wire::kEnd);
      agent_->send(request_);
    }
  }

  // Says hello on the main thread's channel: whether the agent speaks this protocol and ABI,
  // for `arch`.
  bool hello(const std::string &arch, std::string &error) {
    begin(wire::kHello);
    request_.u32(wire::kVersion);
    if (!agent_->exchange(channel_, request_, reply_, error))
      return false;
    wire::Reader in(reply_.data(), reply_.size());
    uint32_t version = 0, abi = 0;
    const char *theirs = nullptr;
    uint32_t length = 0;
    const std::string &command = agent_->command();
    if (!in.u32(version) || !in.u32(abi) || !in.string(theirs, length)) {
      error = command + ": malformed hello";
      return false;
    }
    if (version != wire::kVersion || abi != WASMC_ABI_VERSION) {
      error = command + ": protocol " + std::to_string(version) + ", ABI " + std::to_string(abi) +
              "; the harness has protocol " + std::to_string(wire::kVersion) + ", ABI " +
              std::to_string(WASMC_ABI_VERSION) + " (rebuild the agent)";
      return false;
    }
    if (!arch.empty() && arch != std::string(theirs, length)) {
      error = command + " runs " + std::string(theirs, length) + " code, not " + arch;
      return false;
    }
    return true;
  }

  void instantiate(const std::string &path, const std::vector<ImportBinding> &imports,
                   InstantiateReply &out) override {
    out = InstantiateReply();
    begin(wire::kInstantiate);
    request_.string(path.data(), static_cast<uint32_t>(path.size()));
    request_.u32(static_cast<uint32_t>(imports.size()));
    for (const ImportBinding &import : imports) {
      request_.u8(import.source);
      request_.i32(import.instance);
      request_.string(import.name.data(), static_cast<uint32_t>(import.name.size()));
    }
    if (!agent_->exchange(channel_, request_, reply_, out.message)) {
      out.status = kTransportFailure;
      return;
    }
    wire::Reader in(reply_.data(), reply_.size());
    const char *message = nullptr;
    uint32_t length = 0;
    if (!in.u8(out.status) || !in.u32(out.importIndex) || !in.i32(out.handle) ||
        !in.i32(out.trapCode) || !in.string(message, length)) {
      out.status = kTransportFailure;
      out.message = agent_->command() + ": malformed reply";
      return;
    }
    out.message.assign(message, length);
  }

  void invoke(int32_t handle, const std::string &field, const std::vector<uint8_t> &types,
              const std::vector<wasmc_val> &args, CallReply &out) override {
    begin(wire::kInvoke);
    request_.i32(handle);
    request_.string(field.data(), static_cast<uint32_t>(field.size()));
    request_.u32(static_cast<uint32_t>(args.size()));
    request_.raw(types.data(), types.size());
    request_.raw(args.data(), sizeof(wasmc_val) * args.size());
    call(out);
  }

  void get(int32_t handle, const std::string &field, CallReply &out) override {
    begin(wire::kGet);
    request_.i32(handle);
    request_.string(field.data(), static_cast<uint32_t>(field.size()));
    call(out);
  }

  std::unique_ptr<Executor> newThread() override {
    return std::make_unique<RemoteExecutor>(agent_, agent_->newChannel());
  }

  void abandon() override { agent_->kill(); }

private:
  void begin(wire::Op op) {
    request_.clear();
    request_.u32(channel_);
    request_.u8(op);
  }

  void call(CallReply &out) {
    out = CallReply();
    if (!agent_->exchange(channel_, request_, reply_, out.message)) {
      out.status = kTransportFailure;
      return;
    }
    wire::Reader in(reply_.data(), reply_.size());
    uint32_t count = 0;
    if (!in.u8(out.status) || !in.i32(out.trapCode) || !in.u32(out.a) || !in.u32(out.b) ||
        !in.u32(count) || count > reply_.size() / sizeof(wasmc_val)) {
      out.status = kTransportFailure;
      out.message = agent_->command() + ": malformed reply";
      return;
    }
    out.results.resize(count);
    if (count && !in.raw(out.results.data(), sizeof(wasmc_val) * count)) {
      out.status = kTransportFailure;
      out.message = agent_->command() + ": malformed reply";
    }
  }

  std::shared_ptr<AgentConnection> agent_;
  const uint32_t channel_;
  wire::Writer request_;
  std::vector<uint8_t> reply_;
};

} // namespace

std::unique_ptr<Executor> makeInProcessExecutor(bool print) {
  return std::make_unique<InProcessExecutor>(print);
}

std::unique_ptr<Executor> startRemoteExecutor(const RemoteOptions &options, std::string &error) {
  auto agent = std::make_shared<AgentConnection>();
  if (!agent->start(options, error))
    return nullptr;
  auto executor = std::make_unique<RemoteExecutor>(std::move(agent), 0);
  if (!executor->hello(options.arch, error))
    return nullptr;
  return executor;
}

} // namespace wasmc::spec
