// ThreadedDispatchPass on hand-written IR: which switches it rewrites, and that the result is
// well-formed (the .wast tests in test/spec/wasmc/threaded_dispatch.wast check behaviour).
#include "codegen/WasmPasses.h"
#include "pass_test_support.h"

#include <catch2/catch.hpp>

#include <llvm/IR/Instructions.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <limits>
#include <memory>
#include <string>

namespace {

struct Rewritten {
  std::unique_ptr<llvm::LLVMContext> context = std::make_unique<llvm::LLVMContext>();
  std::unique_ptr<llvm::Module> module;
  llvm::SwitchInst *dispatch = nullptr;
};

// A function `f` whose block `dispatch` ends in a switch over %x of type `type`, with the given
// cases (each to its own block) and a default block that has a PHI; `inLoop` puts the switch in
// a loop (every case and the default branch back to the loop's header).
std::string dispatchFunction(const std::string &type, const std::vector<long long> &cases,
                             bool inLoop) {
  std::string ir = "define i32 @f(" + type + " %start, i1 %stop) {\nentry:\n  br label %dispatch\n";
  std::string incoming = "[ %start, %entry ]";
  std::string bodies;
  std::string table;
  for (size_t i = 0; i < cases.size(); ++i) {
    const std::string name = "case" + std::to_string(i);
    table += "    " + type + " " + std::to_string(cases[i]) + ", label %" + name + "\n";
    bodies += name + ":\n  br " + (inLoop ? "i1 %stop, label %exit, label %dispatch" : "label %exit") +
              "\n";
    if (inLoop)
      incoming += ", [ %start, %" + name + " ]";
  }
  if (inLoop)
    incoming += ", [ %next, %fallback ]";
  ir += "dispatch:\n  %x = phi " + type + " " + incoming + "\n";
  ir += "  %seen = add " + type + " %x, 1\n";
  ir += "  switch " + type + " %x, label %fallback [\n" + table + "  ]\n";
  ir += bodies;
  ir += "fallback:\n  %from = phi " + type + " [ %seen, %dispatch ]\n  %next = add " + type +
        " %from, 3\n";
  ir += std::string("  br ") + (inLoop ? "i1 %stop, label %exit, label %dispatch" : "label %exit") +
        "\n";
  ir += "exit:\n  ret i32 0\n}\n";
  return ir;
}

Rewritten runPass(const std::string &ir) {
  Rewritten result;
  result.module = wasmc::test::parseIR(ir, *result.context);
  llvm::Function &function = *result.module->getFunction("f");
  wasmc::test::runFunctionPass(wasmc::codegen::ThreadedDispatchPass(), function);
  std::string problems;
  llvm::raw_string_ostream stream(problems);
  const bool broken = llvm::verifyFunction(function, &stream);
  INFO(problems);
  CHECK_FALSE(broken);
  for (llvm::BasicBlock &block : function)
    if (auto *dispatch = llvm::dyn_cast<llvm::SwitchInst>(block.getTerminator()))
      result.dispatch = dispatch;
  REQUIRE(result.dispatch);
  return result;
}

bool isRewritten(const llvm::SwitchInst &dispatch) {
  return llvm::isa<llvm::UnreachableInst>(dispatch.getDefaultDest()->front());
}

std::vector<long long> range(long long first, long long last,
                             long long skip = std::numeric_limits<long long>::min()) {
  std::vector<long long> values;
  for (long long value = first; value <= last; ++value)
    if (value != skip)
      values.push_back(value);
  return values;
}

} // namespace

TEST_CASE("threaded dispatch: a dense switch in a loop gets its default as the last entry",
          "[codegen]") {
  // Cases 0..9 without 4: the hole (4) and the first value past the table (10) go to the old
  // default, and the index is clamped to 10.
  Rewritten result = runPass(dispatchFunction("i32", range(0, 9, 4), true));
  llvm::SwitchInst &dispatch = *result.dispatch;
  REQUIRE(isRewritten(dispatch));
  CHECK(dispatch.getNumCases() == 11);
  llvm::BasicBlock *fallback = nullptr;
  for (uint64_t value : {4u, 10u}) {
    auto found = dispatch.findCaseValue(llvm::ConstantInt::get(
        llvm::cast<llvm::IntegerType>(dispatch.getCondition()->getType()), value));
    REQUIRE(found != dispatch.case_default());
    CHECK(found->getCaseSuccessor()->getName() == "fallback");
    fallback = found->getCaseSuccessor();
  }
  auto *clamp = llvm::dyn_cast<llvm::IntrinsicInst>(dispatch.getCondition());
  REQUIRE(clamp);
  CHECK(clamp->getIntrinsicID() == llvm::Intrinsic::umin);
  CHECK(llvm::cast<llvm::ConstantInt>(clamp->getArgOperand(1))->getZExtValue() == 10);
  // The fallback's PHI has one entry per edge from the switch (two now), all the same value.
  llvm::PHINode &phi = *fallback->phis().begin();
  CHECK(phi.getNumIncomingValues() == 2);
}

TEST_CASE("threaded dispatch: an i8 switch is clamped in i8", "[codegen]") {
  Rewritten result = runPass(dispatchFunction("i8", range(0, 99, 50), true));
  REQUIRE(isRewritten(*result.dispatch));
  auto *clamp = llvm::cast<llvm::IntrinsicInst>(result.dispatch->getCondition());
  CHECK(clamp->getType()->getIntegerBitWidth() == 8);
  CHECK(llvm::cast<llvm::ConstantInt>(clamp->getArgOperand(1))->getZExtValue() == 100);
}

TEST_CASE("threaded dispatch: switches it leaves alone", "[codegen]") {
  SECTION("not in a loop") {
    CHECK_FALSE(isRewritten(*runPass(dispatchFunction("i32", range(0, 9), false)).dispatch));
  }
  SECTION("too few cases") {
    CHECK_FALSE(isRewritten(*runPass(dispatchFunction("i32", range(0, 6), true)).dispatch));
  }
  SECTION("a negative case value") {
    CHECK_FALSE(isRewritten(*runPass(dispatchFunction("i32", range(-1, 9), true)).dispatch));
  }
  SECTION("sparse cases") {
    std::vector<long long> sparse;
    for (long long value = 0; value < 100; value += 10)
      sparse.push_back(value);
    CHECK_FALSE(isRewritten(*runPass(dispatchFunction("i32", sparse, true)).dispatch));
  }
  SECTION("more entries than kMaximumDispatchCases") {
    const long long last = wasmc::codegen::kMaximumDispatchCases;
    CHECK_FALSE(isRewritten(*runPass(dispatchFunction("i32", range(0, last), true)).dispatch));
  }
  SECTION("one past the largest case does not fit the type") {
    // i6 cases 0..63 without 7: the clamp would need 64.
    CHECK_FALSE(isRewritten(*runPass(dispatchFunction("i6", range(0, 63, 7), true)).dispatch));
  }
}
