#include "codegen/Tiers.h"

#include "codegen/WasmPasses.h"

#include <llvm/ADT/Any.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/SmallVector.h>
#include <llvm/ADT/STLExtras.h>
#include <llvm/ADT/StringSwitch.h>
#include <llvm/Analysis/CFG.h>
#include <llvm/Analysis/LoopInfo.h>
#include <llvm/IR/Dominators.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/Module.h>

#include <cstdlib>
#include <memory>

namespace wasmc::codegen {

namespace {

const char *const kInstCombineRunsAttribute = "wasmc-lean-instcombine-runs";

// Whether the function has more than hugeFunctionInstructions() instructions. Asked before
// every pass on every function, so it counts block by block and stops at the bound
// (Function::getInstructionCount filters each instruction through a std::function: 2 % of
// nextpnr's build). wasmc's IR has no debug intrinsics, so the counts are the same.
bool isHuge(const llvm::Function &function) {
  const size_t huge = hugeFunctionInstructions();
  size_t count = 0;
  for (const llvm::BasicBlock &block : function)
    if ((count += block.size()) > huge)
      return true;
  return false;
}

// Whether the control flow graph has a cycle reachable from the entry.
bool hasCycle(const llvm::Function &function) {
  llvm::SmallVector<std::pair<const llvm::BasicBlock *, const llvm::BasicBlock *>, 8> backEdges;
  llvm::FindFunctionBackedges(function, backEdges);
  return !backEdges.empty();
}

// A switch of minimumDispatchCases() or more inside a loop: an interpreter's or a state
// machine's dispatch, the code such a function spends its time in.
bool hasDispatchLoop(const llvm::Function &function) {
  llvm::SmallVector<const llvm::BasicBlock *, 4> dispatches;
  for (const llvm::BasicBlock &block : function)
    if (const auto *dispatch = llvm::dyn_cast<llvm::SwitchInst>(block.getTerminator()))
      if (dispatch->getNumCases() >= minimumDispatchCases())
        dispatches.push_back(&block);
  if (dispatches.empty())
    return false;
  llvm::DominatorTree dominators(const_cast<llvm::Function &>(function));
  llvm::LoopInfo loops(dominators);
  return llvm::any_of(dispatches,
                      [&](const llvm::BasicBlock *block) { return loops.getLoopFor(block); });
}

bool callsItself(const llvm::Function &function) {
  for (const llvm::Use &use : function.uses())
    if (const auto *call = llvm::dyn_cast<llvm::CallBase>(use.getUser()))
      if (call->getFunction() == &function && call->isCallee(&use))
        return true;
  return false;
}

// The passes a lean function gets in the IR pipeline: those that turn the lowering's locals
// into SSA values and clean up what it leaves, and wasmc's own (cheap, and they look for
// patterns, such as a dispatch loop, that huge lean functions have too).
bool leanPass(llvm::StringRef pass) {
  return llvm::StringSwitch<bool>(pass)
             .Cases("SROAPass", "PromotePass", "EarlyCSEPass", "SimplifyCFGPass",
                    "InstCombinePass", true)
             .Cases("LowerExpectIntrinsicPass", "LowerConstantIntrinsicsPass", true)
             .Default(false) ||
         pass.starts_with("wasmc::");
}

const char *const kTierAttribute = "wasmc-tier";

// Records `tier` on the function, which loop passes read.
void recordTier(const llvm::Function &function, Tier tier) {
  const llvm::StringRef name = tier == Tier::Full ? "full" : "lean";
  if (function.getFnAttribute(kTierAttribute).getValueAsString() != name)
    const_cast<llvm::Function &>(function).addFnAttr(kTierAttribute, name);
}

// The tiers of the functions of one pipeline run. A function's tier is decided before the first
// pass that runs on it and again after any pass that changed it (did not preserve all analyses):
// deciding walks the whole function, and the pipeline asks before each of its hundred passes
// (walking every time was 2-3 % of nextpnr's build). A pass that changes a module or an SCC may
// change any of its functions, or delete them: then every decision goes.
class TierDecisions {
public:
  // The tier of the function a pass is about to run on; a loop pass reads the function's record
  // (deciding costs a walk of the whole function, and loop passes run once per loop: a function
  // with a thousand loops would pay it tens of thousands of times).
  Tier tierForPass(const llvm::Any &unit) {
    if (const auto *function = llvm::any_cast<const llvm::Function *>(&unit)) {
      auto [entry, inserted] = decided_.try_emplace(*function, Tier::Full);
      if (inserted) {
        entry->second = tierOf(**function);
        recordTier(**function, entry->second);
      }
      return entry->second;
    }
    if (const auto *loop = llvm::any_cast<const llvm::Loop *>(&unit)) {
      const llvm::Function &function = *(*loop)->getHeader()->getParent();
      const llvm::Attribute recorded = function.getFnAttribute(kTierAttribute);
      if (recorded.isStringAttribute())
        return recorded.getValueAsString() == "full" ? Tier::Full : Tier::Lean;
      return tierOf(function);
    }
    return Tier::Full; // a module or an SCC: every function gets those
  }

  void passRan(const llvm::Any &unit, const llvm::PreservedAnalyses &preserved) {
    if (preserved.areAllPreserved())
      return;
    if (const auto *function = llvm::any_cast<const llvm::Function *>(&unit))
      decided_.erase(*function);
    else if (const auto *loop = llvm::any_cast<const llvm::Loop *>(&unit))
      decided_.erase((*loop)->getHeader()->getParent());
    else
      decided_.clear();
  }

  // The pass deleted its unit (a loop, a function): forget everything, since a new function
  // may take a deleted one's address.
  void unitDeleted() { decided_.clear(); }

private:
  llvm::DenseMap<const llvm::Function *, Tier> decided_;
};

// Passes of -O2 that nothing of wasm's needs, skipped for every function: CalledValuePropagation
// annotates indirect calls with the functions they may call (!callees), which no later pass of
// the pipeline reads (the code is the same without it).
bool needlessPass(llvm::StringRef pass) { return pass == "CalledValuePropagationPass"; }

// For developers measuring what a pass is worth: WASMC_NO_PASSES=GVNPass,SLPVectorizerPass
// skips those passes (as -time-passes names them) everywhere. Like every WASMC_NO_* variable it
// is part of the object cache's key.
// Read once: the pass gate asks for every pass on every function.
bool switchedOff(llvm::StringRef pass) {
  static const llvm::SmallVector<llvm::StringRef, 8> names = [] {
    llvm::SmallVector<llvm::StringRef, 8> list;
    if (const char *variable = std::getenv("WASMC_NO_PASSES"))
      llvm::StringRef(variable).split(list, ',');
    return list;
  }();
  return llvm::is_contained(names, pass);
}

bool shouldRun(TierDecisions &decisions, llvm::StringRef pass, llvm::Any unit) {
  if (needlessPass(pass) || switchedOff(pass))
    return false;
  // A pass every tier runs does not need the decision (InstCombine does: lean counts its runs),
  // so the tier is decided when the next pass that does asks, after the same changes: 4 in 10
  // fewer walks of the function, the same output (bench/COMPILE.md, "Stop 27").
  if (leanPass(pass) && pass != "InstCombinePass")
    return true;
  if (decisions.tierForPass(unit) == Tier::Full)
    return true;
  const auto *function = llvm::any_cast<const llvm::Function *>(&unit);
  if (pass != "InstCombinePass" || !function)
    return false;
  // InstCombine: the first runs only. The count is kept on the function, so that it depends
  // on nothing but the IR.
  unsigned runs = 0;
  if (llvm::Attribute count = (*function)->getFnAttribute(kInstCombineRunsAttribute);
      count.isStringAttribute())
    count.getValueAsString().getAsInteger(10, runs);
  if (runs >= kLeanInstCombineRuns)
    return false;
  const_cast<llvm::Function &>(**function).addFnAttr(kInstCombineRunsAttribute,
                                                     std::to_string(runs + 1));
  return true;
}

} // namespace

bool tiersEnabled(unsigned optLevel) {
  return optLevel == 2 && !std::getenv("WASMC_NO_TIERS");
}

Tier tierOf(const llvm::Function &function) {
  if (function.isDeclaration())
    return Tier::Full;
  if (isHuge(function))
    return Tier::Lean;
  if (function.hasFnAttribute(kFullTierAttribute))
    return Tier::Full;
  if (!hasCycle(function) && !callsItself(function))
    return Tier::Lean;
  const_cast<llvm::Function &>(function).addFnAttr(kFullTierAttribute);
  return Tier::Full;
}

bool wantsFastSelection(const llvm::Function &function) {
  static const bool switchedOff = std::getenv("WASMC_NO_FAST_HUGE_ISEL") != nullptr;
  return !switchedOff && !function.isDeclaration() && isHuge(function) &&
         !hasDispatchLoop(function);
}

void registerTiers(llvm::PassInstrumentationCallbacks &callbacks) {
  auto decisions = std::make_shared<TierDecisions>();
  callbacks.registerShouldRunOptionalPassCallback(
      [decisions](llvm::StringRef pass, llvm::Any unit) {
        return shouldRun(*decisions, pass, unit);
      });
  callbacks.registerAfterPassCallback(
      [decisions](llvm::StringRef, llvm::Any unit, const llvm::PreservedAnalyses &preserved) {
        decisions->passRan(unit, preserved);
      });
  callbacks.registerAfterPassInvalidatedCallback(
      [decisions](llvm::StringRef, const llvm::PreservedAnalyses &) { decisions->unitDeleted(); });
}

bool CodegenTierGate::shouldRunPass(const llvm::StringRef pass, llvm::StringRef description) {
  // The machine schedulers (about a fifth of code generation): what they buy is latency
  // hiding in code that runs often. Instruction selection ("X86 DAG->DAG Instruction
  // Selection", "AArch64 Instruction Selection", ...): skipping it makes it select as at -O0.
  const bool selection = pass.ends_with("Instruction Selection");
  if (!selection && pass != "Machine Instruction Scheduler" &&
      pass != "PostRA Machine Instruction Scheduler")
    return true;
  // The legacy pass manager describes a function as "function (name)".
  if (!description.consume_front("function (") || !description.consume_back(")"))
    return true;
  const llvm::Function *function = module_.getFunction(description);
  if (!function)
    return true;
  if (selection)
    return !function->hasFnAttribute(kFastSelectionAttribute);
  // Asked once per scheduler (two on some targets); the IR does not change between them.
  auto [entry, inserted] = tiers_.try_emplace(function, Tier::Full);
  if (inserted)
    entry->second = tierOf(*function);
  return entry->second == Tier::Full;
}

} // namespace wasmc::codegen
