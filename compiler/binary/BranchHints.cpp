#include "binary/BranchHints.h"

#include "binary/OperatorReader.h"

#include <string>

namespace wasmc::binary {

namespace {

void dropHints(Module &module, const std::string &reason) {
  module.branchHints.clear();
  module.warnings.push_back(std::string(kBranchHintSectionName) + " section ignored: " + reason);
}

} // namespace

void decodeBranchHintSection(ByteReader r, Module &module) {
  const uint64_t sectionOffset = r.offset();
  if (module.sawBranchHintSection) {
    module.warnings.push_back(std::string(kBranchHintSectionName) + " section at offset " +
                              std::to_string(sectionOffset) + " ignored: a module has at most one");
    return;
  }
  module.sawBranchHintSection = true;
  std::map<uint32_t, std::vector<BranchHint>> hints;
  const uint32_t functions = r.readCount(2);
  for (uint32_t f = 0; f < functions && r.ok(); ++f) {
    const uint64_t functionAt = r.offset();
    const uint32_t function = r.readU32();
    if (r.ok() && !hints.empty() && function <= hints.rbegin()->first)
      r.failAt(functionAt, "function indices not in increasing order");
    const uint32_t count = r.readCount(3);
    std::vector<BranchHint> &list = hints[function];
    for (uint32_t i = 0; i < count && r.ok(); ++i) {
      const uint64_t hintAt = r.offset();
      const uint32_t offset = r.readU32();
      const uint32_t size = r.readU32();
      const uint8_t value = r.readByte();
      if (!r.ok())
        break;
      if (!list.empty() && offset <= list.back().offset)
        r.failAt(hintAt, "offsets not in increasing order");
      else if (size != 1)
        r.failAt(hintAt, "a hint's size is not 1");
      else if (value > 1)
        r.failAt(hintAt, "a hint is neither 0 (unlikely) nor 1 (likely)");
      else
        list.push_back({offset, value == 1});
    }
  }
  if (r.ok() && !r.atEnd())
    r.fail("bytes after the last function");
  if (!r.ok()) {
    module.warnings.push_back(std::string("malformed ") + kBranchHintSectionName +
                              " section ignored: " + r.failure().message + " at offset " +
                              std::to_string(r.failure().offset));
    return;
  }
  module.branchHints = std::move(hints);
}

void checkBranchHints(Module &module) {
  for (const auto &[function, hints] : module.branchHints) {
    if (function < module.numImportedFunctions ||
        function - module.numImportedFunctions >= module.bodies.size())
      return dropHints(module, "function " + std::to_string(function) + " is not defined here");
    const FunctionBody &body = module.bodies[function - module.numImportedFunctions];
    OperatorReader operators(
        ByteReader(module.at(body.codeOffset), size_t(body.codeEnd - body.codeOffset), body.codeOffset),
        module.features.multiMemory);
    Instruction instruction;
    size_t next = 0; // hints are in increasing offset order, as operators are
    while (next < hints.size() && !operators.atEnd() && operators.next(instruction)) {
      const uint64_t offset = instruction.offset - body.offset;
      if (offset < hints[next].offset)
        continue;
      if (offset > hints[next].offset ||
          (instruction.op != Opcode::If && instruction.op != Opcode::BrIf))
        break;
      ++next;
    }
    if (next < hints.size())
      return dropHints(module, "function " + std::to_string(function) + ": offset " +
                                   std::to_string(hints[next].offset) +
                                   " is not an `if` or `br_if` (invalid target)");
  }
}

} // namespace wasmc::binary
