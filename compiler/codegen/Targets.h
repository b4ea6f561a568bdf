// The targets wasmc builds for, and the spellings users type for them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wasmc::codegen {

struct TargetInfo {
  std::string name;          // canonical name: the runtime directory lib/wasmc/<name>
  std::string triple;        // LLVM triple
  std::string lldEmulation;  // lld -m
  std::string defaultCpu;
  std::string defaultFeatures;
  std::string abiName;       // target ABI where LLVM needs it (RISC-V)
  std::vector<std::string> spellings;
};

const std::vector<TargetInfo> &allTargets();
const TargetInfo &hostTarget();
// The target a user's spelling names; nullptr with `error` naming the accepted spellings.
const TargetInfo *findTarget(std::string_view spelling, std::string &error);

} // namespace wasmc::codegen
