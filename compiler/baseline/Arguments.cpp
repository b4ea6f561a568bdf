#include "baseline/Arguments.h"

#include "lower/CallingConventions.h"
#include "wasmc/abi.h"

namespace wasmc::baseline {

ArgumentLocations argumentLocations(const binary::FuncType &type) {
  static constexpr Reg kGeneral[] = {Reg::rsi, Reg::rdx, Reg::rcx, Reg::r8, Reg::r9};
  static const llvm::Triple kX86_64("x86_64-unknown-linux-gnu");
  const lower::ParamLayout layout = lower::wasmParamLayout(kX86_64, type);
  ArgumentLocations locations;
  unsigned general = 0, vector = 0;
  locations.hasResultsPointer = lower::returnsThroughPointer(type);
  if (locations.hasResultsPointer)
    ++general;
  for (size_t i = 0; i < type.params.size(); ++i) {
    ArgumentLocation location{ArgumentLocation::Kind::Spilled, Reg::rax, Xmm::xmm0, 0};
    const binary::ValType::Kind kind = type.params[i].kind;
    if (layout.argument[i] < 0) {
      location.spillOffset = int32_t(layout.slot[i] * sizeof(wasmc_val));
      locations.anySpilled = true;
    } else if (kind == binary::ValType::Kind::F32 || kind == binary::ValType::Kind::F64) {
      location.kind = ArgumentLocation::Kind::Vector;
      location.xmm = Xmm(vector++);
    } else {
      location.kind = ArgumentLocation::Kind::General;
      location.reg = kGeneral[general++];
    }
    locations.params.push_back(location);
  }
  return locations;
}

} // namespace wasmc::baseline
