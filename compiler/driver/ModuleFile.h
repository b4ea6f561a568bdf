// Reading the module a command is given.
#pragma once

#include <llvm/Support/Error.h>

#include <cstdint>
#include <string>
#include <vector>

namespace wasmc::driver {

// The bytes of a module file. What is recognisably not a core module binary is refused with a
// message saying what it is: WebAssembly text (and how to convert it), or a component.
llvm::Expected<std::vector<uint8_t>> readModuleFile(const std::string &path);

} // namespace wasmc::driver
