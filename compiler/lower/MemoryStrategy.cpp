#include "lower/MemoryStrategy.h"

#include "wasmc/abi.h"

#include <cstdlib>

namespace wasmc::lower {

// What ClampedAddress relies on: no memory is larger than the clamp, and the clamped address plus
// the largest offset it allows plus the widest access stays inside the reservation.
static_assert(uint64_t(WASMC_MAX_PAGES) * WASMC_PAGE_SIZE <= kClampedAddressLimit,
              "a memory larger than 4 GiB needs BoundsChecked for its 64-bit addresses");
static_assert(2 * kClampedAddressLimit + 16 <= WASMC_MEMORY_RESERVATION + WASMC_MEMORY_GUARD_BYTES,
              "the clamped address and its offset must stay inside the reservation");

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
