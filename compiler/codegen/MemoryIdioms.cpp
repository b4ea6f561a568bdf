#include "codegen/WasmPasses.h"

#include "lower/MemoryIdioms.h"
#include "lower/ModuleEnv.h"

#include "wasmc/abi.h"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/Module.h>

#include <vector>

namespace wasmc::codegen {

namespace {

// The original function's new name ends so (the pass's mark in the IR).
constexpr const char *kOriginalSuffix = ".memidiom.original";
// The internal copy of the check that direct calls call instead (inlineChecksAtCalls).
constexpr const char *kInlineSuffix = ".memidiom.inline";

lower::MemoryIdiom idiomOf(const llvm::Function &function) {
  const llvm::Attribute attribute = function.getFnAttribute(lower::kMemoryIdiomAttribute);
  if (!attribute.isStringAttribute())
    return lower::MemoryIdiom::None;
  for (lower::MemoryIdiom idiom :
       {lower::MemoryIdiom::Memcpy, lower::MemoryIdiom::Memmove, lower::MemoryIdiom::Memset})
    if (attribute.getValueAsString() == lower::memoryIdiomName(idiom))
      return idiom;
  return lower::MemoryIdiom::None;
}

// Fills the empty `function` (ctx, dest, src or byte, length) with the check and the host's
// operation (block `hostName`), and a call of `fallback` (the C code) when the check fails.
void emitHostPath(llvm::Function &function, lower::MemoryIdiom idiom, llvm::Function *fallback,
                  llvm::StringRef hostName) {
  llvm::LLVMContext &context = function.getContext();
  auto *entry = llvm::BasicBlock::Create(context, "entry", &function);
  auto *host = llvm::BasicBlock::Create(context, hostName, &function);
  auto *wasm = llvm::BasicBlock::Create(context, "wasm.memidiom.wasm", &function);
  llvm::IRBuilder<> b(entry);
  llvm::Value *ctx = function.getArg(0);
  llvm::Value *destination = b.CreateZExt(function.getArg(1), b.getInt64Ty(), "dest");
  llvm::Value *source = b.CreateZExt(function.getArg(2), b.getInt64Ty(), "src");
  llvm::Value *length = b.CreateZExt(function.getArg(3), b.getInt64Ty(), "length");
  // The size may grow meanwhile in another thread (a shared memory), never shrink.
  llvm::Value *size = lower::memoryZeroSizeBytes(b, ctx);
  llvm::cast<llvm::LoadInst>(size)->setAtomic(llvm::AtomicOrdering::Monotonic);
  // 32-bit operands: no sum below overflows 64 bits.
  llvm::Value *destinationEnd = b.CreateAdd(destination, length);
  llvm::Value *sourceEnd = b.CreateAdd(source, length);
  llvm::Value *inBounds = b.CreateICmpULE(destinationEnd, size);
  if (idiom != lower::MemoryIdiom::Memset)
    inBounds = b.CreateAnd(inBounds, b.CreateICmpULE(sourceEnd, size));
  // memcpy's C code copies words forwards, and overlapping ranges end up as that order makes
  // them: only disjoint ones take the host's copy.
  if (idiom == lower::MemoryIdiom::Memcpy)
    inBounds = b.CreateAnd(inBounds, b.CreateOr(b.CreateICmpULE(destinationEnd, source),
                                                b.CreateICmpULE(sourceEnd, destination)));
  b.CreateCondBr(inBounds, host, wasm,
                 llvm::MDBuilder(context).createLikelyBranchWeights());

  b.SetInsertPoint(host);
  llvm::LoadInst *base = b.CreateAlignedLoad(
      b.getPtrTy(), b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), ctx, WASMC_INSTANCE_MEMORY_BASE),
      llvm::Align(8), "memory");
  lower::markInstanceLoad(base);
  llvm::Value *to = b.CreateGEP(b.getInt8Ty(), base, destination);
  llvm::Value *from = b.CreateGEP(b.getInt8Ty(), base, source);
  switch (idiom) {
  case lower::MemoryIdiom::Memcpy:
    b.CreateMemCpy(to, llvm::MaybeAlign(1), from, llvm::MaybeAlign(1), length);
    break;
  case lower::MemoryIdiom::Memmove:
    b.CreateMemMove(to, llvm::MaybeAlign(1), from, llvm::MaybeAlign(1), length);
    break;
  default:
    b.CreateMemSet(to, b.CreateTrunc(function.getArg(2), b.getInt8Ty()), length,
                   llvm::MaybeAlign(1));
    break;
  }
  if (function.getReturnType()->isVoidTy())
    b.CreateRetVoid();
  else
    b.CreateRet(function.getArg(1));

  b.SetInsertPoint(wasm);
  std::vector<llvm::Value *> arguments;
  for (llvm::Argument &argument : function.args())
    arguments.push_back(&argument);
  llvm::CallInst *call = b.CreateCall(fallback, arguments);
  call->setCallingConv(fallback->getCallingConv());
  call->setTailCall();
  if (function.getReturnType()->isVoidTy())
    b.CreateRetVoid();
  else
    b.CreateRet(call);
}

// The wasm function `function` keeps its symbol and becomes a check and the host's operation;
// its body moves to a new internal function, called when the check fails, and returned.
llvm::Function *addHostPath(llvm::Function &function, lower::MemoryIdiom idiom) {
  llvm::Module &module = *function.getParent();
  llvm::Function *original =
      llvm::Function::Create(function.getFunctionType(), llvm::GlobalValue::InternalLinkage,
                             function.getName() + kOriginalSuffix, module);
  original->copyAttributesFrom(&function);
  original->removeFnAttr(lower::kMemoryIdiomAttribute);
  original->addFnAttr(llvm::Attribute::NoInline);
  original->splice(original->end(), &function);
  for (unsigned i = 0; i < function.arg_size(); ++i) {
    function.getArg(i)->replaceAllUsesWith(original->getArg(i));
    original->getArg(i)->takeName(function.getArg(i));
  }
  function.removeFnAttr(lower::kMemoryIdiomAttribute);
  emitHostPath(function, idiom, original, "wasm.memidiom.host");
  return original;
}

// The direct calls of `callee` (recognised as `idiom`) in this module call an internal copy of
// the check and host operation instead, which the inliner can put into them; when the check
// fails it calls `fallback`. Returns whether there were any.
bool inlineChecksAtCalls(llvm::Function &callee, lower::MemoryIdiom idiom,
                         llvm::Function *fallback) {
  std::vector<llvm::CallInst *> calls;
  for (llvm::User *user : callee.users())
    if (auto *call = llvm::dyn_cast<llvm::CallInst>(user))
      if (call->getCalledOperand() == &callee && call->getFunction() != &callee)
        calls.push_back(call);
  if (calls.empty())
    return false;
  llvm::Function *inlined =
      llvm::Function::Create(callee.getFunctionType(), llvm::GlobalValue::InternalLinkage,
                             callee.getName() + kInlineSuffix, callee.getParent());
  inlined->setCallingConv(callee.getCallingConv());
  // A declaration has none of a definition's attributes (target CPU and features): take the
  // first caller's, which every caller here shares.
  const llvm::Function &like = callee.isDeclaration() ? *calls.front()->getFunction() : callee;
  for (const char *attribute : {"target-cpu", "target-features", "probe-stack"})
    if (like.hasFnAttribute(attribute))
      inlined->addFnAttr(like.getFnAttribute(attribute));
  if (like.hasFnAttribute(llvm::Attribute::NoUnwind))
    inlined->addFnAttr(llvm::Attribute::NoUnwind);
  inlined->setUWTableKind(like.getUWTableKind());
  inlined->setSection(like.getSection());
  emitHostPath(*inlined, idiom, fallback, "wasm.memidiom.inline");
  for (llvm::CallInst *call : calls)
    call->setCalledFunction(inlined);
  return true;
}

} // namespace

llvm::PreservedAnalyses MemoryIdiomsPass::run(llvm::Module &module, llvm::ModuleAnalysisManager &) {
  std::vector<std::pair<llvm::Function *, lower::MemoryIdiom>> recognised;
  for (llvm::Function &function : module)
    if (function.hasFnAttribute(lower::kWasmFunctionAttribute))
      if (lower::MemoryIdiom idiom = idiomOf(function); idiom != lower::MemoryIdiom::None)
        recognised.emplace_back(&function, idiom);
  bool changed = false;
  for (auto &[function, idiom] : recognised) {
    // A declaration (another partition's function, or the baseline tier's) keeps its symbol,
    // whose code checks again and runs the C code.
    llvm::Function *fallback = function;
    if (!function->isDeclaration()) {
      fallback = addHostPath(*function, idiom);
      changed = true;
    } else {
      function->removeFnAttr(lower::kMemoryIdiomAttribute);
      changed = true;
    }
    if (inlineChecks_)
      changed |= inlineChecksAtCalls(*function, idiom, fallback);
  }
  return changed ? llvm::PreservedAnalyses::none() : llvm::PreservedAnalyses::all();
}

} // namespace wasmc::codegen
