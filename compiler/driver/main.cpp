// The wasmc command line.
#include "driver/Commands.h"
#include "driver/RunArguments.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char **argv) {
  CLI::App app{"wasmc: compile WebAssembly modules ahead of time into sandboxed native "
               "executables",
               "wasmc"};
  app.set_version_flag("--version", std::string("wasmc ") + WASMC_VERSION + " (LLVM " +
                                        LLVM_VERSION_STRING + ")");
  app.require_subcommand(1);
  wasmc::driver::BuildCommand build;
  build.registerWith(app);
  wasmc::driver::RunCommand run;
  const CLI::App *runCommand = run.registerWith(app);
  wasmc::driver::registerTargetsCommand(app);
  wasmc::driver::registerCacheCommand(app);
  // CLI11 would only say that a subcommand is required: name what was given instead.
  if (argc > 1) {
    const std::string first = argv[1];
    std::string commands;
    bool known = first == "--help" || first == "-h" || first == "--version";
    for (const CLI::App *command : app.get_subcommands([](const CLI::App *) { return true; })) {
      known |= command->get_name() == first;
      commands += (commands.empty() ? "" : ", ") + command->get_name();
    }
    if (!known) {
      std::fprintf(stderr, "error: unknown %s '%s': expected a command (%s), --help or --version\n",
                   first.rfind("-", 0) == 0 ? "option" : "command", first.c_str(),
                   commands.c_str());
      return 2;
    }
  }
  std::vector<std::string> words(argv + 1, argv + argc);
  const bool isRun = !words.empty() && words[0] == "run";
  if (isRun) {
    wasmc::driver::RunCommandLine split = wasmc::driver::splitRunCommandLine(
        *runCommand, std::vector<std::string>(words.begin() + 1, words.end()));
    run.setProgramArguments(std::move(split.program));
    words.resize(1);
    words.insert(words.end(), split.own.begin(), split.own.end());
  }
  std::reverse(words.begin(), words.end()); // CLI11 takes them last first
  try {
    app.parse(words);
  } catch (const CLI::CallForHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion &e) {
    return app.exit(e);
  } catch (const CLI::ParseError &e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    if (isRun && e.get_exit_code() == static_cast<int>(CLI::ExitCodes::ExtrasError))
      std::fprintf(stderr, "The program's arguments follow the module; those that start with '-' "
                           "go after '--'.\n");
    std::fprintf(stderr, "Run 'wasmc --help' for usage.\n");
    return 2;
  }
  return wasmc::driver::exitStatus();
}
