// ReleaseNaNGuardsPass on hand-written IR: which guards (lower/NaNGuard.h) it removes and which
// it keeps (test/spec/wasmc/nan_identity_folds.wast checks the values).
#include "codegen/WasmPasses.h"
#include "lower/NaNGuard.h"
#include "pass_test_support.h"

#include <catch2/catch.hpp>

#include <llvm/IR/InstIterator.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>

#include <memory>
#include <string>
#include <vector>

namespace {

// The fences left after the pass in a function @f(float %x, float %y, ptr %p, i1 %c) whose body
// is `body` (guards carry the NaN guard mark, !0), each as "block: operand".
std::vector<std::string> fencesLeft(const std::string &body) {
  const std::string ir = "define float @f(float %x, float %y, ptr %p, i1 %c) {\n" + body +
                         "}\ndeclare float @llvm.arithmetic.fence.f32(float)\n"
                         "declare <4 x float> @llvm.arithmetic.fence.v4f32(<4 x float>)\n"
                         "!0 = !{}\n";
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> module = wasmc::test::parseIR(ir, context);
  llvm::Function &function = *module->getFunction("f");
  wasmc::test::runFunctionPass(wasmc::codegen::ReleaseNaNGuardsPass(), function);
  CHECK_FALSE(llvm::verifyFunction(function));
  std::vector<std::string> fences;
  for (const llvm::Instruction &instruction : llvm::instructions(function)) {
    const auto *call = llvm::dyn_cast<llvm::IntrinsicInst>(&instruction);
    if (!call || call->getIntrinsicID() != llvm::Intrinsic::arithmetic_fence)
      continue;
    std::string operand;
    llvm::raw_string_ostream stream(operand);
    call->getArgOperand(0)->printAsOperand(stream, /*PrintType=*/false);
    fences.push_back(call->getParent()->getName().str() + ": " + operand);
  }
  return fences;
}

size_t guardsLeft(const std::string &body) { return fencesLeft(body).size(); }

const char *const kGuard = "call float @llvm.arithmetic.fence.f32(float ";
const char *const kMark = "), !wasmc.nan-guard !0\n";

std::string guarded(const std::string &name, const std::string &operand) {
  return "  " + name + " = " + kGuard + operand + kMark;
}

} // namespace

TEST_CASE("NaN guards of values that cannot become constants are released") {
  CHECK(guardsLeft("entry:\n  %v = load float, ptr %p\n" + guarded("%g", "%v") +
                   "  %r = fsub float %x, %g\n  ret float %r\n") == 0);
  CHECK(guardsLeft("entry:\n" + guarded("%g", "%y") + "  %r = fmul float %x, %g\n  ret float %r\n") == 0);
}

TEST_CASE("NaN guards of identity constants stay, of other constants go") {
  CHECK(guardsLeft("entry:\n" + guarded("%g", "0.0") + "  %r = fsub float %x, %g\n  ret float %r\n") == 1);
  CHECK(guardsLeft("entry:\n" + guarded("%g", "-1.0") + "  %r = fmul float %x, %g\n  ret float %r\n") == 1);
  // 1 is no identity for an add, nor 0 for a multiplication.
  CHECK(guardsLeft("entry:\n" + guarded("%g", "1.0") + "  %r = fadd float %x, %g\n  ret float %r\n") == 0);
  CHECK(guardsLeft("entry:\n" + guarded("%g", "0.0") + "  %r = fmul float %x, %g\n  ret float %r\n") == 0);
  // Used by both kinds: either identity keeps it.
  CHECK(guardsLeft("entry:\n" + guarded("%g", "1.0") +
                   "  %s = fadd float %x, %g\n  %r = fmul float %s, %g\n  ret float %r\n") == 1);
}

TEST_CASE("NaN guards of phis and selects move onto their identity constants") {
  using Fences = std::vector<std::string>;
  CHECK(fencesLeft("entry:\n  br i1 %c, label %a, label %b\na:\n  br label %b\n"
                   "b:\n  %v = phi float [ 1.0, %entry ], [ %y, %a ]\n" +
                   guarded("%g", "%v") + "  %r = fmul float %x, %g\n  ret float %r\n") ==
        Fences{"entry: 1.000000e+00"});
  CHECK(fencesLeft("entry:\n  %v = select i1 %c, float %y, float -0.0\n" + guarded("%g", "%v") +
                   "  %r = fadd float %x, %g\n  ret float %r\n") == Fences{"entry: -0.000000e+00"});
  CHECK(guardsLeft("entry:\n  %v = select i1 %c, float %y, float 2.0\n" + guarded("%g", "%v") +
                   "  %r = fadd float %x, %g\n  ret float %r\n") == 0);
  // A loop-carried value that starts at 1: the guard leaves the loop for the block before it.
  CHECK(fencesLeft("entry:\n  br label %loop\nloop:\n  %v = phi float [ 1.0, %entry ], [ %r, %loop ]\n" +
                   guarded("%g", "%v") + "  %r = fmul float %x, %g\n  br i1 %c, label %loop, label %exit\n"
                   "exit:\n  ret float %r\n") == Fences{"entry: 1.000000e+00"});
  // A block named twice (a switch) gets one guard for both of its entries.
  CHECK(fencesLeft("entry:\n  switch i1 %c, label %b [ i1 true, label %b ]\n"
                   "b:\n  %v = phi float [ 0.0, %entry ], [ 0.0, %entry ]\n" +
                   guarded("%g", "%v") + "  %r = fsub float %x, %g\n  ret float %r\n") ==
        Fences{"entry: 0.000000e+00"});
  // An identity that comes from further away (a phi of a phi) keeps the guard where it is.
  CHECK(fencesLeft("entry:\n  br i1 %c, label %a, label %b\na:\n  br label %b\n"
                   "b:\n  %u = phi float [ 0.0, %entry ], [ %y, %a ]\n  br label %d\n"
                   "d:\n  %v = phi float [ %u, %b ]\n" + guarded("%g", "%v") +
                   "  %r = fsub float %x, %g\n  ret float %r\n") == Fences{"d: %v"});
}

TEST_CASE("Fences without the guard mark are left alone") {
  CHECK(guardsLeft("entry:\n  %v = load float, ptr %p\n  %g = call float @llvm.arithmetic.fence.f32(float %v)\n"
                   "  %r = fsub float %x, %g\n  ret float %r\n") == 1);
}

TEST_CASE("NaN guards of vector lanes") {
  const std::string vectorGuard = "call <4 x float> @llvm.arithmetic.fence.v4f32(<4 x float> ";
  auto vectorBody = [&](const std::string &constant) {
    return "entry:\n  %g = " + vectorGuard + "<float 2.0, float " + constant + ", float 3.0, float 4.0>" +
           kMark + "  %v = insertelement <4 x float> undef, float %x, i32 0\n"
           "  %m = fmul <4 x float> %v, %g\n  %r = extractelement <4 x float> %m, i32 0\n  ret float %r\n";
  };
  CHECK(guardsLeft(vectorBody("1.0")) == 1);
  CHECK(guardsLeft(vectorBody("5.0")) == 0);
}

TEST_CASE("Guards are made for operands that are not constants or float arithmetic") {
  llvm::LLVMContext context;
  llvm::Module module("m", context);
  auto *type = llvm::FunctionType::get(llvm::Type::getFloatTy(context),
                                       {llvm::Type::getFloatTy(context)}, false);
  auto *function = llvm::Function::Create(type, llvm::Function::ExternalLinkage, "f", module);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(context, "entry", function));
  llvm::Value *argument = function->getArg(0);
  llvm::Value *guard = wasmc::lower::guardAgainstIdentityFold(b, argument);
  REQUIRE(guard != argument);
  CHECK(wasmc::lower::isNaNGuard(*llvm::cast<llvm::Instruction>(guard)));
  // Once guarded, not again; a sum of guarded operands needs none; nor does a constant.
  CHECK(wasmc::lower::guardAgainstIdentityFold(b, guard) == guard);
  llvm::Value *sum = b.CreateFAdd(guard, guard);
  CHECK(wasmc::lower::guardAgainstIdentityFold(b, sum) == sum);
  llvm::Value *one = llvm::ConstantFP::get(llvm::Type::getFloatTy(context), 1.0);
  CHECK(wasmc::lower::guardAgainstIdentityFold(b, one) == one);
}
