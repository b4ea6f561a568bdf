// NarrowMaskedComparesPass on hand-written IR: which masked compares become compares of the
// truncated value, and one whose masked value is a constant (which IRBuilder may fold).
#include "codegen/WasmPasses.h"
#include "pass_test_support.h"

#include <catch2/catch.hpp>

#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>

#include <memory>
#include <string>

namespace {

struct Outcome {
  int narrowed = 0;     // compares marked !wasmc.narrowed.compare
  unsigned width = 0;   // the width of the last one's operands
  int wideCompares = 0; // icmp of i32 or i64 left
};

// Runs the pass over @f(i32 %x, i64 %y) returning `compare` (an i1 named %c).
Outcome run(const std::string &compare) {
  const std::string ir = "@g = global i32 0\n"
                         "define i1 @f(i32 %x, i64 %y) \"wasmc-function\" {\nentry:\n" +
                         compare + "  ret i1 %c\n}\n";
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> module = wasmc::test::parseIR(ir, context);
  llvm::Function &function = *module->getFunction("f");
  wasmc::test::runFunctionPass(wasmc::codegen::NarrowMaskedComparesPass(), function);
  CHECK_FALSE(llvm::verifyFunction(function, &llvm::errs()));
  Outcome outcome;
  for (const llvm::Instruction &instruction : llvm::instructions(function))
    if (const auto *icmp = llvm::dyn_cast<llvm::ICmpInst>(&instruction)) {
      const unsigned width = icmp->getOperand(0)->getType()->getIntegerBitWidth();
      if (icmp->getMetadata("wasmc.narrowed.compare")) {
        ++outcome.narrowed;
        outcome.width = width;
      } else if (width >= 32) {
        ++outcome.wideCompares;
      }
    }
  return outcome;
}

} // namespace

TEST_CASE("Masked unsigned compares become compares of the truncated value") {
  const struct {
    const char *ir;
    unsigned width;
  } cases[] = {
      {"  %a = add i32 %x, 159\n  %m = and i32 %a, 254\n  %c = icmp ult i32 %m, 26\n", 8},
      {"  %m = and i32 %x, 255\n  %c = icmp ult i32 %m, 27\n", 8},
      {"  %m = and i32 %x, 248\n  %c = icmp ugt i32 %m, 39\n", 8},
      {"  %m = and i32 %x, 65280\n  %c = icmp ult i32 %m, 4608\n", 16},
      {"  %m = and i64 %y, 4294967295\n  %c = icmp ult i64 %m, 1000\n", 32},
  };
  for (const auto &test : cases) {
    const Outcome outcome = run(test.ir);
    CHECK(outcome.narrowed == 1);
    CHECK(outcome.width == test.width);
    CHECK(outcome.wideCompares == 0);
  }
}

TEST_CASE("Other masked compares stay as they are") {
  // An odd bound under a mask without bit 0, a bound past the width, a mask that skips bit 7,
  // one that reaches bit 8, a signed compare, C + 1 not a multiple for >u.
  const char *const cases[] = {
      "  %m = and i32 %x, 254\n  %c = icmp ult i32 %m, 27\n",
      "  %m = and i32 %x, 255\n  %c = icmp ult i32 %m, 256\n",
      "  %m = and i32 %x, 126\n  %c = icmp ult i32 %m, 26\n",
      "  %m = and i32 %x, 510\n  %c = icmp ult i32 %m, 26\n",
      "  %m = and i32 %x, 255\n  %c = icmp slt i32 %m, 26\n",
      "  %m = and i32 %x, 248\n  %c = icmp ugt i32 %m, 40\n",
  };
  for (const char *ir : cases) {
    const Outcome outcome = run(ir);
    CHECK(outcome.narrowed == 0);
    CHECK(outcome.wideCompares == 1);
  }
}

TEST_CASE("A masked constant is narrowed too") {
  const Outcome outcome =
      run("  %m = and i32 ptrtoint (ptr @g to i32), 254\n  %c = icmp ult i32 %m, 26\n");
  CHECK(outcome.wideCompares == 0);
}
