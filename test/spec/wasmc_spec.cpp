// wasmc-spec: runs one script of the WebAssembly spec test suite through the real AOT pipeline.
//
//   wasmc-spec [-O0|-O1|-O2|-O3] [-j N] [--wast2json PATH] [--json PATH] [--timeout SECONDS]
//              [--target T [--agent PATH] [--emulator CMD]] [--wasm3] [--threads]
//              [--no-reference-types] [--keep] [--print] [-v] FILE.wast | FILE.json
//
// A .wast script is converted with `wast2json --enable-all` into a fresh temporary directory; a
// .json script (already converted, as the Wasm 3.0 suite in ../shared/spec-testsuite-3.0 is) is
// read where it is, with its modules beside it, and its commands are reported under the name of
// its .wast. Besides wast2json's commands, the JSON may hold those of that suite's README: module
// definitions and `module_instance`, `assert_exception`, `either` results, the reference values
// of Wasm 3.0, `thread`/`wait`, and the custom-annotation assertions (text form). Every
// module of the script (`module`, assert_unlinkable, assert_uninstantiable) is decoded and
// validated with wasmc::pipeline::loadModule and built into a shared object with
// wasmc::pipeline::buildSharedObject (LLVM + in-process lld), all of them in parallel up front;
// the modules of assert_invalid / assert_malformed (binary form) only go through loadModule,
// which must fail. Then the commands run in order: shared objects are dlopen'ed, their
// `wasmc_module` descriptor instantiated with wasmc_instantiate, imports bound from the
// `spectest` host module and from registered instances, exports called with wasmc_call.
//
// A `thread` command (the threads proposal's) runs its commands on a thread of their own,
// concurrently with the script's, through an executor of that thread (Executor::newThread): it
// starts with nothing registered and no current module, and knows the modules it shares by their
// names. `wait` joins it; its commands are counted with the script's and reported as they finish.
//
// That last part is the executor's (SpecExecutor.h). For the host, it runs in this process. With
// --target T (another architecture), the modules are compiled for T and the commands run in
// wasmc-spec-agent built for T (--agent, default: wasmc-spec-agent-T beside this program), under
// an emulator (--emulator, default: qemu-<arch> -L /usr/<arch>-linux-gnu, looked up in PATH;
// without one the script is reported skipped with exit status 77). The harness decides and
// checks everything else, so the expected results are the same on every target.
//
// Output: one line per failing command, `FILE.wast:LINE: <command>: expected X, got Y`, then
// `N passed, M failed` and `K skipped (...)` for assert_malformed and assert_invalid in text
// form, which have no binary to test. Every command counts once.
//
// --wasm3: the script is written in Wasm 3.0 (or a proposal beyond it), whose features wasmc
// implements only in part. Its modules are compiled with every feature wasmc implements (without
// --wasm3, with Wasm 2.0's only: its suite expects what came later to be malformed or invalid,
// constant expressions reading only imported globals for one). A command that cannot be tested
// because wasmc refuses its module as
// `unsupported:` (the module itself, the commands that use its instance, an assertion that it is
// invalid or malformed, which a refusal for another reason would pass vacuously), count as
// *unsupported*: neither passed nor failed,
// listed as `FILE.wast:LINE: <command>: unsupported: ...` and counted in `U unsupported`. Without
// --wasm3 (the Wasm 2.0 suite, where every later feature is malformed) such a refusal is an answer
// like any other.
//
// --threads: the script's language has the threads proposal, which is based on Wasm 2.0: its
// suite's scripts (threads-repo/, and proposal-threads/, the proposal's copies of Wasm 2.0's)
// expect multiple memories to be invalid and memory.size's memory index to be a zero byte.
// Without --wasm3, its modules are compiled with Wasm 2.0's features and the proposal's.
// --no-reference-types: the script predates the reference types of Wasm 2.0, which allow
// multiple tables (the threads proposal's copy of Wasm 1.0's imports.wast expects them invalid).
//
// Exit status: 1 if a command failed, else 77 if one was unsupported (CTest's skip code: nothing
// to count as a pass), else 0. --json PATH writes {"file", "passed", "failed", "skipped",
// "unsupported", ...} for scripts.
//
// A watchdog thread watches the commands as they run: a command that does not
// finish within --timeout seconds (a miscompiled endless loop, a recursion turned into a loop)
// fails, the commands after it count as failed too, and the run ends there.

#include "SpecExecutor.h"
#include "SpecValues.h"

#include "codegen/Targets.h"
#include "pipeline/Pipeline.h"
#include "wasmc/runtime.h"

#include <llvm/Support/JSON.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Signals.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace fs = std::filesystem;
using namespace wasmc;
using namespace wasmc::spec;

namespace {

// ---- Options ----

struct Options {
  std::string wast;
  std::string wast2json = "wast2json";
  unsigned optLevel = 1;
  unsigned jobs = 0; // 0: one per core
  std::string jsonPath;
  unsigned timeoutSeconds = 30; // per command
  bool keep = false;
  bool print = false;
  bool verbose = false;
  std::string target;   // empty: the host
  std::string agent;    // wasmc-spec-agent for the target
  std::string emulator; // command line in front of the agent
  bool emulatorGiven = false;
  bool wasm3 = false;   // the script's language is Wasm 3.0: see the top of this file
  bool threads = false; // the script's language includes the threads proposal
  bool referenceTypes = true; // --no-reference-types: the script predates them
};

void usage(FILE *out) {
  std::fprintf(out,
               "usage: wasmc-spec [-O0|-O1|-O2|-O3] [-j N] [--wast2json PATH] [--json PATH]\n"
               "                  [--timeout SECONDS] [--target T [--agent PATH] [--emulator CMD]]\n"
               "                  [--wasm3] [--threads] [--no-reference-types] [--keep]\n"
               "                  [--print] [-v] FILE.wast | FILE.json\n"
               "  -O N          optimisation level of the compiled modules (default 1)\n"
               "  -j N          modules compiled in parallel (default: one per core)\n"
               "  --wast2json   the wast2json program (default: from PATH)\n"
               "  --json PATH   also write the file's counts as JSON to PATH ('-': stdout)\n"
               "  --timeout S   give up on a command after S seconds (default 30, 0: never)\n"
               "  --target T    compile for target T; run the commands in the agent for T\n"
               "  --agent PATH  wasmc-spec-agent built for T (default: wasmc-spec-agent-T\n"
               "                beside wasmc-spec); with the host target, tests the agent natively\n"
               "  --emulator C  command that runs T's programs, e.g. \"qemu-aarch64 -L\n"
               "                /usr/aarch64-linux-gnu\" (default: that, for another architecture;\n"
               "                \"\": run the agent directly)\n"
               "  --wasm3       a Wasm 3.0 script: commands of modules wasmc refuses as\n"
               "                unsupported count as unsupported, not as passed or failed\n"
               "  --threads     the script's language has the threads proposal (shared memories,\n"
               "                atomics): without --wasm3, Wasm 2.0's and the proposal's\n"
               "  --no-reference-types  the script predates reference types (multiple tables)\n"
               "  --keep        keep the temporary directory (JSON, .wasm, .so files)\n"
               "  --print       spectest's print functions write to stdout\n"
               "  -v            report every command and the timings on stderr\n");
}

bool parseOptions(int argc, char **argv, Options &options) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](std::string &out) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "wasmc-spec: %s needs a value\n", arg.c_str());
        return false;
      }
      out = argv[++i];
      return true;
    };
    auto number = [&](const std::string &text, unsigned &out) {
      char *end = nullptr;
      unsigned long n = std::strtoul(text.c_str(), &end, 10);
      if (text.empty() || *end) {
        std::fprintf(stderr, "wasmc-spec: bad number '%s' for %s\n", text.c_str(), arg.c_str());
        return false;
      }
      out = static_cast<unsigned>(n);
      return true;
    };
    std::string text;
    if (arg == "-h" || arg == "--help") {
      usage(stdout);
      std::exit(0);
    } else if (arg.size() == 3 && arg.compare(0, 2, "-O") == 0 && arg[2] >= '0' && arg[2] <= '3') {
      options.optLevel = static_cast<unsigned>(arg[2] - '0');
    } else if (arg == "-O") {
      if (!value(text) || !number(text, options.optLevel) || options.optLevel > 3)
        return false;
    } else if (arg == "-j") {
      if (!value(text) || !number(text, options.jobs))
        return false;
    } else if (arg.compare(0, 2, "-j") == 0 && arg.size() > 2) {
      if (!number(arg.substr(2), options.jobs))
        return false;
    } else if (arg == "--wast2json") {
      if (!value(options.wast2json))
        return false;
    } else if (arg == "--json") {
      if (!value(options.jsonPath))
        return false;
    } else if (arg == "--timeout") {
      if (!value(text) || !number(text, options.timeoutSeconds))
        return false;
    } else if (arg == "--target") {
      if (!value(options.target))
        return false;
    } else if (arg == "--agent") {
      if (!value(options.agent))
        return false;
    } else if (arg == "--emulator") {
      if (!value(options.emulator))
        return false;
      options.emulatorGiven = true;
    } else if (arg == "--wasm3") {
      options.wasm3 = true;
    } else if (arg == "--threads") {
      options.threads = true;
    } else if (arg == "--no-reference-types") {
      options.referenceTypes = false;
    } else if (arg == "--keep") {
      options.keep = true;
    } else if (arg == "--print") {
      options.print = true;
    } else if (arg == "-v" || arg == "--verbose") {
      options.verbose = true;
    } else if (!arg.empty() && arg[0] == '-') {
      std::fprintf(stderr, "wasmc-spec: unknown option %s\n", arg.c_str());
      return false;
    } else if (options.wast.empty()) {
      options.wast = arg;
    } else {
      std::fprintf(stderr, "wasmc-spec: one script at a time\n");
      return false;
    }
  }
  if (options.wast.empty()) {
    usage(stderr);
    return false;
  }
  if (options.jobs == 0)
    options.jobs = std::max(1u, std::thread::hardware_concurrency());
  return true;
}

// ---- The script ----

enum class Kind {
  Module,         // also a module definition (`definition`), compiled but not instantiated
  ModuleInstance, // an instance of a module definition
  Register,
  Action,
  AssertReturn,
  AssertTrap,
  AssertExhaustion,
  AssertInvalid,
  AssertMalformed,
  AssertUnlinkable,
  AssertUninstantiable,
  AssertException,
  Thread, // the threads proposal's: its commands run on a thread of their own
  Wait,   // waits for a thread to finish
  Unsupported,
};

struct Action {
  bool isGet = false;
  std::string module; // "$name", or empty for the current module
  std::string field;
  std::vector<ScriptValue> args;
};

struct Command {
  Kind kind = Kind::Unsupported;
  std::string type; // as in the JSON
  unsigned line = 0;
  std::string name; // module: its $name; register: the module registered
  std::string as;   // register
  bool definition = false;  // module: a module definition
  std::string instanceName; // module_instance: the instance's $name
  std::string moduleName;   // module_instance: the definition's $name
  std::string filename;
  bool textForm = false; // module_type "text"
  std::string text;      // the expected message of assert_*
  Action action;
  std::vector<ScriptValue> expected;
  std::vector<ScriptValue> either; // assert_return: one result, any of these
  std::string error; // malformed command
  int job = -1;      // its module in the compile jobs
  // thread: the modules of the script that it sees (by their $names), and its commands.
  std::vector<std::string> shared;
  std::vector<Command> commands;
};

// A module to decode and validate, and (unless it must be rejected) build.
struct Job {
  std::string wasmPath;
  std::string soPath;
  std::vector<std::pair<std::string, std::string>> imports; // module and field of each import
  bool build = false;
  bool loaded = false;
  std::vector<std::string> warnings; // the module's (a custom section it ignored)
  bool built = false;
  std::string error;
  double seconds = 0;
};

std::string oneLine(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  for (char &c : text)
    if (c == '\n' || c == '\r')
      c = ' ';
  return text;
}

std::string quoted(const std::string &name) {
  std::string out = "\"";
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\%02x", c);
      out += buffer;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

Kind kindOf(llvm::StringRef type) {
  return llvm::StringSwitch<Kind>(type)
      .Case("module", Kind::Module)
      .Case("register", Kind::Register)
      .Case("action", Kind::Action)
      .Case("assert_return", Kind::AssertReturn)
      .Case("assert_trap", Kind::AssertTrap)
      .Case("assert_exhaustion", Kind::AssertExhaustion)
      .Case("assert_invalid", Kind::AssertInvalid)
      .Case("assert_malformed", Kind::AssertMalformed)
      .Case("assert_unlinkable", Kind::AssertUnlinkable)
      .Case("assert_uninstantiable", Kind::AssertUninstantiable)
      .Case("assert_exception", Kind::AssertException)
      .Case("module_instance", Kind::ModuleInstance)
      .Case("thread", Kind::Thread)
      .Case("wait", Kind::Wait)
      // Custom sections that are malformed or invalid: the module stays valid, and the section is
      // ignored with a warning (as the specification asks), which is what these assert.
      .Case("assert_malformed_custom", Kind::AssertMalformed)
      .Case("assert_invalid_custom", Kind::AssertInvalid)
      .Default(Kind::Unsupported);
}

void parseValues(const llvm::json::Array *array, std::vector<ScriptValue> &out, Command &command) {
  if (!array)
    return;
  for (const llvm::json::Value &item : *array) {
    const llvm::json::Object *object = item.getAsObject();
    if (!object) {
      command.error = "value is not an object";
      return;
    }
    auto value = parseValue(*object);
    if (!value) {
      command.error = llvm::toString(value.takeError());
      return;
    }
    out.push_back(std::move(*value));
  }
}

Command parseCommand(const llvm::json::Object &object) {
  Command command;
  command.type = object.getString("type").value_or("?").str();
  command.kind = kindOf(command.type);
  command.line = static_cast<unsigned>(object.getInteger("line").value_or(0));
  command.name = object.getString("name").value_or("").str();
  command.as = object.getString("as").value_or("").str();
  command.filename = object.getString("filename").value_or("").str();
  command.textForm = object.getString("module_type").value_or("binary") == "text";
  command.text = object.getString("text").value_or("").str();
  command.definition = object.getString("definition").value_or("") == "true";
  command.instanceName = object.getString("instance").value_or("").str();
  command.moduleName = object.getString("module").value_or("").str();
  if (command.kind == Kind::Wait)
    command.name = object.getString("thread").value_or("").str();
  if (command.kind == Kind::Thread) {
    if (auto shared = object.getString("shared_module"))
      command.shared.push_back(shared->str());
    if (const llvm::json::Array *commands = object.getArray("commands")) {
      for (const llvm::json::Value &item : *commands) {
        if (const llvm::json::Object *nested = item.getAsObject())
          command.commands.push_back(parseCommand(*nested));
        else
          command.error = "a command of the thread is not an object";
      }
    }
  }
  if (const llvm::json::Object *action = object.getObject("action")) {
    const llvm::StringRef type = action->getString("type").value_or("");
    command.action.isGet = type == "get";
    if (type != "invoke" && type != "get")
      command.error = "unsupported action " + type.str();
    command.action.module = action->getString("module").value_or("").str();
    command.action.field = action->getString("field").value_or("").str();
    parseValues(action->getArray("args"), command.action.args, command);
  }
  parseValues(object.getArray("expected"), command.expected, command);
  parseValues(object.getArray("either"), command.either, command);
  return command;
}

// assert_malformed or assert_invalid of a module in text form: there is no binary to test.
bool isTextFormAssertion(const Command &command) {
  return (command.kind == Kind::AssertMalformed || command.kind == Kind::AssertInvalid) &&
         command.textForm;
}

// ---- Converting and compiling ----

// wast2json's messages go to `log` and are shown only when it fails: wabt 1.0.32 with
// --enable-all reports "type mismatch" for a `ref.func` stored in a funcref table (it types it
// as the non-null `(ref N)` of function references) and converts the script anyway.
bool runWast2json(const Options &options, const fs::path &json, const fs::path &log) {
  std::vector<std::string> words = {options.wast2json, "--enable-all", options.wast, "-o",
                                    json.string()};
  std::vector<char *> argv;
  for (std::string &word : words)
    argv.push_back(word.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid;
  const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    std::fprintf(stderr, "wasmc-spec: cannot run %s: %s\n", options.wast2json.c_str(),
                 std::strerror(spawned));
    return false;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
    return true;
  std::ifstream messages(log);
  std::fputs(std::string(std::istreambuf_iterator<char>(messages), {}).c_str(), stderr);
  return false;
}

// The compile jobs of the modules of `commands` (and of their threads' commands).
void addJobs(std::vector<Command> &commands, const fs::path &modulesDirectory,
             const fs::path &outputDirectory, std::vector<Job> &jobs) {
  for (Command &command : commands) {
    addJobs(command.commands, modulesDirectory, outputDirectory, jobs);
    const bool buildsModule = command.kind == Kind::Module ||
                              command.kind == Kind::AssertUnlinkable ||
                              command.kind == Kind::AssertUninstantiable;
    const bool rejectsModule = (command.kind == Kind::AssertInvalid ||
                                command.kind == Kind::AssertMalformed) && !command.textForm;
    if ((buildsModule || rejectsModule) && !command.filename.empty()) {
      Job job;
      job.wasmPath = (modulesDirectory / command.filename).string();
      job.soPath = (outputDirectory / (command.filename + ".so")).string();
      job.build = buildsModule;
      command.job = static_cast<int>(jobs.size());
      jobs.push_back(std::move(job));
    }
  }
}

bool readBytes(const std::string &path, std::vector<uint8_t> &out) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

void runJob(Job &job, const pipeline::BuildOptions &buildOptions,
            const binary::Features &features) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<uint8_t> bytes;
  if (!readBytes(job.wasmPath, bytes)) {
    job.error = "cannot read " + job.wasmPath;
    return;
  }
  auto module = pipeline::loadModule(std::move(bytes), fs::path(job.wasmPath).filename().string(),
                                     features);
  if (!module) {
    job.error = oneLine(llvm::toString(module.takeError()));
    return;
  }
  job.loaded = true;
  job.warnings = (*module)->warnings;
  for (const binary::Import &import : (*module)->imports)
    job.imports.emplace_back(import.module, import.name);
  if (job.build) {
    if (llvm::Error error = pipeline::buildSharedObject(**module, buildOptions, job.soPath))
      job.error = oneLine(llvm::toString(std::move(error)));
    else
      job.built = true;
  }
  job.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void runJobs(std::vector<Job> &jobs, const Options &options,
             const codegen::TargetInfo *target) {
  // The script's language: Wasm 2.0 alone (its suite calls later features malformed or invalid),
  // or everything wasmc implements; --threads and --no-reference-types adjust it.
  binary::Features features = options.wasm3 ? binary::Features() : binary::Features::wasm2();
  features.referenceTypes = features.referenceTypes && options.referenceTypes;
  features.threads = features.threads || options.threads;
  pipeline::BuildOptions buildOptions;
  buildOptions.compile.target = target;
  buildOptions.compile.optLevel = options.optLevel;
  buildOptions.compile.threads = 1; // the parallelism is across modules
  // CPU-specific lowerings are tested by running the suite with another CPU or features.
  if (const char *cpu = std::getenv("WASMC_SPEC_CPU"))
    buildOptions.compile.cpu = cpu;
  if (const char *features = std::getenv("WASMC_SPEC_FEATURES"))
    buildOptions.compile.features = features;
  std::atomic<size_t> next{0};
  auto worker = [&]() {
    for (size_t i; (i = next.fetch_add(1)) < jobs.size();)
      runJob(jobs[i], buildOptions, features);
  };
  const unsigned count = static_cast<unsigned>(std::min<size_t>(options.jobs, jobs.size()));
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < count; ++i)
    threads.emplace_back(worker);
  worker();
  for (std::thread &thread : threads)
    thread.join();
}

// ---- Running ----

// A module instance of the script, or why there is none.
struct Instance {
  int32_t instance = -1; // the executor's handle; -1: none
  unsigned line = 0;
  std::string failure; // empty when instantiated
  bool unsupported = false; // (--wasm3) wasmc refused it, or a module it imports, as unsupported
};

enum class Outcome { Ok, NotBuilt, Unlinkable, Trapped, Failed, Unsupported };

struct Instantiation {
  Outcome outcome = Outcome::Failed;
  std::string message;
  int32_t instance = -1; // also after a trap during initialisation
};

class Runner {
public:
  Runner(const Options &options, std::string file, std::vector<Job> &jobs, Executor &executor)
      : options_(options), file_(std::move(file)), jobs_(jobs), executor_(executor) {
    commandStart_.store(now());
  }

  // The runner of a `thread` command's commands: nothing registered, no current module; the
  // modules the command shares are known by their names.
  Runner(const Runner &parent, Executor &executor)
      : Runner(parent.options_, parent.file_, parent.jobs_, executor) {}

  ~Runner() { joinThreads(); }

  // Runs the commands in order.
  void run(const std::vector<Command> &commands) {
    for (size_t i = 0; i < commands.size(); ++i) {
      const Command &command = commands[i];
      commandStart_.store(now());
      currentCommand_.store(i);
      if (isTextFormAssertion(command)) {
        ++skipped_;
        continue;
      }
      commandUnsupported_ = false;
      std::string failure = runCommand(command);
      if (commandUnsupported_) {
        ++unsupported_;
        std::printf("%s:%u: %s: %s\n", file_.c_str(), command.line, describe(command).c_str(),
                    failure.c_str());
        std::fflush(stdout);
      } else if (failure.empty()) {
        ++passed_;
        if (options_.verbose)
          std::fprintf(stderr, "%s:%u: %s: ok\n", file_.c_str(), command.line,
                       describe(command).c_str());
      } else {
        ++failed_;
        std::printf("%s:%u: %s: %s\n", file_.c_str(), command.line, describe(command).c_str(),
                    failure.c_str());
        std::fflush(stdout);
      }
    }
    // Threads the script never waited for end with it, under the watchdog's eye: a stuck one
    // times out as if the last command had.
    commandStart_.store(now());
    joinThreads();
    currentCommand_.store(commands.size());
  }

  // For the watchdog, while run() is busy on another thread: the command running and since when
  // (seconds on the steady clock).
  size_t currentCommand() const { return currentCommand_.load(); }
  double commandStart() const { return commandStart_.load(); }

  // Abandons a command that does not finish (a miscompiled loop, say): it and every command
  // after it count as failed, text-form assert_malformed as skipped.
  void abandon(const std::vector<Command> &commands, size_t stuck) {
    const Command &command = commands[stuck];
    std::printf("%s:%u: %s: expected completion, got a timeout after %u s\n", file_.c_str(),
                command.line, describe(command).c_str(), options_.timeoutSeconds);
    ++failed_;
    unsigned notRun = 0;
    for (size_t i = stuck + 1; i < commands.size(); ++i) {
      if (isTextFormAssertion(commands[i])) {
        ++skipped_;
      } else {
        ++failed_;
        ++notRun;
      }
    }
    if (notRun)
      std::printf("%s:%u: %u later command(s): expected to run, got abandoned after the timeout\n",
                  file_.c_str(), command.line, notRun);
    std::fflush(stdout);
  }

  static double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }

  unsigned passed() const { return passed_; }
  unsigned failed() const { return failed_; }
  unsigned skipped() const { return skipped_; }
  unsigned unsupported() const { return unsupported_; }

private:
  // A thread of the script, running its commands.
  struct ScriptThread {
    std::unique_ptr<Executor> executor;
    std::unique_ptr<Runner> runner;
    std::thread thread;
  };

  std::string startThread(const Command &command) {
    if (threads_.count(command.name))
      return "expected a new thread, got " + command.name + " running already";
    ScriptThread started;
    started.executor = executor_.newThread();
    started.runner = std::make_unique<Runner>(*this, *started.executor);
    for (const std::string &name : command.shared) {
      Instance *module = moduleNamed(name);
      if (!module)
        return "expected a module to share, got " + moduleFailure(module, name);
      started.runner->named_[name] = module;
    }
    started.thread = std::thread([runner = started.runner.get(), &command]() {
      runner->run(command.commands);
    });
    threads_[command.name] = std::move(started);
    return "";
  }

  // Waits for a thread to finish; its commands count with this runner's.
  void join(ScriptThread &thread) {
    thread.thread.join();
    passed_ += thread.runner->passed_;
    failed_ += thread.runner->failed_;
    skipped_ += thread.runner->skipped_;
    unsupported_ += thread.runner->unsupported_;
  }

  void joinThreads() {
    for (auto &[name, thread] : threads_)
      join(thread);
    threads_.clear();
  }

  static std::string describeAction(const Action &action) {
    std::string out = action.isGet ? "get " : "invoke ";
    if (!action.module.empty())
      out += action.module + " ";
    out += quoted(action.field);
    if (!action.isGet) {
      out += " (";
      for (size_t i = 0; i < action.args.size(); ++i)
        out += (i ? ", " : "") + formatExpected(action.args[i]);
      out += ")";
    }
    return out;
  }

  static std::string describe(const Command &command) {
    switch (command.kind) {
    case Kind::Module:
      return std::string(command.definition ? "module definition" : "module") +
             (command.name.empty() ? "" : " " + command.name);
    case Kind::ModuleInstance:
      return "module instance " + command.instanceName + " " + command.moduleName;
    case Kind::Thread:
    case Kind::Wait:
      return command.type + " " + command.name;
    case Kind::Register:
      return "register " + quoted(command.as) + (command.name.empty() ? "" : " " + command.name);
    case Kind::Action:
    case Kind::AssertReturn:
    case Kind::AssertTrap:
    case Kind::AssertExhaustion:
    case Kind::AssertException:
      return command.type + " " + describeAction(command.action);
    default:
      return command.type + " " + command.filename;
    }
  }

  static bool digitsOnly(const std::string &text, size_t from) {
    if (from >= text.size())
      return false;
    for (size_t i = from; i < text.size(); ++i)
      if (text[i] < '0' || text[i] > '9')
        return false;
    return true;
  }

  // The reference interpreter's rule (our message starts with the expected one), and the spec's
  // messages that name an index ours does not ("uninitialized element 2").
  static bool messageMatches(const std::string &expected, const std::string &ours) {
    if (ours.compare(0, expected.size(), expected) == 0)
      return true;
    return expected.size() > ours.size() + 1 && expected.compare(0, ours.size(), ours) == 0 &&
           expected[ours.size()] == ' ' && digitsOnly(expected, ours.size() + 1);
  }

  Instance *moduleNamed(const std::string &name) {
    if (name.empty())
      return current_;
    auto found = named_.find(name);
    return found == named_.end() ? nullptr : found->second;
  }

  // (--wasm3) Whether wasmc refused a module as unsupported.
  bool refusedAsUnsupported(const Job &job) const {
    return options_.wasm3 && !job.built && job.error.find("unsupported:") != std::string::npos;
  }

  // Marks the command being run as unsupported; `why` is reported.
  std::string unsupported(const std::string &why) {
    commandUnsupported_ = true;
    return why.find("unsupported:") == std::string::npos ? "unsupported: " + why : why;
  }

  // (--wasm3) Why a module wasmc refused cannot be used.
  static std::string refusal(const Instance &module) {
    return "the module of line " + std::to_string(module.line) + ": " + module.failure;
  }

  static std::string moduleFailure(const Instance *module, const std::string &name) {
    if (!module)
      return name.empty() ? "no module" : "no module " + name;
    return "the module of line " + std::to_string(module->line) + " failed: " + module->failure;
  }

  Instantiation instantiate(const Command &command) { return instantiate(command.job); }

  Instantiation instantiate(int jobIndex) {
    Instantiation result;
    if (jobIndex < 0) {
      result.outcome = Outcome::Failed;
      result.message = "no module file";
      return result;
    }
    Job &job = jobs_[jobIndex];
    if (!job.built) {
      result.outcome = refusedAsUnsupported(job) ? Outcome::Unsupported : Outcome::NotBuilt;
      result.message = (job.loaded ? "compile error: " : "load error: ") + job.error;
      return result;
    }
    // Where each import comes from: spectest, or the instance registered under its module name.
    std::vector<ImportBinding> imports(job.imports.size());
    for (size_t i = 0; i < job.imports.size(); ++i) {
      const std::string &module = job.imports[i].first;
      imports[i].name = job.imports[i].second;
      if (module == "spectest") {
        imports[i].source = kImportSpectest;
      } else if (auto it = registered_.find(module); it != registered_.end()) {
        if (it->second->unsupported) {
          result.outcome = Outcome::Unsupported;
          result.message = "it imports from \"" + module + "\", a module wasmc refused";
          return result;
        }
        imports[i].source = it->second->instance < 0 ? kImportFailedModule : kImportInstance;
        imports[i].instance = it->second->instance;
      } else {
        imports[i].source = kImportUnknown;
      }
    }
    InstantiateReply reply;
    executor_.instantiate(job.soPath, imports, reply);
    result.instance = reply.handle;
    // Names may contain NUL bytes (names.wast): quoted() shows them.
    auto label = [&]() {
      if (reply.importIndex >= job.imports.size())
        return std::string("import #") + std::to_string(reply.importIndex);
      const auto &[module, name] = job.imports[reply.importIndex];
      return quoted(static_cast<const std::string &>(module)) + "." +
             quoted(static_cast<const std::string &>(name));
    };
    switch (reply.status) {
    case kInstantiated:
      result.outcome = Outcome::Ok;
      break;
    case kNotLoaded:
      result.outcome = Outcome::NotBuilt;
      result.message = reply.message;
      break;
    case kUnknownImport:
      result.outcome = Outcome::Unlinkable;
      result.message = "unknown import " + label();
      break;
    case kImportFromFailed:
      result.outcome = Outcome::Failed;
      result.message = "import " + label() + " from a module that failed: " +
                       registered_[job.imports[reply.importIndex].first]->failure;
      break;
    case kLinkError:
      result.outcome = Outcome::Unlinkable;
      result.message = reply.message;
      break;
    case kTrappedStart:
      result.outcome = Outcome::Trapped;
      result.message = wasmc_trap_message(reply.trapCode);
      break;
    default:
      result.outcome = Outcome::Failed;
      result.message = reply.message;
      break;
    }
    return result;
  }

  static std::string describeOutcome(const Instantiation &result) {
    switch (result.outcome) {
    case Outcome::Ok:
      return "an instance";
    case Outcome::NotBuilt:
      return result.message;
    case Outcome::Unlinkable:
      return "link error: " + result.message;
    case Outcome::Trapped:
      return "trap \"" + result.message + "\" during instantiation";
    case Outcome::Failed:
    case Outcome::Unsupported:
      return result.message;
    }
    return "?";
  }

  struct ActionResult {
    bool unsupported = false; // (--wasm3) its module was refused as unsupported: `error` says
    std::string error; // the action could not be performed
    bool trapped = false;
    int32_t trapCode = WASMC_TRAP_NONE;
    std::vector<wasmc_val> results;
  };

  ActionResult perform(const Action &action) {
    ActionResult result;
    Instance *module = moduleNamed(action.module);
    if (module && module->unsupported) {
      result.unsupported = true;
      result.error = refusal(*module);
      return result;
    }
    if (!module || module->instance < 0) {
      result.error = moduleFailure(module, action.module);
      return result;
    }
    CallReply reply;
    if (action.isGet) {
      executor_.get(module->instance, action.field, reply);
    } else {
      std::vector<uint8_t> types(action.args.size());
      std::vector<wasmc_val> args(action.args.size());
      // The agent checks the types it is sent with codes of its own (SpecEngine.h).
      static_assert(kAnyNull == kScriptAnyNull, "`refnull` has one code on both sides");
      for (size_t i = 0; i < action.args.size(); ++i) {
        types[i] = hierarchyOf(action.args[i].type);
        toSlot(action.args[i], args[i]);
      }
      executor_.invoke(module->instance, action.field, types, args, reply);
    }
    const std::string field = quoted(action.field);
    switch (reply.status) {
    case kReturned:
      result.results = std::move(reply.results);
      break;
    case kTrapped:
      result.trapped = true;
      result.trapCode = reply.trapCode;
      break;
    case kNoExport:
      result.error = "no export " + field;
      break;
    case kNotAGlobal:
      result.error = "export " + field + " is not a global";
      break;
    case kNotAFunction:
      result.error = "export " + field + " is not a function";
      break;
    case kNoType:
      result.error = "export " + field + " has no known type";
      break;
    case kArity:
      result.error = "export " + field + " takes " + std::to_string(reply.a) +
                     " argument(s), the script gives " + std::to_string(action.args.size());
      break;
    case kArgumentType:
      result.error = "argument " + std::to_string(reply.a) + " of " + field + " is a " +
                     typeName(static_cast<uint8_t>(reply.b)) + ", the script gives a " +
                     (reply.a < action.args.size() ? typeName(action.args[reply.a].type) : "?");
      break;
    case kTransportFailure:
      result.error = reply.message;
      break;
    default:
      result.error = "no instance";
      break;
    }
    return result;
  }

  static std::string describeResults(const std::vector<ScriptValue> &expected,
                                     const std::vector<wasmc_val> &results) {
    std::string out;
    for (size_t i = 0; i < results.size(); ++i) {
      out += i ? ", " : "";
      if (i < expected.size())
        out += formatActual(expected[i], results[i]);
      else
        out += "(unexpected result)";
    }
    return out.empty() ? "no results" : out;
  }

  static std::string describeExpected(const std::vector<ScriptValue> &expected) {
    std::string out;
    for (size_t i = 0; i < expected.size(); ++i)
      out += (i ? ", " : "") + formatExpected(expected[i]);
    return out.empty() ? "no results" : out;
  }

  std::string trapped(int32_t code) {
    return std::string("trap \"") + wasmc_trap_message(code) + "\"";
  }

  // What an action ended in instead of completing (the error that stopped it, or its trap), or
  // "" if it completed.
  std::string notCompleted(const ActionResult &result) {
    if (!result.error.empty())
      return result.error;
    if (result.trapped)
      return trapped(result.trapCode);
    return "";
  }

  std::string runCommand(const Command &command) {
    if (!command.error.empty())
      return "malformed command: " + command.error;
    switch (command.kind) {
    case Kind::Module: {
      if (command.definition) {
        // Compiled (with the others, up front) and instantiated by module_instance commands.
        if (!command.name.empty())
          definitions_[command.name] = command.job;
        const Job *job = command.job >= 0 ? &jobs_[command.job] : nullptr;
        if (job && refusedAsUnsupported(*job))
          return unsupported(job->error);
        if (!job || !job->built)
          return "expected a module, got " + (job ? job->error : std::string("no module file"));
        return "";
      }
      return addInstance(command.name, command.line, instantiate(command));
    }
    case Kind::ModuleInstance: {
      auto definition = definitions_.find(command.moduleName);
      if (definition == definitions_.end())
        return "expected an instance, got no module definition " + command.moduleName;
      return addInstance(command.instanceName, command.line, instantiate(definition->second));
    }
    case Kind::Register: {
      Instance *module = moduleNamed(command.name);
      if (!module)
        return "expected a module to register, got " + moduleFailure(module, command.name);
      registered_[command.as] = module;
      if (module->unsupported)
        return unsupported(refusal(*module));
      if (module->instance < 0)
        return "expected a module to register, got " + moduleFailure(module, command.name);
      return "";
    }
    case Kind::Thread:
      return startThread(command);
    case Kind::Wait: {
      auto found = threads_.find(command.name);
      if (found == threads_.end())
        return "expected a thread to wait for, got no thread " + command.name;
      join(found->second);
      threads_.erase(found);
      return "";
    }
    case Kind::Action: {
      ActionResult result = perform(command.action);
      if (result.unsupported)
        return unsupported(result.error);
      if (const std::string got = notCompleted(result); !got.empty())
        return "expected completion, got " + got;
      return "";
    }
    case Kind::AssertReturn: {
      ActionResult result = perform(command.action);
      if (result.unsupported)
        return unsupported(result.error);
      if (!command.either.empty())
        return checkEither(command, result);
      const std::string expected = describeExpected(command.expected);
      if (const std::string got = notCompleted(result); !got.empty())
        return "expected " + expected + ", got " + got;
      bool ok = result.results.size() == command.expected.size();
      for (size_t i = 0; ok && i < result.results.size(); ++i)
        ok = matches(command.expected[i], result.results[i]);
      if (!ok)
        return "expected " + expected + ", got " +
               describeResults(command.expected, result.results);
      return "";
    }
    case Kind::AssertException: {
      // An uncaught wasm exception reaches the host as the "trap" WASMC_TRAP_EXCEPTION.
      ActionResult result = perform(command.action);
      if (result.unsupported)
        return unsupported(result.error);
      if (!result.error.empty())
        return "expected an exception, got " + result.error;
      if (result.trapped && result.trapCode == WASMC_TRAP_EXCEPTION)
        return "";
      if (result.trapped)
        return "expected an exception, got " + trapped(result.trapCode);
      return "expected an exception, got " + describeResults(command.expected, result.results);
    }
    case Kind::AssertTrap:
    case Kind::AssertExhaustion: {
      ActionResult result = perform(command.action);
      if (result.unsupported)
        return unsupported(result.error);
      const std::string expected = "trap \"" + command.text + "\"";
      if (!result.error.empty())
        return "expected " + expected + ", got " + result.error;
      if (!result.trapped)
        return "expected " + expected + ", got " +
               describeResults(command.expected, result.results);
      const std::string ours = wasmc_trap_message(result.trapCode);
      if (command.kind == Kind::AssertExhaustion &&
          result.trapCode != WASMC_TRAP_CALL_STACK_EXHAUSTED)
        return "expected " + expected + ", got " + trapped(result.trapCode);
      if (!messageMatches(command.text, ours))
        return "expected " + expected + ", got " + trapped(result.trapCode);
      return "";
    }
    case Kind::AssertInvalid:
    case Kind::AssertMalformed: {
      if (command.job < 0)
        return "expected an error \"" + command.text + "\", got no module file";
      const Job &job = jobs_[command.job];
      if (job.loaded && llvm::StringRef(command.type).ends_with("_custom") && !job.warnings.empty()) {
        if (options_.verbose)
          std::fprintf(stderr, "%s:%u: %s: ignored with: %s\n", file_.c_str(), command.line,
                       command.type.c_str(), job.warnings.front().c_str());
        return "";
      }
      if (job.loaded)
        return "expected an error \"" + command.text + "\", got a valid module";
      if (refusedAsUnsupported(job))
        return unsupported(job.error);
      if (options_.verbose)
        std::fprintf(stderr, "%s:%u: %s: rejected with: %s\n", file_.c_str(), command.line,
                     command.type.c_str(), job.error.c_str());
      return "";
    }
    case Kind::AssertUnlinkable: {
      Instantiation result = instantiate(command);
      if (result.instance >= 0)
        keepAlive(result.instance, command.line);
      if (result.outcome == Outcome::Unsupported)
        return unsupported(result.message);
      const std::string expected = "link error \"" + command.text + "\"";
      if (result.outcome != Outcome::Unlinkable)
        return "expected " + expected + ", got " + describeOutcome(result);
      if (!messageMatches(command.text, result.message))
        return "expected " + expected + ", got link error \"" + result.message + "\"";
      return "";
    }
    case Kind::AssertUninstantiable: {
      Instantiation result = instantiate(command);
      // Its functions may already sit in the tables of other instances.
      if (result.instance >= 0)
        keepAlive(result.instance, command.line);
      if (result.outcome == Outcome::Unsupported)
        return unsupported(result.message);
      const std::string expected = "trap \"" + command.text + "\" during instantiation";
      if (result.outcome != Outcome::Trapped)
        return "expected " + expected + ", got " + describeOutcome(result);
      if (!messageMatches(command.text, result.message))
        return "expected " + expected + ", got " + describeOutcome(result);
      return "";
    }
    case Kind::Unsupported:
      break;
    }
    return "unsupported command " + command.type;
  }

  // Records the instance of a module or module_instance command, the current one from now on.
  std::string addInstance(const std::string &name, unsigned line, const Instantiation &result) {
    auto module = std::make_unique<Instance>();
    module->line = line;
    module->instance = result.instance;
    module->unsupported = result.outcome == Outcome::Unsupported;
    if (result.outcome != Outcome::Ok)
      module->failure = describeOutcome(result);
    current_ = module.get();
    if (!name.empty())
      named_[name] = module.get();
    instances_.push_back(std::move(module));
    if (result.outcome == Outcome::Unsupported)
      return unsupported(result.message);
    if (result.outcome != Outcome::Ok)
      return "expected an instance, got " + describeOutcome(result);
    return "";
  }

  // assert_return with `either`: one result, equal to one of the alternatives.
  std::string checkEither(const Command &command, const ActionResult &result) {
    std::string expected = "one of ";
    for (size_t i = 0; i < command.either.size(); ++i)
      expected += (i ? " | " : "") + formatExpected(command.either[i]);
    if (const std::string got = notCompleted(result); !got.empty())
      return "expected " + expected + ", got " + got;
    if (result.results.size() == 1)
      for (const ScriptValue &alternative : command.either)
        if (matches(alternative, result.results[0]))
          return "";
    return "expected " + expected + ", got " + describeResults(command.either, result.results);
  }

  void keepAlive(int32_t instance, unsigned line) {
    auto module = std::make_unique<Instance>();
    module->instance = instance;
    module->line = line;
    instances_.push_back(std::move(module));
  }

  const Options &options_;
  std::string file_;
  std::vector<Job> &jobs_;
  Executor &executor_;
  std::vector<std::unique_ptr<Instance>> instances_;
  Instance *current_ = nullptr;
  std::map<std::string, Instance *> named_;
  std::map<std::string, Instance *> registered_;
  std::map<std::string, int> definitions_; // module definitions: their compile jobs
  std::map<std::string, ScriptThread> threads_; // started and not waited for yet
  bool commandUnsupported_ = false;
  std::atomic<unsigned> passed_{0}, failed_{0}, skipped_{0}, unsupported_{0};
  std::atomic<size_t> currentCommand_{0};
  std::atomic<double> commandStart_{0};
};

std::string jsonEscape(const std::string &text) {
  std::string out;
  llvm::raw_string_ostream stream(out);
  stream << llvm::json::Value(text);
  return out;
}

// The counts of a script's commands.
struct Counts {
  unsigned passed = 0, failed = 0, skipped = 0, unsupported = 0;
};

Counts countsOf(const Runner &runner) {
  return {runner.passed(), runner.failed(), runner.skipped(), runner.unsupported()};
}

Counts oneFailure() {
  Counts counts;
  counts.failed = 1;
  return counts;
}

void writeJson(const Options &options, const std::string &file, const Counts &counts,
               size_t modules, double compileSeconds, double runSeconds,
               const std::string &error) {
  if (options.jsonPath.empty())
    return;
  char numbers[512];
  std::snprintf(numbers, sizeof numbers,
                "\"passed\": %u, \"failed\": %u, \"skipped\": %u, \"unsupported\": %u, "
                "\"opt_level\": %u, \"modules\": %zu, \"compile_seconds\": %.3f, "
                "\"run_seconds\": %.3f",
                counts.passed, counts.failed, counts.skipped, counts.unsupported, options.optLevel,
                modules, compileSeconds, runSeconds);
  std::string text = "{\"file\": " + jsonEscape(file) + ", " + numbers;
  if (!error.empty())
    text += ", \"error\": " + jsonEscape(error);
  text += "}\n";
  if (options.jsonPath == "-") {
    std::fputs(text.c_str(), stdout);
    std::fflush(stdout);
    return;
  }
  std::ofstream out(options.jsonPath);
  out << text;
}

// Runs the commands on this thread while a watchdog thread looks for a command that does not
// finish. On a timeout the watchdog counts it (Runner::abandon), calls `giveUp` and ends the
// process: the stuck command keeps this thread. (Wasm code runs on the calling thread only: the
// runtime gives such threads a signal stack of its own, which sanitizers dislike at thread exit.)
template <typename GiveUp>
void runWatched(Runner &runner, const std::vector<Command> &commands, const Options &options,
                GiveUp giveUp) {
  std::atomic<bool> done{false};
  std::thread watchdog;
  if (options.timeoutSeconds != 0) {
    watchdog = std::thread([&]() {
      while (!done.load()) {
        usleep(20 * 1000);
        const size_t index = runner.currentCommand();
        const double start = runner.commandStart();
        if (!done.load() && index < commands.size() &&
            Runner::now() - start > options.timeoutSeconds && runner.currentCommand() == index) {
          runner.abandon(commands, index);
          giveUp();
        }
      }
    });
  }
  runner.run(commands);
  done.store(true);
  if (watchdog.joinable())
    watchdog.join();
}

class TemporaryDirectory {
public:
  bool create() {
    const char *base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/wasmc-spec-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (!mkdtemp(buffer.data()))
      return false;
    path_ = buffer.data();
    return true;
  }
  void keep() { keep_ = true; }
  void removeNow() {
    if (!path_.empty() && !keep_) {
      std::error_code ignored;
      fs::remove_all(path_, ignored);
    }
  }
  const fs::path &path() const { return path_; }
  ~TemporaryDirectory() { removeNow(); }

private:
  fs::path path_;
  bool keep_ = false;
};

int finish(const Options &options, const std::string &file, const Counts &counts, size_t modules,
           double compileSeconds, double runSeconds, const std::string &error = "") {
  std::printf("%u passed, %u failed\n", counts.passed, counts.failed);
  if (counts.skipped)
    std::printf("%u skipped (assert_malformed and assert_invalid in text form)\n", counts.skipped);
  if (counts.unsupported)
    std::printf("%u unsupported (features wasmc does not implement)\n", counts.unsupported);
  std::fflush(stdout);
  writeJson(options, file, counts, modules, compileSeconds, runSeconds, error);
  if (counts.failed)
    return 1;
  return counts.unsupported ? 77 : 0;
}

bool isExecutable(const fs::path &path) { return access(path.c_str(), X_OK) == 0; }

// A program in PATH, or empty.
std::string findInPath(const std::string &name) {
  const char *path = std::getenv("PATH");
  std::string list = path ? path : "/usr/local/bin:/usr/bin:/bin";
  size_t from = 0;
  while (from <= list.size()) {
    size_t to = list.find(':', from);
    if (to == std::string::npos)
      to = list.size();
    const fs::path candidate = fs::path(to > from ? list.substr(from, to - from) : ".") / name;
    if (isExecutable(candidate))
      return candidate.string();
    from = to + 1;
  }
  return "";
}

std::vector<std::string> splitWords(const std::string &text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      if (!word.empty())
        words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty())
    words.push_back(std::move(word));
  return words;
}

// How the commands run for --target: in this process (the host, without --agent), or in the
// agent, under the target's emulator. Returns 0, or the exit status to leave with (77: skipped,
// the emulator is missing).
int configureTarget(const Options &options, const codegen::TargetInfo *&target, bool &remote,
                    RemoteOptions &remoteOptions) {
  target = nullptr;
  remote = false;
  if (options.target.empty())
    return 0;
  std::string error;
  target = codegen::findTarget(options.target, error);
  if (!target) {
    std::fprintf(stderr, "wasmc-spec: %s\n", error.c_str());
    return 2;
  }
  const bool host = target == &codegen::hostTarget();
  remote = !host || !options.agent.empty();
  if (!remote)
    return 0;
  const std::string arch = target->name.substr(0, target->name.find('-'));
  remoteOptions.arch = arch;
  remoteOptions.print = options.print;
  remoteOptions.agent = options.agent;
  if (remoteOptions.agent.empty()) {
    std::error_code ignored;
    const fs::path self = fs::read_symlink("/proc/self/exe", ignored);
    remoteOptions.agent = (self.parent_path() / ("wasmc-spec-agent-" + target->name)).string();
  }
  if (!isExecutable(remoteOptions.agent)) {
    std::fprintf(stderr, "wasmc-spec: no agent for %s: %s (build it: ninja wasmc_spec_agent_%s)\n",
                 target->name.c_str(), remoteOptions.agent.c_str(), target->name.c_str());
    return 2;
  }
  if (options.emulatorGiven) {
    remoteOptions.emulator = splitWords(options.emulator);
  } else if (!host) {
    const std::string qemu = findInPath("qemu-" + arch);
    if (qemu.empty()) {
      std::printf("skipped: qemu-%s (qemu-user) is not installed; --emulator names another\n",
                  arch.c_str());
      return 77;
    }
    remoteOptions.emulator = {qemu};
    // The target's dynamic loader and C library: Debian's cross libc (libc6-<arch>-cross).
    const std::string root = "/usr/" + arch + "-linux-gnu";
    if (fs::is_directory(root)) {
      remoteOptions.emulator.push_back("-L");
      remoteOptions.emulator.push_back(root);
    }
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  Options options;
  if (!parseOptions(argc, argv, options))
    return 2;
  // LLVM's crash handlers, installed here on the main thread before any compile thread would
  // install them (lld's output files ask for them) with a signal stack that dies with the thread.
  // The runtime's handlers go in front of them later, for faults in wasm code.
  llvm::sys::PrintStackTraceOnErrorSignal(argv[0]);
  // A converted script (.json) is read in place; its commands are reported under its .wast name.
  const bool converted = fs::path(options.wast).extension() == ".json";
  const std::string stem = fs::path(options.wast).stem().string();
  const std::string file = converted ? stem + ".wast" : fs::path(options.wast).filename().string();

  const codegen::TargetInfo *target = nullptr;
  bool remote = false;
  RemoteOptions remoteOptions;
  if (int status = configureTarget(options, target, remote, remoteOptions))
    return status;
  // The agent starts now, so that a broken one is known before anything is compiled.
  std::unique_ptr<Executor> executor;
  if (remote) {
    std::string error;
    executor = startRemoteExecutor(remoteOptions, error);
    if (!executor) {
      std::printf("%s:0: agent: expected a running agent, got: %s\n", file.c_str(), error.c_str());
      return finish(options, file, oneFailure(), 0, 0, 0, "no agent");
    }
  }

  TemporaryDirectory directory;
  if (!directory.create()) {
    std::fprintf(stderr, "wasmc-spec: cannot create a temporary directory: %s\n",
                 std::strerror(errno));
    return 2;
  }
  if (options.keep) {
    directory.keep();
    std::fprintf(stderr, "wasmc-spec: keeping %s\n", directory.path().c_str());
  }

  const fs::path jsonPath = converted ? fs::path(options.wast) : directory.path() / (stem + ".json");
  const fs::path modulesDirectory = jsonPath.parent_path();
  if (!converted && !runWast2json(options, jsonPath, directory.path() / "wast2json.log")) {
    std::printf("%s:0: wast2json: expected a converted script, got a failure\n", file.c_str());
    return finish(options, file, oneFailure(), 0, 0, 0, "wast2json failed");
  }
  auto buffer = llvm::MemoryBuffer::getFile(jsonPath.string());
  if (!buffer) {
    std::printf("%s:0: script: cannot read %s\n", file.c_str(), jsonPath.c_str());
    return finish(options, file, oneFailure(), 0, 0, 0, "no JSON");
  }
  auto parsed = llvm::json::parse((*buffer)->getBuffer());
  const llvm::json::Array *list =
      parsed && parsed->getAsObject() ? parsed->getAsObject()->getArray("commands") : nullptr;
  if (!list) {
    std::string why = parsed ? "no commands" : llvm::toString(parsed.takeError());
    std::printf("%s:0: script: bad JSON: %s\n", file.c_str(), why.c_str());
    return finish(options, file, oneFailure(), 0, 0, 0, "bad JSON");
  }

  std::vector<Command> commands;
  for (const llvm::json::Value &item : *list)
    if (const llvm::json::Object *object = item.getAsObject())
      commands.push_back(parseCommand(*object));
  std::vector<Job> jobs;
  addJobs(commands, modulesDirectory, directory.path(), jobs);

  const auto compileStart = std::chrono::steady_clock::now();
  runJobs(jobs, options, target);
  const auto runStart = std::chrono::steady_clock::now();
  const double compileSeconds = std::chrono::duration<double>(runStart - compileStart).count();

  // In-process: the runtime's signal handlers go in now, in front of LLVM's.
  if (!executor)
    executor = makeInProcessExecutor(options.print);
  size_t built = 0;
  for (const Job &job : jobs)
    built += job.build;
  Runner runner(options, file, jobs, *executor);
  runWatched(runner, commands, options, [&]() {
    // A command never finished and still holds the main thread: report and leave from here.
    const double runSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - runStart).count();
    const int status =
        finish(options, file, countsOf(runner), built, compileSeconds, runSeconds, "timeout");
    executor->abandon(); // the agent, stuck in the command: killed
    directory.removeNow();
    _exit(status);
  });
  const double runSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - runStart).count();

  if (options.verbose)
    std::fprintf(stderr, "wasmc-spec: %s: %zu module(s) built for %s at -O%u with %u thread(s) in "
                 "%.2f s, commands ran in %.2f s%s\n",
                 file.c_str(), built, target ? target->name.c_str() : "the host", options.optLevel,
                 options.jobs, compileSeconds, runSeconds, remote ? " (in the agent)" : "");
  return finish(options, file, countsOf(runner), built, compileSeconds, runSeconds);
}
