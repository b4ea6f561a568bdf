// What the lowering of one partition knows about its module and about the runtime: the LLVM
// module being filled, the mapping of wasm types to LLVM types, declarations of functions and of
// runtime entry points, and how generated code reaches the instance (memory base, globals,
// tables, function references). The instruction emitters only go through this interface, so a
// change of the instance layout does not touch them.
#pragma once

#include "binary/Module.h"
#include "lower/CallingConventions.h"
#include "lower/Lowering.h"
#include "lower/MemoryStrategy.h"
#include "lower/RuntimeFunctions.h"
#include "wasmc/abi.h"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include <map>
#include <optional>
#include <vector>

namespace wasmc::lower {

// Marks the functions lowered from wasm, whose first argument is the instance (`ctx`): wasmc's
// own optimisation passes reach linear memory through it.
inline constexpr const char *kWasmFunctionAttribute = "wasmc-function";

// For wasmc's passes over lowered code, which have no ModuleEnv: whether `value` is memory 0's
// base as ModuleEnv::memoryBase loads it, and memory 0's current size in bytes, loaded as
// ModuleEnv::memorySizeBytes loads it (never atomically: a size read early is still a lower
// bound, memories only grow). tbaaTag gives ModuleEnv's alias tag of that name ("instance",
// "memory size", ...); markInstanceLoad marks a load of a field that is fixed once the instance is
// initialised (invariant, the instance's alias tag, and, when the field is a pointer to an object
// of that many bytes, dereferenceable and non-null).
bool isMemoryZeroBase(const llvm::Value *value, const llvm::Function &function);
// Memory 0's minimum size in bytes, from its type, as ModuleEnv records it in a module flag (0
// without a memory): memories only grow, so every byte below it exists for the instance's whole
// life. cannotFault: whether an access of type `accessed` at `pointer` is one of such bytes, at
// memory 0's base plus a constant.
inline constexpr const char *kMemoryZeroMinimumBytesFlag = "wasmc.memory0.minimum-bytes";
uint64_t memoryZeroMinimumBytes(const llvm::Module &module);
bool cannotFault(const llvm::Value *pointer, llvm::Type *accessed, const llvm::Function &function);
// Whether `value` is the condition of a stack check as FunctionLowering::emitStackCheck writes
// it: `sp < limit`, sp from llvm.read_register, the limit loaded from WASMC_RT_STACK_LIMIT.
bool isStackCheck(const llvm::Value *value);
// A function that calls nothing goes without the stack check only when it is this small (locals
// and operators at lowering, IR instructions after inlining: InlinedStackChecksPass): past it, its
// frame may be too large to skip the check (FunctionLowering::emitStackCheck). At most 256 bytes
// each (a spilled value, a v128 split into scalars, a temporary) is 64 KiB, a quarter of the room
// below the limit.
inline constexpr size_t kSmallLeafSize = 256;
// Functions of more wasm operators than this are taken for the lean tier's huge ones
// (codegen/Tiers.h: hugeFunctionInstructions() IR instructions), whose call_indirect keeps its
// plain checks (FunctionLowering::hugeFunction): nothing hoists there, and the typed form cost
// SQLite's interpreter loop more in register allocation than it saved.
inline size_t hugeFunctionOperators() { return sizeBound<size_t>(5000, 40); }
llvm::Value *memoryZeroSizeBytes(llvm::IRBuilder<> &b, llvm::Value *ctx);
llvm::MDNode *tbaaTag(llvm::LLVMContext &context, llvm::StringRef name);
void markInstanceLoad(llvm::LoadInst *load, uint64_t dereferenceableBytes = 0);
// Every linear memory's base is aligned to WASMC_MEMORY_BASE_ALIGNMENT (abi.h). Telling LLVM lets
// it align vector accesses of arrays that are aligned in memory, which x86's SSE instructions then
// take as operands (bench/'s syr2k: 11% fewer instructions).
inline constexpr uint64_t kMemoryBaseAlignment = WASMC_MEMORY_BASE_ALIGNMENT;
void markMemoryBaseAlignment(llvm::LoadInst *load);

class ModuleEnv {
public:
  ModuleEnv(const binary::Module &wasm, const LoweringOptions &options, const Partition &partition,
            llvm::LLVMContext &context, llvm::Module &module);

  const binary::Module &wasm() const { return wasm_; }
  const LoweringOptions &options() const { return options_; }
  const Partition &partition() const { return partition_; }
  llvm::LLVMContext &context() const { return context_; }
  const llvm::Triple &triple() const { return triple_; }
  llvm::Module &module() const { return module_; }

  // ---- Types ----
  llvm::Type *valueType(binary::ValType type) const;
  llvm::Type *i8() const { return i8_; }
  llvm::Type *i32() const { return i32_; }
  llvm::Type *i64() const { return i64_; }
  llvm::Type *f32() const { return f32_; }
  llvm::Type *f64() const { return f64_; }
  llvm::VectorType *v128() const { return v128_; } // <4 x i32>, the canonical v128 type
  llvm::PointerType *ptr() const { return ptr_; }
  // The native signature of a wasm function type in the wasm convention (CallingConventions.h):
  // (ptr ctx, params...) -> void or its one result; with several results,
  // (ptr ctx, ptr results, params...) -> void, where `results` points to a resultsType struct.
  // The params are those paramLayout passes in registers.
  llvm::FunctionType *functionType(const binary::FuncType &type) const;
  llvm::StructType *resultsType(const binary::FuncType &type) const;
  ParamLayout paramLayout(const binary::FuncType &type) const;
  // The wasm parameters of `function`, a function of wasm type `type` in the wasm convention: its
  // arguments, and the spilled ones loaded from the spill area. At the function's start: before
  // any call, which may overwrite the spill area.
  std::vector<llvm::Value *> incomingParams(llvm::IRBuilder<> &b, llvm::Function *function,
                                            const binary::FuncType &type);
  // The same type as a C function (env, params...) -> void or its one result: host functions.
  llvm::FunctionType *cFunctionType(const binary::FuncType &type) const;
  llvm::CallingConv::ID wasmConvention() const { return wasmConvention_; }

  // ---- Functions ----
  // The LLVM function of wasm function `index` (defined or declared in this partition).
  llvm::Function *function(uint32_t index);
  std::string functionSymbol(uint32_t index) const;
  const binary::Import *functionImport(uint32_t index) const { return functionImports_[index]; }
  bool isInThisPartition(uint32_t definedIndex) const;
  // Calls the runtime entry point wasmc_rt_<name> (runtime_functions.def) with the C ABI.
  llvm::CallInst *callRuntime(llvm::IRBuilder<> &b, RuntimeFunction function,
                              llvm::ArrayRef<llvm::Value *> args);
  llvm::GlobalVariable *stackLimit();
  // Whether the stack pointer is below the thread's limit (abi.h: wasmc_rt_stack_limit).
  llvm::Value *stackExhausted(llvm::IRBuilder<> &b);
  // Raises "call stack exhausted" by a fault (abi.h: WASMC_STACK_EXHAUSTED_ADDRESS) and ends the
  // block.
  void emitStackExhaustedFault(llvm::IRBuilder<> &b);
  // In unoptimised code on x86-64, a function that tells whether the stack is exhausted, for
  // each function that checks to call first thing; null elsewhere, where the check is inline.
  llvm::Function *stackCheckFunction();

  // ---- Alias information ----
  llvm::MDNode *tbaaMemory() const { return tbaaMemory_; }       // linear memory
  llvm::MDNode *tbaaInstance() const { return tbaaInstance_; }   // instance fields, fixed
  llvm::MDNode *tbaaGlobal(uint32_t index) const;                // a global's storage
  llvm::MDNode *tbaaTable() const { return tbaaTable_; }         // table objects, elements
  llvm::MDNode *tbaaMemorySize() const { return tbaaMemorySize_; }
  llvm::MDNode *tbaaSegment() const { return tbaaSegment_; }

  // ---- Reaching the instance (all loads of fixed fields are !invariant.load) ----
  llvm::Value *instanceField(llvm::IRBuilder<> &b, llvm::Value *ctx, unsigned offset,
                             uint64_t dereferenceableBytes = 0) const;
  // Entry `index` of the instance's array at `field` (`count` pointers): the runtime object of
  // `objectBytes` it points to (a memory, a table, a global's storage, a tag).
  llvm::Value *instanceObject(llvm::IRBuilder<> &b, llvm::Value *ctx, unsigned field, size_t count,
                              uint32_t index, uint64_t objectBytes) const;
  // How accesses to memory `memoryIndex` stay in the sandbox (MemoryStrategy.h).
  const MemoryStrategy &memoryStrategy(uint32_t memoryIndex) const {
    return memoryStrategies_[memoryIndex];
  }
  // A memory's base (fixed: the reservation never moves). A 32-bit memory 0's comes from
  // wasmc_instance::memory_base, where wasmc's loop passes recognise it (isMemoryZeroBase);
  // the others' from their memory object, so those passes, which assume guard pages and 32-bit
  // addresses, leave 64-bit memories alone.
  llvm::Value *memoryBase(llvm::IRBuilder<> &b, llvm::Value *ctx, uint32_t memoryIndex) const;
  llvm::Value *memoryObject(llvm::IRBuilder<> &b, llvm::Value *ctx, uint32_t memoryIndex) const;
  llvm::Value *memorySizeBytes(llvm::IRBuilder<> &b, llvm::Value *ctx, uint32_t memoryIndex) const;
  llvm::Value *globalAddress(llvm::IRBuilder<> &b, llvm::Value *ctx, uint32_t globalIndex) const;
  llvm::Value *tableObject(llvm::IRBuilder<> &b, llvm::Value *ctx, uint32_t tableIndex) const;
  // A table's size, its elements array, and one element's value (at `elementAddress`). They are
  // invariant loads for a table that keeps the contents instantiation gave it (see
  // binary::Module::tablesWrittenByCode), so LLVM can hoist a call_indirect's checks out of loops.
  llvm::Value *tableSize(llvm::IRBuilder<> &b, llvm::Value *table, uint32_t tableIndex) const;
  llvm::Value *tableElements(llvm::IRBuilder<> &b, llvm::Value *table, uint32_t tableIndex) const;
  llvm::Value *tableElement(llvm::IRBuilder<> &b, llvm::Value *elementAddress,
                            uint32_t tableIndex) const;
  llvm::Value *funcref(llvm::IRBuilder<> &b, llvm::Value *ctx, uint32_t functionIndex) const;
  // For call_indirect of type `typeIndex` through table `tableIndex`, whose contents the module
  // decides (StaticTables.h): a constant array with, per element of the table, the code of the
  // defined function it holds when that function's type is equivalent to `typeIndex` (its
  // instance is the caller's), and null for every other element. nullptr when the table's
  // contents are not static, or no element is such a function. Shared between partitions: a
  // hidden linkonce_odr global `wasm_table<t>_type<canonical type>` in a comdat. `exact`: every
  // element not in the array makes such a call trap (null, or a defined function of another
  // type: no import, no element the module does not decide).
  struct TypedTable {
    llvm::GlobalVariable *array = nullptr;
    bool exact = false;
  };
  TypedTable typedTable(uint32_t tableIndex, uint32_t typeIndex);
  llvm::Value *typeId(llvm::IRBuilder<> &b, llvm::Value *ctx, uint32_t typeIndex) const;
  // The runtime's object of tag `tagIndex` (its identity: abi.h, "Exception handling").
  llvm::Value *tag(llvm::IRBuilder<> &b, llvm::Value *ctx, uint32_t tagIndex) const;
  llvm::Value *segmentSizeAddress(llvm::IRBuilder<> &b, llvm::Value *ctx, bool data,
                                  uint32_t segment) const;
  void markInvariant(llvm::LoadInst *load, uint64_t dereferenceableBytes = 0) const;
  llvm::LoadInst *tableLoad(llvm::IRBuilder<> &b, llvm::Type *type, llvm::Value *address,
                            uint32_t tableIndex) const;

  // Calls function `callee` (defined, imported, or a WASI function called directly) with the
  // wasm arguments `args`; `ctx` is the calling instance. Returns the call and its results.
  //
  // A tail call (return_call*, CallKind::Tail) replaces the caller's frame: `ownResults` is the
  // caller's results pointer, passed on when the callee returns through one (its results are
  // the caller's). The caller must return right after it (FunctionLowering does), with no results
  // of its own to take: Call::isTail says it is one. A WASI function called directly (in the C
  // convention, which guarantees no tail calls) is called as usual instead, with its results.
  enum class CallKind { Normal, Tail };
  struct Call {
    llvm::CallInst *instruction;
    std::vector<llvm::Value *> results;
    bool isTail = false;
  };
  Call emitCall(llvm::IRBuilder<> &b, llvm::Value *ctx, uint32_t callee,
                llvm::ArrayRef<llvm::Value *> args, CallKind kind = CallKind::Normal,
                llvm::Value *ownResults = nullptr);
  // Calls through a funcref: its code with its ctx.
  Call emitFuncrefCall(llvm::IRBuilder<> &b, llvm::Value *funcref, const binary::FuncType &type,
                       llvm::ArrayRef<llvm::Value *> args, CallKind kind = CallKind::Normal,
                       llvm::Value *ownResults = nullptr);
  // The code and instance of a funcref (invariant loads: a funcref never changes).
  std::pair<llvm::Value *, llvm::Value *> funcrefCodeAndCtx(llvm::IRBuilder<> &b,
                                                            llvm::Value *funcref) const;
  // Calls `code` with instance `ctx` (a function of type `type`).
  Call emitCodeCall(llvm::IRBuilder<> &b, llvm::Value *code, llvm::Value *ctx,
                    const binary::FuncType &type, llvm::ArrayRef<llvm::Value *> args,
                    CallKind kind = CallKind::Normal, llvm::Value *ownResults = nullptr);

  // Adds the attributes every generated function carries (target features, unwind tables,
  // stack probes) and, for compiled wasm functions, the section of wasm code: the runtime
  // tells wasm frames by it, so the module's helpers (initialisation, wrappers) stay out.
  void addFunctionAttributes(llvm::Function *function, bool wasmFunction = true) const;

private:
  const binary::Module &wasm_;
  const LoweringOptions &options_;
  const Partition &partition_;
  llvm::LLVMContext &context_;
  llvm::Module &module_;

  llvm::Type *i8_, *i32_, *i64_, *f32_, *f64_;
  llvm::VectorType *v128_;
  llvm::PointerType *ptr_;

  std::vector<llvm::Function *> functions_;
  std::vector<const binary::Import *> functionImports_; // per imported function
  llvm::MDNode *tbaaRoot_, *tbaaMemory_, *tbaaInstance_, *tbaaTable_, *tbaaMemorySize_,
      *tbaaSegment_, *tbaaImportedGlobal_, *tbaaSpill_;
  mutable std::vector<llvm::MDNode *> tbaaGlobals_;
  std::vector<MemoryStrategy> memoryStrategies_;
  std::vector<bool> fixedTables_; // tables whose size and elements never change after instantiation
  std::map<uint32_t, std::optional<std::vector<uint32_t>>> staticTables_; // by table index
  std::map<std::pair<uint32_t, uint32_t>, TypedTable> typedTables_;
  llvm::GlobalVariable *stackLimit_ = nullptr;
  llvm::Function *stackCheck_ = nullptr;
  llvm::Function *spillAreaFunction_ = nullptr;
  llvm::GlobalVariable *spilledArgs_ = nullptr;
  llvm::Triple triple_;
  llvm::CallingConv::ID wasmConvention_;

  // Whether unoptimised code calls helpers for what FastISel does not lower (reading the stack
  // pointer, thread-local addresses): x86-64 at -O0, where FastISel otherwise builds a
  // SelectionDAG for each such call.
  bool fastISelHelpers() const;
  // How the runtime's thread-locals are addressed (LoweringOptions::localExecTls).
  llvm::GlobalValue::ThreadLocalMode tlsModel() const;
  // The thread's spill area (abi.h: wasmc_rt_spilled_args), once per call or function entry,
  // and the address of its slot `slot`.
  llvm::Value *spillArea(llvm::IRBuilder<> &b);
  llvm::Value *spilledArgument(llvm::IRBuilder<> &b, llvm::Value *area, unsigned slot);

  // Calls `callee` in the wasm convention, passing a results struct when the type needs one.
  Call emitWasmCall(llvm::IRBuilder<> &b, llvm::FunctionType *signature, llvm::Value *callee,
                    llvm::Value *ctx, const binary::FuncType &type,
                    llvm::ArrayRef<llvm::Value *> args, CallKind kind, llvm::Value *ownResults);
  llvm::FunctionCallee cFunction(llvm::StringRef name, llvm::FunctionType *type,
                                 llvm::AttributeList abi);
};

} // namespace wasmc::lower
