// wasmc-spec-agent: the spec harness's hands on a target it cannot run code for itself.
//
//   wasmc-spec-agent [--print] REQUEST_FD REPLY_FD
//
// Built for each target wasmc supports (an ordinary dynamically linked program of that target,
// with the target's runtime linked in whole and exported, so that compiled modules loaded with
// dlopen bind to it), and run by `wasmc-spec --target T` under qemu-user. It reads requests from
// REQUEST_FD and answers on REPLY_FD (see Protocol.h); stdout and stderr stay the harness's.
// It serves wasmc::spec::Engine, which the harness runs in-process for the host: the commands
// do exactly the same on both paths. No C++ standard library, no exceptions.
#include "Protocol.h"
#include "SpecEngine.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

using namespace wasmc::spec;

namespace {

struct Server {
  Server(Engine &engine, int replyFd) : engine(engine), replyFd(replyFd) {}

  Engine &engine;
  int replyFd;
  wire::Writer reply;
  uint8_t *types = nullptr;
  wasmc_val *args = nullptr;
  uint32_t argCapacity = 0;
  EngineImport *imports = nullptr;
  uint32_t importCapacity = 0;

  bool sendCall(const CallResult &result) {
    reply.clear();
    reply.u8(result.status);
    reply.i32(result.trapCode);
    reply.u32(result.a);
    reply.u32(result.b);
    const uint32_t count = result.status == kReturned ? result.numResults : 0;
    reply.u32(count);
    reply.raw(result.results, sizeof(wasmc_val) * count);
    return wire::sendFrame(replyFd, reply);
  }

  bool hello(wire::Reader &in) {
    uint32_t version = 0;
    if (!in.u32(version))
      return false;
    reply.clear();
    reply.u32(wire::kVersion);
    reply.u32(WASMC_ABI_VERSION);
    reply.string(wire::thisArch(), static_cast<uint32_t>(strlen(wire::thisArch())));
    return wire::sendFrame(replyFd, reply);
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
    engine.instantiate(path, imports, count, result);
    reply.clear();
    reply.u8(result.status);
    reply.u32(result.importIndex);
    reply.i32(result.handle);
    reply.i32(result.trapCode);
    reply.string(result.message, static_cast<uint32_t>(strlen(result.message)));
    return wire::sendFrame(replyFd, reply);
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
    engine.invoke(handle, field, fieldLength, types, args, count, result);
    return sendCall(result);
  }

  bool get(wire::Reader &in) {
    int32_t handle;
    const char *field;
    uint32_t fieldLength;
    if (!in.i32(handle) || !in.string(field, fieldLength))
      return false;
    CallResult result;
    engine.get(handle, field, fieldLength, result);
    return sendCall(result);
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

  // Up front, before any linear memory exists: the runtime finds the stack with
  // pthread_getattr_np, which for the main thread reads /proc/self/maps, and qemu-user 7.2
  // builds that file by walking every guest page it tracks (~45 ms per 8 GiB memory
  // reservation, on every command otherwise).
  wasmc_thread_init();
  Engine engine(print);
  Server server(engine, fds[1]);
  uint8_t *buffer = nullptr;
  size_t capacity = 0, size = 0;
  while (wire::receiveFrame(fds[0], buffer, capacity, size)) {
    wire::Reader in(buffer, size);
    uint8_t op = 0;
    bool ok = in.u8(op);
    switch (ok ? op : 0) {
    case wire::kHello:
      ok = server.hello(in);
      break;
    case wire::kInstantiate:
      ok = server.instantiate(in);
      break;
    case wire::kInvoke:
      ok = server.invoke(in);
      break;
    case wire::kGet:
      ok = server.get(in);
      break;
    case wire::kQuit:
      fflush(stdout);
      return 0;
    default:
      ok = false;
      break;
    }
    fflush(stdout); // spectest's prints, in step with the harness's own output
    if (!ok) {
      fprintf(stderr, "wasmc-spec-agent: bad request (op 0x%02x, %zu bytes) or broken pipe\n",
              op, size);
      return 3;
    }
  }
  // The harness closed the pipe: done.
  return 0;
}
