// The runtime's thread-locals that generated code reads (the stack limit, the spill area of
// arguments beyond the registers) are local-exec in executables, where the runtime is linked in
// (one `%fs:offset` operand on x86-64), and initial-exec everywhere else (objects and shared
// objects for embedding, whose runtime may be in another module).
#include "lowering_test_support.h"

#include "lower/Lowering.h"

#include "wasmc/abi.h"

#include <catch2/catch.hpp>

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>

using namespace wasmc::binary::test;

namespace {

// The TLS models of the stack limit and the spill area in the lowered module.
std::pair<llvm::GlobalValue::ThreadLocalMode, llvm::GlobalValue::ThreadLocalMode>
tlsModels(bool localExecTls) {
  const auto module = recursiveModule();
  wasmc::lower::LoweringOptions options;
  options.localExecTls = localExecTls;
  const wasmc::lower::Partition partition{0, 1, true, 1, 0, {}};
  llvm::LLVMContext context;
  auto lowered = wasmc::lower::lowerPartition(*module, options, partition, context,
                                              llvm::DataLayout(kX86Layout), kX86);
  REQUIRE(bool(lowered));
  CHECK_FALSE(llvm::verifyModule(**lowered, &llvm::errs()));
  const llvm::GlobalVariable *limit = (*lowered)->getNamedGlobal(WASMC_RT_STACK_LIMIT);
  const llvm::GlobalVariable *spill = (*lowered)->getNamedGlobal(WASMC_RT_SPILLED_ARGS);
  REQUIRE(limit);
  REQUIRE(spill);
  return {limit->getThreadLocalMode(), spill->getThreadLocalMode()};
}

} // namespace

TEST_CASE("TLS model: local-exec in executables, initial-exec otherwise", "[lower]") {
  const auto executable = tlsModels(/*localExecTls=*/true);
  CHECK(executable.first == llvm::GlobalValue::LocalExecTLSModel);
  CHECK(executable.second == llvm::GlobalValue::LocalExecTLSModel);
  const auto embedded = tlsModels(/*localExecTls=*/false);
  CHECK(embedded.first == llvm::GlobalValue::InitialExecTLSModel);
  CHECK(embedded.second == llvm::GlobalValue::InitialExecTLSModel);
}
