// LoopRerollingPass on hand-written IR: which unrolled loops are rolled up, and the rolled-up
// loop's count (test/spec/wasmc/rerolled_loops.wast checks the results at their boundaries).
#include "codegen/WasmPasses.h"
#include "pass_test_support.h"

#include <catch2/catch.hpp>

#include <llvm/IR/Instructions.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>

#include <memory>
#include <string>
#include <vector>

namespace {

// A loop of `trips` iterations over i32 elements of %a, each iteration `a[k*j + m] = 3 *
// a[k*j + m] + 1` for the lanes m in `order`, k = order.size().
std::string unrolledLoop(unsigned trips, const std::vector<unsigned> &order) {
  const unsigned lanes = unsigned(order.size());
  std::string body;
  for (unsigned m : order) {
    const std::string n = std::to_string(m);
    body += "  %o" + n + " = add i64 %base, " + std::to_string(4 * m) + "\n" +
            "  %p" + n + " = getelementptr i8, ptr %a, i64 %o" + n + "\n" +
            "  %v" + n + " = load i32, ptr %p" + n + "\n" +
            "  %x" + n + " = mul i32 %v" + n + ", 3\n" +
            "  %y" + n + " = add i32 %x" + n + ", 1\n" +
            "  store i32 %y" + n + ", ptr %p" + n + "\n";
  }
  return "define void @f(ptr %a) \"wasmc-function\" {\n"
         "entry:\n  br label %loop\n"
         "loop:\n  %j = phi i64 [ 0, %entry ], [ %next, %loop ]\n"
         "  %base = mul nuw nsw i64 %j, " +
         std::to_string(4 * lanes) + "\n" + body +
         "  %next = add nuw nsw i64 %j, 1\n"
         "  %done = icmp eq i64 %next, " +
         std::to_string(trips) +
         "\n  br i1 %done, label %exit, label %loop\n"
         "exit:\n  ret void\n}\n";
}

struct Result {
  bool rolled = false;
  unsigned stores = 0;  // left in the loop
  int64_t count = -1;   // what the rolled-up counter is compared with
};

Result reroll(unsigned trips, const std::vector<unsigned> &order) {
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> module = wasmc::test::parseIR(unrolledLoop(trips, order), context);
  llvm::Function &function = *module->getFunction("f");
  wasmc::test::runFunctionPass(wasmc::codegen::LoopRerollingPass(), function);
  CHECK_FALSE(llvm::verifyFunction(function, &llvm::errs()));
  Result result;
  for (const llvm::BasicBlock &block : function)
    for (const llvm::Instruction &instruction : block) {
      if (instruction.getName() == "wasm.rerolled")
        result.rolled = true;
      if (llvm::isa<llvm::StoreInst>(instruction))
        ++result.stores;
      if (const auto *compare = llvm::dyn_cast<llvm::ICmpInst>(&instruction))
        if (compare->getOperand(0)->getName() == "wasm.rerolled.next")
          if (const auto *count = llvm::dyn_cast<llvm::ConstantInt>(compare->getOperand(1)))
            result.count = count->getSExtValue();
    }
  return result;
}

} // namespace

TEST_CASE("Four and five lanes are rolled up, to lanes times the trip count") {
  const Result four = reroll(1000, {0, 1, 2, 3});
  CHECK(four.rolled);
  CHECK(four.stores == 1);
  CHECK(four.count == 4000);
  const Result five = reroll(300, {0, 1, 2, 3, 4});
  CHECK(five.rolled);
  CHECK(five.stores == 1);
  CHECK(five.count == 1500);
}

TEST_CASE("Two and three lanes are left alone") {
  CHECK_FALSE(reroll(1000, {0, 1}).rolled);
  CHECK_FALSE(reroll(1000, {0, 1, 2}).rolled);
  CHECK(reroll(1000, {0, 1, 2, 3}).rolled);
}

TEST_CASE("Lanes out of order are left alone") {
  const Result result = reroll(1000, {0, 2, 1, 3});
  CHECK_FALSE(result.rolled);
  CHECK(result.stores == 4);
}
