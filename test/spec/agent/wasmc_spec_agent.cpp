// wasmc-spec-agent: the spec harness's hands on a target it cannot run code for itself.
//
//   wasmc-spec-agent [--print] REQUEST_FD REPLY_FD
//
// Built for each target wasmc supports (an ordinary dynamically linked program of that target,
// with the target's runtime linked in whole and exported, so that compiled modules loaded with
// dlopen bind to it), and run by `wasmc-spec --target T` under qemu-user. It reads requests from
// REQUEST_FD and answers on REPLY_FD (see Protocol.h); stdout and stderr stay the harness's.
// It serves wasmc::spec::Engine, which the harness runs in-process for the host: the commands
// do exactly the same on both paths. The main thread reads the requests and hands each to the
// thread of its channel (Protocol.h), which runs it and replies: the commands of the script's
// threads run concurrently, as they do in-process. No C++ standard library, no exceptions.
#include "Protocol.h"
#include "SpecEngine.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

using namespace wasmc::spec;

// No C++ standard library here: the channels' `new` and `delete` over malloc.
void *operator new(size_t size) {
  void *memory = malloc(size ? size : 1);
  if (!memory)
    abort();
  return memory;
}
void operator delete(void *memory) noexcept { free(memory); }
void operator delete(void *memory, size_t) noexcept { free(memory); }

namespace {

// What the channels' threads share.
struct Shared {
  Engine &engine;
  int replyFd;
  pthread_mutex_t writeLock = PTHREAD_MUTEX_INITIALIZER; // one reply frame at a time
};

[[noreturn]] void badRequest(uint8_t op, size_t size) {
  fprintf(stderr, "wasmc-spec-agent: bad request (op 0x%02x, %zu bytes) or broken pipe\n", op,
          size);
  fflush(stdout);
  exit(3);
}

// One channel: the requests of one thread of the script, served on a thread of the agent.
struct Channel {
  Channel(Shared &shared, uint32_t id) : shared(shared), id(id) {}
  ~Channel() {
    free(request);
    free(types);
    free(args);
    free(imports);
  }

  Shared &shared;
  const uint32_t id;
  pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
  pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
  // The request to serve (its payload after the channel), filled by the main thread.
  uint8_t *request = nullptr;
  size_t requestSize = 0, requestCapacity = 0;
  bool pending = false, ending = false;

  EngineScratch scratch;
  wire::Writer reply;
  uint8_t *types = nullptr;
  wasmc_val *args = nullptr;
  uint32_t argCapacity = 0;
  EngineImport *imports = nullptr;
  uint32_t importCapacity = 0;

  // The main thread: hands a request over, once the previous one is done.
  bool hand(const uint8_t *payload, size_t size) {
    pthread_mutex_lock(&lock);
    while (pending)
      pthread_cond_wait(&changed, &lock);
    bool ok = true;
    if (size > requestCapacity) {
      void *bigger = realloc(request, size);
      ok = bigger != nullptr;
      if (ok) {
        request = static_cast<uint8_t *>(bigger);
        requestCapacity = size;
      }
    }
    if (ok) {
      memcpy(request, payload, size);
      requestSize = size;
      pending = true;
      pthread_cond_broadcast(&changed);
    }
    pthread_mutex_unlock(&lock);
    return ok;
  }

  // The main thread: the channel's thread ends after its last request (and frees the channel).
  void end() {
    pthread_mutex_lock(&lock);
    ending = true;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
  }

  static void *serve(void *self) {
    Channel *channel = static_cast<Channel *>(self);
    channel->loop();
    delete channel;
    return nullptr;
  }

  void loop() {
    for (;;) {
      pthread_mutex_lock(&lock);
      while (!pending && !ending)
        pthread_cond_wait(&changed, &lock);
      const bool done = !pending;
      pthread_mutex_unlock(&lock);
      if (done)
        return;
      wire::Reader in(request, requestSize);
      uint8_t op = 0;
      reply.clear();
      reply.u32(id);
      bool ok = in.u8(op);
      switch (ok ? op : 0) {
      case wire::kHello:
        ok = hello(in);
        break;
      case wire::kInstantiate:
        ok = instantiate(in);
        break;
      case wire::kInvoke:
        ok = invoke(in);
        break;
      case wire::kGet:
        ok = get(in);
        break;
      default:
        ok = false;
        break;
      }
      fflush(stdout); // spectest's prints, in step with the harness's own output
      if (!ok)
        badRequest(op, requestSize);
      // The request is read: the next may come in as soon as the harness has this reply.
      pthread_mutex_lock(&lock);
      pending = false;
      pthread_cond_broadcast(&changed);
      pthread_mutex_unlock(&lock);
      pthread_mutex_lock(&shared.writeLock);
      ok = wire::sendFrame(shared.replyFd, reply);
      pthread_mutex_unlock(&shared.writeLock);
      if (!ok)
        badRequest(op, requestSize);
    }
  }

  void putCall(const CallResult &result) {
    reply.u8(result.status);
    reply.i32(result.trapCode);
    reply.u32(result.a);
    reply.u32(result.b);
    const uint32_t count = result.status == kReturned ? result.numResults : 0;
    reply.u32(count);
    reply.raw(result.results, sizeof(wasmc_val) * count);
  }

  bool hello(wire::Reader &in) {
    uint32_t version = 0;
    if (!in.u32(version))
      return false;
    reply.u32(wire::kVersion);
    reply.u32(WASMC_ABI_VERSION);
    reply.string(wire::thisArch(), static_cast<uint32_t>(strlen(wire::thisArch())));
    return true;
  }

  bool instantiate(wire::Reader &in) {
    const char *path;
    uint32_t pathLength, count;
    if (!in.string(path, pathLength) || !in.u32(count))
      return false;
    if (count > importCapacity) {
      void *bigger = realloc(imports, sizeof(EngineImport) * count);
      if (!bigger)
        return false;
      imports = static_cast<EngineImport *>(bigger);
      importCapacity = count;
    }
    for (uint32_t i = 0; i < count; ++i) {
      EngineImport &import = imports[i];
      if (!in.u8(import.source) || !in.i32(import.instance) ||
          !in.string(import.name, import.nameLength))
        return false;
    }
    InstantiateResult result;
    shared.engine.instantiate(scratch, path, imports, count, result);
    reply.u8(result.status);
    reply.u32(result.importIndex);
    reply.i32(result.handle);
    reply.i32(result.trapCode);
    reply.string(result.message, static_cast<uint32_t>(strlen(result.message)));
    return true;
  }

  bool invoke(wire::Reader &in) {
    int32_t handle;
    const char *field;
    uint32_t fieldLength, count;
    if (!in.i32(handle) || !in.string(field, fieldLength) || !in.u32(count))
      return false;
    if (count > argCapacity) {
      void *biggerTypes = realloc(types, count);
      if (biggerTypes)
        types = static_cast<uint8_t *>(biggerTypes);
      void *biggerArgs = realloc(args, sizeof(wasmc_val) * count);
      if (biggerArgs)
        args = static_cast<wasmc_val *>(biggerArgs);
      if (!biggerTypes || !biggerArgs)
        return false;
      argCapacity = count;
    }
    if (!in.raw(types, count) || !in.raw(args, sizeof(wasmc_val) * count))
      return false;
    CallResult result;
    shared.engine.invoke(scratch, handle, field, fieldLength, types, args, count, result);
    putCall(result);
    return true;
  }

  bool get(wire::Reader &in) {
    int32_t handle;
    const char *field;
    uint32_t fieldLength;
    if (!in.i32(handle) || !in.string(field, fieldLength))
      return false;
    CallResult result;
    shared.engine.get(scratch, handle, field, fieldLength, result);
    putCall(result);
    return true;
  }
};

// The channels open now.
struct Channels {
  Channel **list = nullptr;
  uint32_t count = 0, capacity = 0;

  Channel *find(uint32_t id, uint32_t &index) const {
    for (index = 0; index < count; ++index)
      if (list[index]->id == id)
        return list[index];
    return nullptr;
  }

  // A new channel and its thread; nullptr if either cannot be had.
  Channel *open(Shared &shared, uint32_t id) {
    if (count == capacity) {
      const uint32_t bigger = capacity ? capacity * 2 : 8;
      void *grown = realloc(list, sizeof(Channel *) * bigger);
      if (!grown)
        return nullptr;
      list = static_cast<Channel **>(grown);
      capacity = bigger;
    }
    Channel *channel = new Channel(shared, id);
    // As much stack as the main thread gives wasm code (WASMC_STACK_BYTES), plus the host's.
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, WASMC_STACK_BYTES + (size_t(1) << 20));
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_t thread;
    const bool started = pthread_create(&thread, &attributes, Channel::serve, channel) == 0;
    pthread_attr_destroy(&attributes);
    if (!started) {
      delete channel;
      return nullptr;
    }
    list[count++] = channel;
    return channel;
  }

  void close(uint32_t index) {
    Channel *channel = list[index];
    list[index] = list[--count];
    channel->end();
  }
};

int usage() {
  fprintf(stderr, "usage: wasmc-spec-agent [--print] REQUEST_FD REPLY_FD\n"
                  "(started by wasmc-spec --target T; see test/spec/agent/Protocol.h)\n");
  return 2;
}

} // namespace

int main(int argc, char **argv) {
  bool print = false;
  int fds[2], numFds = 0;
  for (int i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "--print") == 0) {
      print = true;
    } else if (numFds < 2 && argv[i][0] >= '0' && argv[i][0] <= '9') {
      fds[numFds++] = atoi(argv[i]);
    } else {
      return usage();
    }
  }
  if (numFds != 2)
    return usage();
  // A harness that goes away takes the agent with it (even one stuck in a command).
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  signal(SIGPIPE, SIG_DFL);

  // Wasm code runs on the channels' threads only, never on this one: the runtime finds a thread's
  // stack with pthread_getattr_np, which for the main thread reads /proc/self/maps, and qemu-user
  // 7.2 builds that file by walking every guest page it tracks (~45 ms per 8 GiB memory
  // reservation).
  Engine engine(print);
  Shared shared{engine, fds[1]};
  Channels channels;
  uint8_t *buffer = nullptr;
  size_t capacity = 0, size = 0;
  while (wire::receiveFrame(fds[0], buffer, capacity, size)) {
    wire::Reader in(buffer, size);
    uint32_t id = 0;
    uint8_t op = 0;
    if (!in.u32(id) || !in.u8(op))
      badRequest(op, size);
    if (op == wire::kQuit) {
      fflush(stdout);
      return 0;
    }
    uint32_t index = 0;
    Channel *channel = channels.find(id, index);
    if (op == wire::kEnd) {
      if (channel)
        channels.close(index);
      continue;
    }
    if (!channel)
      channel = channels.open(shared, id);
    if (!channel || !channel->hand(buffer + 4, size - 4))
      badRequest(op, size);
  }
  // The harness closed the pipe: done.
  return 0;
}
