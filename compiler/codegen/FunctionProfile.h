// Where optimisation time goes, function by function (WASMC_PROFILE_FUNCTIONS=N prints the N
// costliest functions after a build): the CPU time of every IR pass run on a function, summed.
#pragma once

#include <llvm/IR/PassInstrumentation.h>
#include <llvm/Support/raw_ostream.h>

namespace wasmc::codegen {

void registerFunctionProfile(llvm::PassInstrumentationCallbacks &callbacks);
void printFunctionProfile(llvm::raw_ostream &out, size_t count);

} // namespace wasmc::codegen
