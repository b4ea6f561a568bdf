// WitnessExtendedLoadsPass on hand-written IR: a narrow load's trap witness
// (lower/TrapWitness.h) takes the load's extension, so that instruction
// selection folds the extension into the load.
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
#include <vector>

namespace {

// What each witness left in @f(ptr %p, i1 %c) after the pass takes, as "type
// operand".
std::vector<std::string> witnessed(const std::string &body) {
  const std::string ir = "define i32 @f(ptr %p, i1 %c) \"wasmc-function\" {\n" + body +
                         "}\nattributes #0 = { nounwind memory(read) }\n";
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> module = wasmc::test::parseIR(ir, context);
  llvm::Function &function = *module->getFunction("f");
  wasmc::test::runFunctionPass(wasmc::codegen::WitnessExtendedLoadsPass(), function);
  CHECK_FALSE(llvm::verifyFunction(function, &llvm::errs()));
  std::vector<std::string> values;
  for (const llvm::Instruction &instruction : llvm::instructions(function)) {
    if (!wasmc::lower::isTrapWitness(instruction))
      continue;
    std::string operand;
    llvm::raw_string_ostream stream(operand);
    wasmc::lower::witnessedValue(llvm::cast<llvm::CallInst>(instruction))->printAsOperand(stream);
    if (const auto *cast = llvm::dyn_cast<llvm::CastInst>(
            wasmc::lower::witnessedValue(llvm::cast<llvm::CallInst>(instruction))))
      stream << " = " << cast->getOpcodeName() << " " << cast->getOperand(0)->getName();
    values.push_back(operand);
  }
  return values;
}

const char *const kWitness8 = "  call void asm sideeffect \"\", \"r\"(i8 %v) #0\n";

} // namespace

TEST_CASE("A narrow load's witness takes the load's extension") {
  using Values = std::vector<std::string>;
  CHECK(witnessed(std::string("entry:\n  %v = load i8, ptr %p\n") + kWitness8 +
                  "  %x = sext i8 %v to i32\n  ret i32 %x\n") ==
        Values{"i32 %v.witnessed = sext v"});
  CHECK(witnessed(std::string("entry:\n  %v = load i8, ptr %p\n") + kWitness8 +
                  "  %x = zext i8 %v to i32\n  ret i32 %x\n") ==
        Values{"i32 %v.witnessed = zext v"});
}

TEST_CASE("A witness stays on the load without an extension in the load's block") {
  using Values = std::vector<std::string>;
  // Used as it is.
  CHECK(witnessed(std::string("entry:\n  %v = load i8, ptr %p\n") + kWitness8 +
                  "  %x = icmp eq i8 %v, 61\n  %r = zext i1 %x to i32\n  ret "
                  "i32 %r\n") == Values{"i8 %v"});
  // Extended in another block only.
  CHECK(witnessed(std::string("entry:\n  %v = load i8, ptr %p\n") + kWitness8 +
                  "  br i1 %c, label %a, label %b\na:\n  %x = sext i8 %v to "
                  "i32\n  ret i32 %x\n"
                  "b:\n  ret i32 0\n") == Values{"i8 %v"});
}
