// How `wasmc run` divides its command line between itself and the program:
//
//   wasmc run [options] MODULE [options] [--] [program arguments...]
//
// wasmc reads options before the module, and after it up to the program's first argument (the
// first word that is not an option) or "--". Every word from there on is the program's, so that
// a "--dir" among the program's arguments never becomes a grant.
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
