// Structured control flow: every label's state is "each value in its own slot", so a branch
// spills, moves the values it carries into the target's slots, and jumps.
#include "baseline/FunctionCompiler.h"

#include "wasmc/abi.h"

namespace wasmc::baseline {

using binary::Opcode;

void FunctionCompiler::blockSignature(const binary::BlockType &type, std::vector<ValType> &params,
                                      std::vector<ValType> &results) const {
  params.clear();
  results.clear();
  if (type.kind == binary::BlockType::Kind::Value) {
    results.push_back(type.value);
  } else if (type.kind == binary::BlockType::Kind::TypeIndex) {
    params = module_.types[type.typeIndex].params;
    results = module_.types[type.typeIndex].results;
  }
}

void FunctionCompiler::moveBranchValues(const Control &target) {
  const size_t arity = target.branchArity();
  const size_t from = stack_.size() - arity;
  if (from == target.height || arity == 0)
    return;
  const Reg scratch = allocate();
  for (size_t k = 0; k < arity; ++k) {
    a_.load(Width::W64, scratch, stackSlot(from + k));
    a_.store(Width::W64, stackSlot(target.height + k), scratch);
  }
  release(scratch);
}

void FunctionCompiler::moveSlots(size_t from, size_t to, size_t count) {
  if (from == to || count == 0)
    return;
  const Reg scratch = allocate();
  for (size_t k = 0; k < count; ++k) { // downwards or to a disjoint range: in order is safe
    a_.load(Width::W64, scratch, stackSlot(from + k));
    a_.store(Width::W64, stackSlot(to + k), scratch);
  }
  release(scratch);
}

Cond FunctionCompiler::popBranchCondition() {
  if (const std::optional<Cond> fused = popFusedCondition())
    return *fused;
  bool owned = false;
  const Reg condition = popToReadable(owned);
  a_.test(Width::W32, condition, condition);
  if (owned)
    release(condition);
  return Cond::ne;
}

void FunctionCompiler::branch(uint32_t depth) {
  const Control &target = control_[control_.size() - 1 - depth];
  spillAll();
  moveBranchValues(target);
  a_.jmp(target.label);
}

void FunctionCompiler::enterUnreachable() {
  unreachable_ = true;
  unreachableDepth_ = 0;
  dropAbove(control_.back().height);
}

void FunctionCompiler::endControl() {
  Control frame = control_.back();
  // The function's single result, when the end is reached by falling through, goes straight to
  // its return register (emitEpilogue); branches to the end still leave it in its slot.
  if (frame.kind == Control::Kind::Function && !unreachable_ && type_.results.size() == 1) {
    const Value result = pop();
    if (isFloat(result.type))
      materializeXmm(result, Xmm::xmm0);
    else
      materialize(result, Reg::rax);
    releaseValue(result);
    resultInRegister_ = true;
    if (a_.hasUses(returnLabel_)) {
      fallthroughExit_ = a_.newLabel();
      a_.jmp(fallthroughExit_);
    }
    unreachable_ = true;
  }
  if (!unreachable_)
    spillAll();
  if (frame.kind == Control::Kind::If && !frame.elseSeen)
    a_.bind(frame.elseLabel);
  if (frame.kind != Control::Kind::Loop)
    a_.bind(frame.label);
  if (frame.keptParams) {
    frame.height -= frame.keptParams;
    moveSlots(frame.height + frame.keptParams, frame.height, frame.results.size());
  }
  resetTo(frame.height, frame.results);
  unreachable_ = false;
  control_.pop_back();
}

bool FunctionCompiler::compileControl(const Instruction &instruction) {
  switch (instruction.op) {
  case Opcode::Nop:
    return true;
  case Opcode::Block:
  case Opcode::Loop: {
    Control frame;
    frame.kind = instruction.op == Opcode::Loop ? Control::Kind::Loop : Control::Kind::Block;
    blockSignature(instruction.blockType, frame.params, frame.results);
    spillAll();
    frame.height = stack_.size() - frame.params.size();
    frame.label = a_.newLabel();
    if (frame.kind == Control::Kind::Loop)
      a_.bind(frame.label);
    control_.push_back(std::move(frame));
    return true;
  }
  case Opcode::If: {
    Control frame;
    frame.kind = Control::Kind::If;
    blockSignature(instruction.blockType, frame.params, frame.results);
    const Cond taken = popBranchCondition();
    spillAll(); // moves only: the flags stay
    // With parameters: the originals stay below the frame for the else branch, and the then
    // branch starts with copies.
    frame.keptParams = frame.params.size();
    if (frame.keptParams) {
      const size_t first = stack_.size() - frame.keptParams;
      moveSlots(first, stack_.size(), frame.keptParams);
      for (const ValType &param : frame.params)
        stack_.push_back(Value{Value::Loc::Slot, param.kind, Reg::rax, 0});
      maxStack_ = std::max(maxStack_, stack_.size());
    }
    frame.height = stack_.size() - frame.params.size();
    frame.label = a_.newLabel();
    frame.elseLabel = a_.newLabel();
    a_.jcc(negate(taken), frame.elseLabel);
    control_.push_back(std::move(frame));
    return true;
  }
  case Opcode::Else: {
    Control &frame = control_.back();
    if (!unreachable_) {
      spillAll();
      a_.jmp(frame.label);
    }
    a_.bind(frame.elseLabel);
    frame.elseSeen = true;
    if (frame.keptParams)
      moveSlots(frame.height - frame.keptParams, frame.height, frame.keptParams);
    resetTo(frame.height, frame.params);
    unreachable_ = false;
    return true;
  }
  case Opcode::End:
    endControl();
    return true;
  case Opcode::Br:
    branch(instruction.index);
    enterUnreachable();
    return true;
  case Opcode::BrIf: {
    const Cond taken = popBranchCondition();
    spillAll(); // moves only: the flags stay
    const Control &target = control_[control_.size() - 1 - instruction.index];
    const size_t arity = target.branchArity();
    if (arity == 0 || stack_.size() - arity == target.height) {
      a_.jcc(taken, target.label);
    } else {
      const Label skip = a_.newLabel();
      a_.jcc(negate(taken), skip);
      moveBranchValues(target);
      a_.jmp(target.label);
      a_.bind(skip);
    }
    return true;
  }
  case Opcode::BrTable: {
    const std::vector<uint32_t> &targets = *instruction.brTableTargets; // the default last
    const Reg index = popToReg();
    spillAll();
    // Where each depth's branch enters: its label, or a stub that moves the values first.
    std::vector<std::pair<uint32_t, Label>> entries;
    auto entryOf = [&](uint32_t depth) {
      for (const auto &[known, label] : entries)
        if (known == depth)
          return label;
      const Control &target = control_[control_.size() - 1 - depth];
      const size_t arity = target.branchArity();
      const bool moves = arity != 0 && stack_.size() - arity != target.height;
      entries.emplace_back(depth, moves ? a_.newLabel() : target.label);
      return entries.back().second;
    };
    const uint32_t count = uint32_t(targets.size() - 1);
    const Reg table = allocate();
    a_.mov(Width::W32, index, index); // indexes the jump table: zero-extended, whatever came
    a_.aluImm(Alu::cmp, Width::W32, index, int32_t(count));
    a_.jcc(Cond::ae, entryOf(targets.back()));
    if (count > 0) {
      const Label tableLabel = a_.newLabel();
      a_.leaLabel(table, tableLabel);
      a_.loadSigned(Width::W32, Width::W64, index, mem(table, index, 4));
      a_.alu(Alu::add, Width::W64, table, index);
      a_.jmpReg(table);
      a_.bind(tableLabel);
      for (uint32_t i = 0; i < count; ++i)
        a_.jumpTableEntry(tableLabel, entryOf(targets[i]));
    }
    release(table);
    release(index);
    for (const auto &[depth, label] : entries) {
      const Control &target = control_[control_.size() - 1 - depth];
      if (label.id == target.label.id)
        continue;
      a_.bind(label);
      moveBranchValues(target);
      a_.jmp(target.label);
    }
    enterUnreachable();
    return true;
  }
  case Opcode::Return:
    branch(uint32_t(control_.size() - 1));
    enterUnreachable();
    return true;
  case Opcode::Unreachable:
    a_.jmp(trapLabel(WASMC_TRAP_UNREACHABLE));
    enterUnreachable();
    return true;
  case Opcode::Drop:
    releaseValue(pop());
    return true;
  case Opcode::Select:
  case Opcode::SelectT: {
    const ValType::Kind type = stack_[stack_.size() - 2].type;
    if (type != ValType::Kind::I32 && type != ValType::Kind::I64 && type != ValType::Kind::F32 &&
        type != ValType::Kind::F64)
      return false;
    // A comparison right before is taken as its flags (the operands' moves keep them).
    const std::optional<Cond> fused = popFusedCondition();
    const Reg condition = fused ? Reg::rax : popToReg();
    if (!fused)
      a_.test(Width::W32, condition, condition);
    const Cond takeFirst = fused ? *fused : Cond::ne;
    bool owned = false;
    if (isFloat(type)) { // no cmov for xmm registers: a branch around the move
      const Xmm second = popToReadableXmm(owned);
      const Xmm first = popToXmm();
      const Label keep = a_.newLabel();
      a_.jcc(takeFirst, keep);
      a_.movaps(first, second);
      a_.bind(keep);
      if (owned)
        releaseXmm(second);
      pushXmm(type, first);
    } else {
      const Reg second = popToReadable(owned);
      const Reg first = popToReg();
      a_.cmov(widthOf(type), negate(takeFirst), first, second);
      if (owned)
        release(second);
      push(type, first);
    }
    if (!fused)
      release(condition);
    return true;
  }
  default:
    return false;
  }
}

} // namespace wasmc::baseline
