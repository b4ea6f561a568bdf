#include "driver/Commands.h"

#include "driver/ModuleFile.h"
#include "driver/RunCache.h"
#include "link/Linker.h"
#include "pipeline/Pipeline.h"

#include "wasmc/wasi.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Format.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/raw_ostream.h>

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

void reportWarnings(const std::string &input, const std::vector<std::string> &warnings) {
  for (const std::string &warning : warnings)
    llvm::errs() << "warning: " << input << ": " << warning << "\n";
}

void GrantOptions::registerWith(CLI::App *command) {
  // allow_extra_args(false): one value per use, so that `--dir . prog.wasm` leaves the module.
  command->add_option("--dir", dirs,
                      "Grant the program a host directory, seen as GUEST (default: the same "
                      "path); may be repeated")
      ->type_name("HOST[::GUEST]")
      ->allow_extra_args(false);
  command->add_option("--env", envs, "Set an environment variable for the program")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  command->add_flag("--inherit-env", inheritEnv,
                    "Give the program the environment wasmc's caller has");
  command->add_option("--listen", listens,
                      "Give the program a listening TCP socket (for sock_accept)")
      ->type_name("HOST:PORT")
      ->allow_extra_args(false);
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

// Escaped text, rather than a length-prefixed form or an inherited descriptor, because people
// write WASMC_GRANTS by hand as well. A value cannot hold NUL, so escaping newline and
// backslash is all it takes for every value to arrive intact and for none to start a grant.
std::string GrantOptions::environmentText() const {
  std::string text;
  const std::vector<std::string> all = words();
  for (size_t i = 0; i < all.size(); ++i) {
    text += all[i];
    if (all[i] != "--inherit-env" && i + 1 < all.size()) {
      text += ' ';
      for (const char c : all[++i])
        text += c == '\n' ? "\\n" : c == '\\' ? "\\\\" : std::string(1, c);
    }
    text += '\n';
  }
  return text;
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

std::unique_ptr<ObjectCache> openObjectCache(const binary::Module &module) {
  if (lower::planPartitions(module).size() == 1)
    return nullptr; // compiled in one piece, and quickly
  return ObjectCache::open();
}

void watchCompile(codegen::CompileOptions &compile, ObjectCache *objects, ProgressLine &progress) {
  compile.cache = objects;
  compile.cacheSalt = objects ? cache::compilerSalt(compile) : std::string();
  compile.progress = [&progress](const codegen::CompileProgress &done) { progress.update(done); };
}

void BuildCommand::registerWith(CLI::App &app) {
  CLI::App *command = app.add_subcommand("build", "Compile a .wasm module into a native executable");
  command->add_option("input", input_, "The WebAssembly module")->required();
  command->add_option("-o,--output", output_, "Output file (default: the input's name)");
  command->add_option("--emit", emit_,
                      "What to write: exe (default), obj, asm or llvm-ir")
      ->check(CLI::IsMember({"exe", "obj", "asm", "llvm-ir"}));
  command->add_flag("-v,--verbose", verbose_, "Report the time each phase takes");
  command->add_flag("--no-cache", noCache_,
                    "Compile every partition of a large module afresh, without the object cache");
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
  auto bytes = readModuleFile(input_);
  if (!bytes)
    return reportError(bytes.takeError());
  auto module = pipeline::loadModule(std::move(*bytes), input_);
  if (!module)
    return reportError(module.takeError());
  reportWarnings(input_, (*module)->warnings);
  pipeline::BuildOptions options;
  options.moduleName = input_;
  options.compile = *compile;
  options.grants = grants_.words();
  options.verbose = verbose_;
  const std::string output = output_.empty() ? defaultOutput(input_, emit_) : output_;
  std::unique_ptr<ObjectCache> objects;
  if (!noCache_ && emit_ == "exe")
    objects = openObjectCache(**module);
  ProgressLine progress(input_);
  watchCompile(options.compile, objects.get(), progress);
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

void registerCacheCommand(CLI::App &app) {
  CLI::App *command = app.add_subcommand("cache", "The cache of 'wasmc run'");
  command->require_subcommand(1);
  command->add_subcommand("dir", "Print the cache's directory")->callback([] {
    llvm::outs() << cache::directoryPath() << "\n";
  });
  command->add_subcommand("clear", "Remove every cached executable")->callback([] {
    if (!llvm::sys::fs::exists(cache::directoryPath()))
      return;
    auto directory = cache::Directory::open(cache::directoryPath(), /*create=*/false);
    if (!directory)
      return reportError(directory.takeError());
    const auto [count, bytes] = directory->clear();
    llvm::outs() << "removed " << count << " cached executable" << (count == 1 ? "" : "s") << " ("
                 << llvm::format("%.1f", bytes / 1048576.0) << " MiB) from " << directory->path()
                 << "\n";
  });
}

} // namespace wasmc::driver
