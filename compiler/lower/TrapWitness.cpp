#include "lower/TrapWitness.h"

#include <llvm/IR/InlineAsm.h>
#include <llvm/IR/Module.h>
#include <llvm/TargetParser/Triple.h>

namespace wasmc::lower {

namespace {

// Witnesses and barriers read all memory, as the trap handler's observer does: what was written
// before a fault must stay written (DSE would otherwise delete a store that a later one overwrites
// across a fault, and LICM sink one past it). They write nothing, so loads still merge and move
// around them (a witness that wrote even inaccessible memory stopped EarlyCSE from merging loads
// and made GVN quadratic on 30,000 nested ifs), and a barrier after a store in a loop is not
// loop-invariant, so LICM leaves it in the loop.
const llvm::MemoryEffects kTrapMarkEffects = llvm::MemoryEffects::readOnly();

// The register class constraint for `type`, or "" where the target has no such register and
// the value is passed as integer pieces instead.
std::string registerConstraint(llvm::Type *type, const llvm::Triple &triple) {
  if (type->isIntegerTy() || type->isPointerTy())
    return "r";
  if (triple.isX86())
    return "x";
  if (triple.isAArch64())
    return "w";
  if (type->isFloatingPointTy())
    return "f"; // RISC-V: F/D registers; v128 goes as two 64-bit integers
  return "";
}

} // namespace

void addTrapWitness(llvm::IRBuilder<> &b, const llvm::Triple &triple, llvm::LoadInst *load) {
  std::vector<llvm::Value *> operands;
  std::string constraints;
  llvm::Value *value = load;
  // A 64-bit vector (the load of v128.load8x8_s and its kin) travels as a double, which every
  // target keeps in a vector or float register.
  if (value->getType()->isVectorTy() && value->getType()->getPrimitiveSizeInBits() == 64)
    value = b.CreateBitCast(value, b.getDoubleTy());
  const std::string constraint = registerConstraint(value->getType(), triple);
  if (!constraint.empty()) {
    operands.push_back(value);
    constraints = constraint;
  } else {
    const unsigned bits = unsigned(value->getType()->getPrimitiveSizeInBits().getFixedValue());
    llvm::Value *pieces =
        b.CreateBitCast(value, llvm::FixedVectorType::get(b.getInt64Ty(), bits / 64));
    for (unsigned i = 0; i < bits / 64; ++i) {
      operands.push_back(b.CreateExtractElement(pieces, i));
      constraints += constraints.empty() ? "r" : ",r";
    }
  }
  std::vector<llvm::Type *> types;
  for (llvm::Value *operand : operands)
    types.push_back(operand->getType());
  auto *asmType = llvm::FunctionType::get(b.getVoidTy(), types, false);
  llvm::CallInst *witness =
      b.CreateCall(llvm::InlineAsm::get(asmType, "", constraints, /*hasSideEffects=*/true), operands);
  witness->addFnAttr(llvm::Attribute::NoUnwind);
  witness->addFnAttr(llvm::Attribute::getWithMemoryEffects(b.getContext(), kTrapMarkEffects));
}

void addTrapBarrier(llvm::IRBuilder<> &b, const llvm::Triple &triple) {
  // AArch64's load/store pair optimiser moves a store past inline asm that is not marked as
  // writing memory, to pair it with a later store (`stp`), and so past the later store's fault:
  // there the barrier clobbers memory as machine code (the IR's view stays read-only, above).
  const char *constraints = triple.isX86() ? "" : "~{memory}";
  auto *asmType = llvm::FunctionType::get(b.getVoidTy(), {}, false);
  llvm::CallInst *barrier =
      b.CreateCall(llvm::InlineAsm::get(asmType, "", constraints, /*hasSideEffects=*/true), {});
  barrier->addFnAttr(llvm::Attribute::NoUnwind);
  barrier->addFnAttr(llvm::Attribute::getWithMemoryEffects(b.getContext(), kTrapMarkEffects));
}

namespace {

bool isEmptyInlineAsm(const llvm::Instruction &instruction) {
  const auto *call = llvm::dyn_cast<llvm::CallInst>(&instruction);
  if (!call || !call->isInlineAsm())
    return false;
  const auto *code = llvm::cast<llvm::InlineAsm>(call->getCalledOperand());
  return code->getAsmString().empty() && code->hasSideEffects();
}

} // namespace

bool isTrapWitness(const llvm::Instruction &instruction) {
  return isEmptyInlineAsm(instruction) && llvm::cast<llvm::CallInst>(instruction).arg_size() > 0;
}

bool isTrapBarrier(const llvm::Instruction &instruction) {
  return isEmptyInlineAsm(instruction) && llvm::cast<llvm::CallInst>(instruction).arg_size() == 0;
}

llvm::Value *witnessedValue(const llvm::CallInst &witness) { return witness.getArgOperand(0); }

void keepTrapsForFastSelection(llvm::Function &function) {
  llvm::SmallVector<llvm::CallInst *, 64> marks;
  for (llvm::BasicBlock &block : function)
    for (llvm::Instruction &instruction : block)
      if (isEmptyInlineAsm(instruction))
        marks.push_back(llvm::cast<llvm::CallInst>(&instruction));
  for (llvm::CallInst *mark : marks) {
    if (mark->arg_size() == 1) {
      llvm::Value *value = witnessedValue(*mark);
      auto *cast = llvm::dyn_cast<llvm::BitCastInst>(value);
      if (auto *load = llvm::dyn_cast<llvm::LoadInst>(cast ? cast->getOperand(0) : value);
          load && load->isSimple()) {
        load->setVolatile(true);
        mark->eraseFromParent();
        if (cast && cast->use_empty())
          cast->eraseFromParent();
        continue;
      }
    }
    mark->removeFnAttr(llvm::Attribute::Memory);
  }
}

} // namespace wasmc::lower
