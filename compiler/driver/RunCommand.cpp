// wasmc run: compile the module for this machine (or take it from the cache) and execute it
// with the grants given, which the executable reads from WASMC_GRANTS.
#include "driver/Commands.h"

#include "driver/ModuleFile.h"
#include "driver/RunCache.h"
#include "pipeline/Pipeline.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/raw_ostream.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>

#include <fcntl.h>
#include <unistd.h>

extern char **environ;

namespace wasmc::driver {

namespace {

llvm::Error systemError(const std::string &what) {
  return llvm::createStringError(std::error_code(errno, std::generic_category()), "%s: %s",
                                 what.c_str(), std::strerror(errno));
}

// Without the cache: the executable is linked in a fresh private directory, opened, and removed,
// so that it exists only as the descriptor that is executed.
llvm::Expected<int> buildPrivately(const binary::Module &module,
                                   const pipeline::BuildOptions &options) {
  llvm::SmallString<128> temporary;
  llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true, temporary);
  std::string directory = (temporary + "/wasmc-run-XXXXXX").str();
  if (!mkdtemp(directory.data()))
    return systemError("cannot create a directory in " + temporary.str().str());
  const std::string executable = directory + "/program";
  llvm::Error error = pipeline::buildExecutable(module, options, executable);
  const int fd = error ? -1 : open(executable.c_str(), O_RDONLY | O_CLOEXEC);
  if (!error && fd < 0)
    error = systemError("cannot open " + executable);
  unlink(executable.c_str());
  rmdir(directory.c_str());
  if (error)
    return error;
  return fd;
}

llvm::Expected<int> buildIntoCache(const binary::Module &module,
                                   const pipeline::BuildOptions &options,
                                   const cache::Directory &cache, const std::string &key,
                                   uint64_t sizeLimit) {
  // Linked under a private name first, so that a concurrent run never sees half a file.
  if (llvm::Error error = pipeline::buildExecutable(module, options, cache.temporaryPath(key)))
    return error;
  auto fd = cache.add(key);
  if (fd)
    cache.evict(sizeLimit);
  return fd;
}

// The cache, or none (with a warning) when its directory cannot be trusted.
std::optional<cache::Directory> openCache() {
  auto directory = cache::Directory::open(cache::directoryPath());
  if (directory)
    return std::move(*directory);
  llvm::handleAllErrors(directory.takeError(), [](const llvm::ErrorInfoBase &info) {
    llvm::errs() << "warning: not using the cache " << info.message()
                 << "; compiling without it\n";
  });
  return std::nullopt;
}

} // namespace

CLI::App *RunCommand::registerWith(CLI::App &app) {
  CLI::App *command = app.add_subcommand(
      "run", "Compile a .wasm module (cached) and run it: wasmc run [options] prog.wasm "
             "[options] [--] [args]; from the program's first argument, or after --, every "
             "word is the program's");
  command->add_option("input", input_, "The WebAssembly module")->required();
  command->add_flag("--no-cache", noCache_, "Compile afresh, without the cache");
  codegen_.registerWith(command);
  grants_.registerWith(command);
  command->callback([this] { run(); });
  return command;
}

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
  auto sizeLimit = cache::sizeLimit();
  if (!sizeLimit)
    return reportError(sizeLimit.takeError());
  auto bytes = readModuleFile(input_);
  if (!bytes)
    return reportError(bytes.takeError());
  const std::optional<cache::Directory> cache =
      !noCache_ && *sizeLimit > 0 ? openCache() : std::nullopt;
  auto executable = compiledExecutable(std::move(*bytes), *compile, cache ? &*cache : nullptr,
                                       *sizeLimit);
  if (!executable)
    return reportError(executable.takeError());

  setenv("WASMC_GRANTS", grants_.environmentText().c_str(), 1);
  std::vector<char *> argv{input_.data()};
  for (std::string &argument : arguments_)
    argv.push_back(argument.data());
  argv.push_back(nullptr);
  // Executed through the descriptor that was checked, never by name again.
  fexecve(*executable, argv.data(), environ);
  reportError(systemError("cannot run the executable compiled from " + input_));
}

// The executable of the module, open: the cache's entry, or compiled now (into the cache when
// there is one).
llvm::Expected<int> RunCommand::compiledExecutable(std::vector<uint8_t> bytes,
                                                   const codegen::CompileOptions &compile,
                                                   const cache::Directory *cache,
                                                   uint64_t sizeLimit) const {
  const std::string key = cache ? cache::key(bytes, compile) : std::string();
  if (cache)
    if (const int executable = cache->find(key); executable >= 0)
      return executable;
  auto module = pipeline::loadModule(std::move(bytes), input_);
  if (!module)
    return module.takeError();
  reportWarnings(input_, (*module)->warnings);
  pipeline::BuildOptions options;
  options.moduleName = input_;
  options.compile = compile;
  std::unique_ptr<ObjectCache> objects;
  if (cache)
    objects = openObjectCache(**module);
  ProgressLine progress(input_);
  watchCompile(options.compile, objects.get(), progress);
  return cache ? buildIntoCache(**module, options, *cache, key, sizeLimit)
               : buildPrivately(**module, options);
}

} // namespace wasmc::driver
