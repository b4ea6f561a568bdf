// How generated code keeps the accesses of one linear memory inside the sandbox: decided here,
// per memory, and nowhere else (the emitters ask ModuleEnv::memoryStrategy, as Cranelift's
// lowering asks its FuncEnvironment about each heap). abi.h describes the reservation every
// strategy relies on.
#pragma once

#include "binary/Types.h"

#include <cstdint>

namespace wasmc::lower {

enum class MemoryAccess : uint8_t {
  // 32-bit memories: base + zext(address) + offset stays inside the reservation; past the
  // current size it faults on PROT_NONE pages. No check.
  GuardPages,
  // 64-bit memories: base + umin(address, 2^32) + offset, an offset of 2^32 or more trapping
  // unconditionally. Sound because no memory grows past 4 GiB (WASMC_MAX_PAGES): an address at
  // or above 2^32 is out of bounds whatever the size, and its clamped form lands on a guard
  // page too. A compare and a select per access, no branch: the guard pages' speed back for
  // memory64.
  ClampedAddress,
  // 64-bit memories, when WASMC_MEMORY64_BOUNDS_CHECKS is set (for measurement, and the
  // strategy for memories that outgrow the reservation once that is allowed): address + offset
  // + access size compared with the current size, a branch to the trap.
  BoundsChecked,
};

struct MemoryStrategy {
  MemoryAccess access = MemoryAccess::GuardPages;
  bool is64 = false;
  // A shared memory: another thread may grow it, so its size is read atomically.
  bool shared = false;
  // Whether an access out of bounds traps by faulting, so that a load must stay observable even
  // when its value is unused (TrapWitness.h). An explicitly checked access traps by its check.
  bool faults() const { return access != MemoryAccess::BoundsChecked; }
};

// The strategy of a memory of type `type`.
MemoryStrategy chooseMemoryStrategy(const binary::MemoryType &type);

// The largest offset a ClampedAddress access may add to umin(address, 2^32) and stay inside the
// reservation with the widest access (16 bytes) and the guard region.
inline constexpr uint64_t kClampedAddressLimit = uint64_t(1) << 32;

} // namespace wasmc::lower
