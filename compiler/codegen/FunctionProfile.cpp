#include "codegen/FunctionProfile.h"

#include <llvm/ADT/Any.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/IR/Function.h>

#include <algorithm>
#include <mutex>
#include <time.h>
#include <vector>

namespace wasmc::codegen {

namespace {

double threadCpuSeconds() {
  timespec now;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

struct FunctionCost {
  double seconds = 0;
  size_t instructions = 0;
};

std::mutex profileMutex;
llvm::StringMap<FunctionCost> profile;
thread_local unsigned depth = 0;
thread_local double started = 0;

const llvm::Function *functionOf(llvm::Any unit) {
  const auto *function = llvm::any_cast<const llvm::Function *>(&unit);
  return function ? *function : nullptr;
}

} // namespace

void registerFunctionProfile(llvm::PassInstrumentationCallbacks &callbacks) {
  callbacks.registerBeforeNonSkippedPassCallback([](llvm::StringRef, llvm::Any unit) {
    if (functionOf(unit) && depth++ == 0)
      started = threadCpuSeconds();
  });
  auto after = [](llvm::StringRef, llvm::Any unit, const llvm::PreservedAnalyses &) {
    const llvm::Function *function = functionOf(unit);
    if (!function || --depth != 0)
      return;
    const double spent = threadCpuSeconds() - started;
    std::lock_guard<std::mutex> lock(profileMutex);
    FunctionCost &cost = profile[function->getName()];
    cost.seconds += spent;
    cost.instructions = std::max<size_t>(cost.instructions, function->getInstructionCount());
  };
  callbacks.registerAfterPassCallback(after);
}

void printFunctionProfile(llvm::raw_ostream &out, size_t count) {
  std::lock_guard<std::mutex> lock(profileMutex);
  std::vector<std::pair<double, std::string>> rows;
  double total = 0;
  for (const auto &entry : profile) {
    rows.emplace_back(entry.second.seconds, entry.first().str() + " (" +
                                                std::to_string(entry.second.instructions) +
                                                " instructions)");
    total += entry.second.seconds;
  }
  std::sort(rows.rbegin(), rows.rend());
  out << "optimisation CPU time by function: " << total << " s in " << rows.size()
      << " functions\n";
  double shown = 0;
  for (size_t i = 0; i < std::min(count, rows.size()); ++i) {
    shown += rows[i].first;
    out << "  " << rows[i].first << " s (" << int(100 * shown / total) << "% cumulative) "
        << rows[i].second << "\n";
  }
}

} // namespace wasmc::codegen
