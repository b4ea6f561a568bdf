// Fixed-width SIMD (v128).
#include "lower/FunctionLowering.h"

namespace wasmc::lower {

bool FunctionLowering::emitSimd(const Instruction &) { return false; }

} // namespace wasmc::lower
