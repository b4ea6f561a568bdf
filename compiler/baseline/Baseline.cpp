#include "baseline/Baseline.h"

#include "baseline/FunctionCompiler.h"
#include "baseline/ObjectWriter.h"
#include "lower/Lowering.h"

#include <llvm/Support/raw_ostream.h>
#include <llvm/TargetParser/Triple.h>

#include <cstdlib>
#include <cstring>
#include <cstdio>

namespace wasmc::baseline {

bool enabled(const std::string &triple, unsigned optLevel) {
  const char *variable = std::getenv("WASMC_BASELINE");
  const bool switchedOff = variable && std::strcmp(variable, "0") == 0;
  return !switchedOff && optLevel == 0 && llvm::Triple(triple).getArch() == llvm::Triple::x86_64;
}

namespace {

// WASMC_BASELINE_FUNCTIONS=first:last (function indices, inclusive): only those are the tier's,
// for bisecting a wrong result down to one function. Every function without it.
struct BisectionRange {
  unsigned long first = 0, last = ~0ul;

  BisectionRange() {
    const char *range = std::getenv("WASMC_BASELINE_FUNCTIONS");
    if (range && std::sscanf(range, "%lu:%lu", &first, &last) < 1)
      first = 0, last = ~0ul;
  }
  bool contains(uint32_t index) const { return index >= first && index <= last; }
};

} // namespace

llvm::Expected<PartitionCode> compileFunctions(const binary::Module &module, uint32_t firstDefined,
                                               uint32_t endDefined, bool directWasiCalls,
                                               const std::string &triple) {
  PartitionCode code;
  code.compiled.assign(endDefined - firstDefined, false);
  // Modules with exception handling unwind through their functions to landing pads and
  // personality routines: not yet.
  if (module.usesExceptions)
    return code;
  const CompileContext context{module, directWasiCalls};
  const BisectionRange bisection;
  std::vector<CompiledFunction> functions;
  for (uint32_t defined = firstDefined; defined < endDefined; ++defined) {
    const uint32_t index = module.numImportedFunctions + defined;
    if (!bisection.contains(index))
      continue;
    FunctionCompiler compiler(context, index);
    std::optional<CompiledFunction> function = compiler.compile();
    if (!function) {
      // For tests of the tier itself: a function it does not compile is an error.
      if (std::getenv("WASMC_BASELINE_REQUIRE_ALL"))
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "baseline: function %u left to LLVM: %s", index,
                                       compiler.refusal().c_str());
      if (std::getenv("WASMC_BASELINE_REFUSALS"))
        llvm::errs() << "baseline: function " << index << " left to LLVM: " << compiler.refusal()
                     << "\n";
      continue;
    }
    function->symbol = lower::functionSymbolName(module, index);
    functions.push_back(std::move(*function));
    code.compiled[defined - firstDefined] = true;
  }
  code.functions = unsigned(functions.size());
  if (functions.empty())
    return code;
  auto object = writeObject(triple, functions);
  if (!object)
    return object.takeError();
  code.object = std::move(*object);
  return code;
}

} // namespace wasmc::baseline
