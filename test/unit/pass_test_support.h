// Running one of wasmc's function passes (codegen/WasmPasses.h) on hand-written IR.
#pragma once

#include <catch2/catch.hpp>

#include <llvm/AsmParser/Parser.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/raw_ostream.h>

#include <memory>
#include <string>

namespace wasmc::test {

// The module `ir` parses to; the test fails (showing the parser's message) if it does not.
inline std::unique_ptr<llvm::Module> parseIR(const std::string &ir, llvm::LLVMContext &context) {
  llvm::SMDiagnostic error;
  std::unique_ptr<llvm::Module> module = llvm::parseAssemblyString(ir, error, context);
  if (!module) {
    std::string message;
    llvm::raw_string_ostream stream(message);
    error.print("ir", stream);
    FAIL(message << "\n" << ir);
  }
  return module;
}

// Runs `pass` on `function` with LLVM's analyses registered as in an -O2 pipeline.
template <typename Pass> void runFunctionPass(Pass pass, llvm::Function &function) {
  llvm::PassBuilder builder;
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager cgsccs;
  llvm::ModuleAnalysisManager modules;
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(cgsccs);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, cgsccs, modules);
  pass.run(function, functions);
}

} // namespace wasmc::test
