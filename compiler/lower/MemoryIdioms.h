// Recognises wasi-libc's memcpy, memmove and memset among a module's functions, by their code.
//
// Built without bulk memory (clang 19's default wasm32 features), wasi-libc's mem* functions are
// musl's C loops compiled to wasm: several times slower than the host's on short copies. A
// function recognised here is marked (kMemoryIdiomAttribute) for codegen/MemoryIdioms.cpp, which
// gives it a fast path through the host's memmove/memset when the whole range is in bounds.
//
// Recognition is by the code, never by the name: a function is one of them when its type is
// (i32, i32, i32) -> i32 or -> () and its body (locals and operators, byte for byte, with each
// call's callee replaced by what that callee was recognised as) has the fingerprint of a known
// build of the function (kKnownFunctions in MemoryIdioms.cpp). So a function named memcpy that is
// something else is not recognised, and a recognised one behaves exactly like the C code it was
// compiled from: the fast path copies what the C code copies.
#pragma once

#include "binary/Module.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wasmc::lower {

enum class MemoryIdiom : uint8_t { None, Memcpy, Memmove, Memset };

// The LLVM function attribute that carries the recognised idiom ("memcpy", "memmove",
// "memset") on a lowered wasm function.
inline constexpr const char *kMemoryIdiomAttribute = "wasmc-memory-idiom";

const char *memoryIdiomName(MemoryIdiom idiom);

// Per defined function of `module`, what it was recognised as. Only for a 32-bit memory 0
// (memory64's mem* functions take i64 and are never recognised).
std::vector<MemoryIdiom> recogniseMemoryIdioms(const binary::Module &module);

// The fingerprint recognition compares (hex), of defined function `defined` given what the
// other functions were recognised as; empty for a function of another type. For adding a
// build to kKnownFunctions (WASMC_PRINT_MEMORY_IDIOM_FINGERPRINTS=1 wasmc build --no-cache prints
// them for every function of the candidate types, with names where the module has them).
std::string memoryIdiomFingerprint(const binary::Module &module, uint32_t defined,
                                   const std::vector<MemoryIdiom> &recognised);

} // namespace wasmc::lower
