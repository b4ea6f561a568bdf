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

// clang's wasm build of a three-point stencil unrolled by 2 after loop load elimination, over
// i32 elements (element k at %a + 4 * (k + 1)): x = P[i-1] and y = P[i] carried in phis,
// Q[i] = 3x + 5y + 7P[i+1] and Q[i+1] = 3y + 5P[i+1] + 7P[i+2], Q at %a + `destination`.
// `hoisted`: both lanes' loads first, as CarriedLoadHoisting leaves them; `inBounds`: the loop
// has kInBoundsLoopMarker.
std::string stencilLoop(unsigned trips, int64_t destination, bool hoisted, bool inBounds) {
  const std::string secondLoad = "  %pz1 = getelementptr i8, ptr %pa, i64 12\n"
                                 "  %z1 = load i32, ptr %pz1\n";
  const auto lane = [&](const std::string &n, const std::string &first, const std::string &second,
                        const std::string &third, int64_t offset) {
    return "  %a" + n + " = mul i32 " + first + ", 3\n  %b" + n + " = mul i32 " + second +
           ", 5\n  %c" + n + " = mul i32 " + third + ", 7\n  %d" + n + " = add i32 %a" + n +
           ", %b" + n + "\n  %s" + n + " = add i32 %d" + n + ", %c" + n + "\n  %pb" + n +
           " = getelementptr i8, ptr %pa, i64 " + std::to_string(offset) + "\n  store i32 %s" +
           n + ", ptr %pb" + n + "\n";
  };
  return "define void @f(ptr %a) \"wasmc-function\" {\n"
         "entry:\n  %x0 = load i32, ptr %a\n  %py0 = getelementptr i8, ptr %a, i64 4\n"
         "  %y0 = load i32, ptr %py0\n  br label %loop\n"
         "loop:\n  %j = phi i64 [ 0, %entry ], [ %next, %loop ]\n"
         "  %x = phi i32 [ %x0, %entry ], [ %z0, %loop ]\n"
         "  %y = phi i32 [ %y0, %entry ], [ %z1, %loop ]\n"
         "  %base = mul nuw nsw i64 %j, 8\n  %pa = getelementptr i8, ptr %a, i64 %base\n"
         "  %pz0 = getelementptr i8, ptr %pa, i64 8\n  %z0 = load i32, ptr %pz0\n" +
         (hoisted ? secondLoad : "") + lane("0", "%x", "%y", "%z0", destination) +
         (hoisted ? "" : secondLoad) + lane("1", "%y", "%z0", "%z1", destination + 4) +
         "  %next = add nuw nsw i64 %j, 1\n  %done = icmp eq i64 %next, " + std::to_string(trips) +
         "\n  br i1 %done, label %exit, label %loop" + (inBounds ? ", !llvm.loop !0" : "") +
         "\nexit:\n  ret void\n}\n" +
         (inBounds ? "!0 = distinct !{!0, !1}\n!1 = !{!\"" +
                         std::string(wasmc::codegen::kInBoundsLoopMarker) + "\"}\n"
                   : "");
}

struct Result {
  bool rolled = false;
  unsigned stores = 0;  // left in the loop
  unsigned carried = 0; // phis of the rolled-up loop's carried values
  int64_t count = -1;   // what the rolled-up counter is compared with
};

Result rerollIR(const std::string &ir, bool carriedLanes = true) {
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> module = wasmc::test::parseIR(ir, context);
  llvm::Function &function = *module->getFunction("f");
  wasmc::test::runFunctionPass(wasmc::codegen::LoopRerollingPass(carriedLanes), function);
  CHECK_FALSE(llvm::verifyFunction(function, &llvm::errs()));
  Result result;
  for (const llvm::BasicBlock &block : function)
    for (const llvm::Instruction &instruction : block) {
      if (instruction.getName() == "wasm.rerolled")
        result.rolled = true;
      if (instruction.getName().starts_with("wasm.rerolled.carried"))
        ++result.carried;
      if (llvm::isa<llvm::StoreInst>(instruction))
        ++result.stores;
      if (const auto *compare = llvm::dyn_cast<llvm::ICmpInst>(&instruction))
        if (compare->getOperand(0)->getName() == "wasm.rerolled.next")
          if (const auto *count = llvm::dyn_cast<llvm::ConstantInt>(compare->getOperand(1)))
            result.count = count->getSExtValue();
    }
  return result;
}

Result reroll(unsigned trips, const std::vector<unsigned> &order) {
  return rerollIR(unrolledLoop(trips, order));
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

TEST_CASE("Two lanes carrying loaded values are rolled up into a chain of carried phis") {
  const Result result = rerollIR(stencilLoop(1000, 4000, false, false));
  CHECK(result.rolled);
  CHECK(result.stores == 1);
  CHECK(result.carried == 2);
  CHECK(result.count == 2000);
  CHECK_FALSE(rerollIR(stencilLoop(1000, 4000, false, false), false).rolled);
}

TEST_CASE("Loads moved above an earlier lane's store go back only in a loop in bounds, and only "
          "past bytes they do not read") {
  CHECK_FALSE(rerollIR(stencilLoop(1000, 4000, true, false)).rolled);
  CHECK(rerollIR(stencilLoop(1000, 4000, true, true)).rolled);
  // Lane 0's store writes the bytes lane 1 loads (at %a + 12).
  CHECK_FALSE(rerollIR(stencilLoop(1000, 12, true, true)).rolled);
  CHECK(rerollIR(stencilLoop(1000, 16, true, true)).rolled);
  CHECK(rerollIR(stencilLoop(1000, 8, true, true)).rolled);
}

TEST_CASE("Two phis carrying the same load from different starts are left alone") {
  // x and y both take lane 1's load P[2j+1] to the next iteration but start as 100 and 7: one
  // chain of carried phis would give lane 0 of the first iteration y's start for x.
  const auto loop = [](bool twoPhis) {
    return "define void @f(ptr %a) \"wasmc-function\" {\n"
           "entry:\n  br label %loop\n"
           "loop:\n  %j = phi i64 [ 0, %entry ], [ %next, %loop ]\n"
           "  %x = phi i32 [ 100, %entry ], [ %z1, %loop ]\n"
           + std::string(twoPhis ? "  %y = phi i32 [ 7, %entry ], [ %z1, %loop ]\n" : "") +
           "  %base = mul nuw nsw i64 %j, 8\n  %p0 = getelementptr i8, ptr %a, i64 %base\n"
           "  %z0 = load i32, ptr %p0\n"
           "  %s0 = add i32 %x, %z0\n  %q0 = getelementptr i8, ptr %p0, i64 1024\n"
           "  store i32 %s0, ptr %q0\n"
           "  %t0 = mul i32 " + (twoPhis ? "%y" : "%x") + ", %z0\n  %r0 = getelementptr i8, ptr %p0, i64 2048\n"
           "  store i32 %t0, ptr %r0\n"
           "  %p1 = getelementptr i8, ptr %p0, i64 4\n  %z1 = load i32, ptr %p1\n"
           "  %s1 = add i32 %z0, %z1\n  %q1 = getelementptr i8, ptr %p0, i64 1028\n"
           "  store i32 %s1, ptr %q1\n"
           "  %t1 = mul i32 %z0, %z1\n  %r1 = getelementptr i8, ptr %p0, i64 2052\n"
           "  store i32 %t1, ptr %r1\n"
           "  %next = add nuw nsw i64 %j, 1\n  %done = icmp eq i64 %next, 1000\n"
           "  br i1 %done, label %exit, label %loop\n"
           "exit:\n  ret void\n}\n";
  };
  CHECK_FALSE(rerollIR(loop(true)).rolled);
  // With x alone carrying the load (y's use given to x) the same loop is rolled up.
  const Result result = rerollIR(loop(false));
  CHECK(result.rolled);
  CHECK(result.carried == 1);
}
