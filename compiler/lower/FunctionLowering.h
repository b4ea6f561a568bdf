// Lowering of one function body to LLVM IR. The body is decoded operator by operator; each
// operator family has its own emitter in its own file (EmitControl, EmitCalls, EmitVariables,
// EmitMemory, EmitNumeric, EmitConversion, EmitSimd, EmitTables, EmitExceptions). The module has been validated,
// so the emitters trust operand types and indices.
#pragma once

#include "binary/Instruction.h"
#include "lower/ModuleEnv.h"

#include "wasmc/abi.h"

#include <llvm/IR/IRBuilder.h>
#include <llvm/Support/Error.h>

#include <array>
#include <optional>
#include <vector>

namespace wasmc::lower {

class FunctionLowering {
public:
  FunctionLowering(ModuleEnv &env, uint32_t functionIndex);
  llvm::Error lower();

private:
  using Instruction = binary::Instruction;
  using Opcode = binary::Opcode;
  using ValType = binary::ValType;

  struct ControlFrame {
    // Try is the legacy encoding's try (its body, then its catch blocks), TryTable the standard.
    enum class Kind { Function, Block, Loop, If, Try, TryTable } kind;
    std::vector<ValType> params, results;
    size_t height = 0;                       // value stack height below the params
    llvm::BasicBlock *end = nullptr;         // where the frame's results meet
    std::vector<llvm::PHINode *> endPhis;    // one per result, in `end`
    llvm::BasicBlock *loopHeader = nullptr;  // Loop: the branch target
    std::vector<llvm::PHINode *> headerPhis; // Loop: one per param
    llvm::BasicBlock *elseBlock = nullptr;   // If: the else branch, until it is started
    std::vector<llvm::Value *> ifParams;     // If: the params, for the else branch
    // Exception handling (EmitExceptions.cpp): the handler (index into handlers_, -1: the
    // caller's) that catches what the frame's code throws; a Try or TryTable body's is its own.
    int handler = -1;
    int ownHandler = -1;                     // Try, TryTable: the handler the frame opened
    std::vector<binary::CatchClause> catches; // TryTable
    bool inCatch = false;                    // Try: in a catch or catch_all block
    llvm::Value *caught = nullptr;           // Try in a catch block: the exception (rethrow)
    // Try in a catch block: the handler of its catch blocks, which releases `caught` (abi.h,
    // "Exception handling") and passes the exception on to the handler around the try.
    int catchHandler = -1;
    llvm::BasicBlock *nextCatchTest = nullptr; // Try: where the tag test of the next catch goes
  };

  // Where an exception raised inside a try region goes: its landing pad (the unwind edge of the
  // region's calls, created on first use) and the dispatch block, which receives the exception
  // from the landing pad and from throws inside the function, and chooses a catch.
  struct Handler {
    llvm::BasicBlock *dispatch = nullptr;
    llvm::PHINode *exception = nullptr; // in dispatch
    llvm::BasicBlock *landingPad = nullptr;
  };

  // ---- Operator families: each returns false for operators that are not its own. ----
  bool emitControl(const Instruction &instruction);
  bool emitCalls(const Instruction &instruction);
  bool emitVariables(const Instruction &instruction);
  bool emitMemory(const Instruction &instruction);
  bool emitAtomics(const Instruction &instruction);
  bool emitNumeric(const Instruction &instruction);
  bool emitConversion(const Instruction &instruction);
  bool emitSimd(const Instruction &instruction);
  bool emitTables(const Instruction &instruction);
  bool emitExceptions(const Instruction &instruction);

  // ---- Value stack ----
  void push(llvm::Value *value) { stack_.push_back(value); }
  llvm::Value *pop();
  std::vector<llvm::Value *> popValues(size_t count);
  std::vector<llvm::Value *> topValues(size_t count) const;
  void pushValues(const std::vector<llvm::Value *> &values);

  // ---- Control helpers (EmitControl.cpp) ----
  void blockSignature(const binary::BlockType &type, std::vector<ValType> &params,
                      std::vector<ValType> &results) const;
  ControlFrame &pushFrame(ControlFrame::Kind kind, const binary::BlockType &type);
  ControlFrame &frameAt(uint32_t depth) { return control_[control_.size() - 1 - depth]; }
  // Adds the branch arguments (the top of the stack) as incoming values of `target`'s phis.
  llvm::BasicBlock *branchTarget(ControlFrame &target);
  void addBranchArguments(ControlFrame &target, llvm::BasicBlock *from);
  void addIncoming(const std::vector<llvm::PHINode *> &phis, llvm::BasicBlock *from);
  void endFrame();
  void startElse();
  void emitReturn(); // `return`: the function's results from the top of the stack
  void emitBranchOnNull(const Instruction &instruction); // br_on_null, br_on_non_null
  void enterUnreachable();
  bool skipUnreachable(const Instruction &instruction);
  llvm::PHINode *makePhi(llvm::BasicBlock *block, ValType type);
  llvm::BasicBlock *newBlock(const char *name);

  // ---- Tables (EmitTables.cpp) ----
  // The address of element `index` (i32, or i64 for table64) of a table, after checking that it
  // is within the table (else the trap `outOfBounds`).
  llvm::Value *tableElementAddress(uint32_t tableIndex, llvm::Value *index,
                                   wasmc_trap_code outOfBounds);

  // ---- Calls (EmitCalls.cpp) ----
  void emitStackCheck();
  // A runtime function that runs host code (not the trap): the function gets the stack check as
  // for a call, so that the host code runs above the limit, with the margin below it. Without,
  // a function that makes no other call and has a frame nearly as large as the margin entered
  // the runtime near the end of the stack, and overflowed it in host code: a crash, not a trap.
  llvm::CallInst *callHost(RuntimeFunction function, llvm::ArrayRef<llvm::Value *> args);
  // call_indirect's callee: element `index` of the table, checked (bounds, null, type).
  llvm::Value *indirectCallee(uint32_t typeIndex, uint32_t tableIndex, llvm::Value *index);
  // call_indirect's callee's code and instance through `typed` (ModuleEnv::typedTable): its
  // element `index` when in range and not null, the caller's instance with it; otherwise the
  // checked funcref's (indirectCallee), or a trap when the table is exact.
  std::pair<llvm::Value *, llvm::Value *> typedIndirectCallee(const ModuleEnv::TypedTable &typed,
                                                              uint32_t typeIndex,
                                                              uint32_t tableIndex,
                                                              llvm::Value *index);
  // Whether the function has more than hugeFunctionOperators() operators (counted once).
  bool hugeFunction();
  std::optional<bool> huge_;
  // Pushes the call's results, or, for return_call*, returns from the function with them.
  void finishCall(const ModuleEnv::Call &call, bool tail);

  // ---- Exceptions (EmitExceptions.cpp) ----
  int currentHandler() const { return control_.back().handler; }
  int newHandler();
  llvm::BasicBlock *landingPad(int handler);
  // Deletes the handler when nothing reaches its dispatch (nothing in its region can throw);
  // whether it did.
  bool discardIfUnreachable(int handler);
  // Raises `exception` where code is now: to `handler` in this function, or (-1) to the caller.
  void raiseTo(int handler, llvm::Value *exception);
  // Makes a call inside a try region unwind to the region's landing pad: the invoke replacing it.
  llvm::InvokeInst *unwindToHandler(llvm::CallInst *call);
  // A caught exception's values (the tag's parameters) and its tag.
  std::vector<llvm::Value *> exceptionValues(llvm::Value *exception, uint32_t tag);
  llvm::Value *exceptionValueAddress(llvm::Value *exception, size_t i); // of the i-th value
  llvm::Value *exceptionTag(llvm::Value *exception);
  void emitThrow(uint32_t tag);
  void emitTryTableDispatch(ControlFrame &frame);
  void startCatch(const Instruction &instruction); // legacy catch and catch_all
  void endTry(ControlFrame &frame);                // the end of a legacy try's handler
  void emitDelegate(uint32_t depth);
  // A try_table clause taking `exception`: its label's arguments, `values` and, as a reference,
  // the exception, which is then kept; without, it is dropped (abi.h, "Exception handling").
  std::vector<llvm::Value *> takeException(llvm::Value *exception,
                                           std::vector<llvm::Value *> values, bool asReference);
  // Branches to `target` with `values` as its label's arguments.
  void branchWith(ControlFrame &target, const std::vector<llvm::Value *> &values);
  // Releases the exceptions of the legacy catch blocks that frames [from, to] (depths) are in:
  // what leaving them for a label (to: its depth), return or a tail call requires. `raised` is
  // an exception leaving with control, or null.
  void releaseCaught(uint32_t from, uint32_t to, llvm::Value *raised = nullptr);
  bool leavesCatch(uint32_t depth); // whether a branch to frameAt(depth) leaves a catch block
  // For a conditional branch to frameAt(depth) that leaves catch blocks: a new block that
  // releases them and goes on to the label with the branch arguments (the top of the stack).
  // nullptr when the branch leaves none: it goes to the label directly.
  llvm::BasicBlock *catchLeavingBlock(uint32_t depth);

  // ---- Traps ----
  llvm::BasicBlock *trapBlock(wasmc_trap_code code);
  // Branches to the trap `code` when `condition` holds (marked unlikely).
  void trapIf(llvm::Value *condition, wasmc_trap_code code);
  void emitTrap(wasmc_trap_code code);

  // ---- Memory helpers (EmitMemory.cpp) ----
  // The native address of an access of `bytes` bytes at `address` + memArg's offset, in
  // memArg's memory, after the check its strategy needs (MemoryStrategy.h).
  llvm::Value *accessAddress(const binary::MemArg &memArg, llvm::Value *address, uint64_t bytes);
  // The native address of byte `address` of memory `memory`, which a range check has proven in
  // bounds (bulk operations).
  llvm::Value *checkedAddress(uint32_t memory, llvm::Value *address);
  llvm::LoadInst *loadMemory(llvm::Type *type, llvm::Value *address, const binary::MemArg &memArg);
  // A load from `pointer`, an address accessAddress returned for memory `memory`.
  llvm::LoadInst *loadMemoryAt(llvm::Type *type, llvm::Value *pointer, uint32_t memory);
  llvm::StoreInst *storeMemory(llvm::Value *value, llvm::Value *address,
                               const binary::MemArg &memArg);
  // Whether a store of `bytes` bytes may write some of them before it faults, on this target.
  bool storeMayTear(const binary::MemArg &memArg, uint64_t bytes) const;
  // Traps unless [start, start + length) lies within `sizeBytes` (operands i32 or i64).
  void checkMemoryRange(llvm::Value *start, llvm::Value *length, llvm::Value *sizeBytes,
                        wasmc_trap_code code);

  // ---- SIMD helpers (EmitSimd.cpp) ----
  bool emitSimdMemory(const Instruction &instruction);
  bool emitSimdLanes(const Instruction &instruction);
  bool emitSimdInteger(const Instruction &instruction);
  bool emitSimdFloat(const Instruction &instruction);
  bool emitSimdConversion(const Instruction &instruction);
  // Pops a v128 and views it as `lanes` x `laneType`; pushes a lane vector back as v128.
  llvm::Value *popLanes(llvm::Type *laneType, unsigned lanes);
  void pushLanes(llvm::Value *vector) { push(asV128(vector)); }
  // Lanes [first, first + count) of `vector`, as a vector of `count` lanes.
  llvm::Value *sliceLanes(llvm::Value *vector, unsigned first, unsigned count);
  // `vector` widened to twice its lane width (a vector of the same lane count).
  llvm::Value *extendLanes(llvm::Value *vector, bool isSigned);
  // The integer vector with the lanes' bit layout: all ones where `mask` holds, else zeros.
  llvm::Value *maskToLanes(llvm::Value *mask, llvm::Type *laneType);
  // i32x4.trunc_sat_f32x4_[su] and trunc_sat_f64x2_[su]_zero on x86.
  llvm::Value *x86TruncSat(llvm::Value *floats, bool isSigned);

  // ---- Values ----
  llvm::Value *zeroValue(ValType type);
  llvm::Value *boolToI32(llvm::Value *condition) { return b_.CreateZExt(condition, env_.i32()); }
  llvm::Value *asVector(llvm::Value *v128, llvm::Type *vectorType) {
    return b_.CreateBitCast(v128, vectorType);
  }
  llvm::Value *asV128(llvm::Value *vector) { return b_.CreateBitCast(vector, env_.v128()); }
  llvm::Function *intrinsic(llvm::Intrinsic::ID id, llvm::ArrayRef<llvm::Type *> types);
  llvm::Value *callIntrinsic(llvm::Intrinsic::ID id, llvm::ArrayRef<llvm::Type *> types,
                             llvm::ArrayRef<llvm::Value *> args);

  // LLVM folds x*1, x/1, x+-0, x-0 (and x*-1, -0-x into a negation) as if NaN payloads did not
  // matter, but wasm requires these operations to quiet a signalling NaN. A constant operand
  // that would allow such a fold is hidden behind an arithmetic fence (additive: +-0 for
  // add/sub; otherwise +-1 for mul/div); in optimised code, an operand that may become such a
  // constant is guarded (lower/NaNGuard.h). Scalars and vectors alike.
  llvm::Value *fenceIdentityConstant(llvm::Value *operand, bool additive);
  // The instruction set some operators are tuned for (every variant computes the same results).
  enum class TargetFamily { Generic, X86, AArch64 };
  static TargetFamily familyOf(const llvm::Module &module);
  TargetFamily targetFamily() const { return targetFamily_; }
  // ceil/floor/trunc/nearest: on targets whose rounding instructions return a NaN operand
  // unchanged (RISC-V), adding -0.0 quiets it and changes no other value.
  llvm::Value *quietRounding(llvm::Value *rounded);
  // wasm's fmin/fmax: NaN-propagating, quieting, -0 below +0 (scalars and vectors).
  llvm::Value *floatMinMax(llvm::Value *l, llvm::Value *r, bool minimum);

  llvm::Error unsupported(const Instruction &instruction) const;

  // The branch weights of the `if` or `br_if` at `instruction`, from the module's branch hints
  // (binary/BranchHints.h), or null.
  llvm::MDNode *branchHintWeights(const binary::Instruction &instruction);

  ModuleEnv &env_;
  const binary::Module &wasm_;
  uint32_t functionIndex_;
  const binary::FuncType &type_;
  llvm::Function *function_;
  llvm::IRBuilder<> b_;
  const TargetFamily targetFamily_;
  llvm::Value *ctx_ = nullptr;
  llvm::BasicBlock *entry_ = nullptr;
  std::vector<llvm::Value *> memoryBases_; // every memory's, loaded in the entry block

  std::vector<llvm::Value *> stack_;
  std::vector<ControlFrame> control_;
  std::vector<llvm::AllocaInst *> locals_;
  std::vector<ValType> localTypes_;
  std::array<llvm::BasicBlock *, WASMC_TRAP_COUNT> trapBlocks_{};
  bool unreachable_ = false;    // the current position cannot be reached
  uint32_t skippedDepth_ = 0;   // blocks opened inside unreachable code
  bool hasCalls_ = false;
  std::vector<Handler> handlers_;
};

} // namespace wasmc::lower
