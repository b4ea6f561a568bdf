// What the primary partition adds around the functions: the module descriptor of abi.h, the
// initialisation function (global initialisers, element items, active segments), the start
// wrapper, the array-call wrappers through which the host calls functions, and the grants baked
// into an executable.
#include "lower/Descriptor.h"

#include "lower/CallingConventions.h"
#include "lower/ConstExpr.h"

#include "wasmc/abi.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/GlobalVariable.h>

#include <algorithm>
#include <optional>
#include <set>

namespace wasmc::lower {

namespace {

using binary::ExternKind;
using binary::Opcode;
using binary::SegmentMode;

class DescriptorEmitter {
public:
  explicit DescriptorEmitter(ModuleEnv &env)
      : env_(env), wasm_(env.wasm()), context_(env.context()), module_(env.module()) {}

  void emit();

private:
  llvm::Constant *string(const std::string &text) {
    auto found = strings_.find(text);
    if (found != strings_.end())
      return found->second;
    llvm::Constant *global = llvm::IRBuilder<>(context_).CreateGlobalString(text, ".str", 0, &module_);
    strings_.emplace(text, global);
    return global;
  }
  llvm::Constant *i32(uint64_t value) { return llvm::ConstantInt::get(env_.i32(), value); }
  llvm::Constant *i64(uint64_t value) { return llvm::ConstantInt::get(env_.i64(), value); }
  llvm::Constant *null() { return llvm::ConstantPointerNull::get(env_.ptr()); }
  // A private constant array; a null pointer when empty.
  llvm::Constant *array(llvm::Type *elementType, const std::vector<llvm::Constant *> &elements,
                        const char *name) {
    if (elements.empty())
      return null();
    auto *type = llvm::ArrayType::get(elementType, elements.size());
    return new llvm::GlobalVariable(module_, type, true, llvm::GlobalValue::PrivateLinkage,
                                    llvm::ConstantArray::get(type, elements), name);
  }
  llvm::Constant *structOf(std::vector<llvm::Constant *> fields) {
    return llvm::ConstantStruct::getAnon(context_, fields);
  }
  llvm::Constant *limits(const binary::Limits &limits) {
    // WASMC_TABLE_64 is WASMC_MEMORY_64.
    const uint32_t flags =
        (limits.is64 ? WASMC_MEMORY_64 : 0u) | (limits.shared ? WASMC_MEMORY_SHARED : 0u);
    return structOf({i64(limits.min), i64(limits.max.value_or(0)), i32(limits.max ? 1 : 0),
                     i32(flags)});
  }
  llvm::StructType *valTypeType() const { return lower::valTypeType(context_); }
  llvm::Constant *valType(binary::ValType type) {
    uint8_t code = 0, heap = 0;
    switch (type.kind) {
    case binary::ValType::Kind::I32: code = WASMC_TYPE_I32; break;
    case binary::ValType::Kind::I64: code = WASMC_TYPE_I64; break;
    case binary::ValType::Kind::F32: code = WASMC_TYPE_F32; break;
    case binary::ValType::Kind::F64: code = WASMC_TYPE_F64; break;
    case binary::ValType::Kind::V128: code = WASMC_TYPE_V128; break;
    case binary::ValType::Kind::Ref:
    case binary::ValType::Kind::Bottom:
      code = WASMC_TYPE_REF;
      heap = static_cast<uint8_t>(type.heap); // HeapKind's values are the WASMC_HEAP_* codes
      break;
    }
    auto byte = [&](uint8_t value) { return llvm::ConstantInt::get(env_.i8(), value); };
    return llvm::ConstantStruct::get(
        valTypeType(), {byte(code), byte(type.isRef() && type.nullable), byte(heap), byte(0),
                        i32(type.isConcrete() ? type.index : 0)});
  }

  std::set<uint32_t> escapingFunctions() const;
  // Wasm code must stay in the wasm code section, where the runtime recognises its faults and
  // frames: the helpers call wasm functions but never inline them.
  static void keepOutOfLine(llvm::CallInst *call) { call->addFnAttr(llvm::Attribute::NoInline); }
  llvm::Function *arrayCallWrapper(uint32_t typeIndex);
  llvm::Function *importThunk(uint32_t functionIndex);
  llvm::Function *initializeFunction();
  llvm::Function *startFunction();
  llvm::Function *newHelper(const char *name, llvm::FunctionType *type) {
    auto *function = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage, name, module_);
    env_.addFunctionAttributes(function, /*wasmFunction=*/false);
    return function;
  }

  ModuleEnv &env_;
  const binary::Module &wasm_;
  llvm::LLVMContext &context_;
  llvm::Module &module_;
  std::map<std::string, llvm::Constant *> strings_;
  std::map<uint32_t, llvm::Function *> arrayCallWrappers_; // by type index
};

// Functions whose references can reach the host: exported, or in a table (an element segment or
// a table's initialiser) or a global.
std::set<uint32_t> DescriptorEmitter::escapingFunctions() const {
  std::set<uint32_t> escaping;
  for (const binary::Export &exported : wasm_.exports)
    if (exported.kind == ExternKind::Func)
      escaping.insert(exported.index);
  auto addRefs = [&](const binary::ConstExpr &expr) {
    for (const binary::Instruction &instruction : expr.instructions)
      if (instruction.op == Opcode::RefFunc)
        escaping.insert(instruction.index);
  };
  for (const binary::ElemSegment &segment : wasm_.elemSegments)
    for (const binary::ConstExpr &item : segment.items)
      addRefs(item);
  for (const binary::ConstExpr &init : wasm_.globalInits)
    addRefs(init);
  for (const std::optional<binary::ConstExpr> &init : wasm_.tableInits)
    if (init)
      addRefs(*init);
  return escaping;
}

// void wrapper(const wasmc_funcref *func, wasmc_val *io): calls func's code with func's ctx,
// arguments from io[0..params), results to io[0..results). One per function type, not per
// function: a module whose tables hold tens of thousands of functions would otherwise compile
// as many wrappers again.
llvm::Function *DescriptorEmitter::arrayCallWrapper(uint32_t typeIndex) {
  auto [found, inserted] = arrayCallWrappers_.try_emplace(typeIndex, nullptr);
  if (!inserted)
    return found->second;
  const binary::FuncType &type = wasm_.types[typeIndex];
  auto *wrapperType =
      llvm::FunctionType::get(llvm::Type::getVoidTy(context_), {env_.ptr(), env_.ptr()}, false);
  llvm::Function *wrapper = newHelper("wasmc_array_call", wrapperType);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(context_, "entry", wrapper));
  llvm::Value *io = wrapper->getArg(1);
  auto slot = [&](size_t i) { return b.CreateConstInBoundsGEP1_64(env_.i8(), io, 16 * i); };
  std::vector<llvm::Value *> args;
  for (size_t i = 0; i < type.params.size(); ++i)
    args.push_back(b.CreateAlignedLoad(env_.valueType(type.params[i]), slot(i), llvm::Align(8)));
  ModuleEnv::Call call = env_.emitFuncrefCall(b, wrapper->getArg(0), type, args);
  keepOutOfLine(call.instruction);
  for (unsigned i = 0; i < call.results.size(); ++i)
    b.CreateAlignedStore(call.results[i], slot(i), llvm::Align(8));
  b.CreateRetVoid();
  found->second = wrapper;
  return wrapper;
}

// R thunk(wasmc_funcref *host, params...) in the wasm convention: host->code(host->ctx, params...)
// in the C convention (abi.h). Host functions have at most one result.
llvm::Function *DescriptorEmitter::importThunk(uint32_t functionIndex) {
  const binary::FuncType &type = wasm_.functionType(functionIndex);
  if (type.results.size() > 1)
    return nullptr;
  llvm::Function *thunk = newHelper("wasmc_import_thunk", env_.functionType(type));
  thunk->setCallingConv(env_.wasmConvention());
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(context_, "entry", thunk));
  llvm::Value *host = thunk->getArg(0);
  llvm::Value *code = b.CreateAlignedLoad(env_.ptr(), host, llvm::Align(8));
  llvm::Value *hostEnv = b.CreateAlignedLoad(
      env_.ptr(), b.CreateConstInBoundsGEP1_64(env_.i8(), host, WASMC_FUNCREF_CTX), llvm::Align(8));
  std::vector<llvm::Value *> args{hostEnv};
  for (llvm::Value *param : env_.incomingParams(b, thunk, type))
    args.push_back(param);
  llvm::FunctionType *cType = env_.cFunctionType(type);
  llvm::CallInst *call = b.CreateCall(cType, code, args);
  call->setAttributes(cAbiAttributes(context_, llvm::Triple(module_.getTargetTriple()), cType));
  if (type.results.empty())
    b.CreateRetVoid();
  else
    b.CreateRet(call);
  return thunk;
}

static_assert(uint32_t(SegmentMode::Active) == WASMC_SEGMENT_ACTIVE &&
                  uint32_t(SegmentMode::Passive) == WASMC_SEGMENT_PASSIVE &&
                  uint32_t(SegmentMode::Declarative) == WASMC_SEGMENT_DECLARATIVE,
              "segment modes as in abi.h");

// The function index of an element item that is a function reference or null, if it is one.
std::optional<uint32_t> functionIndexItem(const binary::ConstExpr &item) {
  if (item.instructions.size() != 1)
    return std::nullopt;
  const binary::Instruction &instruction = item.instructions[0];
  if (instruction.op == Opcode::RefFunc)
    return instruction.index;
  if (instruction.op == Opcode::RefNull)
    return WASMC_NULL_FUNC_INDEX;
  return std::nullopt;
}

bool hasOnlyFunctionIndexItems(const binary::ElemSegment &segment) {
  return std::all_of(segment.items.begin(), segment.items.end(),
                     [](const binary::ConstExpr &item) { return functionIndexItem(item); });
}

// A constant segment offset (`i32.const`), if it is one.
std::optional<uint64_t> constantOffset(const binary::ConstExpr &offset) {
  if (offset.instructions.size() == 1 && offset.instructions[0].op == Opcode::I32Const)
    return uint32_t(offset.instructions[0].value.i32);
  if (offset.instructions.size() == 1 && offset.instructions[0].op == Opcode::I64Const)
    return uint64_t(offset.instructions[0].value.i64);
  return std::nullopt;
}

// void initialize(ctx, uint64_t *segmentOffsets): global initialisers, the element items that
// are not function indices, and the segment offsets that are not constants (abi.h).
llvm::Function *DescriptorEmitter::initializeFunction() {
  auto *type = llvm::FunctionType::get(llvm::Type::getVoidTy(context_), {env_.ptr(), env_.ptr()},
                                       false);
  llvm::Function *function = newHelper("wasmc_initialize", type);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(context_, "entry", function));
  llvm::Value *ctx = function->getArg(0);
  llvm::Value *segmentOffsets = function->getArg(1);
  auto computeOffset = [&](const binary::ConstExpr &expr, size_t slot) {
    if (constantOffset(expr))
      return;
    llvm::Value *offset = b.CreateZExt(lowerConstExpr(env_, b, ctx, expr), env_.i64());
    b.CreateAlignedStore(offset, b.CreateConstInBoundsGEP1_64(env_.i64(), segmentOffsets, slot),
                         llvm::Align(8));
  };

  // Tables with an initialiser: every element is its value (before the globals, which come after
  // the tables and which it cannot read).
  for (size_t i = 0; i < wasm_.tableInits.size(); ++i) {
    if (!wasm_.tableInits[i])
      continue;
    const uint32_t table = wasm_.numImportedTables + uint32_t(i);
    llvm::Value *value = lowerConstExpr(env_, b, ctx, *wasm_.tableInits[i]);
    llvm::Value *size = env_.tableSize(b, env_.tableObject(b, ctx, table), table);
    env_.callRuntime(b, RuntimeFunction::table_fill,
                     {ctx, b.getInt32(table), b.getInt64(0), value, b.CreateZExt(size, env_.i64())});
  }
  for (size_t i = 0; i < wasm_.globalInits.size(); ++i) {
    const uint32_t index = wasm_.numImportedGlobals + uint32_t(i);
    llvm::Value *value = lowerConstExpr(env_, b, ctx, wasm_.globalInits[i]);
    b.CreateAlignedStore(value, env_.globalAddress(b, ctx, index), llvm::Align(16))
        ->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaGlobal(index));
  }
  for (size_t s = 0; s < wasm_.elemSegments.size(); ++s) {
    const binary::ElemSegment &segment = wasm_.elemSegments[s];
    if (segment.mode == SegmentMode::Active)
      computeOffset(segment.offsetExpr, s);
    if (segment.items.empty() || hasOnlyFunctionIndexItems(segment))
      continue; // the runtime fills it from the descriptor's function indices
    // elem_segments[s].refs, allocated by the runtime with one slot per item.
    llvm::Value *segmentAddress = b.CreateConstInBoundsGEP1_64(
        env_.i8(), env_.segmentSizeAddress(b, ctx, false, uint32_t(s)), -int64_t(WASMC_SEGMENT_SIZE));
    llvm::LoadInst *refs = b.CreateAlignedLoad(env_.ptr(), segmentAddress, llvm::Align(8));
    refs->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaSegment());
    for (size_t j = 0; j < segment.items.size(); ++j) {
      llvm::Value *item = lowerConstExpr(env_, b, ctx, segment.items[j]);
      b.CreateAlignedStore(item, b.CreateConstInBoundsGEP1_64(env_.ptr(), refs, j), llvm::Align(8))
          ->setMetadata(llvm::LLVMContext::MD_tbaa, env_.tbaaTable());
    }
  }
  for (size_t d = 0; d < wasm_.dataSegments.size(); ++d)
    if (wasm_.dataSegments[d].mode == SegmentMode::Active)
      computeOffset(wasm_.dataSegments[d].offsetExpr, wasm_.elemSegments.size() + d);
  b.CreateRetVoid();
  return function;
}

llvm::Function *DescriptorEmitter::startFunction() {
  auto *type = llvm::FunctionType::get(llvm::Type::getVoidTy(context_), {env_.ptr()}, false);
  llvm::Function *function = newHelper("wasmc_start", type);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(context_, "entry", function));
  keepOutOfLine(env_.emitCall(b, function->getArg(0), *wasm_.start, {}).instruction);
  b.CreateRetVoid();
  return function;
}

void DescriptorEmitter::emit() {
  llvm::Type *ptr = env_.ptr();

  // wasmc_type_desc: {{num_params, num_results, types}, rec_group_size, is_final}.
  std::vector<uint32_t> groupSizes(wasm_.types.size(), 0);
  for (const binary::RecGroup &group : wasm_.recGroups)
    if (group.size)
      groupSizes[group.first] = group.size;
  std::vector<llvm::Constant *> types;
  for (size_t t = 0; t < wasm_.types.size(); ++t) {
    const binary::FuncType &type = wasm_.types[t];
    std::vector<llvm::Constant *> valTypes;
    for (binary::ValType param : type.params)
      valTypes.push_back(valType(param));
    for (binary::ValType result : type.results)
      valTypes.push_back(valType(result));
    types.push_back(structOf({structOf({i32(type.params.size()), i32(type.results.size()),
                                        array(valTypeType(), valTypes, "wasmc.type")}),
                              i32(groupSizes[t]), i32(wasm_.finalTypes[t] ? 1 : 0)}));
  }

  std::vector<llvm::Constant *> imports;
  {
    uint32_t counts[5] = {0, 0, 0, 0, 0};
    for (const binary::Import &import : wasm_.imports)
      imports.push_back(structOf({string(import.module), string(import.name),
                                  i32(import.module.size()), i32(import.name.size()),
                                  i32(uint32_t(import.kind)), i32(counts[uint32_t(import.kind)]++)}));
  }

  std::vector<llvm::Constant *> funcTypes, funcCode, arrayCalls, funcNames, importThunks;
  const std::set<uint32_t> escaping = escapingFunctions();
  bool anyNames = false;
  for (uint32_t i = 0; i < wasm_.functionTypes.size(); ++i) {
    funcTypes.push_back(i32(wasm_.functionTypes[i]));
    auto name = wasm_.names.functionNames.find(i);
    anyNames |= name != wasm_.names.functionNames.end();
    funcNames.push_back(name != wasm_.names.functionNames.end() ? string(name->second) : null());
    if (i < wasm_.numImportedFunctions) {
      llvm::Function *thunk = importThunk(i);
      importThunks.push_back(thunk ? static_cast<llvm::Constant *>(thunk) : null());
      continue;
    }
    funcCode.push_back(env_.function(i));
    arrayCalls.push_back(escaping.count(i) ? arrayCallWrapper(wasm_.functionTypes[i]) : null());
  }

  std::vector<llvm::Constant *> tables;
  for (const binary::TableType &table : wasm_.tables)
    tables.push_back(structOf({limits(table.limits), valType(table.elemType)}));
  std::vector<llvm::Constant *> memories;
  for (const binary::MemoryType &memory : wasm_.memories)
    memories.push_back(limits(memory.limits));
  std::vector<llvm::Constant *> globals;
  for (const binary::GlobalType &global : wasm_.globals)
    globals.push_back(structOf({valType(global.type), i32(global.isMutable ? 1 : 0), i32(0)}));
  std::vector<llvm::Constant *> exports;
  for (const binary::Export &exported : wasm_.exports)
    exports.push_back(structOf({string(exported.name), i32(exported.name.size()),
                                i32(uint32_t(exported.kind)), i32(exported.index), i32(0)}));
  // Tags: a name for messages, the first export's, else the import's, else the name section's.
  std::vector<std::string> tagNames(wasm_.tagTypes.size());
  for (const auto &[index, name] : wasm_.names.tagNames)
    if (index < tagNames.size())
      tagNames[index] = name;
  {
    uint32_t importedTag = 0;
    for (const binary::Import &import : wasm_.imports)
      if (import.kind == ExternKind::Tag)
        tagNames[importedTag++] = import.name;
  }
  std::vector<bool> exportNamed(tagNames.size(), false);
  for (const binary::Export &exported : wasm_.exports)
    if (exported.kind == ExternKind::Tag && exported.index < tagNames.size() &&
        !exportNamed[exported.index]) {
      tagNames[exported.index] = exported.name;
      exportNamed[exported.index] = true;
    }
  std::vector<llvm::Constant *> tags;
  for (size_t i = 0; i < wasm_.tagTypes.size(); ++i)
    tags.push_back(structOf({tagNames[i].empty() ? null() : string(tagNames[i]),
                             i32(wasm_.tagTypes[i]), i32(0)}));
  // Placement of an active segment (abi.h): a constant offset, or one `initialize` computes.
  auto placement = [&](SegmentMode mode, uint32_t index, const binary::ConstExpr &offset) {
    const std::optional<uint64_t> constant =
        mode == SegmentMode::Active ? constantOffset(offset) : std::optional<uint64_t>(0);
    return structOf({i64(constant.value_or(0)), i32(index), i32(constant ? 0 : 1)});
  };
  // All data segments' bytes in one constant, each segment pointing into it.
  std::vector<llvm::Constant *> data;
  {
    std::string blob;
    for (const binary::DataSegment &segment : wasm_.dataSegments)
      blob.append(reinterpret_cast<const char *>(wasm_.at(segment.bytesOffset)), segment.size);
    llvm::Constant *bytes = null();
    if (!blob.empty())
      bytes = new llvm::GlobalVariable(
          module_, llvm::ArrayType::get(env_.i8(), blob.size()), true,
          llvm::GlobalValue::PrivateLinkage,
          llvm::ConstantDataArray::getString(context_, blob, /*AddNull=*/false), "wasmc.data");
    uint64_t position = 0;
    for (const binary::DataSegment &segment : wasm_.dataSegments) {
      llvm::Constant *start =
          blob.empty() ? null()
                       : llvm::ConstantExpr::getInBoundsGetElementPtr(env_.i8(), bytes, i64(position));
      position += segment.size;
      data.push_back(structOf({start, i64(segment.size), i32(uint32_t(segment.mode)), i32(0),
                               placement(segment.mode, segment.memoryIndex, segment.offsetExpr)}));
    }
  }
  std::vector<llvm::Constant *> elems;
  for (const binary::ElemSegment &segment : wasm_.elemSegments) {
    llvm::Constant *functionIndices = null();
    if (!segment.items.empty() && hasOnlyFunctionIndexItems(segment)) {
      std::vector<uint32_t> indices;
      for (const binary::ConstExpr &item : segment.items)
        indices.push_back(*functionIndexItem(item));
      auto *array = llvm::ConstantDataArray::get(context_, indices);
      functionIndices = new llvm::GlobalVariable(module_, array->getType(), true,
                                                 llvm::GlobalValue::PrivateLinkage, array,
                                                 "wasmc.elem_functions");
    }
    elems.push_back(structOf({i64(segment.items.size()), valType(segment.elemType),
                              i32(uint32_t(segment.mode)), i32(0), functionIndices,
                              placement(segment.mode, segment.tableIndex, segment.offsetExpr)}));
  }

  // The bounds of the section holding all generated code (defined by the linker).
  auto sectionBound = [&](const char *prefix) {
    auto *bound = new llvm::GlobalVariable(module_, env_.i8(), true,
                                           llvm::GlobalValue::ExternalWeakLinkage, nullptr,
                                           std::string(prefix) + WASMC_CODE_SECTION);
    bound->setVisibility(llvm::GlobalValue::HiddenVisibility);
    return bound;
  };

  auto count = [&](size_t n) { return i32(n); };
  const DescriptorElementTypes element = descriptorElementTypes(context_);
  std::vector<llvm::Constant *> fields = {
      i32(WASMC_ABI_VERSION),
      wasm_.names.moduleName ? string(*wasm_.names.moduleName) : null(),
      count(wasm_.types.size()), array(element.type, types, "wasmc.types"),
      count(wasm_.imports.size()), array(element.import, imports, "wasmc.imports"),
      count(wasm_.functionTypes.size()), count(wasm_.numImportedFunctions),
      array(env_.i32(), funcTypes, "wasmc.func_types"),
      array(ptr, funcCode, "wasmc.func_code"),
      array(ptr, arrayCalls, "wasmc.array_calls"),
      anyNames ? array(ptr, funcNames, "wasmc.func_names") : null(),
      array(ptr, importThunks, "wasmc.import_thunks"),
      count(wasm_.tables.size()), count(wasm_.numImportedTables),
      array(element.table, tables, "wasmc.tables"),
      count(wasm_.memories.size()), count(wasm_.numImportedMemories),
      array(element.memory, memories, "wasmc.memories"),
      count(wasm_.globals.size()), count(wasm_.numImportedGlobals),
      array(element.global, globals, "wasmc.globals"),
      count(wasm_.exports.size()), array(element.exportEntry, exports, "wasmc.exports"),
      count(wasm_.dataSegments.size()), array(element.data, data, "wasmc.data_segments"),
      count(wasm_.elemSegments.size()), array(element.elem, elems, "wasmc.elem_segments"),
      count(wasm_.tagTypes.size()), count(wasm_.numImportedTags),
      array(element.tag, tags, "wasmc.tags"),
      initializeFunction(),
      wasm_.start ? static_cast<llvm::Constant *>(startFunction()) : null(),
      sectionBound("__start_"),
      sectionBound("__stop_"),
  };
  llvm::StructType *descriptorType = moduleDescriptorType(context_);
  auto *descriptor = new llvm::GlobalVariable(module_, descriptorType, true,
                                              llvm::GlobalValue::ExternalLinkage,
                                              llvm::ConstantStruct::get(descriptorType, fields),
                                              WASMC_MODULE_DESC_SYMBOL);
  descriptor->setAlignment(llvm::Align(8));

  if (env_.options().emitBakedGrants) {
    std::vector<llvm::Constant *> words;
    for (const std::string &word : env_.options().bakedGrants)
      words.push_back(string(word));
    words.push_back(null());
    auto *type = llvm::ArrayType::get(ptr, words.size());
    new llvm::GlobalVariable(module_, type, true, llvm::GlobalValue::ExternalLinkage,
                             llvm::ConstantArray::get(type, words), "wasmc_baked_grants");
  }
}

} // namespace

llvm::StructType *moduleDescriptorType(llvm::LLVMContext &context) {
  llvm::Type *i32 = llvm::Type::getInt32Ty(context);
  llvm::Type *ptr = llvm::PointerType::get(context, 0);
  // Field by field as wasmc_module_desc in abi.h; test/unit checks the offsets agree.
  return llvm::StructType::get(context, {
      i32, ptr,            // abi_version, name
      i32, ptr,            // num_types, types
      i32, ptr,            // num_imports, imports
      i32, i32, ptr,       // num_funcs, num_imported_funcs, func_types
      ptr, ptr, ptr,       // func_code, func_array_calls, func_names
      ptr,                 // import_thunks
      i32, i32, ptr,       // num_tables, num_imported_tables, tables
      i32, i32, ptr,       // num_memories, num_imported_memories, memories
      i32, i32, ptr,       // num_globals, num_imported_globals, globals
      i32, ptr,            // num_exports, exports
      i32, ptr,            // num_data, data
      i32, ptr,            // num_elems, elems
      i32, i32, ptr,       // num_tags, num_imported_tags, tags
      ptr, ptr,            // initialize, start
      ptr, ptr,            // code_begin, code_end
  });
}

llvm::StructType *valTypeType(llvm::LLVMContext &context) {
  llvm::Type *i8 = llvm::Type::getInt8Ty(context);
  return llvm::StructType::get(context, {i8, i8, i8, i8, llvm::Type::getInt32Ty(context)});
}

DescriptorElementTypes descriptorElementTypes(llvm::LLVMContext &context) {
  llvm::Type *i32 = llvm::Type::getInt32Ty(context);
  llvm::Type *i64 = llvm::Type::getInt64Ty(context);
  llvm::Type *ptr = llvm::PointerType::get(context, 0);
  auto structOf = [&](llvm::ArrayRef<llvm::Type *> fields) {
    return llvm::StructType::get(context, fields);
  };
  llvm::StructType *limits = structOf({i64, i64, i32, i32});      // wasmc_limits_desc
  llvm::StructType *placement = structOf({i64, i32, i32});        // wasmc_segment_placement
  llvm::StructType *valtype = valTypeType(context);               // wasmc_valtype
  DescriptorElementTypes types;
  types.functype = structOf({i32, i32, ptr});                     // wasmc_functype_desc
  types.type = structOf({types.functype, i32, i32});              // wasmc_type_desc
  types.import = structOf({ptr, ptr, i32, i32, i32, i32});        // wasmc_import_desc
  types.table = structOf({limits, valtype});                      // wasmc_table_desc
  types.memory = limits;                                          // wasmc_limits_desc (in pages)
  types.global = structOf({valtype, i32, i32});                   // wasmc_global_desc
  types.exportEntry = structOf({ptr, i32, i32, i32, i32});        // wasmc_export_desc
  types.data = structOf({ptr, i64, i32, i32, placement});         // wasmc_data_desc
  types.elem = structOf({i64, valtype, i32, i32, ptr, placement}); // wasmc_elem_desc
  types.tag = structOf({ptr, i32, i32});                          // wasmc_tag_desc
  return types;
}

void emitModuleGlue(ModuleEnv &env) { DescriptorEmitter(env).emit(); }

} // namespace wasmc::lower
