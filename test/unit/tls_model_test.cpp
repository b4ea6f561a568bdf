// The runtime's thread-locals that generated code reads (the stack limit, the spill area of
// arguments beyond the registers) are local-exec in executables, where the runtime is linked in
// (one `%fs:offset` operand on x86-64), and initial-exec everywhere else (objects and shared
// objects for embedding, whose runtime may be in another module).
#include "binary_test_support.h"

#include "lower/Lowering.h"

#include "wasmc/abi.h"

#include <catch2/catch.hpp>

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>

using namespace wasmc::binary::test;

namespace {

const char *const kX86 = "x86_64-unknown-linux-gnu";
const char *const kX86Layout =
    "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128";

// f(seven i64) -> i64 calls itself: a stack check on entry, and two parameters spilled.
std::unique_ptr<wasmc::binary::Module> recursiveModule() {
  const Bytes params(7, op::I64);
  Bytes code;
  for (uint8_t i = 0; i < 7; ++i)
    code = cat({code, Bytes{op::LocalGet, i}});
  code = cat({code, Bytes{op::Call, 0, op::End}});
  return validOk(funcModule(params, Bytes{op::I64}, code));
}

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
