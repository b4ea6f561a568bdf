// How `wasmc run` divides its command line between itself and the program, as Wasmtime does:
//
//   wasmc run [options] MODULE [--] [program arguments...]
//
// wasmc's options come before the module; every word after it is the program's (a "--" right
// after the module is dropped). So a script `wasmc run m.wasm "$@"` cannot be given grants by
// its callers: a "--dir" among the program's arguments is never a grant.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace wasmc::driver {

struct RunCommandLine {
  std::vector<std::string> own;     // wasmc's options and the module, for CLI11
  std::vector<std::string> program; // the program's arguments
};

// `words` follow "run"; `run` is the subcommand, whose options say which take a value.
RunCommandLine splitRunCommandLine(const CLI::App &run, const std::vector<std::string> &words);

} // namespace wasmc::driver
