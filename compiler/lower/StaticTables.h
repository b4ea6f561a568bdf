// What a table holds for its whole life, when the module alone decides it: call_indirect
// through such a table calls straight from a constant array of code pointers (ModuleEnv::typedTable).
//
// A table that is neither imported, exported nor written by code (table.set, .grow, .fill,
// .init, .copy: binary::Module::tablesWrittenByCode) keeps the contents instantiation gives it:
// its initialiser, then its active element segments in order. When those are constants (every
// active segment of the table at an i32.const/i64.const offset, inside the table's minimum
// size), each element is known: a function, or not known to be one (ref.null, global.get, an
// imported function's funcref), and the table's size is its minimum.
#pragma once

#include "binary/Module.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace wasmc::lower {

inline constexpr uint32_t kNoKnownFunction = UINT32_MAX; // not decided by the module alone
inline constexpr uint32_t kNullElement = UINT32_MAX - 1;

// Tables larger than this are not worth a constant array per signature.
inline constexpr uint64_t kMaxStaticTableElements = 1u << 16;

// Per element of table `tableIndex`, the function it holds (a defined or imported function
// index), kNullElement, or kNoKnownFunction (a global.get: decided at instantiation); nullopt
// when the module does not decide the table's contents.
std::optional<std::vector<uint32_t>> staticTableContents(const binary::Module &module,
                                                         uint32_t tableIndex);

} // namespace wasmc::lower
