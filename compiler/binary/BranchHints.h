// The `metadata.code.branch_hint` custom section (branch hinting, in the Wasm 3.0 specification's
// custom sections: https://webassembly.github.io/branch-hinting/metadata/code/binary.html): per
// function, which `if` and `br_if` are likely or unlikely to branch. Like the name section it
// never makes a module invalid: a malformed section, or one whose hints do not point at an `if`
// or `br_if`, is dropped whole with a warning (Module::warnings).
#pragma once

#include "binary/ByteReader.h"
#include "binary/Module.h"

namespace wasmc::binary {

inline constexpr const char *kBranchHintSectionName = "metadata.code.branch_hint";

// Decodes the section's content into module.branchHints (nothing and a warning when it is
// malformed, or when the module already had one).
void decodeBranchHintSection(ByteReader content, Module &module);

// Drops the hints, with a warning, unless each names a defined function and points at one of
// its `if` or `br_if` operators. Runs once the code section is decoded.
void checkBranchHints(Module &module);

} // namespace wasmc::binary
