// The wasmc command line.
#include "driver/Commands.h"

#include <CLI/CLI.hpp>

#include <cstdio>

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
  run.registerWith(app);
  wasmc::driver::registerTargetsCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion &e) {
    return app.exit(e);
  } catch (const CLI::ParseError &e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    std::fprintf(stderr, "Run 'wasmc --help' for usage.\n");
    return 2;
  }
  return wasmc::driver::exitStatus();
}
