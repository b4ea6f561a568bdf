// OverwrittenLoadWitnessesPass on hand-written IR: a load whose bytes the next store overwrites
// with an add or subtract of the loaded value loses its trap witness (lower/TrapWitness.h), and
// only then.
#include "codegen/WasmPasses.h"
#include "lower/TrapWitness.h"
#include "pass_test_support.h"

#include <catch2/catch.hpp>

#include <llvm/IR/InstIterator.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>

#include <memory>
#include <string>

namespace {

struct Outcome {
  int witnesses = 0;   // left after the pass (barriers, which take no value, are not counted)
  int overwritten = 0; // loads marked !wasmc.overwritten
};

// Runs the pass over @f(ptr %p, ptr %q, i32 %x, i1 %c) with `body`.
Outcome run(const std::string &body) {
  const std::string ir = "define void @f(ptr %p, ptr %q, i32 %x, i1 %c) \"wasmc-function\" {\n" +
                         body + "}\ndeclare void @g()\nattributes #0 = { nounwind memory(read) }\n";
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> module = wasmc::test::parseIR(ir, context);
  llvm::Function &function = *module->getFunction("f");
  wasmc::test::runFunctionPass(wasmc::codegen::OverwrittenLoadWitnessesPass(), function);
  CHECK_FALSE(llvm::verifyFunction(function, &llvm::errs()));
  Outcome outcome;
  for (const llvm::Instruction &instruction : llvm::instructions(function)) {
    outcome.witnesses += wasmc::lower::isTrapWitness(instruction);
    outcome.overwritten += instruction.getMetadata("wasmc.overwritten") != nullptr;
  }
  return outcome;
}

const char *const kLoad = "entry:\n  %v = load i32, ptr %p\n"
                          "  call void asm sideeffect \"\", \"r\"(i32 %v) #0\n";
const char *const kBarrier = "  call void asm sideeffect \"\", \"\"() #0\n  ret void\n";

} // namespace

TEST_CASE("A read-modify-write that adds or subtracts loses its load's witness") {
  for (const char *update : {"add i32 %v, 1", "add i32 %x, %v", "sub i32 %v, %x"}) {
    const Outcome outcome = run(std::string(kLoad) + "  %u = " + update +
                                "\n  store i32 %u, ptr %p\n" + kBarrier);
    CHECK(outcome.witnesses == 0);
    CHECK(outcome.overwritten == 1);
  }
}

TEST_CASE("Other loads keep their witness") {
  // A logic operation (the DAG narrows it), another address, another type, a call or another
  // store between them, the store in another block, the loaded value stored as it is.
  const std::string cases[] = {
      std::string(kLoad) + "  %u = or i32 %v, 256\n  store i32 %u, ptr %p\n" + kBarrier,
      std::string(kLoad) + "  %u = add i32 %v, 1\n  store i32 %u, ptr %q\n" + kBarrier,
      std::string(kLoad) + "  %u = add i32 %v, 1\n  %t = trunc i32 %u to i16\n"
                           "  store i16 %t, ptr %p\n" + kBarrier,
      std::string(kLoad) + "  call void @g()\n  %u = add i32 %v, 1\n  store i32 %u, ptr %p\n" +
          kBarrier,
      std::string(kLoad) + "  store i32 0, ptr %q\n  %u = add i32 %v, 1\n"
                           "  store i32 %u, ptr %p\n" + kBarrier,
      std::string(kLoad) + "  %u = add i32 %v, 1\n  br label %next\nnext:\n"
                           "  store i32 %u, ptr %p\n" + kBarrier,
      std::string(kLoad) + "  store i32 %v, ptr %p\n" + kBarrier,
  };
  for (const std::string &body : cases) {
    const Outcome outcome = run(body);
    CHECK(outcome.overwritten == 0);
    CHECK(outcome.witnesses == 1);
  }
}
