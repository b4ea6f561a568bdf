#include "baseline/FunctionCompiler.h"

#include "baseline/Arguments.h"

#include "binary/OperatorReader.h"
#include "wasmc/abi.h"

#include <algorithm>

namespace wasmc::baseline {

namespace {

// Registers that hold operands: all caller-saved, so a call needs no saves of its own beyond the
// spills at every call. r14 holds ctx and r15 memory 0's base (callee-saved, pushed once).
constexpr Reg kAllocatable[] = {Reg::rax, Reg::rcx, Reg::rdx, Reg::rsi, Reg::rdi,
                                Reg::r8,  Reg::r9,  Reg::r10, Reg::r11};
// Floats' registers: xmm0 and xmm1 are the scratch registers of the float lowering (and where
// calls take and return floats), xmm8-xmm15 the locals' (LocalRegisters.h).
constexpr Xmm kAllocatableXmm[] = {Xmm::xmm2, Xmm::xmm3, Xmm::xmm4, Xmm::xmm5, Xmm::xmm6,
                                   Xmm::xmm7};
// The largest frame: its offsets stay far from 32-bit overflow.
constexpr size_t kMaxFrameSlots = size_t(1) << 24;

uint32_t bit(Reg reg) { return 1u << unsigned(reg); }

} // namespace

FunctionCompiler::FunctionCompiler(const CompileContext &context, uint32_t functionIndex)
    : context_(context), module_(context.module), functionIndex_(functionIndex),
      type_(context.module.functionType(functionIndex)) {}

Width FunctionCompiler::widthOf(ValType::Kind type) {
  return type == ValType::Kind::I64 || type == ValType::Kind::F64 ? Width::W64 : Width::W32;
}

// ---- Frame ----
//
//   [rbp + 8]   return address          [rbp - 8 - 8*k]  ... locals, then the results pointer,
//   [rbp]       caller's rbp                               then a slot per value-stack position
//   [rbp - 8]   r14, [rbp - 16] r15      [rsp ...]        results of callees with several
//   [rbp - 24 ...] the callee-saved registers of locals (LocalRegisters.h)

Mem FunctionCompiler::localSlot(uint32_t local) const {
  return mem(Reg::rbp, -savedBytes_ - 8 * int32_t(local + 1));
}
Mem FunctionCompiler::resultsPointerSlot() const { return localSlot(uint32_t(localTypes_.size())); }
Mem FunctionCompiler::stackSlot(size_t position) const {
  return localSlot(uint32_t(localTypes_.size() + 1 + position));
}

void FunctionCompiler::emitPrologue() {
  a_.push(Reg::rbp);
  cfi_.push_back({CfiRule::Kind::DefCfaOffset, a_.size(), 0, 16});
  cfi_.push_back({CfiRule::Kind::Offset, a_.size(), dwarfRegister(Reg::rbp), -16});
  a_.mov(Width::W64, Reg::rbp, Reg::rsp);
  cfi_.push_back({CfiRule::Kind::DefCfaRegister, a_.size(), dwarfRegister(Reg::rbp), 0});
  a_.push(Reg::r14);
  cfi_.push_back({CfiRule::Kind::Offset, a_.size(), dwarfRegister(Reg::r14), -24});
  a_.push(Reg::r15);
  cfi_.push_back({CfiRule::Kind::Offset, a_.size(), dwarfRegister(Reg::r15), -32});
  savedBytes_ = 16;
  for (Reg reg : locals_.calleeSaved) {
    a_.push(reg);
    savedBytes_ += 8;
    cfi_.push_back({CfiRule::Kind::Offset, a_.size(), dwarfRegister(reg), -16 - savedBytes_});
  }
  // sub rsp, imm32: the frame's size is known at the end.
  a_.aluImm(Alu::sub, Width::W64, Reg::rsp, 0x10000000);
  frameSizeOffset_ = a_.size() - 4;
  // The stack check, before anything is written to the frame (so a frame of any size is safe):
  // below the thread's limit, raise "call stack exhausted" by a fault (abi.h).
  a_.loadTlsOffset(Reg::rax, WASMC_RT_STACK_LIMIT);
  Mem limit = mem(Reg::rax);
  limit.fs = true;
  a_.aluRegMem(Alu::cmp, Width::W64, Reg::rsp, limit);
  stackExhausted_ = a_.newLabel();
  a_.jcc(Cond::b, stackExhausted_);
  a_.mov(Width::W64, Reg::r14, Reg::rdi);
  if (!module_.memories.empty())
    a_.load(Width::W64, Reg::r15, mem(Reg::r14, WASMC_INSTANCE_MEMORY_BASE));

  // Parameters into their locals: from registers, and from the spill area first thing, before
  // any call can overwrite it.
  const ArgumentLocations arguments = argumentLocations(type_);
  if (arguments.hasResultsPointer)
    a_.store(Width::W64, resultsPointerSlot(), Reg::rsi);
  if (arguments.anySpilled)
    a_.loadTlsOffset(Reg::rax, WASMC_RT_SPILLED_ARGS);
  for (uint32_t i = 0; i < type_.params.size(); ++i) {
    const ValType::Kind kind = type_.params[i].kind;
    const ArgumentLocation &location = arguments.params[i];
    const bool toRegister = inRegister(i);
    const Reg local = Reg(locals_.reg[i]);
    switch (location.kind) {
    case ArgumentLocation::Kind::General:
      if (toRegister)
        a_.mov(widthOf(kind), local, location.reg); // an i32's upper half cleared
      else
        a_.store(widthOf(kind), localSlot(i), location.reg);
      break;
    case ArgumentLocation::Kind::Vector:
      if (toRegister)
        a_.movaps(Xmm(locals_.reg[i]), location.xmm);
      else
        a_.storeXmm(kind == ValType::Kind::F64, localSlot(i), location.xmm);
      break;
    case ArgumentLocation::Kind::Spilled: {
      Mem spilled = mem(Reg::rax, location.spillOffset);
      spilled.fs = true;
      if (toRegister && isFloat(kind)) {
        a_.loadXmm(kind == ValType::Kind::F64, Xmm(locals_.reg[i]), spilled);
      } else if (toRegister) {
        a_.load(widthOf(kind), local, spilled);
      } else {
        a_.load(widthOf(kind), Reg::rdi, spilled); // ctx is in r14 already
        a_.store(widthOf(kind), localSlot(i), Reg::rdi);
      }
      break;
    }
    }
  }
  const uint32_t declared = uint32_t(localTypes_.size() - type_.params.size());
  for (uint32_t i = uint32_t(type_.params.size()); i < localTypes_.size(); ++i)
    if (inRegister(i) && isFloat(localTypes_[i].kind))
      a_.xorps(Xmm(locals_.reg[i]), Xmm(locals_.reg[i]));
    else if (inRegister(i))
      a_.alu(Alu::xor_, Width::W32, Reg(locals_.reg[i]), Reg(locals_.reg[i]));
  if (declared <= 8) {
    for (uint32_t i = uint32_t(type_.params.size()); i < localTypes_.size(); ++i)
      if (!inRegister(i))
        a_.storeImm(Width::W64, localSlot(i), 0);
  } else {
    a_.alu(Alu::xor_, Width::W32, Reg::rax, Reg::rax);
    a_.lea(Reg::rdi, localSlot(uint32_t(localTypes_.size() - 1)));
    a_.movImm(Reg::rcx, declared, false);
    a_.repStosq();
  }
}

void FunctionCompiler::emitEpilogue() {
  // returnLabel_ is bound: the results are in the first value-stack slots (or a single one in
  // its register, from the fall-through end: then branches to returnLabel_, if any, load it).
  const bool branchesReturn = a_.hasUses(returnLabel_);
  if (type_.results.size() == 1 && (!resultInRegister_ || branchesReturn)) {
    const ValType::Kind kind = type_.results[0].kind;
    if (kind == ValType::Kind::F32 || kind == ValType::Kind::F64)
      a_.loadXmm(kind == ValType::Kind::F64, Xmm::xmm0, stackSlot(0));
    else
      a_.load(widthOf(kind), Reg::rax, stackSlot(0));
    if (resultInRegister_)
      a_.bind(fallthroughExit_);
  } else if (type_.results.size() > 1) {
    a_.load(Width::W64, Reg::rcx, resultsPointerSlot());
    uint32_t offset = 0;
    for (size_t i = 0; i < type_.results.size(); ++i) {
      const Width width = widthOf(type_.results[i].kind);
      offset = (offset + uint32_t(width) - 1) & ~(uint32_t(width) - 1);
      a_.load(width, Reg::rax, stackSlot(i));
      a_.store(width, mem(Reg::rcx, int32_t(offset)), Reg::rax);
      offset += uint32_t(width);
    }
  }
  a_.lea(Reg::rsp, mem(Reg::rbp, -savedBytes_));
  for (auto reg = locals_.calleeSaved.rbegin(); reg != locals_.calleeSaved.rend(); ++reg)
    a_.pop(*reg);
  a_.pop(Reg::r15);
  a_.pop(Reg::r14);
  a_.pop(Reg::rbp);
  cfi_.push_back({CfiRule::Kind::DefCfa, a_.size(), dwarfRegister(Reg::rsp), 8});
  a_.ret();
  // What follows runs inside the frame again.
  cfi_.push_back({CfiRule::Kind::DefCfa, a_.size(), dwarfRegister(Reg::rbp), 16});
}

void FunctionCompiler::emitOutOfLineTraps() {
  for (const auto &[code, label] : traps_) {
    a_.bind(label);
    a_.movImm(Reg::rdi, uint32_t(code), false);
    a_.call(WASMC_RT_TRAP);
  }
  a_.bind(stackExhausted_);
  a_.movImm(Reg::rax, WASMC_STACK_EXHAUSTED_ADDRESS, false);
  a_.load(Width::W8, Reg::rax, mem(Reg::rax));
  a_.movImm(Reg::rdi, WASMC_TRAP_CALL_STACK_EXHAUSTED, false);
  a_.call(WASMC_RT_TRAP);
}

Label FunctionCompiler::constantLabel(uint64_t bits) {
  // The same constant's entry again, among the last few (a linear search stays cheap).
  const size_t from = constants_.size() > 16 ? constants_.size() - 16 : 0;
  for (size_t i = from; i < constants_.size(); ++i)
    if (constants_[i].first == bits)
      return constants_[i].second;
  constants_.emplace_back(bits, a_.newLabel());
  return constants_.back().second;
}

Label FunctionCompiler::trapLabel(int32_t code) {
  for (const auto &[existing, label] : traps_)
    if (existing == code)
      return label;
  traps_.emplace_back(code, a_.newLabel());
  return traps_.back().second;
}

// ---- Value stack ----

Reg FunctionCompiler::allocate(uint32_t exclude) {
  for (Reg reg : kAllocatable)
    if (!used_[unsigned(reg)] && !(exclude & bit(reg))) {
      used_[unsigned(reg)] = true;
      return reg;
    }
  // None free: spill the oldest entry in an acceptable register.
  for (size_t i = 0; i < stack_.size(); ++i) {
    const Value &value = stack_[i];
    if (value.loc == Value::Loc::Register && !isFloat(value.type) &&
        !(exclude & bit(value.reg))) {
      const Reg reg = value.reg;
      spill(i);
      used_[unsigned(reg)] = true;
      return reg;
    }
  }
  failed_ = true; // every register held by the instruction itself: cannot happen
  return Reg::rax;
}

Xmm FunctionCompiler::allocateXmm() {
  for (Xmm xmm : kAllocatableXmm)
    if (!usedXmm_[unsigned(xmm)]) {
      usedXmm_[unsigned(xmm)] = true;
      return xmm;
    }
  for (size_t i = 0; i < stack_.size(); ++i) {
    const Value &value = stack_[i];
    if (value.loc == Value::Loc::Register && isFloat(value.type)) {
      const Xmm xmm = Xmm(value.reg);
      spill(i);
      usedXmm_[unsigned(xmm)] = true;
      return xmm;
    }
  }
  failed_ = true;
  return Xmm::xmm2;
}

void FunctionCompiler::release(Reg reg) { used_[unsigned(reg)] = false; }

void FunctionCompiler::releaseValue(const Value &value) {
  if (value.loc != Value::Loc::Register)
    return;
  if (isFloat(value.type))
    releaseXmm(Xmm(value.reg));
  else
    release(value.reg);
}

void FunctionCompiler::reserve(Reg reg) {
  for (Value &value : stack_)
    if (value.loc == Value::Loc::Register && !isFloat(value.type) && value.reg == reg) {
      const Reg other = allocate(bit(reg));
      a_.mov(Width::W64, other, reg);
      value.reg = other;
    }
  used_[unsigned(reg)] = true;
}

void FunctionCompiler::spill(size_t position) {
  Value &value = stack_[position];
  const Mem slot = stackSlot(position);
  if ((value.loc == Value::Loc::Register || value.loc == Value::Loc::Local) &&
      isFloat(value.type)) {
    a_.storeXmm(value.type == ValType::Kind::F64, slot, Xmm(value.reg));
    releaseValue(value);
  } else if (value.loc == Value::Loc::Register || value.loc == Value::Loc::Local) {
    a_.store(widthOf(value.type), slot, value.reg);
    releaseValue(value);
  } else if (value.loc == Value::Loc::Const) {
    if (widthOf(value.type) == Width::W32 || value.bits == int64_t(int32_t(value.bits))) {
      a_.storeImm(widthOf(value.type), slot, int32_t(value.bits));
    } else {
      a_.storeImm(Width::W32, slot, int32_t(uint32_t(value.bits)));
      Mem high = slot;
      high.disp += 4;
      a_.storeImm(Width::W32, high, int32_t(uint32_t(uint64_t(value.bits) >> 32)));
    }
  }
  value.loc = Value::Loc::Slot;
}

void FunctionCompiler::spillAll() {
  for (size_t i = 0; i < stack_.size(); ++i)
    if (stack_[i].loc != Value::Loc::Slot)
      spill(i);
}

void FunctionCompiler::push(ValType::Kind type, Reg reg) {
  used_[unsigned(reg)] = true;
  stack_.push_back(Value{Value::Loc::Register, type, reg, 0});
  maxStack_ = std::max(maxStack_, stack_.size());
}

void FunctionCompiler::pushXmm(ValType::Kind type, Xmm xmm) {
  usedXmm_[unsigned(xmm)] = true;
  stack_.push_back(Value{Value::Loc::Register, type, Reg(xmm), 0});
  maxStack_ = std::max(maxStack_, stack_.size());
}

void FunctionCompiler::pushConst(ValType::Kind type, int64_t bits) {
  stack_.push_back(Value{Value::Loc::Const, type, Reg::rax, bits});
  maxStack_ = std::max(maxStack_, stack_.size());
}

FunctionCompiler::Value FunctionCompiler::pop() {
  Value value = stack_.back();
  stack_.pop_back();
  if (value.loc == Value::Loc::Slot) // remembered by position: the popped slot's address
    value.bits = int64_t(stack_.size());
  return value;
}

void FunctionCompiler::materialize(const Value &value, Reg into) {
  switch (value.loc) {
  case Value::Loc::Const:
    a_.movImm(into, widthOf(value.type) == Width::W64 ? uint64_t(value.bits) : uint32_t(value.bits),
              widthOf(value.type) == Width::W64);
    break;
  case Value::Loc::Slot:
    a_.load(widthOf(value.type), into, stackSlot(size_t(value.bits)));
    break;
  case Value::Loc::Register:
  case Value::Loc::Local:
    if (isFloat(value.type))
      a_.movdFromXmm(widthOf(value.type), into, Xmm(value.reg));
    else if (value.reg != into)
      a_.mov(widthOf(value.type), into, value.reg);
    break;
  }
}

void FunctionCompiler::materializeXmm(const Value &value, Xmm into) {
  const bool isDouble = value.type == ValType::Kind::F64;
  switch (value.loc) {
  case Value::Loc::Const:
    if (value.bits == 0)
      a_.xorps(into, into);
    else
      a_.loadXmmLabel(isDouble, into, constantLabel(uint64_t(value.bits)));
    break;
  case Value::Loc::Slot:
    a_.loadXmm(isDouble, into, stackSlot(size_t(value.bits)));
    break;
  case Value::Loc::Register:
  case Value::Loc::Local:
    if (Xmm(value.reg) != into)
      a_.movaps(into, Xmm(value.reg));
    break;
  }
}

Xmm FunctionCompiler::popToXmm() {
  const Value value = pop();
  if (value.loc == Value::Loc::Register)
    return Xmm(value.reg);
  const Xmm xmm = allocateXmm();
  materializeXmm(value, xmm);
  return xmm;
}

void FunctionCompiler::popFloatIntoXmm0() {
  bool owned = false;
  const Xmm value = popToReadableXmm(owned);
  a_.movaps(Xmm::xmm0, value);
  if (owned)
    releaseXmm(value);
}

Xmm FunctionCompiler::popToReadableXmm(bool &owned) {
  if (stack_.back().loc == Value::Loc::Local) {
    owned = false;
    const Xmm xmm = Xmm(stack_.back().reg);
    stack_.pop_back();
    return xmm;
  }
  owned = true;
  return popToXmm();
}

void FunctionCompiler::spillForCall() {
  spillAll();
  saveCallerSavedLocals();
}

void FunctionCompiler::saveCallerSavedLocals() {
  for (uint32_t local : locals_.callerSaved) {
    const ValType::Kind type = localTypes_[local].kind;
    if (isFloat(type))
      a_.storeXmm(type == ValType::Kind::F64, localSlot(local), Xmm(locals_.reg[local]));
    else
      a_.store(widthOf(type), localSlot(local), Reg(locals_.reg[local]));
  }
}

void FunctionCompiler::reloadAfterCall() {
  for (uint32_t local : locals_.callerSaved) {
    const ValType::Kind type = localTypes_[local].kind;
    if (isFloat(type))
      a_.loadXmm(type == ValType::Kind::F64, Xmm(locals_.reg[local]), localSlot(local));
    else
      a_.load(widthOf(type), Reg(locals_.reg[local]), localSlot(local));
  }
}

Reg FunctionCompiler::popToReg(uint32_t exclude) {
  const Value value = pop();
  if (value.loc == Value::Loc::Register && !isFloat(value.type) && !(exclude & bit(value.reg)))
    return value.reg;
  const Reg reg = allocate(exclude);
  materialize(value, reg);
  releaseValue(value);
  return reg;
}

Reg FunctionCompiler::popToReadable(bool &owned) {
  if (stack_.back().loc == Value::Loc::Local && !isFloat(stack_.back().type)) {
    owned = false;
    const Reg reg = stack_.back().reg;
    stack_.pop_back();
    return reg;
  }
  owned = true;
  return popToReg();
}

void FunctionCompiler::pushLocal(uint32_t local) {
  stack_.push_back(Value{Value::Loc::Local, localTypes_[local].kind, Reg(locals_.reg[local]),
                         int64_t(local)});
  maxStack_ = std::max(maxStack_, stack_.size());
}

void FunctionCompiler::copyLocalEntries(uint32_t local) {
  for (Value &value : stack_)
    if (value.loc == Value::Loc::Local && value.bits == int64_t(local)) {
      if (isFloat(value.type)) {
        const Xmm xmm = allocateXmm();
        a_.movaps(xmm, Xmm(value.reg));
        value.reg = Reg(xmm);
      } else {
        const Reg reg = allocate();
        a_.mov(widthOf(value.type), reg, value.reg);
        value.reg = reg;
      }
      value.loc = Value::Loc::Register;
    }
}

std::optional<uint32_t> FunctionCompiler::nextLocalStore(ValType::Kind type) const {
  const uint64_t offset = reader_->offset();
  const uint8_t *code = module_.at(offset);
  const uint64_t available = codeEnd_ - offset;
  if (available < 2 || (code[0] != 0x21 && code[0] != 0x22)) // local.set, local.tee
    return std::nullopt;
  uint32_t local = 0;
  for (unsigned i = 0; i < 5; ++i) {
    if (1 + i >= available)
      return std::nullopt;
    local |= uint32_t(code[1 + i] & 0x7f) << (7 * i);
    if (!(code[1 + i] & 0x80))
      break;
    if (i == 4)
      return std::nullopt;
  }
  if (local >= localTypes_.size() || !inRegister(local) || localTypes_[local].kind != type)
    return std::nullopt;
  return local;
}

void FunctionCompiler::consumeLocalStore(uint32_t local) {
  Instruction store;
  if (!reader_->next(store)) {
    failed_ = true;
    return;
  }
  storedLocalAt_ = UINT32_MAX;
  if (store.op == binary::Opcode::LocalTee)
    pushLocal(local);
}

void FunctionCompiler::dropAbove(size_t height) {
  while (stack_.size() > height) {
    releaseValue(stack_.back());
    stack_.pop_back();
  }
}

void FunctionCompiler::resetTo(size_t height, const std::vector<ValType> &types) {
  dropAbove(height);
  for (ValType type : types) {
    stack_.push_back(Value{Value::Loc::Slot, type.kind, Reg::rax, 0});
    maxStack_ = std::max(maxStack_, stack_.size());
  }
}

// ---- The function ----

std::optional<CompiledFunction> FunctionCompiler::compile() {
  const binary::FunctionBody &body = module_.bodies[functionIndex_ - module_.numImportedFunctions];
  if (!typeSupported(type_) || body.totalLocals + type_.params.size() > kMaxFrameSlots / 2) {
    refusal_ = "signature";
    return std::nullopt;
  }
  localTypes_ = type_.params;
  for (const binary::LocalGroup &group : body.locals)
    localTypes_.insert(localTypes_.end(), group.count, group.type);
  for (ValType type : localTypes_)
    if (type.kind != ValType::Kind::I32 && type.kind != ValType::Kind::I64 &&
        type.kind != ValType::Kind::F32 && type.kind != ValType::Kind::F64) {
      refusal_ = "local type";
      return std::nullopt;
    }
  if (!assignLocalRegisters(module_, body, localTypes_, /*floatsInXmm=*/true, locals_))
    return std::nullopt;
  // Locals' caller-saved general registers (r10, r11) are out of the value stack's reach.
  for (uint32_t local : locals_.callerSaved)
    if (!isFloat(localTypes_[local].kind))
      used_[unsigned(locals_.reg[local])] = true;

  emitPrologue();
  returnLabel_ = a_.newLabel();
  Control function{Control::Kind::Function, returnLabel_, Label{}, 0, {}, type_.results};
  control_.push_back(function);

  binary::OperatorReader reader(binary::ByteReader(module_.at(body.codeOffset),
                                                   body.codeEnd - body.codeOffset, body.codeOffset));
  reader_ = &reader;
  codeEnd_ = body.codeEnd;
  Instruction instruction;
  while (!control_.empty()) {
    if (!reader.next(instruction))
      return std::nullopt;
    if (unreachable_) {
      switch (instruction.op) {
      case binary::Opcode::Block:
      case binary::Opcode::Loop:
      case binary::Opcode::If:
      case binary::Opcode::Try:
      case binary::Opcode::TryTable:
        ++unreachableDepth_;
        continue;
      case binary::Opcode::End:
        if (unreachableDepth_ > 0) {
          --unreachableDepth_;
          continue;
        }
        break;
      case binary::Opcode::Else:
        if (unreachableDepth_ > 0)
          continue;
        break;
      default:
        continue;
      }
    }
    if (!(compileControl(instruction) || compileVariables(instruction) ||
          compileMemory(instruction) || compileNumeric(instruction) ||
          compileFloat(instruction) || compileFloatRules(instruction) ||
          compileBulkMemory(instruction) || compileCalls(instruction))) {
      refusal_ = std::string(binary::opcodeName(instruction.op));
      return std::nullopt;
    }
    if (failed_ || stack_.size() + localTypes_.size() > kMaxFrameSlots)
      return std::nullopt;
  }
  emitEpilogue();
  emitOutOfLineTraps();
  if (!constants_.empty()) {
    a_.align(8);
    for (const auto &[bits, label] : constants_) {
      a_.bind(label);
      a_.data64(bits); // an f32's bits in the low half
    }
  }
  if (!a_.finish())
    return std::nullopt;
  // rsp 16-aligned at calls: the saved registers and the frame together a multiple of 16.
  uint64_t frame = 8 * (localTypes_.size() + 1 + maxStack_) + outgoingResultsBytes_ + savedBytes_;
  frame = ((frame + 15) & ~uint64_t(15)) - savedBytes_;
  a_.patch32(frameSizeOffset_, uint32_t(frame));

  CompiledFunction compiled;
  compiled.code = a_.code();
  compiled.relocations = a_.relocations();
  compiled.cfi = std::move(cfi_);
  return compiled;
}

} // namespace wasmc::baseline
