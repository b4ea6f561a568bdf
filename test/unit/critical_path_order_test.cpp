// CriticalPathOrderPass on hand-written IR: in a single-block loop with a long loop-carried
// chain, that chain comes first; loads, stores and calls keep their order; loops whose
// recurrences are short keep theirs.
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

struct Outcome {
  std::vector<std::string> order; // the loop body's named instructions and stores, in order
  bool marked = false;            // the loop's branch carries !wasmc.critical.path.order
};

// Runs the pass over @f(ptr %p, ptr %q, i32 %n), whose block %loop is `body` (phis first,
// ending in `%c = icmp ...`): the loop branches back on %c.
Outcome run(const std::string &body) {
  const std::string ir =
      "define void @f(ptr %p, ptr %q, i32 %n) \"wasmc-function\" {\n"
      "entry:\n  br label %loop\n"
      "loop:\n" +
      body +
      "  br i1 %c, label %loop, label %exit\n"
      "exit:\n  ret void\n}\n"
      "declare i32 @llvm.fshl.i32(i32, i32, i32)\n";
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> module = wasmc::test::parseIR(ir, context);
  llvm::Function &function = *module->getFunction("f");
  wasmc::test::runFunctionPass(wasmc::codegen::CriticalPathOrderPass(), function);
  CHECK_FALSE(llvm::verifyFunction(function, &llvm::errs()));
  Outcome outcome;
  for (const llvm::BasicBlock &block : function)
    if (block.getName() == "loop")
      for (const llvm::Instruction &instruction : block) {
        if (llvm::isa<llvm::StoreInst>(instruction))
          outcome.order.push_back("store");
        else if (instruction.hasName() && !llvm::isa<llvm::PHINode>(instruction))
          outcome.order.push_back(instruction.getName().str());
        if (instruction.isTerminator())
          outcome.marked = instruction.getMetadata("wasmc.critical.path.order") != nullptr;
      }
  return outcome;
}

size_t position(const Outcome &outcome, const std::string &name) {
  for (size_t k = 0; k < outcome.order.size(); ++k)
    if (outcome.order[k] == name)
      return k;
  FAIL("no instruction %" << name);
  return 0;
}

const char *const kPhis = "  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]\n"
                          "  %a = phi i32 [ 1, %entry ], [ %a.next, %loop ]\n"
                          "  %e = phi i32 [ 2, %entry ], [ %e.next, %loop ]\n";
// The short chain (a) first, the long one (e: a multiply and four more) after it, as a wasm
// producer's operand stack leaves them.
const char *const kShortChain = "  %s0 = call i32 @llvm.fshl.i32(i32 %a, i32 %a, i32 30)\n"
                                "  %s1 = xor i32 %s0, %a\n";
const char *const kLongChain = "  %e1 = call i32 @llvm.fshl.i32(i32 %e, i32 %e, i32 26)\n"
                               "  %e2 = xor i32 %e1, %e\n"
                               "  %e3 = mul i32 %e2, %w\n"
                               "  %e4 = add i32 %e3, %e\n"
                               "  %e5 = xor i32 %e4, 7\n"
                               "  %e.next = add i32 %e5, %s1\n"
                               "  %a.next = add i32 %s1, %e\n";
const char *const kCount = "  %i.next = add i32 %i, 1\n  %c = icmp ult i32 %i.next, %n\n";

} // namespace

TEST_CASE("The long loop-carried chain comes first") {
  const Outcome outcome = run(std::string(kPhis) + kShortChain +
                              "  %qi = getelementptr i32, ptr %q, i32 %i\n"
                              "  %w = load i32, ptr %qi\n" +
                              kLongChain + kCount);
  CHECK(outcome.marked);
  CHECK(position(outcome, "e1") < position(outcome, "s0"));
  CHECK(position(outcome, "w") < position(outcome, "e3"));
}

TEST_CASE("Loads and stores keep their order") {
  // The long chain needs %w, loaded after a store that may write the same bytes: the store and
  // what it stores come first, whatever the chains' lengths.
  const Outcome outcome = run(std::string(kPhis) + kShortChain +
                              "  %pi = getelementptr i32, ptr %p, i32 %i\n"
                              "  store i32 %s1, ptr %pi\n"
                              "  %qi = getelementptr i32, ptr %q, i32 %i\n"
                              "  %w = load i32, ptr %qi\n"
                              "  %v = load i32, ptr %p\n" +
                              kLongChain + "  %x = add i32 %v, %e.next\n" + kCount);
  CHECK(position(outcome, "store") < position(outcome, "w"));
  CHECK(position(outcome, "w") < position(outcome, "v"));
}

TEST_CASE("Loops whose recurrences are short keep their order") {
  // A copy with arithmetic on each element: only the counter is carried.
  const std::string body = "  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]\n"
                           "  %pi = getelementptr i32, ptr %p, i32 %i\n"
                           "  %x = load i32, ptr %pi\n"
                           "  %y = mul i32 %x, 3\n"
                           "  %z = xor i32 %y, 5\n"
                           "  %u = add i32 %i, 9\n"
                           "  %qi = getelementptr i32, ptr %q, i32 %i\n"
                           "  %t = add i32 %z, %u\n"
                           "  store i32 %t, ptr %qi\n" +
                           std::string(kCount);
  const Outcome outcome = run(body);
  CHECK_FALSE(outcome.marked);
  CHECK(outcome.order ==
        std::vector<std::string>{"pi", "x", "y", "z", "u", "qi", "t", "store", "i.next", "c"});
}
