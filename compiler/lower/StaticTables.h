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

// The constant arrays of a table (one per signature of the defined functions in it, each as
// long as the table) are in every partition that calls through them, and in the executable
// once: a table whose arrays could hold more entries than this keeps call_indirect's plain
// checks. SQLite's 551 elements have 17 signatures (9,367 entries), nextpnr-ice40's 1,067 have 26;
// clang's 35,309 have 95 (26.8 MB of arrays, each partition of 1,710 holding those it calls).
inline constexpr uint64_t kMaxTypedArrayEntries = 1u << 16;

// Per element of table `tableIndex`, the function it holds (a defined or imported function
// index), kNullElement, or kNoKnownFunction (a global.get: decided at instantiation); nullopt
// when the module does not decide the table's contents, or when its arrays would not fit
// kMaxTypedArrayEntries (table size times the signatures of the defined functions in it).
std::optional<std::vector<uint32_t>> staticTableContents(const binary::Module &module,
                                                         uint32_t tableIndex);

} // namespace wasmc::lower
