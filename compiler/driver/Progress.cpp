#include "driver/Progress.h"

#include <cstdio>

#include <unistd.h>

namespace wasmc::driver {

ProgressLine::ProgressLine(std::string what)
    : what_(std::move(what)), enabled_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() {
  if (shown_)
    fputs("\r\033[K", stderr);
}

void ProgressLine::update(const codegen::CompileProgress &progress) {
  if (!enabled_)
    return;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (elapsed < 1.0)
    return;
  char line[256];
  int length = snprintf(line, sizeof line, "\r\033[Kwasmc: compiling %s: %u of %u partitions",
                        what_.c_str(), progress.partitionsDone, progress.partitions);
  if (progress.fromCache)
    length += snprintf(line + length, sizeof line - length, " (%u from the cache)",
                       progress.fromCache);
  length += snprintf(line + length, sizeof line - length, ", %.0f s", elapsed);
  // The rest, estimated from the share of code compiled so far.
  if (progress.costDone > 0 && progress.costDone < progress.cost)
    snprintf(line + length, sizeof line - length, ", about %.0f s left",
             elapsed * double(progress.cost - progress.costDone) /
                 double(progress.costDone));
  fputs(line, stderr);
  fflush(stderr);
  shown_ = true;
}

} // namespace wasmc::driver
