// An object cache entry that holds several objects: with the baseline tier (baseline/Baseline.h)
// a partition is LLVM's object and the tier's, both taken from the cache together.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace wasmc::codegen {

std::string packObjects(const std::vector<std::string> &objects);

// The objects of an entry of packObjects, or none if it is not one of `count` objects (a
// truncated or foreign entry, which is then a miss rather than a wrong link).
std::optional<std::vector<std::string>> unpackObjects(const std::string &entry, size_t count);

} // namespace wasmc::codegen
