// The wasm convention passes what fits in each target's argument registers as LLVM arguments and
// the rest through the spill area, in order (lower/CallingConventions.h). That tail calls stay
// jumps with such signatures is test/spec/wasmc/tail_calls.wast's, on every target.
#include "lower/CallingConventions.h"

#include <catch2/catch.hpp>

using wasmc::binary::FuncType;
using wasmc::binary::ValType;
using wasmc::lower::ParamLayout;
using wasmc::lower::wasmParamLayout;

namespace {

FuncType withParams(std::vector<ValType> params, size_t results = 1) {
  FuncType type;
  type.params = std::move(params);
  type.results.assign(results, ValType::I32);
  return type;
}

// The wasm parameters passed as LLVM arguments, in order.
size_t registerParams(const ParamLayout &layout) {
  size_t count = 0;
  for (int argument : layout.argument)
    count += argument >= 0;
  return count;
}

} // namespace

TEST_CASE("wasm convention: parameters beyond the argument registers are spilled", "[lower]") {
  const llvm::Triple x86("x86_64-unknown-linux-gnu"), arm("aarch64-unknown-linux-gnu"),
      riscv("riscv64-unknown-linux-gnu");
  const FuncType ints = withParams(std::vector<ValType>(20, ValType::I64));
  // ctx takes one general register: x86-64 has 5 left, AArch64 7, RISC-V 11.
  CHECK(registerParams(wasmParamLayout(x86, ints)) == 5);
  CHECK(registerParams(wasmParamLayout(arm, ints)) == 7);
  CHECK(registerParams(wasmParamLayout(riscv, ints)) == 11);
  // Several results: the results pointer takes one more.
  CHECK(registerParams(wasmParamLayout(arm, withParams(ints.params, 2))) == 6);

  const ParamLayout layout = wasmParamLayout(arm, ints);
  for (size_t i = 0; i < ints.params.size(); ++i) {
    INFO("parameter " << i);
    if (i < 7) {
      CHECK(layout.argument[i] == int(1 + i));
    } else {
      CHECK(layout.argument[i] == -1);
      CHECK(layout.slot[i] == i - 7); // spilled in order
    }
  }
  CHECK(layout.numSpilled == 13);

  // Floats and vectors have registers of their own, except v128 on RISC-V (four lanes in general
  // registers); a parameter that does not fit leaves the registers to later ones that do.
  const FuncType mixed = withParams({ValType::V128, ValType::V128, ValType::V128, ValType::I32,
                                     ValType::F64, ValType::V128, ValType::I32});
  const ParamLayout onRiscv = wasmParamLayout(riscv, mixed);
  CHECK(onRiscv.argument == std::vector<int>{1, 2, -1, 3, 4, -1, 5});
  CHECK(registerParams(wasmParamLayout(x86, mixed)) == 7);
  CHECK(registerParams(wasmParamLayout(x86, withParams(std::vector<ValType>(9, ValType::F32)))) ==
        8);

  // A small signature is passed entirely in registers.
  const FuncType small = withParams({ValType::I32, ValType::F32, ValType::FuncRef});
  for (const llvm::Triple &triple : {x86, arm, riscv})
    CHECK(wasmParamLayout(triple, small).numSpilled == 0);
}
