#include "lower/MemoryStrategy.h"

#include <cstdlib>

namespace wasmc::lower {

MemoryStrategy chooseMemoryStrategy(const binary::MemoryType &type) {
  static const bool boundsChecks64 = std::getenv("WASMC_MEMORY64_BOUNDS_CHECKS") != nullptr;
  MemoryStrategy strategy;
  strategy.is64 = type.limits.is64;
  strategy.shared = type.limits.shared;
  if (!strategy.is64)
    strategy.access = MemoryAccess::GuardPages;
  else
    strategy.access = boundsChecks64 ? MemoryAccess::BoundsChecked : MemoryAccess::ClampedAddress;
  return strategy;
}

} // namespace wasmc::lower
