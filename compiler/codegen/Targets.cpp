#include "codegen/Targets.h"

#include <algorithm>
#include <cctype>

namespace wasmc::codegen {

const std::vector<TargetInfo> &allTargets() {
  static const std::vector<TargetInfo> targets = {
      {"x86_64-linux", "x86_64-unknown-linux-gnu", "elf_x86_64", "x86-64", "", "",
       {"x86_64", "x86-64", "amd64", "x86_64-linux", "x86_64-linux-gnu", "x86_64-unknown-linux-gnu",
        "x86_64-pc-linux-gnu"}},
      {"aarch64-linux", "aarch64-unknown-linux-gnu", "aarch64linux", "generic", "+neon", "",
       {"aarch64", "arm64", "aarch64-linux", "arm64-linux", "aarch64-linux-gnu",
        "aarch64-unknown-linux-gnu"}},
      {"riscv64-linux", "riscv64-unknown-linux-gnu", "elf64lriscv", "generic-rv64",
       "+m,+a,+f,+d,+c", "lp64d",
       {"riscv64", "riscv64gc", "riscv64-linux", "riscv64gc-linux", "riscv64-linux-gnu",
        "riscv64gc-linux-gnu", "riscv64-unknown-linux-gnu", "riscv64gc-unknown-linux-gnu"}},
  };
  return targets;
}

const TargetInfo &hostTarget() {
#if defined(__aarch64__)
  return allTargets()[1];
#elif defined(__riscv)
  return allTargets()[2];
#else
  return allTargets()[0];
#endif
}

const TargetInfo *findTarget(std::string_view spelling, std::string &error) {
  std::string lower(spelling);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  for (const TargetInfo &target : allTargets())
    for (const std::string &accepted : target.spellings)
      if (accepted == lower)
        return &target;
  error = "unknown target '" + std::string(spelling) + "'; accepted:";
  for (const TargetInfo &target : allTargets()) {
    error += "\n  " + target.name + " (also:";
    for (const std::string &accepted : target.spellings)
      if (accepted != target.name)
        error += " " + accepted;
    error += ")";
  }
  return nullptr;
}

} // namespace wasmc::codegen
