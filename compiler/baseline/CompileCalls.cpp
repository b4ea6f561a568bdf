// Calls in the wasm convention (abi.h; the C convention on x86-64): ctx in rdi, a results
// pointer next when there are several results, integers in the remaining integer argument
// registers, floats in xmm0-7, and the parameters beyond those in the thread-local spill area
// (Arguments.h).
#include "baseline/FunctionCompiler.h"

#include "baseline/Arguments.h"

#include "lower/Lowering.h"
#include "lower/WasiImports.h"
#include "wasmc/abi.h"

namespace wasmc::baseline {

using binary::Opcode;
using K = binary::ValType::Kind;

namespace {

// The byte offsets of a results struct (natural alignment, as LLVM lays out the struct of
// ModuleEnv::resultsType) and its size.
std::vector<uint32_t> resultOffsets(const binary::FuncType &type, uint32_t &size) {
  std::vector<uint32_t> offsets;
  uint32_t offset = 0, alignment = 1;
  for (binary::ValType result : type.results) {
    const uint32_t bytes = result.kind == K::I64 || result.kind == K::F64 ? 8 : 4;
    offset = (offset + bytes - 1) & ~(bytes - 1);
    offsets.push_back(offset);
    offset += bytes;
    alignment = std::max(alignment, bytes);
  }
  size = (offset + alignment - 1) & ~(alignment - 1);
  return offsets;
}

} // namespace

bool FunctionCompiler::typeSupported(const binary::FuncType &type) const {
  if (type.params.size() > WASMC_MAX_PARAMS)
    return false;
  for (binary::ValType param : type.params)
    if (param.kind != K::I32 && param.kind != K::I64 && !isFloat(param.kind))
      return false;
  for (binary::ValType result : type.results)
    if (result.kind != K::I32 && result.kind != K::I64 && !isFloat(result.kind))
      return false;
  return true;
}

template <typename EmitCall>
bool FunctionCompiler::callWithArguments(const binary::FuncType &type, EmitCall emitCall,
                                         bool cStack, bool saved) {
  if (!typeSupported(type))
    return false;
  uint32_t resultsSize = 0;
  const std::vector<uint32_t> offsets = resultOffsets(type, resultsSize);
  const ArgumentLocations arguments = argumentLocations(type);
  const size_t first = stack_.size() - type.params.size();
  // With every argument in a register (the common case), the arguments move from where they are
  // straight to their registers; the values below them go to their slots. Otherwise everything
  // goes through the slots.
  if (!saved && !arguments.anySpilled && !cStack) {
    moveArguments(type, arguments, first);
    if (arguments.hasResultsPointer) {
      a_.lea(Reg::rsi, mem(Reg::rsp));
      outgoingResultsBytes_ = std::max(outgoingResultsBytes_, resultsSize);
    }
    emitCall();
    return afterCall(type, offsets, first);
  }
  if (!saved)
    spillForCall();
  // The spilled parameters go to the thread's spill area right before the call (rax and r11 are
  // no argument registers, and free: everything is in its slot); in the C convention, to the
  // bottom of the frame, 8 bytes each in order, where the callee finds them above its return
  // address.
  if (arguments.anySpilled && !cStack)
    a_.loadTlsOffset(Reg::rax, WASMC_RT_SPILLED_ARGS);
  uint32_t stackBytes = 0;
  for (size_t i = 0; i < type.params.size(); ++i) {
    const ArgumentLocation &location = arguments.params[i];
    if (location.kind != ArgumentLocation::Kind::Spilled)
      continue;
    const Width width = widthOf(type.params[i].kind);
    Mem spilled = mem(Reg::rax, location.spillOffset);
    spilled.fs = true;
    if (cStack) {
      spilled = mem(Reg::rsp, int32_t(stackBytes));
      stackBytes += 8;
    }
    a_.load(width, Reg::r11, stackSlot(first + i));
    a_.store(cStack ? Width::W64 : width, spilled, Reg::r11);
  }
  if (cStack && arguments.hasResultsPointer)
    return false; // the results would share the bottom of the frame
  outgoingResultsBytes_ = std::max(outgoingResultsBytes_, stackBytes);
  if (arguments.hasResultsPointer) {
    a_.lea(Reg::rsi, mem(Reg::rsp));
    outgoingResultsBytes_ = std::max(outgoingResultsBytes_, resultsSize);
  }
  for (size_t i = 0; i < type.params.size(); ++i) {
    const ArgumentLocation &location = arguments.params[i];
    const K kind = type.params[i].kind;
    if (location.kind == ArgumentLocation::Kind::Vector)
      a_.loadXmm(kind == K::F64, location.xmm, stackSlot(first + i));
    else if (location.kind == ArgumentLocation::Kind::General)
      a_.load(widthOf(kind), location.reg, stackSlot(first + i));
  }
  emitCall();
  return afterCall(type, offsets, first);
}

void FunctionCompiler::moveArguments(const binary::FuncType &type,
                                     const ArgumentLocations &arguments, size_t first) {
  for (size_t i = 0; i < first; ++i)
    if (stack_[i].loc != Value::Loc::Slot)
      spill(i);
  saveCallerSavedLocals();
  // An argument in a register that another argument (or the results pointer, in rsi) moves
  // into goes to its slot first, so that no move overwrites a value still to be moved.
  uint32_t generalTargets = arguments.hasResultsPointer ? 1u << unsigned(Reg::rsi) : 0;
  uint32_t vectorTargets = 0;
  for (const ArgumentLocation &location : arguments.params)
    if (location.kind == ArgumentLocation::Kind::General)
      generalTargets |= 1u << unsigned(location.reg);
    else
      vectorTargets |= 1u << unsigned(location.xmm);
  for (size_t i = 0; i < type.params.size(); ++i) {
    const Value &value = stack_[first + i];
    const ArgumentLocation &location = arguments.params[i];
    if (value.loc != Value::Loc::Register)
      continue;
    const bool conflicts =
        isFloat(value.type)
            ? (vectorTargets >> unsigned(value.reg) & 1) && Xmm(value.reg) != location.xmm
            : (generalTargets >> unsigned(value.reg) & 1) && value.reg != location.reg;
    if (conflicts)
      spill(first + i);
  }
  for (size_t i = 0; i < type.params.size(); ++i) {
    Value value = stack_[first + i];
    if (value.loc == Value::Loc::Slot)
      value.bits = int64_t(first + i);
    const ArgumentLocation &location = arguments.params[i];
    if (location.kind == ArgumentLocation::Kind::Vector)
      materializeXmm(value, location.xmm); // a constant from after the code: no scratch
    else
      materialize(value, location.reg);
  }
  for (size_t i = 0; i < type.params.size(); ++i)
    releaseValue(stack_[first + i]);
  stack_.resize(first);
}

bool FunctionCompiler::afterCall(const binary::FuncType &type,
                                 const std::vector<uint32_t> &offsets, size_t first) {
  reloadAfterCall();
  stack_.resize(first); // all in slots, or released: no registers to release
  if (type.results.size() == 1) {
    const K kind = type.results[0].kind;
    if (isFloat(kind)) {
      const Xmm xmm = allocateXmm();
      a_.movaps(xmm, Xmm::xmm0);
      pushXmm(kind, xmm);
    } else {
      if (kind == K::I32)
        a_.mov(Width::W32, Reg::rax, Reg::rax); // the upper half is the callee's garbage
      push(kind, Reg::rax);
    }
  } else {
    for (size_t i = 0; i < type.results.size(); ++i) {
      const K kind = type.results[i].kind;
      const Mem result = mem(Reg::rsp, int32_t(offsets[i]));
      if (isFloat(kind)) {
        const Xmm xmm = allocateXmm();
        a_.loadXmm(kind == K::F64, xmm, result);
        pushXmm(kind, xmm);
      } else {
        const Reg reg = allocate();
        a_.load(widthOf(kind), reg, result);
        push(kind, reg);
      }
    }
  }
  return true;
}

bool FunctionCompiler::compileCalls(const Instruction &instruction) {
  switch (instruction.op) {
  case Opcode::Call: {
    const uint32_t callee = instruction.index;
    const binary::FuncType &type = module_.functionType(callee);
    if (callee >= module_.numImportedFunctions) {
      const std::string symbol = lower::functionSymbolName(module_, callee);
      return callWithArguments(type, [&] {
        a_.mov(Width::W64, Reg::rdi, Reg::r14);
        a_.call(symbol);
      });
    }
    const binary::Import *imported = nullptr;
    uint32_t seen = 0;
    for (const binary::Import &candidate : module_.imports)
      if (candidate.kind == binary::ExternKind::Func && seen++ == callee) {
        imported = &candidate;
        break;
      }
    const lower::WasiFunction *wasi =
        context_.directWasiCalls && imported
            ? lower::findWasiFunction(imported->module, imported->name)
            : nullptr;
    if (wasi && wasi->type == type) { // the shim's C function, given the calling instance
      return callWithArguments(
          type,
          [&] {
            a_.mov(Width::W64, Reg::rdi, Reg::r14);
            a_.call(wasi->symbol);
          },
          /*cStack=*/true);
    }
    // Through the instance's funcref of the import: its code with its ctx.
    return callWithArguments(type, [&] {
      const int32_t funcref = int32_t(callee * WASMC_FUNCREF_SIZE);
      a_.load(Width::W64, Reg::rax, mem(Reg::r14, WASMC_INSTANCE_FUNCS));
      a_.load(Width::W64, Reg::r11, mem(Reg::rax, funcref + WASMC_FUNCREF_CODE));
      a_.load(Width::W64, Reg::rdi, mem(Reg::rax, funcref + WASMC_FUNCREF_CTX));
      a_.callReg(Reg::r11);
    });
  }
  case Opcode::CallIndirect: {
    const binary::FuncType &type = module_.types[instruction.index];
    const uint32_t table = instruction.index2;
    if (module_.tables[table].limits.is64 || !typeSupported(type))
      return false;
    spillForCall(); // r10 and r11 below may be locals' registers
    // The element index into r10, the funcref into r10 after the checks; r11 is scratch. Neither
    // is an argument register.
    materialize(pop(), Reg::r10);
    a_.mov(Width::W32, Reg::r10, Reg::r10); // indexes the elements: zero-extended, whatever came
    a_.load(Width::W64, Reg::r11, mem(Reg::r14, WASMC_INSTANCE_TABLES));
    a_.load(Width::W64, Reg::r11, mem(Reg::r11, int32_t(8 * table)));
    a_.aluRegMem(Alu::cmp, Width::W32, Reg::r10, mem(Reg::r11, WASMC_TABLE_SIZE)); // a u32
    a_.jcc(Cond::ae, trapLabel(WASMC_TRAP_UNDEFINED_ELEMENT));
    a_.load(Width::W64, Reg::r11, mem(Reg::r11, WASMC_TABLE_ELEMENTS));
    a_.load(Width::W64, Reg::r10, mem(Reg::r11, Reg::r10, 8));
    a_.test(Width::W64, Reg::r10, Reg::r10);
    a_.jcc(Cond::e, trapLabel(WASMC_TRAP_UNINITIALIZED_ELEMENT));
    a_.load(Width::W64, Reg::r11, mem(Reg::r14, WASMC_INSTANCE_TYPE_IDS));
    a_.load(Width::W32, Reg::r11, mem(Reg::r11, int32_t(4 * instruction.index)));
    a_.aluRegMem(Alu::cmp, Width::W32, Reg::r11, mem(Reg::r10, WASMC_FUNCREF_TYPE_ID));
    a_.jcc(Cond::ne, trapLabel(WASMC_TRAP_INDIRECT_CALL_TYPE_MISMATCH));
    return callWithArguments(type, [&] {
      a_.load(Width::W64, Reg::r11, mem(Reg::r10, WASMC_FUNCREF_CODE));
      a_.load(Width::W64, Reg::rdi, mem(Reg::r10, WASMC_FUNCREF_CTX));
      a_.callReg(Reg::r11);
    }, /*cStack=*/false, /*saved=*/true);
  }
  default:
    return false;
  }
}

} // namespace wasmc::baseline
