// The progress line of a long compile: on a terminal only, and only once a compile has taken
// a second, "wasmc: compiling <module>: 5 of 13 partitions (2 from the cache), 12 s, about 20 s
// left", rewritten in place and erased when the compile is done.
#pragma once

#include "codegen/Compile.h"

#include <chrono>
#include <string>

namespace wasmc::driver {

class ProgressLine {
public:
  explicit ProgressLine(std::string what);
  ~ProgressLine(); // erases the line

  // For codegen::CompileOptions::progress.
  void update(const codegen::CompileProgress &progress);

private:
  std::string what_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
};

} // namespace wasmc::driver
