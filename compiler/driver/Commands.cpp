#include "driver/Commands.h"

#include "link/Linker.h"
#include "pipeline/Pipeline.h"

#include "wasmc/wasi.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/BLAKE3.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Process.h>
#include <llvm/Support/raw_ostream.h>

#include <unistd.h>

namespace wasmc::driver {

namespace {

int status = 0;

std::string defaultOutput(const std::string &input, const std::string &emit) {
  llvm::SmallString<256> path(llvm::sys::path::filename(input));
  if (llvm::sys::path::extension(path) == ".wasm")
    llvm::sys::path::replace_extension(path, "");
  if (emit == "obj")
    path += ".o";
  else if (emit == "asm")
    path += ".s";
  else if (emit == "llvm-ir")
    path += ".ll";
  else if (path == llvm::sys::path::filename(input))
    path += ".out";
  return std::string(path);
}

} // namespace

int exitStatus() { return status; }

void reportError(llvm::Error error) {
  llvm::handleAllErrors(std::move(error), [](const llvm::ErrorInfoBase &info) {
    llvm::errs() << "error: " << llvm::StringRef(info.message()).rtrim() << "\n";
  });
  status = 1;
}

void GrantOptions::registerWith(CLI::App *command) {
  command->add_option("--dir", dirs,
                      "Grant the program a host directory, seen as GUEST (default: the same "
                      "path); may be repeated")
      ->type_name("HOST[::GUEST]");
  command->add_option("--env", envs, "Set an environment variable for the program")
      ->type_name("KEY=VALUE");
  command->add_flag("--inherit-env", inheritEnv,
                    "Give the program the environment wasmc's caller has");
  command->add_option("--listen", listens,
                      "Give the program a listening TCP socket (for sock_accept)")
      ->type_name("HOST:PORT");
}

llvm::Error GrantOptions::check() const {
  const std::vector<std::string> all = words();
  for (size_t i = 0; i < all.size(); ++i) {
    const bool takesValue = all[i] != "--inherit-env";
    const char *value = takesValue && i + 1 < all.size() ? all[i + 1].c_str() : nullptr;
    char error[512] = "";
    if (wasmc_wasi_grant_check(all[i].c_str(), value, error, sizeof error) != 0)
      return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s", static_cast<const char *>(error));
    if (takesValue)
      ++i;
  }
  return llvm::Error::success();
}

std::vector<std::string> GrantOptions::words() const {
  std::vector<std::string> words;
  for (const std::string &dir : dirs)
    words.insert(words.end(), {"--dir", dir});
  for (const std::string &env : envs)
    words.insert(words.end(), {"--env", env});
  if (inheritEnv)
    words.push_back("--inherit-env");
  for (const std::string &listen : listens)
    words.insert(words.end(), {"--listen", listen});
  return words;
}

void CodegenOptions::registerWith(CLI::App *command) {
  command->add_option("-O", optLevel, "Optimisation level, 0 to 3 (default 2)")
      ->check(CLI::Range(0u, 3u))
      ->type_name("LEVEL");
  command->add_option("--target", target,
                      "Target to build for (see 'wasmc targets'; default: this machine's)");
  command->add_option("--cpu", cpu, "Target CPU, or 'native' for this machine's");
  command->add_option("--features", features, "Target features, e.g. +avx2,-fma");
  command->add_option("--threads", threads,
                      "Threads for code generation (default: one per core)");
}

llvm::Expected<codegen::CompileOptions> CodegenOptions::resolve() const {
  codegen::CompileOptions options;
  options.optLevel = optLevel;
  options.cpu = cpu;
  options.features = features;
  options.threads = threads;
  if (!target.empty()) {
    std::string error;
    options.target = codegen::findTarget(target, error);
    if (!options.target)
      return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s", error.c_str());
  }
  if (!cpu.empty() && cpu == "native" && options.target &&
      options.target != &codegen::hostTarget())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "--cpu native needs the target to be this machine's (%s)",
                                   codegen::hostTarget().name.c_str());
  return options;
}

void BuildCommand::registerWith(CLI::App &app) {
  CLI::App *command = app.add_subcommand("build", "Compile a .wasm module into a native executable");
  command->add_option("input", input_, "The WebAssembly module")->required();
  command->add_option("-o,--output", output_, "Output file (default: the input's name)");
  command->add_option("--emit", emit_,
                      "What to write: exe (default), obj, asm or llvm-ir")
      ->check(CLI::IsMember({"exe", "obj", "asm", "llvm-ir"}));
  command->add_flag("-v,--verbose", verbose_, "Report the time each phase takes");
  codegen_.registerWith(command);
  grants_.registerWith(command);
  command->callback([this] { run(); });
}

void BuildCommand::run() {
  auto compile = codegen_.resolve();
  if (!compile)
    return reportError(compile.takeError());
  if (llvm::Error error = grants_.check())
    return reportError(std::move(error));
  auto module = pipeline::loadModuleFile(input_);
  if (!module)
    return reportError(module.takeError());
  pipeline::BuildOptions options;
  options.compile = *compile;
  options.grants = grants_.words();
  options.verbose = verbose_;
  const std::string output = output_.empty() ? defaultOutput(input_, emit_) : output_;
  llvm::Error error = llvm::Error::success();
  if (emit_ == "exe")
    error = pipeline::buildExecutable(**module, options, output);
  else
    error = pipeline::emitIntermediate(**module, options,
                                       emit_ == "obj"   ? codegen::OutputKind::Object
                                       : emit_ == "asm" ? codegen::OutputKind::Assembly
                                                        : codegen::OutputKind::LLVMIR,
                                       output);
  if (error)
    reportError(std::move(error));
}

void RunCommand::registerWith(CLI::App &app) {
  CLI::App *command = app.add_subcommand(
      "run", "Compile a .wasm module (cached) and run it: wasmc run prog.wasm [grants] -- args");
  command->add_option("input", input_, "The WebAssembly module")->required();
  command->add_option("args", arguments_, "Arguments for the program (after --)");
  command->add_flag("--no-cache", noCache_, "Compile afresh, without the cache");
  codegen_.registerWith(command);
  grants_.registerWith(command);
  command->callback([this] { run(); });
}

namespace {

// ${XDG_CACHE_HOME:-$HOME/.cache}/wasmc
std::string cacheDirectory() {
  if (auto xdg = llvm::sys::Process::GetEnv("XDG_CACHE_HOME"); xdg && !xdg->empty())
    return *xdg + "/wasmc";
  if (auto home = llvm::sys::Process::GetEnv("HOME"); home && !home->empty())
    return *home + "/.cache/wasmc";
  return "/tmp/wasmc-cache-" + std::to_string(getuid());
}

// The cache key: the module, the code generation options and this very wasmc binary.
std::string cacheKey(llvm::StringRef moduleBytes, const CodegenOptions &options) {
  llvm::BLAKE3 hasher;
  hasher.update(WASMC_VERSION);
  static int anchor;
  const std::string self = llvm::sys::fs::getMainExecutable(nullptr, &anchor);
  llvm::sys::fs::file_status selfStatus;
  if (!llvm::sys::fs::status(self, selfStatus)) {
    const std::string stamp = std::to_string(selfStatus.getSize()) + ":" +
                              std::to_string(selfStatus.getLastModificationTime().time_since_epoch().count());
    hasher.update(stamp);
  }
  const std::string settings = std::to_string(options.optLevel) + "|" + options.target + "|" +
                               options.cpu + "|" + options.features;
  hasher.update(settings);
  hasher.update(llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(moduleBytes.data()),
                                        moduleBytes.size()));
  return llvm::toHex(hasher.final(), /*LowerCase=*/true);
}

} // namespace

void RunCommand::run() {
  auto compile = codegen_.resolve();
  if (!compile)
    return reportError(compile.takeError());
  if (llvm::Error error = grants_.check())
    return reportError(std::move(error));
  if (compile->target && compile->target != &codegen::hostTarget())
    return reportError(llvm::createStringError(llvm::inconvertibleErrorCode(),
                                               "wasmc run builds for this machine only; use "
                                               "wasmc build --target"));
  auto buffer = llvm::MemoryBuffer::getFile(input_, false, false);
  if (!buffer)
    return reportError(llvm::createStringError(buffer.getError(), "cannot read %s: %s",
                                               input_.c_str(), buffer.getError().message().c_str()));
  const std::string directory = cacheDirectory();
  const std::string executable = directory + "/" + cacheKey((*buffer)->getBuffer(), codegen_);
  if (noCache_ || !llvm::sys::fs::exists(executable)) {
    const auto *data = reinterpret_cast<const uint8_t *>((*buffer)->getBufferStart());
    auto module = pipeline::loadModule(
        std::vector<uint8_t>(data, data + (*buffer)->getBufferSize()), input_);
    if (!module)
      return reportError(module.takeError());
    if (std::error_code error = llvm::sys::fs::create_directories(directory))
      return reportError(llvm::createStringError(error, "cannot create the cache %s: %s",
                                                 directory.c_str(), error.message().c_str()));
    pipeline::BuildOptions options;
    options.compile = *compile;
    // Link to a private name first, so that a concurrent run never sees half a file.
    const std::string temporary = executable + ".tmp" + std::to_string(getpid());
    if (llvm::Error error = pipeline::buildExecutable(**module, options, temporary))
      return reportError(std::move(error));
    if (std::error_code error = llvm::sys::fs::rename(temporary, executable))
      return reportError(llvm::createStringError(error, "cannot write the cache: %s",
                                                 error.message().c_str()));
  }
  // Grants reach the executable through WASMC_GRANTS, one "--option value" per line.
  std::string grants;
  const std::vector<std::string> words = grants_.words();
  for (size_t i = 0; i < words.size(); ++i) {
    grants += words[i];
    const bool takesValue = words[i] != "--inherit-env";
    if (takesValue && i + 1 < words.size())
      grants += " " + words[++i];
    grants += "\n";
  }
  setenv("WASMC_GRANTS", grants.c_str(), 1);
  std::vector<char *> argv{const_cast<char *>(input_.c_str())};
  for (std::string &argument : arguments_)
    argv.push_back(argument.data());
  argv.push_back(nullptr);
  execv(executable.c_str(), argv.data());
  reportError(llvm::createStringError(std::error_code(errno, std::generic_category()),
                                      "cannot run %s", executable.c_str()));
}

void registerTargetsCommand(CLI::App &app) {
  CLI::App *command = app.add_subcommand("targets", "List the targets this wasmc can build for");
  command->callback([] {
    for (const codegen::TargetInfo &target : codegen::allTargets()) {
      const bool available = link::hasRuntime(target);
      llvm::outs() << target.name << (available ? "" : "  (runtime not installed)")
                   << (&target == &codegen::hostTarget() ? "  (host)" : "") << "\n";
    }
  });
}

} // namespace wasmc::driver
