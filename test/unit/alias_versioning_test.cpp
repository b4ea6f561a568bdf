// AliasVersioningPass on hand-written IR: which loops get a copy behind an alias check
// (test/spec/wasmc/alias_versioning.wast checks the results at the check's boundaries).
#include "codegen/WasmPasses.h"
#include "pass_test_support.h"

#include <catch2/catch.hpp>

#include <llvm/IR/CFG.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>

#include <memory>
#include <string>

namespace {

// Whether `c[j] += a[0] * b[j]` for j < trips, over doubles at pointers that may alias, is
// versioned (a block named *.lver.check), and whether a[0] is then loaded outside a loop (the
// loops here are single blocks).
struct Result {
  bool versioned = false;
  bool hoisted = false;
};

Result versionAxpy(unsigned trips) {
  const std::string ir = "define void @f(ptr %c, ptr %a, ptr %b) \"wasmc-function\" {\n"
                         "entry:\n  br label %loop\n"
                         "loop:\n  %j = phi i64 [ 0, %entry ], [ %next, %loop ]\n"
                         "  %pc = getelementptr double, ptr %c, i64 %j\n"
                         "  %pb = getelementptr double, ptr %b, i64 %j\n"
                         "  %vc = load double, ptr %pc\n  %va = load double, ptr %a\n"
                         "  %vb = load double, ptr %pb\n  %m = fmul double %va, %vb\n"
                         "  %s = fadd double %vc, %m\n  store double %s, ptr %pc\n"
                         "  %next = add nuw nsw i64 %j, 1\n"
                         "  %done = icmp eq i64 %next, " +
                         std::to_string(trips) +
                         "\n  br i1 %done, label %exit, label %loop\n"
                         "exit:\n  ret void\n}\n";
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> module = wasmc::test::parseIR(ir, context);
  llvm::Function &function = *module->getFunction("f");
  wasmc::test::runFunctionPass(wasmc::codegen::AliasVersioningPass(), function);
  CHECK_FALSE(llvm::verifyFunction(function, &llvm::errs()));
  Result result;
  for (const llvm::BasicBlock &block : function) {
    if (block.getName().ends_with(".lver.check"))
      result.versioned = true;
    for (const llvm::Instruction &instruction : block)
      if (const auto *load = llvm::dyn_cast<llvm::LoadInst>(&instruction))
        if (load->getPointerOperand() == function.getArg(1) &&
            !llvm::is_contained(llvm::successors(&block), &block))
          result.hoisted = true;
  }
  return result;
}

} // namespace

TEST_CASE("A loop whose store may write its invariant load's bytes is versioned") {
  const Result result = versionAxpy(1000);
  CHECK(result.versioned);
  CHECK(result.hoisted);
}

TEST_CASE("A loop that runs at most 16 times is not versioned") {
  CHECK_FALSE(versionAxpy(16).versioned);
  CHECK(versionAxpy(17).versioned);
}
