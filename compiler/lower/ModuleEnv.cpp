#include "lower/ModuleEnv.h"
#include "lower/CallingConventions.h"
#include "lower/StaticTables.h"
#include "lower/WasiImports.h"

#include "wasmc/abi.h"

#include <llvm/Analysis/ValueTracking.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/TargetParser/Triple.h>

namespace wasmc::lower {

using binary::ValType;

namespace {
constexpr uint64_t kInstanceSize = sizeof(wasmc_instance);
} // namespace

ModuleEnv::ModuleEnv(const binary::Module &wasm, const LoweringOptions &options,
                     const Partition &partition, llvm::LLVMContext &context, llvm::Module &module)
    : wasm_(wasm), options_(options), partition_(partition), context_(context), module_(module) {
  i8_ = llvm::Type::getInt8Ty(context);
  i32_ = llvm::Type::getInt32Ty(context);
  i64_ = llvm::Type::getInt64Ty(context);
  f32_ = llvm::Type::getFloatTy(context);
  f64_ = llvm::Type::getDoubleTy(context);
  v128_ = llvm::FixedVectorType::get(i32_, 4);
  ptr_ = llvm::PointerType::get(context, 0);
  triple_ = llvm::Triple(module.getTargetTriple());
  wasmConvention_ = wasmCallingConvention(triple_);
  functions_.resize(wasm.functionTypes.size(), nullptr);
  for (const binary::Import &import : wasm.imports)
    if (import.kind == binary::ExternKind::Func)
      functionImports_.push_back(&import);

  tbaaRoot_ = llvm::MDBuilder(context).createTBAARoot("wasmc");
  auto tag = [&](const char *name) { return tbaaTag(context, name); };
  tbaaMemory_ = tag("linear memory");
  tbaaInstance_ = tag("instance");
  tbaaTable_ = tag("table");
  tbaaMemorySize_ = tag("memory size");
  tbaaSegment_ = tag("segment");
  tbaaImportedGlobal_ = tag("imported global");
  tbaaSpill_ = tag("spilled arguments");
  tbaaGlobals_.resize(wasm.globals.size(), nullptr);

  for (const binary::MemoryType &memory : wasm.memories)
    memoryStrategies_.push_back(chooseMemoryStrategy(memory));
  if (!wasm.memories.empty()) {
    // A memory is never smaller than its type's minimum (an import's actual memory may be
    // larger). An i64 (addModuleFlag's integer overload would truncate to 32 bits), saturated
    // at INT64_MAX (the verifier wants a non-negative value; memory64's 2^48 pages are 2^64 bytes).
    const uint64_t pages = wasm.memories[0].limits.min;
    const uint64_t bytes = pages > (uint64_t(INT64_MAX) >> 16) ? uint64_t(INT64_MAX) : pages << 16;
    module.addModuleFlag(llvm::Module::Min, kMemoryZeroMinimumBytesFlag,
                         llvm::ConstantAsMetadata::get(llvm::ConstantInt::get(
                             llvm::Type::getInt64Ty(module.getContext()), bytes)));
  }

  // Neither imported, exported nor written by code (tablesWrittenByCode is empty for a module
  // that was not validated: then no table counts as fixed).
  fixedTables_.resize(wasm.tables.size(), false);
  for (uint32_t t = wasm.numImportedTables; t < wasm.tables.size(); ++t)
    fixedTables_[t] = t < wasm.tablesWrittenByCode.size() && !wasm.tablesWrittenByCode[t];
  for (const binary::Export &exported : wasm.exports)
    if (exported.kind == binary::ExternKind::Table)
      fixedTables_[exported.index] = false;
}

llvm::Type *ModuleEnv::valueType(ValType type) const {
  switch (type.kind) {
  case ValType::Kind::I32: return i32_;
  case ValType::Kind::I64: return i64_;
  case ValType::Kind::F32: return f32_;
  case ValType::Kind::F64: return f64_;
  case ValType::Kind::V128: return v128_;
  case ValType::Kind::Ref: return ptr_;
  case ValType::Kind::Bottom: break; // the validator's only
  }
  return i32_;
}

llvm::StructType *ModuleEnv::resultsType(const binary::FuncType &type) const {
  std::vector<llvm::Type *> fields;
  for (ValType result : type.results)
    fields.push_back(valueType(result));
  return llvm::StructType::get(context_, fields);
}

ParamLayout ModuleEnv::paramLayout(const binary::FuncType &type) const {
  return wasmParamLayout(triple_, type);
}

llvm::FunctionType *ModuleEnv::functionType(const binary::FuncType &type) const {
  std::vector<llvm::Type *> params{ptr_};
  if (returnsThroughPointer(type))
    params.push_back(ptr_);
  const ParamLayout layout = paramLayout(type);
  for (size_t i = 0; i < type.params.size(); ++i)
    if (layout.argument[i] >= 0)
      params.push_back(valueType(type.params[i]));
  llvm::Type *result = type.results.size() == 1 ? valueType(type.results[0])
                                                : llvm::Type::getVoidTy(context_);
  return llvm::FunctionType::get(result, params, false);
}

llvm::FunctionType *ModuleEnv::cFunctionType(const binary::FuncType &type) const {
  std::vector<llvm::Type *> params{ptr_};
  for (ValType param : type.params)
    params.push_back(valueType(param));
  llvm::Type *result = type.results.empty() ? llvm::Type::getVoidTy(context_)
                                            : valueType(type.results[0]);
  return llvm::FunctionType::get(result, params, false);
}

std::string ModuleEnv::functionSymbol(uint32_t index) const {
  return functionSymbolName(wasm_, index);
}

bool ModuleEnv::isInThisPartition(uint32_t definedIndex) const {
  return definedIndex >= partition_.firstDefined && definedIndex < partition_.endDefined;
}

llvm::Function *ModuleEnv::function(uint32_t index) {
  if (index < wasm_.numImportedFunctions)
    return nullptr;
  if (functions_[index])
    return functions_[index];
  const uint32_t defined = index - wasm_.numImportedFunctions;
  // With the baseline tier, whose object defines some functions and calls the others by their
  // symbols, every function is external (hidden, as between partitions).
  const bool single = partition_.count == 1 && partition_.baselineFunctions.empty();
  auto *function = llvm::Function::Create(
      functionType(wasm_.functionType(index)),
      single ? llvm::GlobalValue::InternalLinkage : llvm::GlobalValue::ExternalLinkage,
      functionSymbol(index), module_);
  if (!single)
    function->setVisibility(llvm::GlobalValue::HiddenVisibility);
  function->setDSOLocal(true);
  llvm::Argument *ctx = function->getArg(0);
  ctx->setName("ctx");
  ctx->addAttr(llvm::Attribute::NonNull);
  ctx->addAttr(llvm::Attribute::NoUndef);
  ctx->addAttr(llvm::Attribute::getWithAlignment(context_, llvm::Align(8)));
  ctx->addAttr(llvm::Attribute::getWithDereferenceableBytes(context_, kInstanceSize));
  const binary::FuncType &type = wasm_.functionType(index);
  if (returnsThroughPointer(type)) {
    llvm::Argument *results = function->getArg(1);
    results->setName("results");
    results->addAttr(llvm::Attribute::NoAlias);
    results->addAttr(llvm::Attribute::NoCapture);
    results->addAttr(llvm::Attribute::getWithDereferenceableBytes(
        context_, module_.getDataLayout().getTypeAllocSize(resultsType(type))));
  }
  function->setCallingConv(wasmConvention_);
  if (!wasm_.usesExceptions)
    function->addFnAttr(llvm::Attribute::NoUnwind);
  function->addFnAttr(kWasmFunctionAttribute);
  if (isInThisPartition(defined) && !partition_.isBaseline(defined))
    addFunctionAttributes(function);
  // Declarations too (functions of other partitions, or the baseline tier's): their callers here
  // get the check inline (codegen/MemoryIdioms.cpp).
  if (!options_.memoryIdioms.empty() && options_.memoryIdioms[defined] != MemoryIdiom::None)
    function->addFnAttr(kMemoryIdiomAttribute, memoryIdiomName(options_.memoryIdioms[defined]));
  functions_[index] = function;
  return function;
}

void ModuleEnv::addFunctionAttributes(llvm::Function *function, bool wasmFunction) const {
  function->setUWTableKind(llvm::UWTableKind::Async);
  // In a module with exception handling, wasm exceptions unwind through its functions (and the
  // wrappers the host calls them through) to landing pads.
  if (!wasm_.usesExceptions)
    function->addFnAttr(llvm::Attribute::NoUnwind);
  if (!options_.cpu.empty())
    function->addFnAttr("target-cpu", options_.cpu);
  if (!options_.features.empty())
    function->addFnAttr("target-features", options_.features);
  const llvm::Triple triple(module_.getTargetTriple());
  // Frames larger than a page touch every page on the way down, so a huge frame cannot jump
  // over the guard below the stack.
  if (triple.isX86() || triple.isAArch64())
    function->addFnAttr("probe-stack", "inline-asm");
  if (wasmFunction)
    function->setSection(WASMC_CODE_SECTION);
}

llvm::FunctionCallee ModuleEnv::cFunction(llvm::StringRef name, llvm::FunctionType *type,
                                          llvm::AttributeList abi) {
  llvm::FunctionCallee callee = module_.getOrInsertFunction(name, type, abi);
  // wasmc_rt_throw_exception unwinds. In a module with exception handling, wasmc_rt_trap is
  // not `nounwind` either (it never unwinds, it longjmps): every function that calls has a stack
  // check calling it, so LLVM cannot infer that such a function does not unwind, and the invokes
  // of it stay invokes. Were they turned back into calls, they would lose the `notail` that keeps
  // recursion from becoming a loop that never exhausts the stack.
  const bool mayUnwind = name == WASMC_RT_THROW_EXCEPTION ||
                         (name == WASMC_RT_TRAP && wasm_.usesExceptions);
  if (auto *function = llvm::dyn_cast<llvm::Function>(callee.getCallee()))
    if (!mayUnwind)
      function->addFnAttr(llvm::Attribute::NoUnwind);
  return callee;
}

llvm::CallInst *ModuleEnv::callRuntime(llvm::IRBuilder<> &b, RuntimeFunction which,
                                       llvm::ArrayRef<llvm::Value *> args) {
  const RuntimeFunctionDeclaration declaration =
      declareRuntimeFunction(which, context_, llvm::Triple(module_.getTargetTriple()));
  llvm::FunctionCallee callee = cFunction(declaration.symbol, declaration.type, declaration.abi);
  llvm::CallInst *call = b.CreateCall(callee, args);
  call->setAttributes(declaration.abi);
  if (which == RuntimeFunction::trap || which == RuntimeFunction::throw_exception) {
    auto *function = llvm::cast<llvm::Function>(callee.getCallee());
    function->addFnAttr(llvm::Attribute::NoReturn);
    function->addFnAttr(llvm::Attribute::Cold);
    call->setDoesNotReturn();
  }
  return call;
}

llvm::GlobalValue::ThreadLocalMode ModuleEnv::tlsModel() const {
  return options_.localExecTls ? llvm::GlobalValue::LocalExecTLSModel
                               : llvm::GlobalValue::InitialExecTLSModel;
}

llvm::GlobalVariable *ModuleEnv::stackLimit() {
  if (!stackLimit_) {
    stackLimit_ = new llvm::GlobalVariable(module_, i64_, false, llvm::GlobalValue::ExternalLinkage,
                                           nullptr, WASMC_RT_STACK_LIMIT, nullptr, tlsModel());
  }
  return stackLimit_;
}

llvm::Value *ModuleEnv::stackExhausted(llvm::IRBuilder<> &b) {
  const char *spName = triple_.isX86() ? "rsp" : "sp";
  llvm::MDNode *registerName = llvm::MDNode::get(context_, {llvm::MDString::get(context_, spName)});
  llvm::Value *sp = b.CreateCall(
      llvm::Intrinsic::getDeclaration(&module_, llvm::Intrinsic::read_register, {i64_}),
      {llvm::MetadataAsValue::get(context_, registerName)});
  llvm::Value *limitAddress = b.CreateCall(
      llvm::Intrinsic::getDeclaration(&module_, llvm::Intrinsic::threadlocal_address, {ptr_}),
      {stackLimit()});
  return b.CreateICmpULT(sp, b.CreateAlignedLoad(i64_, limitAddress, llvm::Align(8)));
}

bool ModuleEnv::fastISelHelpers() const {
  return !options_.optimized && triple_.getArch() == llvm::Triple::x86_64;
}

llvm::Function *ModuleEnv::stackCheckFunction() {
  if (!fastISelHelpers())
    return nullptr;
  if (!stackCheck_) {
    stackCheck_ = llvm::Function::Create(llvm::FunctionType::get(llvm::Type::getInt1Ty(context_), false),
                                         llvm::GlobalValue::InternalLinkage,
                                         "wasmc_check_stack", module_);
    addFunctionAttributes(stackCheck_, /*wasmFunction=*/false);
    stackCheck_->addFnAttr(llvm::Attribute::NoInline);
    llvm::IRBuilder<> b(llvm::BasicBlock::Create(context_, "entry", stackCheck_));
    b.CreateRet(stackExhausted(b));
  }
  return stackCheck_;
}

void ModuleEnv::emitStackExhaustedFault(llvm::IRBuilder<> &b) {
  b.CreateLoad(i8_, llvm::ConstantExpr::getIntToPtr(b.getInt64(WASMC_STACK_EXHAUSTED_ADDRESS), ptr_),
               /*isVolatile=*/true);
  // Never reached; without a call LLVM takes a block that ends in `unreachable` for one that
  // is never entered, and deleted the branch to it (recursion then ran until the host's stack
  // ended, or for ever under `ulimit -s unlimited`).
  callRuntime(b, RuntimeFunction::trap, {b.getInt32(WASMC_TRAP_CALL_STACK_EXHAUSTED)});
  b.CreateUnreachable();
}

llvm::Value *ModuleEnv::spillArea(llvm::IRBuilder<> &b) {
  if (!spilledArgs_) {
    auto *type = llvm::ArrayType::get(llvm::ArrayType::get(i8_, sizeof(wasmc_val)), WASMC_MAX_PARAMS);
    spilledArgs_ = new llvm::GlobalVariable(module_, type, false, llvm::GlobalValue::ExternalLinkage,
                                            nullptr, WASMC_RT_SPILLED_ARGS, nullptr, tlsModel());
    spilledArgs_->setAlignment(llvm::Align(16));
  }
  auto address = [&](llvm::IRBuilder<> &b) {
    return b.CreateCall(llvm::Intrinsic::getDeclaration(
                            &module_, llvm::Intrinsic::threadlocal_address, {ptr_}),
                        {spilledArgs_});
  };
  if (!fastISelHelpers())
    return address(b);
  if (!spillAreaFunction_) {
    spillAreaFunction_ =
        llvm::Function::Create(llvm::FunctionType::get(ptr_, false),
                               llvm::GlobalValue::InternalLinkage, "wasmc_spill_area", module_);
    addFunctionAttributes(spillAreaFunction_, /*wasmFunction=*/false);
    spillAreaFunction_->addFnAttr(llvm::Attribute::NoInline);
    llvm::IRBuilder<> body(llvm::BasicBlock::Create(context_, "entry", spillAreaFunction_));
    body.CreateRet(address(body));
  }
  return b.CreateCall(spillAreaFunction_);
}

llvm::Value *ModuleEnv::spilledArgument(llvm::IRBuilder<> &b, llvm::Value *area, unsigned slot) {
  return b.CreateConstInBoundsGEP1_64(i8_, area, uint64_t(slot) * sizeof(wasmc_val));
}

std::vector<llvm::Value *> ModuleEnv::incomingParams(llvm::IRBuilder<> &b,
                                                     llvm::Function *function,
                                                     const binary::FuncType &type) {
  const ParamLayout layout = paramLayout(type);
  llvm::Value *area = layout.numSpilled ? spillArea(b) : nullptr;
  std::vector<llvm::Value *> params;
  for (size_t i = 0; i < type.params.size(); ++i) {
    if (layout.argument[i] >= 0) {
      params.push_back(function->getArg(unsigned(layout.argument[i])));
      continue;
    }
    llvm::LoadInst *load = b.CreateAlignedLoad(
        valueType(type.params[i]), spilledArgument(b, area, layout.slot[i]), llvm::Align(16));
    load->setMetadata(llvm::LLVMContext::MD_tbaa, tbaaSpill_);
    params.push_back(load);
  }
  return params;
}

llvm::MDNode *ModuleEnv::tbaaGlobal(uint32_t index) const {
  if (index < wasm_.numImportedGlobals)
    return tbaaImportedGlobal_;
  if (!tbaaGlobals_[index]) {
    llvm::MDBuilder md(context_);
    llvm::MDNode *type =
        md.createTBAAScalarTypeNode("global " + std::to_string(index), tbaaRoot_);
    tbaaGlobals_[index] = md.createTBAAStructTagNode(type, type, 0);
  }
  return tbaaGlobals_[index];
}

void ModuleEnv::markInvariant(llvm::LoadInst *load, uint64_t dereferenceableBytes) const {
  markInstanceLoad(load, dereferenceableBytes);
}

llvm::Value *ModuleEnv::instanceField(llvm::IRBuilder<> &b, llvm::Value *ctx, unsigned offset,
                                      uint64_t dereferenceableBytes) const {
  llvm::Value *address = b.CreateConstInBoundsGEP1_64(i8_, ctx, offset);
  llvm::LoadInst *load = b.CreateAlignedLoad(ptr_, address, llvm::Align(8));
  markInvariant(load, dereferenceableBytes);
  return load;
}

llvm::Value *ModuleEnv::instanceObject(llvm::IRBuilder<> &b, llvm::Value *ctx, unsigned field,
                                       size_t count, uint32_t index, uint64_t objectBytes) const {
  llvm::Value *array = instanceField(b, ctx, field, 8 * count);
  llvm::Value *slot = b.CreateConstInBoundsGEP1_64(ptr_, array, index);
  llvm::LoadInst *object = b.CreateAlignedLoad(ptr_, slot, llvm::Align(8));
  markInvariant(object, objectBytes);
  return object;
}

llvm::Value *ModuleEnv::memoryBase(llvm::IRBuilder<> &b, llvm::Value *ctx,
                                   uint32_t memoryIndex) const {
  llvm::LoadInst *base = nullptr;
  if (memoryIndex == 0 && memoryStrategies_[0].access == MemoryAccess::GuardPages) {
    base = llvm::cast<llvm::LoadInst>(instanceField(b, ctx, WASMC_INSTANCE_MEMORY_BASE));
  } else {
    llvm::Value *memory = memoryObject(b, ctx, memoryIndex);
    base = b.CreateAlignedLoad(
        ptr_, b.CreateConstInBoundsGEP1_64(i8_, memory, WASMC_MEMORY_BASE), llvm::Align(8));
    markInvariant(base);
  }
  markMemoryBaseAlignment(base);
  return base;
}

llvm::Value *ModuleEnv::memoryObject(llvm::IRBuilder<> &b, llvm::Value *ctx,
                                     uint32_t memoryIndex) const {
  return instanceObject(b, ctx, WASMC_INSTANCE_MEMORIES, wasm_.memories.size(), memoryIndex,
                        sizeof(wasmc_memory));
}

namespace {

llvm::LoadInst *loadMemorySize(llvm::IRBuilder<> &b, llvm::Value *memory) {
  llvm::Value *address = b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), memory, WASMC_MEMORY_SIZE);
  return b.CreateAlignedLoad(b.getInt64Ty(), address, llvm::Align(8));
}

} // namespace

llvm::Value *ModuleEnv::memorySizeBytes(llvm::IRBuilder<> &b, llvm::Value *ctx,
                                        uint32_t memoryIndex) const {
  llvm::LoadInst *size = loadMemorySize(b, memoryObject(b, ctx, memoryIndex));
  size->setMetadata(llvm::LLVMContext::MD_tbaa, tbaaMemorySize_);
  if (memoryStrategies_[memoryIndex].shared)
    size->setAtomic(llvm::AtomicOrdering::Monotonic);
  return size;
}

bool isMemoryZeroBase(const llvm::Value *value, const llvm::Function &function) {
  const auto *load = llvm::dyn_cast<llvm::LoadInst>(value);
  if (!load || function.arg_empty())
    return false;
  int64_t offset = 0;
  const llvm::Value *base = llvm::GetPointerBaseWithConstantOffset(
      load->getPointerOperand(), offset, function.getDataLayout());
  return base == function.getArg(0) && offset == WASMC_INSTANCE_MEMORY_BASE;
}

uint64_t memoryZeroMinimumBytes(const llvm::Module &module) {
  const auto *flag =
      llvm::mdconst::extract_or_null<llvm::ConstantInt>(module.getModuleFlag(kMemoryZeroMinimumBytesFlag));
  return flag ? flag->getZExtValue() : 0;
}

bool cannotFault(const llvm::Value *pointer, llvm::Type *accessed, const llvm::Function &function) {
  const llvm::DataLayout &layout = function.getDataLayout();
  int64_t offset = 0;
  const llvm::Value *base = llvm::GetPointerBaseWithConstantOffset(pointer, offset, layout);
  if (!base || !isMemoryZeroBase(base, function) || offset < 0 || !accessed->isSized())
    return false;
  const uint64_t size = layout.getTypeStoreSize(accessed).getFixedValue();
  const uint64_t minimum = memoryZeroMinimumBytes(*function.getParent());
  return size <= minimum && uint64_t(offset) <= minimum - size;
}

bool isStackCheck(const llvm::Value *value) {
  const auto *compare = llvm::dyn_cast<llvm::ICmpInst>(value);
  if (!compare || compare->getPredicate() != llvm::ICmpInst::ICMP_ULT)
    return false;
  const auto *sp = llvm::dyn_cast<llvm::IntrinsicInst>(compare->getOperand(0));
  const auto *limit = llvm::dyn_cast<llvm::LoadInst>(compare->getOperand(1));
  if (!sp || sp->getIntrinsicID() != llvm::Intrinsic::read_register || !limit)
    return false;
  const auto *address = llvm::dyn_cast<llvm::IntrinsicInst>(limit->getPointerOperand());
  return address && address->getIntrinsicID() == llvm::Intrinsic::threadlocal_address &&
         address->getArgOperand(0)->getName() == WASMC_RT_STACK_LIMIT;
}

void markMemoryBaseAlignment(llvm::LoadInst *load) {
  llvm::LLVMContext &context = load->getContext();
  auto *alignment = llvm::ConstantAsMetadata::get(
      llvm::ConstantInt::get(llvm::Type::getInt64Ty(context), kMemoryBaseAlignment));
  load->setMetadata(llvm::LLVMContext::MD_align, llvm::MDNode::get(context, {alignment}));
  load->setMetadata(llvm::LLVMContext::MD_noundef, llvm::MDNode::get(context, {}));
}

void markInstanceLoad(llvm::LoadInst *load, uint64_t dereferenceableBytes) {
  llvm::LLVMContext &context = load->getContext();
  load->setMetadata(llvm::LLVMContext::MD_invariant_load, llvm::MDNode::get(context, {}));
  load->setMetadata(llvm::LLVMContext::MD_tbaa, tbaaTag(context, "instance"));
  if (dereferenceableBytes) {
    auto *bytes = llvm::ConstantAsMetadata::get(
        llvm::ConstantInt::get(llvm::Type::getInt64Ty(context), dereferenceableBytes));
    load->setMetadata(llvm::LLVMContext::MD_dereferenceable, llvm::MDNode::get(context, {bytes}));
    load->setMetadata(llvm::LLVMContext::MD_nonnull, llvm::MDNode::get(context, {}));
  }
}

llvm::MDNode *tbaaTag(llvm::LLVMContext &context, llvm::StringRef name) {
  // Metadata nodes are uniqued: the same name gives the same tag in every caller.
  llvm::MDBuilder md(context);
  llvm::MDNode *type = md.createTBAAScalarTypeNode(name, md.createTBAARoot("wasmc"));
  return md.createTBAAStructTagNode(type, type, 0);
}

llvm::Value *memoryZeroSizeBytes(llvm::IRBuilder<> &b, llvm::Value *ctx) {
  // The memories array and its first entry are fixed once the instance is initialised: they are
  // loaded at the function's entry (marked as ModuleEnv::memoryObject marks them). The size
  // changes, but only grows, and only in calls: with its alias type and a pointer that may be
  // dereferenced anywhere, LICM may hoist it out of loops that merely load and store linear
  // memory, even from a block that not every iteration runs.
  llvm::BasicBlock &entryBlock = b.GetInsertBlock()->getParent()->getEntryBlock();
  llvm::IRBuilder<> entry(&entryBlock, entryBlock.getFirstInsertionPt());
  llvm::LoadInst *memories = entry.CreateAlignedLoad(
      entry.getPtrTy(),
      entry.CreateConstInBoundsGEP1_64(entry.getInt8Ty(), ctx, WASMC_INSTANCE_MEMORIES),
      llvm::Align(8));
  markInstanceLoad(memories, 8);
  llvm::LoadInst *memoryZero = entry.CreateAlignedLoad(entry.getPtrTy(), memories, llvm::Align(8));
  markInstanceLoad(memoryZero, sizeof(wasmc_memory));
  llvm::LoadInst *size = loadMemorySize(b, memoryZero);
  size->setMetadata(llvm::LLVMContext::MD_tbaa, tbaaTag(b.getContext(), "memory size"));
  return size;
}

llvm::Value *ModuleEnv::globalAddress(llvm::IRBuilder<> &b, llvm::Value *ctx,
                                      uint32_t globalIndex) const {
  return instanceObject(b, ctx, WASMC_INSTANCE_GLOBALS, wasm_.globals.size(), globalIndex,
                        sizeof(wasmc_global));
}

llvm::Value *ModuleEnv::tableObject(llvm::IRBuilder<> &b, llvm::Value *ctx,
                                    uint32_t tableIndex) const {
  return instanceObject(b, ctx, WASMC_INSTANCE_TABLES, wasm_.tables.size(), tableIndex,
                        sizeof(wasmc_table));
}

llvm::LoadInst *ModuleEnv::tableLoad(llvm::IRBuilder<> &b, llvm::Type *type, llvm::Value *address,
                                     uint32_t tableIndex) const {
  llvm::LoadInst *load = b.CreateAlignedLoad(type, address, llvm::Align(8));
  load->setMetadata(llvm::LLVMContext::MD_tbaa, tbaaTable_);
  if (fixedTables_[tableIndex])
    load->setMetadata(llvm::LLVMContext::MD_invariant_load, llvm::MDNode::get(context_, {}));
  return load;
}

llvm::Value *ModuleEnv::tableSize(llvm::IRBuilder<> &b, llvm::Value *table,
                                  uint32_t tableIndex) const {
  return tableLoad(b, i32_, b.CreateConstInBoundsGEP1_64(i8_, table, WASMC_TABLE_SIZE),
                   tableIndex);
}

llvm::Value *ModuleEnv::tableElements(llvm::IRBuilder<> &b, llvm::Value *table,
                                      uint32_t tableIndex) const {
  return tableLoad(b, ptr_, b.CreateConstInBoundsGEP1_64(i8_, table, WASMC_TABLE_ELEMENTS),
                   tableIndex);
}

llvm::Value *ModuleEnv::tableElement(llvm::IRBuilder<> &b, llvm::Value *elementAddress,
                                     uint32_t tableIndex) const {
  return tableLoad(b, ptr_, elementAddress, tableIndex);
}

llvm::Value *ModuleEnv::funcref(llvm::IRBuilder<> &b, llvm::Value *ctx,
                                uint32_t functionIndex) const {
  llvm::Value *funcs = instanceField(b, ctx, WASMC_INSTANCE_FUNCS,
                                     WASMC_FUNCREF_SIZE * wasm_.functionTypes.size());
  return b.CreateConstInBoundsGEP1_64(i8_, funcs, uint64_t(functionIndex) * WASMC_FUNCREF_SIZE);
}

llvm::Value *ModuleEnv::tag(llvm::IRBuilder<> &b, llvm::Value *ctx, uint32_t tagIndex) const {
  return instanceObject(b, ctx, WASMC_INSTANCE_TAGS, wasm_.tagTypes.size(), tagIndex,
                        sizeof(wasmc_tag));
}

llvm::Value *ModuleEnv::typeId(llvm::IRBuilder<> &b, llvm::Value *ctx, uint32_t typeIndex) const {
  llvm::Value *ids = instanceField(b, ctx, WASMC_INSTANCE_TYPE_IDS, 4 * wasm_.types.size());
  llvm::Value *slot = b.CreateConstInBoundsGEP1_64(i32_, ids, typeIndex);
  llvm::LoadInst *id = b.CreateAlignedLoad(i32_, slot, llvm::Align(4));
  markInvariant(id);
  return id;
}

llvm::Value *ModuleEnv::segmentSizeAddress(llvm::IRBuilder<> &b, llvm::Value *ctx, bool data,
                                           uint32_t segment) const {
  const size_t count = data ? wasm_.dataSegments.size() : wasm_.elemSegments.size();
  llvm::Value *segments =
      instanceField(b, ctx, data ? WASMC_INSTANCE_DATA_SEGMENTS : WASMC_INSTANCE_ELEM_SEGMENTS,
                    WASMC_SEGMENT_STRIDE * count);
  return b.CreateConstInBoundsGEP1_64(
      i8_, segments, uint64_t(segment) * WASMC_SEGMENT_STRIDE + WASMC_SEGMENT_SIZE);
}

ModuleEnv::Call ModuleEnv::emitWasmCall(llvm::IRBuilder<> &b, llvm::FunctionType *signature,
                                        llvm::Value *callee, llvm::Value *ctx,
                                        const binary::FuncType &type,
                                        llvm::ArrayRef<llvm::Value *> args, CallKind kind,
                                        llvm::Value *ownResults) {
  const bool tail = kind == CallKind::Tail;
  std::vector<llvm::Value *> callArgs{ctx};
  llvm::AllocaInst *results = nullptr;
  // Spilled arguments go to the spill area last thing before the call.
  const ParamLayout layout = paramLayout(type);
  llvm::Value *area = layout.numSpilled ? spillArea(b) : nullptr;
  for (size_t i = 0; i < type.params.size(); ++i)
    if (layout.argument[i] < 0)
      b.CreateAlignedStore(args[i], spilledArgument(b, area, layout.slot[i]), llvm::Align(16))
          ->setMetadata(llvm::LLVMContext::MD_tbaa, tbaaSpill_);
  if (returnsThroughPointer(type)) {
    if (tail) {
      callArgs.push_back(ownResults);
    } else {
      // In the entry block, so that it is one stack slot however often the call runs.
      llvm::BasicBlock &entry = b.GetInsertBlock()->getParent()->getEntryBlock();
      llvm::IRBuilder<> entryBuilder(&entry, entry.getFirstInsertionPt());
      results = entryBuilder.CreateAlloca(resultsType(type));
      callArgs.push_back(results);
    }
  }
  for (size_t i = 0; i < type.params.size(); ++i)
    if (layout.argument[i] >= 0)
      callArgs.push_back(args[i]);
  Call call{b.CreateCall(signature, callee, callArgs), {}, tail};
  call.instruction->setCallingConv(wasmConvention_);
  if (tail) {
    // musttail where the convention guarantees tail calls between any signatures (tailcc);
    // elsewhere (fastcc on RISC-V) a tail call that LLVM makes a jump when the arguments fit in
    // registers (DEVELOPERS.md, "Tail calls").
    call.instruction->setTailCallKind(wasmConvention_ == llvm::CallingConv::Tail
                                          ? llvm::CallInst::TCK_MustTail
                                          : llvm::CallInst::TCK_Tail);
    return call;
  }
  // Without return_call, unbounded recursion must exhaust the stack and trap, so LLVM may neither
  // turn a recursive call into a loop nor a call into a jump.
  call.instruction->setTailCallKind(llvm::CallInst::TCK_NoTail);
  if (results) {
    llvm::StructType *fields = resultsType(type);
    for (unsigned i = 0; i < type.results.size(); ++i)
      call.results.push_back(b.CreateLoad(fields->getElementType(i),
                                          b.CreateStructGEP(fields, results, i)));
  } else if (!type.results.empty()) {
    call.results.push_back(call.instruction);
  }
  return call;
}

ModuleEnv::Call ModuleEnv::emitCall(llvm::IRBuilder<> &b, llvm::Value *ctx, uint32_t callee,
                                    llvm::ArrayRef<llvm::Value *> args, CallKind kind,
                                    llvm::Value *ownResults) {
  const binary::FuncType &type = wasm_.functionType(callee);
  if (callee >= wasm_.numImportedFunctions) {
    llvm::Function *function = this->function(callee);
    return emitWasmCall(b, function->getFunctionType(), function, ctx, type, args, kind,
                        ownResults);
  }
  const binary::Import *import = functionImport(callee);
  const WasiFunction *wasi =
      options_.directWasiCalls ? findWasiFunction(import->module, import->name) : nullptr;
  if (wasi && wasi->type == type) { // the shim's functions receive the calling instance
    llvm::FunctionType *signature = cFunctionType(type);
    const llvm::AttributeList abi =
        cAbiAttributes(context_, llvm::Triple(module_.getTargetTriple()), signature);
    std::vector<llvm::Value *> callArgs{ctx};
    callArgs.insert(callArgs.end(), args.begin(), args.end());
    Call call{b.CreateCall(cFunction(wasi->symbol, signature, abi), callArgs), {}};
    call.instruction->setAttributes(abi);
    call.instruction->setTailCallKind(llvm::CallInst::TCK_NoTail);
    if (!type.results.empty())
      call.results.push_back(call.instruction);
    return call;
  }
  return emitFuncrefCall(b, funcref(b, ctx, callee), type, args, kind, ownResults);
}

ModuleEnv::Call ModuleEnv::emitFuncrefCall(llvm::IRBuilder<> &b, llvm::Value *funcref,
                                           const binary::FuncType &type,
                                           llvm::ArrayRef<llvm::Value *> args, CallKind kind,
                                           llvm::Value *ownResults) {
  auto [code, calleeCtx] = funcrefCodeAndCtx(b, funcref);
  return emitWasmCall(b, functionType(type), code, calleeCtx, type, args, kind, ownResults);
}

std::pair<llvm::Value *, llvm::Value *> ModuleEnv::funcrefCodeAndCtx(llvm::IRBuilder<> &b,
                                                                     llvm::Value *funcref) const {
  // A funcref never changes once created, so its fields are invariant.
  llvm::LoadInst *code = b.CreateAlignedLoad(ptr_, funcref, llvm::Align(8));
  markInvariant(code);
  llvm::LoadInst *calleeCtx = b.CreateAlignedLoad(
      ptr_, b.CreateConstInBoundsGEP1_64(i8_, funcref, WASMC_FUNCREF_CTX), llvm::Align(8));
  markInvariant(calleeCtx);
  return {code, calleeCtx};
}

ModuleEnv::Call ModuleEnv::emitCodeCall(llvm::IRBuilder<> &b, llvm::Value *code,
                                        llvm::Value *ctx, const binary::FuncType &type,
                                        llvm::ArrayRef<llvm::Value *> args, CallKind kind,
                                        llvm::Value *ownResults) {
  return emitWasmCall(b, functionType(type), code, ctx, type, args, kind, ownResults);
}

ModuleEnv::TypedTable ModuleEnv::typedTable(uint32_t tableIndex, uint32_t typeIndex) {
  if (wasm_.canonicalTypes.size() != wasm_.types.size() || !triple_.isOSBinFormatELF())
    return {};
  const uint32_t canonical = wasm_.canonicalTypes[typeIndex];
  auto cached = typedTables_.find({tableIndex, canonical});
  if (cached != typedTables_.end())
    return cached->second;
  TypedTable &table = typedTables_[{tableIndex, canonical}];
  auto contents = staticTables_.find(tableIndex);
  if (contents == staticTables_.end())
    contents = staticTables_.emplace(tableIndex, staticTableContents(wasm_, tableIndex)).first;
  if (!contents->second)
    return {};
  std::vector<llvm::Constant *> code;
  bool any = false;
  table.exact = true;
  for (uint32_t function : *contents->second) {
    const bool defined = function < wasm_.functionTypes.size() &&
                         function >= wasm_.numImportedFunctions;
    // Imported functions run with their own instance: they take the checked path.
    if (defined && wasm_.canonicalTypes[wasm_.functionTypes[function]] == canonical) {
      code.push_back(this->function(function));
      any = true;
    } else {
      code.push_back(llvm::ConstantPointerNull::get(ptr_));
      // A call through null or a defined function of another type traps; an import (which may
      // match) or an element decided at instantiation may not.
      table.exact &= defined || function == kNullElement;
    }
  }
  if (!any)
    return table = {};
  // Past the array, the checked path: nulls at its end would only make it longer.
  while (llvm::isa<llvm::ConstantPointerNull>(code.back()))
    code.pop_back();
  auto *type = llvm::ArrayType::get(ptr_, code.size());
  const std::string name =
      "wasm_table" + std::to_string(tableIndex) + "_type" + std::to_string(canonical);
  // One partition (its functions internal, ModuleEnv::function) keeps it to itself.
  const bool single = partition_.count == 1 && partition_.baselineFunctions.empty();
  table.array = new llvm::GlobalVariable(
      module_, type, /*isConstant=*/true,
      single ? llvm::GlobalValue::InternalLinkage : llvm::GlobalValue::LinkOnceODRLinkage,
      llvm::ConstantArray::get(type, code), name);
  if (!single) {
    table.array->setVisibility(llvm::GlobalValue::HiddenVisibility);
    table.array->setComdat(module_.getOrInsertComdat(name));
  }
  table.array->setDSOLocal(true);
  table.array->setAlignment(llvm::Align(8));
  return table;
}

} // namespace wasmc::lower
