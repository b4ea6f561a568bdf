// The baseline tier's compiler of one function: wasm operators straight to x86-64 code in one
// pass, with no IR (as V8's Liftoff). Operands live on an abstract value stack whose entries are
// constants, registers (general ones for integers, xmm for floats), the entry's own frame slot,
// or a local's register (a `local.get` of a local kept in a register, LocalRegisters.h); every
// value is spilled to its slot at control-flow merges and calls, so that a label's state is
// always "everything in its slot". A function using an operator the tier does not handle is
// reported as unsupported and stays with LLVM (Baseline.h).
#pragma once

#include "baseline/Arguments.h"
#include "baseline/LocalRegisters.h"
#include "baseline/ObjectWriter.h"
#include "baseline/X64Encoder.h"
#include "binary/Instruction.h"
#include "binary/Module.h"
#include "binary/OperatorReader.h"

#include <optional>
#include <string>
#include <vector>

namespace wasmc::baseline {

struct CompileContext {
  const binary::Module &module;
  bool directWasiCalls; // imported WASI functions are called by their shim symbol (executables)
};

class FunctionCompiler {
public:
  FunctionCompiler(const CompileContext &context, uint32_t functionIndex);
  // The function's code, or nothing when it uses what the tier does not handle.
  std::optional<CompiledFunction> compile();
  // Why compile() returned nothing: the operator it stopped at, or a short reason.
  const std::string &refusal() const { return refusal_; }

private:
  using ValType = binary::ValType;
  using Instruction = binary::Instruction;

  struct Value {
    // Local: the value of a local kept in a register, read from there until the local is set
    // (a local.set/tee first gives such entries copies of their own: copyLocalEntries).
    enum class Loc : uint8_t { Const, Register, Slot, Local } loc;
    ValType::Kind type;
    Reg reg;      // Register; Local: the local's register. For f32/f64 an xmm register's number
    int64_t bits; // Const; Local: the local's index
  };
  struct Control {
    enum class Kind : uint8_t { Function, Block, Loop, If } kind;
    Label label; // branch target: the end, or a loop's start
    Label elseLabel;
    size_t height; // stack height below the block's parameters
    std::vector<ValType> params, results;
    bool elseSeen = false;
    // An `if`'s parameters, kept below its height for the else branch (the then branch may
    // overwrite their slots); the results move down over them at the end.
    size_t keptParams = 0;
    size_t branchArity() const { return kind == Kind::Loop ? params.size() : results.size(); }
  };

  // ---- Frame ----
  void emitPrologue();
  void emitEpilogue();
  void emitOutOfLineTraps();
  Mem localSlot(uint32_t local) const;
  Mem stackSlot(size_t position) const;
  Mem resultsPointerSlot() const;

  // ---- Value stack and registers ----
  // f32/f64 values live in xmm registers (Xmm), integers in general ones (Reg).
  static bool isFloat(ValType::Kind type) {
    return type == ValType::Kind::F32 || type == ValType::Kind::F64;
  }
  Reg allocate(uint32_t exclude = 0);
  Xmm allocateXmm();
  void release(Reg reg);
  void releaseXmm(Xmm xmm) { usedXmm_[unsigned(xmm)] = false; }
  void releaseValue(const Value &value); // its register, if it owns one
  void reserve(Reg reg);          // takes `reg` for the caller, moving a stack entry out of it
  void spill(size_t position);    // the entry at `position` into its slot
  void spillAll();
  void push(ValType::Kind type, Reg reg);
  void pushXmm(ValType::Kind type, Xmm xmm);
  void pushConst(ValType::Kind type, int64_t bits);
  Value pop();
  Reg popToReg(uint32_t exclude = 0); // the popped value in a register the caller owns
  // The popped value in a register the caller may read but not write (a local's, or its own:
  // `owned`, to release).
  Reg popToReadable(bool &owned);
  void pushLocal(uint32_t local);
  // A comparison's result from the flags (setcc; movzx), remembered so that a br_if or if right
  // after it can take it as a condition code instead (popFusedCondition: the setcc removed).
  void pushCondition(Cond cond, Reg into);
  std::optional<Cond> popFusedCondition();
  // The condition of a br_if/if: the fused comparison's condition code, or "not zero" after a
  // test of the popped value.
  Cond popBranchCondition();
  void copyLocalEntries(uint32_t local); // before the local changes
  // When the next operator is a local.set/tee of a local kept in a register of `type`'s class:
  // that local, so that an operator can compute its result there (its own moves saved), then
  // consumeLocalStore() to take the set/tee as done.
  std::optional<uint32_t> nextLocalStore(ValType::Kind type) const;
  void consumeLocalStore(uint32_t local);
  // `lhs op rhs` (a group-1 operation, or imul) or a scalar SSE operation computed in the
  // register of the local the next operator sets: `x = x + 1` as one add. False when that does
  // not apply (the caller lowers the operator as usual).
  bool aluIntoLocal(Alu operation, bool multiply, ValType::Kind type);
  bool sseIntoLocal(SseOp operation, bool isDouble);
  // The operands of such an operator, when the result may go to `local`'s register: not when the
  // right-hand side reads that register and the left-hand side does not (it would be overwritten
  // first).
  bool operandsAllowTarget(uint32_t local) const;
  // The top two entries' sum (lhs + rhs, or lhs - constant) as an address [lhs + rhs/disp], for a
  // lea that computes it into any register: when lhs is in a register and rhs in a register or a
  // constant that fits a displacement.
  bool sumAsAddress(Alu operation, Width width, Mem &sum) const;
  // Float constants placed after the code (8 bytes each), read rip-relative.
  Label constantLabel(uint64_t bits);
  bool inRegister(uint32_t local) const { return locals_.reg[local] != LocalRegisters::kSlot; }
  void materialize(const Value &value, Reg into); // a float's bits, for a float
  void materializeXmm(const Value &value, Xmm into);
  Xmm popToXmm(); // a float in an xmm register the caller owns
  Xmm popToReadableXmm(bool &owned);
  void popFloatIntoXmm0(); // the popped float copied into xmm0 (its register released)
  // Around every call (the C convention's and the wasm convention's): the locals in caller-saved
  // registers (xmm, r10, r11) go to their slots and come back.
  void spillForCall();
  void saveCallerSavedLocals();
  void reloadAfterCall();
  void dropAbove(size_t height);      // unreachable code follows
  void resetTo(size_t height, const std::vector<ValType> &types); // all in slots, as at a label
  static Width widthOf(ValType::Kind type);

  // ---- Lowering, by family (Compile*.cpp) ----
  bool compileControl(const Instruction &instruction);
  bool compileVariables(const Instruction &instruction);
  bool compileMemory(const Instruction &instruction);
  bool compileNumeric(const Instruction &instruction);
  bool compileFloat(const Instruction &instruction);
  bool compileFloatRules(const Instruction &instruction);
  void truncateToU64(bool isDouble, Reg into, Reg scratch); // xmm0, known in [0, 2^64)
  bool compileBulkMemory(const Instruction &instruction);
  bool compileCalls(const Instruction &instruction);

  void blockSignature(const binary::BlockType &type, std::vector<ValType> &params,
                      std::vector<ValType> &results) const;
  void moveBranchValues(const Control &target); // top values into the target's slots
  void moveSlots(size_t from, size_t to, size_t count); // stack slots, all values spilled
  void branch(uint32_t depth);                  // moves and jumps (values stay on the stack)
  void endControl();
  void enterUnreachable();
  Label trapLabel(int32_t code);
  // Calls a function of `type`: its arguments are the top of the stack; `emitCall` emits the
  // call itself once the arguments are in place.
  // `cStack`: parameters beyond the registers go on the stack as the C convention has them (the
  // WASI shim's functions), not to wasmc_rt_spilled_args.
  template <typename EmitCall>
  // `saved`: the caller has done spillForCall() already.
  bool callWithArguments(const binary::FuncType &type, EmitCall emitCall, bool cStack = false,
                         bool saved = false);
  bool typeSupported(const binary::FuncType &type) const;
  // The arguments (the top of the stack from `first`) straight into their registers, the values
  // below them into their slots; the caller-saved locals saved.
  void moveArguments(const binary::FuncType &type, const ArgumentLocations &arguments,
                     size_t first);
  // The callee's results onto the stack in place of its arguments.
  bool afterCall(const binary::FuncType &type, const std::vector<uint32_t> &offsets, size_t first);

  const CompileContext &context_;
  const binary::Module &module_;
  uint32_t functionIndex_;
  const binary::FuncType &type_;
  X64Encoder a_;
  std::vector<ValType> localTypes_;
  LocalRegisters locals_;
  int32_t savedBytes_ = 16; // below the saved rbp: r14, r15 and the locals' callee-saved registers
  std::vector<Value> stack_;
  binary::OperatorReader *reader_ = nullptr; // the body's operators, for nextLocalStore
  uint64_t codeEnd_ = 0;
  std::vector<Control> control_;
  bool used_[16] = {};
  bool usedXmm_[16] = {};
  size_t maxStack_ = 0;
  uint32_t outgoingResultsBytes_ = 0; // bytes at the bottom of the frame for callees' results
  uint32_t frameSizeOffset_ = 0;      // the prologue's `sub rsp, imm32` field
  uint32_t storedLocal_ = 0;      // the last local.set/tee: which local, from which register,
  Reg storedLocalReg_ = Reg::rax; // and where the code ended after it
  uint32_t storedLocalAt_ = UINT32_MAX;
  struct {
    uint32_t start, end = UINT32_MAX; // the setcc and movzx; end: where the code ended then
    Cond cond;
    Reg reg;
  } condition_;
  bool unreachable_ = false;
  unsigned unreachableDepth_ = 0;
  bool failed_ = false;
  Label stackExhausted_, returnLabel_;
  bool resultInRegister_ = false; // the fall-through end left the result in rax/xmm0
  Label fallthroughExit_;         // where it jumps over the reload of branches' result
  std::vector<std::pair<int32_t, Label>> traps_;
  std::vector<std::pair<uint64_t, Label>> constants_;
  std::vector<CfiRule> cfi_;
  std::string refusal_;
};

} // namespace wasmc::baseline
