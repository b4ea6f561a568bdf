// StackCheckSinkingPass on hand-written IR: where the entry's stack check goes (the .wast tests
// in test/spec/wasmc/stack_checks.wast check behaviour, pass_switches.py that a check dominates
// every call).
#include "codegen/WasmPasses.h"
#include "pass_test_support.h"

#include <catch2/catch.hpp>

#include <llvm/IR/Instructions.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <memory>
#include <string>

namespace {

// A wasm function @f whose entry checks the stack as lowering emits it, then runs `body` (which
// starts with the block `body:` and calls @g where it calls).
std::string checkedFunction(const std::string &body) {
  return R"(
@wasmc_rt_stack_limit = external thread_local global i64
declare i64 @llvm.read_register.i64(metadata)
declare ptr @llvm.threadlocal.address.p0(ptr)
declare void @wasmc_rt_trap(i32) noreturn
declare i32 @g(i32) "wasmc-function"

define i32 @f(i32 %n) "wasmc-function" {
entry:
  %sp = call i64 @llvm.read_register.i64(metadata !0)
  %address = call ptr @llvm.threadlocal.address.p0(ptr @wasmc_rt_stack_limit)
  %limit = load i64, ptr %address, align 8
  %exhausted = icmp ult i64 %sp, %limit
  br i1 %exhausted, label %stack_exhausted, label %body

stack_exhausted:
  %fault = load volatile i8, ptr inttoptr (i64 16 to ptr), align 1
  call void @wasmc_rt_trap(i32 10)
  unreachable

)" + body + R"(}

!0 = !{!"rsp"}
)";
}

// The name of the block whose terminator branches on the stack check, after the pass.
std::string checkBlock(const std::string &body) {
  llvm::LLVMContext context;
  auto module = wasmc::test::parseIR(checkedFunction(body), context);
  llvm::Function &function = *module->getFunction("f");
  wasmc::test::runFunctionPass(wasmc::codegen::StackCheckSinkingPass(), function);
  CHECK_FALSE(llvm::verifyFunction(function, &llvm::errs()));
  for (llvm::BasicBlock &block : function)
    if (auto *branch = llvm::dyn_cast<llvm::BranchInst>(block.getTerminator()))
      if (branch->isConditional() && branch->getSuccessor(0)->getName() == "stack_exhausted")
        return block.getName().str();
  return "";
}

// The start of a body that returns early when %n is 0 and otherwise goes on at `next`.
std::string earlyReturnThen(const std::string &next) {
  return "body:\n  %zero = icmp eq i32 %n, 0\n  br i1 %zero, label %early, label %" + next +
         "\nearly:\n  ret i32 0\n";
}

} // namespace

TEST_CASE("stack check sinking: behind an early return, to the calling path", "[passes]") {
  CHECK(checkBlock(earlyReturnThen("calls") + R"(calls:
  %r = call i32 @g(i32 %n)
  ret i32 %r
)") == "calls");
}

TEST_CASE("stack check sinking: a call on every path keeps the check on entry", "[passes]") {
  CHECK(checkBlock(R"(body:
  %zero = icmp eq i32 %n, 0
  br i1 %zero, label %left, label %right
left:
  br label %join
right:
  br label %join
join:
  %r = call i32 @g(i32 %n)
  ret i32 %r
)") == "entry");
}

TEST_CASE("stack check sinking: never into a loop", "[passes]") {
  CHECK(checkBlock(earlyReturnThen("before") + R"(before:
  br label %loop
loop:
  %i = phi i32 [ 0, %before ], [ %next, %loop ]
  %r = call i32 @g(i32 %i)
  %next = add i32 %i, 1
  %more = icmp ult i32 %next, %n
  br i1 %more, label %loop, label %done
done:
  ret i32 %r
)") == "before");
}

TEST_CASE("stack check sinking: calls in unreachable blocks are not paths", "[passes]") {
  // The dead block has no node in the dominator tree (the pass once looked it up).
  CHECK(checkBlock(earlyReturnThen("calls") + R"(calls:
  %r = call i32 @g(i32 %n)
  ret i32 %r
dead:
  %d = call i32 @g(i32 1)
  ret i32 %d
)") == "calls");
}

TEST_CASE("stack check sinking: a function that calls nothing is left alone", "[passes]") {
  CHECK(checkBlock(earlyReturnThen("late") + R"(late:
  ret i32 1
)") == "entry");
}
