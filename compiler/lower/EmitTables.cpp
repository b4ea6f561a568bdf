// Tables and references: table.get/set/size inline with their bounds checks, the other table
// operations through the runtime, elem.drop, and ref.null/is_null/func/as_non_null.
#include "lower/FunctionLowering.h"

namespace wasmc::lower {

llvm::Value *FunctionLowering::tableElementAddress(uint32_t tableIndex, llvm::Value *index,
                                                   wasmc_trap_code outOfBounds) {
  llvm::Value *table = env_.tableObject(b_, ctx_, tableIndex);
  llvm::Value *size = b_.CreateZExt(env_.tableSize(b_, table, tableIndex), index->getType());
  trapIf(b_.CreateICmpUGE(index, size), outOfBounds);
  llvm::Value *elements = env_.tableElements(b_, table, tableIndex);
  return b_.CreateInBoundsGEP(env_.ptr(), elements, b_.CreateZExt(index, env_.i64()));
}

bool FunctionLowering::emitTables(const Instruction &instruction) {
  llvm::Type *i64 = env_.i64();
  auto elementAddress = [&](uint32_t tableIndex, llvm::Value *index) {
    return tableElementAddress(tableIndex, index, WASMC_TRAP_OUT_OF_BOUNDS_TABLE);
  };
  const bool is64 = instruction.index < wasm_.tables.size() &&
                    wasm_.tables[instruction.index].limits.is64;
  // The runtime's table operations take 64-bit operands for every table.
  auto wide = [&](llvm::Value *value) { return b_.CreateZExt(value, i64); };
  auto narrowResult = [&](llvm::Value *value) {
    return is64 ? value : b_.CreateTrunc(value, env_.i32());
  };
  auto runtimeCall = [&](RuntimeFunction function, std::vector<llvm::Value *> args) {
    return callHost(function, args);
  };

  switch (instruction.op) {
  case Opcode::TableGet: {
    llvm::Value *index = pop();
    push(env_.tableElement(b_, elementAddress(instruction.index, index), instruction.index));
    return true;
  }
  case Opcode::TableSet: {
    llvm::Value *value = pop();
    llvm::Value *index = pop();
    auto *store = b_.CreateAlignedStore(value, elementAddress(instruction.index, index), llvm::Align(8));
    store->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaTable());
    return true;
  }
  case Opcode::TableSize: {
    llvm::Value *size =
        env_.tableSize(b_, env_.tableObject(b_, ctx_, instruction.index), instruction.index);
    push(is64 ? wide(size) : size);
    return true;
  }
  case Opcode::TableGrow: {
    llvm::Value *delta = pop();
    llvm::Value *init = pop();
    push(narrowResult(runtimeCall(RuntimeFunction::table_grow,
                                  {ctx_, b_.getInt32(instruction.index), init, wide(delta)})));
    return true;
  }
  case Opcode::TableFill: {
    llvm::Value *count = pop();
    llvm::Value *value = pop();
    llvm::Value *start = pop();
    runtimeCall(RuntimeFunction::table_fill,
                {ctx_, b_.getInt32(instruction.index), wide(start), value, wide(count)});
    return true;
  }
  case Opcode::TableCopy: {
    llvm::Value *count = pop();
    llvm::Value *source = pop();
    llvm::Value *destination = pop();
    runtimeCall(RuntimeFunction::table_copy,
                {ctx_, b_.getInt32(instruction.index), b_.getInt32(instruction.index2),
                 wide(destination), wide(source), wide(count)});
    return true;
  }
  case Opcode::TableInit: {
    llvm::Value *count = pop();
    llvm::Value *source = pop();
    llvm::Value *destination = pop();
    runtimeCall(RuntimeFunction::table_init,
                {ctx_, b_.getInt32(instruction.index2), b_.getInt32(instruction.index),
                 wide(destination), source, count});
    return true;
  }
  case Opcode::ElemDrop: {
    auto *drop = b_.CreateAlignedStore(
        b_.getInt64(0), env_.segmentSizeAddress(b_, ctx_, false, instruction.index), llvm::Align(8));
    drop->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaSegment());
    return true;
  }
  case Opcode::RefNull:
    push(llvm::ConstantPointerNull::get(env_.ptr()));
    return true;
  case Opcode::RefIsNull:
    push(boolToI32(b_.CreateIsNull(pop())));
    return true;
  case Opcode::RefFunc:
    push(env_.funcref(b_, ctx_, instruction.index));
    return true;
  case Opcode::RefAsNonNull: {
    llvm::Value *reference = pop();
    trapIf(b_.CreateIsNull(reference), WASMC_TRAP_NULL_REFERENCE);
    push(reference);
    return true;
  }
  default:
    return false;
  }
}

} // namespace wasmc::lower
