#include "lower/ConstExpr.h"

namespace wasmc::lower {

using binary::Opcode;

llvm::Constant *v128Constant(ModuleEnv &env, const uint8_t bytes[16]) {
  uint32_t lanes[4];
  for (int lane = 0; lane < 4; ++lane)
    lanes[lane] = uint32_t(bytes[4 * lane]) | uint32_t(bytes[4 * lane + 1]) << 8 |
                  uint32_t(bytes[4 * lane + 2]) << 16 | uint32_t(bytes[4 * lane + 3]) << 24;
  return llvm::ConstantDataVector::get(env.context(), llvm::ArrayRef<uint32_t>(lanes, 4));
}

llvm::Value *lowerConstExpr(ModuleEnv &env, llvm::IRBuilder<> &b, llvm::Value *ctx,
                            const binary::ConstExpr &expr) {
  std::vector<llvm::Value *> stack;
  auto pop = [&] {
    llvm::Value *value = stack.back();
    stack.pop_back();
    return value;
  };
  for (const binary::Instruction &instruction : expr.instructions) {
    switch (instruction.op) {
    case Opcode::I32Const: stack.push_back(b.getInt32(uint32_t(instruction.value.i32))); break;
    case Opcode::I64Const: stack.push_back(b.getInt64(uint64_t(instruction.value.i64))); break;
    case Opcode::F32Const:
      stack.push_back(b.CreateBitCast(b.getInt32(instruction.value.f32Bits), env.f32()));
      break;
    case Opcode::F64Const:
      stack.push_back(b.CreateBitCast(b.getInt64(instruction.value.f64Bits), env.f64()));
      break;
    case Opcode::V128Const: stack.push_back(v128Constant(env, instruction.bytes)); break;
    case Opcode::RefNull: stack.push_back(llvm::ConstantPointerNull::get(env.ptr())); break;
    case Opcode::RefFunc: stack.push_back(env.funcref(b, ctx, instruction.index)); break;
    case Opcode::GlobalGet: {
      const binary::GlobalType &global = env.wasm().globals[instruction.index];
      llvm::LoadInst *value = b.CreateAlignedLoad(
          env.valueType(global.type), env.globalAddress(b, ctx, instruction.index), llvm::Align(16));
      value->setMetadata(llvm::LLVMContext::MD_tbaa, env.tbaaGlobal(instruction.index));
      stack.push_back(value);
      break;
    }
    // Extended constant expressions.
    case Opcode::I32Add: case Opcode::I64Add: { llvm::Value *r = pop(), *l = pop(); stack.push_back(b.CreateAdd(l, r)); break; }
    case Opcode::I32Sub: case Opcode::I64Sub: { llvm::Value *r = pop(), *l = pop(); stack.push_back(b.CreateSub(l, r)); break; }
    case Opcode::I32Mul: case Opcode::I64Mul: { llvm::Value *r = pop(), *l = pop(); stack.push_back(b.CreateMul(l, r)); break; }
    default:
      // The validator admits nothing else.
      llvm::report_fatal_error("wasmc: unexpected operator in a constant expression");
    }
  }
  return stack.back();
}

} // namespace wasmc::lower
