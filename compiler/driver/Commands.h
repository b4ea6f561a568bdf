// The subcommands of the wasmc command line: build, run, targets.
#pragma once

#include "codegen/Compile.h"
#include "driver/ObjectCache.h"
#include "driver/Progress.h"
#include "driver/RunCache.h"

#include <CLI/CLI.hpp>
#include <llvm/Support/Error.h>

#include <optional>
#include <string>
#include <vector>

namespace wasmc::driver {

// The process exit status the commands leave behind.
int exitStatus();
// Prints "error: <message>" and sets the exit status to 1.
void reportError(llvm::Error error);
// Prints "warning: <input>: <warning>" for each of a module's warnings (a malformed name
// section ignored, ...).
void reportWarnings(const std::string &input, const std::vector<std::string> &warnings);

// What a program may reach: directories, environment, sockets.
struct GrantOptions {
  std::vector<std::string> dirs;    // HOST[::GUEST]
  std::vector<std::string> envs;    // KEY=VALUE
  std::vector<std::string> listens; // HOST:PORT
  bool inheritEnv = false;

  void registerWith(CLI::App *command);
  // Refuses malformed grants now rather than when the executable starts.
  llvm::Error check() const;
  // As command-line words ("--dir", "HOST::GUEST", ...), the form the runtime reads.
  std::vector<std::string> words() const;
  // As the value of WASMC_GRANTS, which the executables read (wasmc_wasi_grants_add_lines).
  std::string environmentText() const;
};

// How to generate code.
struct CodegenOptions {
  unsigned optLevel = 2;
  std::string target, cpu, features;
  unsigned threads = 0;

  void registerWith(CLI::App *command);
  llvm::Expected<codegen::CompileOptions> resolve() const;
};

// The object cache for compiling `module`, when it is large enough to be split into partitions.
std::unique_ptr<ObjectCache> openObjectCache(const binary::Module &module);
// Gives `compile` the object cache (or none) and the progress line.
void watchCompile(codegen::CompileOptions &compile, ObjectCache *objects, ProgressLine &progress);

class BuildCommand {
public:
  void registerWith(CLI::App &app);

private:
  void run();

  std::string input_, output_, emit_ = "exe";
  bool verbose_ = false;
  bool noCache_ = false;
  CodegenOptions codegen_;
  GrantOptions grants_;
};

class RunCommand {
public:
  // Returns the subcommand, which splitRunCommandLine needs.
  CLI::App *registerWith(CLI::App &app);
  // The program's arguments, which the command line parser never sees (RunArguments.h).
  void setProgramArguments(std::vector<std::string> arguments) {
    arguments_ = std::move(arguments);
  }

private:
  void run();
  llvm::Expected<int> compiledExecutable(std::vector<uint8_t> bytes,
                                         const codegen::CompileOptions &compile,
                                         const cache::Directory *cache, uint64_t sizeLimit) const;

  std::string input_;
  std::vector<std::string> arguments_;
  bool noCache_ = false;
  CodegenOptions codegen_;
  GrantOptions grants_;
};

void registerTargetsCommand(CLI::App &app);
// wasmc cache dir|clear
void registerCacheCommand(CLI::App &app);

} // namespace wasmc::driver
