// A narrow load's trap witness (lower/TrapWitness.h) takes the loaded
// i8/i16/i32 in a register of that width, so instruction selection must keep
// that value apart from the extension the program uses: `movzbl (mem), %r;
// movsbl %rb, %r2` instead of one `movsbl (mem), %r2` (base64's table lookups,
// `DEC[(uint8_t)in[i]]`, pay two instructions for one). At the end of the
// pipeline, when no pass looks at witnesses any more (ReleaseTrapWitnessesPass,
// LoopAddressWideningPass expect the load itself), the witness takes the
// extension instead. It depends on every bit of the load, so the load can still
// be neither deleted nor narrowed, and stays where it was.
#include "codegen/WasmPasses.h"
#include "lower/ModuleEnv.h"
#include "lower/TrapWitness.h"

#include <llvm/IR/InlineAsm.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Instructions.h>

namespace wasmc::codegen {

namespace {

// An extension of `load` in the load's block that the program uses, or null.
llvm::CastInst *extensionOf(llvm::LoadInst &load) {
  for (llvm::User *user : load.users()) {
    auto *cast = llvm::dyn_cast<llvm::CastInst>(user);
    if (cast && (llvm::isa<llvm::ZExtInst>(cast) || llvm::isa<llvm::SExtInst>(cast)) &&
        cast->getParent() == load.getParent())
      return cast;
  }
  return nullptr;
}

} // namespace

llvm::PreservedAnalyses WitnessExtendedLoadsPass::run(llvm::Function &function,
                                                      llvm::FunctionAnalysisManager &) {
  if (!function.hasFnAttribute(lower::kWasmFunctionAttribute))
    return llvm::PreservedAnalyses::all();
  bool changed = false;
  for (llvm::Instruction &instruction : llvm::instructions(function)) {
    if (!lower::isTrapWitness(instruction))
      continue;
    auto &witness = llvm::cast<llvm::CallInst>(instruction);
    auto *load = llvm::dyn_cast<llvm::LoadInst>(lower::witnessedValue(witness));
    if (!load || !load->getType()->isIntegerTy() || witness.getParent() != load->getParent())
      continue;
    llvm::CastInst *extension = extensionOf(*load);
    if (!extension)
      continue;
    // A copy right after the load, so that it comes before the witness; the DAG
    // merges it with the program's.
    llvm::Instruction *copy = extension->clone();
    copy->insertAfter(load);
    copy->setName(load->getName() + ".witnessed");
    // The inline asm's type changes with its operand's.
    auto *code = llvm::cast<llvm::InlineAsm>(witness.getCalledOperand());
    auto *type = llvm::FunctionType::get(witness.getType(), {copy->getType()}, false);
    witness.setCalledFunction(type, llvm::InlineAsm::get(type, code->getAsmString(),
                                                         code->getConstraintString(),
                                                         code->hasSideEffects()));
    witness.setArgOperand(0, copy);
    changed = true;
  }
  return preservedUnlessChanged(changed);
}

} // namespace wasmc::codegen
