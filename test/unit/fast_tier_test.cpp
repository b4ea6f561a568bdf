// At -O0 on x86-64, wasm functions hold nothing that sends FastISel to the SelectionDAG selector
// (which costs a graph per call): they are in the C convention, and read the stack pointer and
// the thread-local spill area through helpers (ModuleEnv::fastISelHelpers). Optimised code keeps
// the inline stack check that codegen/StackChecks.cpp recognises.
#include "lowering_test_support.h"

#include "lower/Lowering.h"

#include <catch2/catch.hpp>

#include <llvm/IR/InstIterator.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>

using namespace wasmc::binary::test;

namespace {

struct WasmCalls {
  llvm::CallingConv::ID convention = llvm::CallingConv::C;
  size_t fallbackIntrinsics = 0; // calls FastISel does not lower: read_register, TLS addresses
  size_t tailMarked = 0;
};

WasmCalls lowerFunction(const wasmc::binary::Module &module, bool optimized) {
  wasmc::lower::LoweringOptions options;
  options.optimized = optimized;
  const wasmc::lower::Partition partition{0, 1, true, 1, 0, {}};
  llvm::LLVMContext context;
  auto lowered = wasmc::lower::lowerPartition(module, options, partition, context,
                                              llvm::DataLayout(kX86Layout), kX86);
  REQUIRE(bool(lowered));
  CHECK_FALSE(llvm::verifyModule(**lowered, &llvm::errs()));
  WasmCalls calls;
  for (llvm::Function &function : **lowered) {
    if (function.isDeclaration() || function.getSection() != "wasmc_code")
      continue;
    calls.convention = function.getCallingConv();
    for (llvm::Instruction &instruction : llvm::instructions(function)) {
      const auto *call = llvm::dyn_cast<llvm::CallInst>(&instruction);
      if (!call)
        continue;
      calls.tailMarked += call->isTailCall();
      if (const auto *intrinsic = llvm::dyn_cast<llvm::IntrinsicInst>(call))
        calls.fallbackIntrinsics +=
            intrinsic->getIntrinsicID() == llvm::Intrinsic::read_register ||
            intrinsic->getIntrinsicID() == llvm::Intrinsic::threadlocal_address;
    }
  }
  return calls;
}

} // namespace

TEST_CASE("fast tier: x86-64 -O0 code has only calls FastISel lowers", "[lower]") {
  const auto module = recursiveModule();
  const WasmCalls unoptimised = lowerFunction(*module, /*optimized=*/false);
  CHECK(unoptimised.convention == llvm::CallingConv::C);
  CHECK(unoptimised.fallbackIntrinsics == 0);
  CHECK(unoptimised.tailMarked == 0);

  const WasmCalls optimised = lowerFunction(*module, /*optimized=*/true);
  CHECK(optimised.convention == llvm::CallingConv::C);
  CHECK(optimised.fallbackIntrinsics > 0); // the inline stack check and spill-area addresses
}
