// Size bounds that choose between two ways of compiling something: one partition or several, a
// huge function or not, a basic block split for code generation or not, a switch that is a
// dispatch or not. Most test programs are small, so the suites would exercise the second way
// only through the few large programs they have. WASMC_STRESS_BOUNDS=1, a testing switch (CTest
// label `stress`), puts every such bound below the size of the suites' modules and functions, so
// that the spec scripts and the differential fuzzer run through both.
#pragma once

#include <cstdlib>

namespace wasmc::lower {

// Whether WASMC_STRESS_BOUNDS is set (read once).
inline bool boundsStressed() {
  static const bool stressed = std::getenv("WASMC_STRESS_BOUNDS") != nullptr;
  return stressed;
}

// `normal`, or `stressed` under WASMC_STRESS_BOUNDS.
template <typename T> T sizeBound(T normal, T stressed) {
  return boundsStressed() ? stressed : normal;
}

} // namespace wasmc::lower
