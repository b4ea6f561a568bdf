// The WASI functions the runtime's shim provides (from wasi_functions.def), for checking the
// imports of a module built into an executable and for calling them directly.
#pragma once

#include "binary/Types.h"

#include <string>
#include <string_view>

namespace wasmc::lower {

struct WasiFunction {
  std::string symbol; // the shim's C symbol
  binary::FuncType type;
};

// The WASI function `module`.`name`, or nullptr if the shim has none by that name.
const WasiFunction *findWasiFunction(std::string_view module, std::string_view name);
bool isWasiModuleName(std::string_view module);

} // namespace wasmc::lower
