#include "codegen/Compile.h"

#include "baseline/Baseline.h"

#include "codegen/CachedObjects.h"
#include "codegen/FunctionProfile.h"
#include "codegen/PassBudget.h"
#include "codegen/Tiers.h"
#include "codegen/WasmPasses.h"
#include "lower/TrapWitness.h"

#include <llvm/Analysis/CGSCCPassManager.h>
#include <llvm/Analysis/LoopAnalysisManager.h>
#include <llvm/IR/DiagnosticInfo.h>
#include <llvm/IR/DiagnosticPrinter.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/PassManager.h>
#include <llvm/MC/MCSubtargetInfo.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Passes/StandardInstrumentations.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/BLAKE3.h>
#include <llvm/Support/CommandLine.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/thread.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/Target/TargetOptions.h>
#include <llvm/TargetParser/Host.h>

#include <algorithm>
#include <ctime>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

namespace wasmc::codegen {

namespace {

// Address space only: pages are committed as the stack grows.
const std::optional<unsigned> kCompileThreadStackBytes = 1u << 30;

// Functions with more blocks than this are "huge" to CodeGenPrepare (see initializeTargets).
const unsigned kCodeGenPrepareHugeFunctionBlocks = 100;

// Sets the initial value of LLVM's option `name` (an llvm::cl::opt<T>), if it is registered.
template <typename T> void setOptionInitialValue(llvm::StringRef name, const T &value) {
  llvm::StringMap<llvm::cl::Option *> &options = llvm::cl::getRegisteredOptions();
  if (auto found = options.find(name); found != options.end())
    static_cast<llvm::cl::opt<T> *>(found->second)->setInitialValue(value);
}

void initializeTargets() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllAsmPrinters();
    // These settings are options' initial values, not just their values: the in-process lld
    // resets every option to its initial value when it links, and a process that compiles
    // again after linking (the spec harness, a module per script command) would otherwise
    // compile with LLVM's defaults from then on.
    // Induction variables stay 32-bit, as wasm has them: widened to 64 bits, a wasm loop's
    // address arithmetic becomes zext(trunc(iv) + offset) chains that LLVM cannot simplify,
    // which costs the 2-D stencils up to 3x (bench/: stencil).
    setOptionInitialValue("indvars-widen-indvars", false);
    // A threaded dispatch block (ThreadedDispatchPass) has one predecessor and one successor
    // per case; LLVM duplicates no block with more than 16 of both, which would leave all but
    // the smallest switches sharing one indirect jump. The block being copied stays small (at
    // most 20 instructions for one that ends in an indirect jump).
    for (const char *limit : {"tail-dup-pred-size", "tail-dup-succ-size"})
      setOptionInitialValue(limit, kMaximumDispatchCases);
    // LoopVersioningLICM (AliasVersioningPass) leaves loops nested deeper than 2 alone; a
    // wasm kernel's innermost loop is often the third (a repetition, rows, columns).
    setOptionInitialValue("licm-versioning-max-depth-threshold", 8u);
    // Code generation orders memory accesses without alias analysis, as it does on x86-64: with
    // it, AArch64's and RISC-V's scheduler and DAG combiner take linear memory and globals
    // (their alias types differ) for independent, and moved a load that faults above a global
    // write before it, or deleted the write as overwritten after the fault
    // (test/spec/wasmc/effects_before_trap.wast on those targets).
    for (const char *useAA : {"aarch64-use-aa", "riscv-use-aa"})
      setOptionInitialValue(useAA, false);
    // CodeGenPrepare starts again from a function's first block whenever it changes the
    // dominator tree, unless the function has more blocks than this; then it revisits only the
    // blocks it changed. LLVM's bound (10,000 blocks) let it spend 1.7 of nextpnr-ice40's 30 CPU
    // seconds of code generation; at 100 it spends 1.0 (bench/COMPILE.md, "CodeGenPrepare").
    setOptionInitialValue("cgpp-huge-func", kCodeGenPrepareHugeFunctionBlocks);
    // For developers: LLVM's own options (e.g. "-time-passes"), as `opt` and `llc` take them.
    if (const char *arguments = std::getenv("WASMC_LLVM_ARGS")) {
      static std::vector<std::string> words;
      std::istringstream stream(arguments);
      for (std::string word; stream >> word;)
        words.push_back(word);
      std::vector<const char *> argv{"wasmc"};
      for (const std::string &word : words)
        argv.push_back(word.c_str());
      llvm::cl::ParseCommandLineOptions(int(argv.size()), argv.data(), "", &llvm::errs());
    }
  });
}

// With WASMC_LLVM_ARGS, optimisation remarks (-pass-remarks=...) name the function they are about:
// wasm functions have no debug locations, so LLVM's own printing says only `<unknown>:0:0`.
// One write per remark, so that partitions compiled on several threads do not mix their lines.
class NamedRemarks : public llvm::DiagnosticHandler {
public:
  bool handleDiagnostics(const llvm::DiagnosticInfo &info) override {
    const auto *remark = llvm::dyn_cast<llvm::DiagnosticInfoOptimizationBase>(&info);
    if (!remark)
      return false;
    std::string line;
    llvm::raw_string_ostream stream(line);
    stream << "remark: " << remark->getFunction().getName() << ": " << remark->getPassName()
           << ": " << remark->getMsg() << "\n";
    llvm::errs() << line;
    return true;
  }
};

struct ResolvedTarget {
  std::string cpu, features;
};

ResolvedTarget resolveCpu(const TargetInfo &target, const CompileOptions &options) {
  ResolvedTarget resolved{options.cpu.empty() ? target.defaultCpu : options.cpu,
                          target.defaultFeatures};
  if (resolved.cpu == "native") {
    resolved.cpu = llvm::sys::getHostCPUName().str();
    std::string hostFeatures;
    for (const auto &feature : llvm::sys::getHostCPUFeatures())
      hostFeatures += (hostFeatures.empty() ? "" : ",") + std::string(feature.second ? "+" : "-") +
                      feature.first().str();
    resolved.features = hostFeatures;
  }
  if (!options.features.empty())
    resolved.features += (resolved.features.empty() ? "" : ",") + options.features;
  return resolved;
}

// LLVM only warns about an unknown CPU or feature, and some targets then abort: refuse them.
llvm::Error checkCpuAndFeatures(const TargetInfo &target, const ResolvedTarget &resolved,
                                llvm::StringRef userFeatures) {
  std::string error;
  const llvm::Target *llvmTarget = llvm::TargetRegistry::lookupTarget(target.triple, error);
  if (!llvmTarget)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s", error.c_str());
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget(
      llvmTarget->createMCSubtargetInfo(target.triple, "", ""));
  if (!subtarget)
    return llvm::Error::success();
  if (!subtarget->isCPUStringValid(resolved.cpu))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "unknown CPU '%s' for %s (llc-19 -mtriple=%s -mcpu=help lists "
                                   "them)",
                                   resolved.cpu.c_str(), target.name.c_str(),
                                   target.triple.c_str());
  llvm::SmallVector<llvm::StringRef, 16> features;
  userFeatures.split(features, ',', -1, false);
  for (llvm::StringRef feature : features) {
    const llvm::StringRef name = feature.drop_front();
    const bool known = llvm::any_of(subtarget->getAllProcessorFeatures(),
                                    [&](const llvm::SubtargetFeatureKV &kv) {
                                      return name == kv.Key;
                                    });
    if ((!feature.starts_with("+") && !feature.starts_with("-")) || !known)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "unknown target feature '%s' for %s (features are "
                                     "+name or -name; llc-19 -mtriple=%s -mattr=help lists them)",
                                     feature.str().c_str(), target.name.c_str(),
                                     target.triple.c_str());
  }
  return llvm::Error::success();
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const TargetInfo &target, const ResolvedTarget &resolved,
                    const CompileOptions &options) {
  std::string error;
  const llvm::Target *llvmTarget = llvm::TargetRegistry::lookupTarget(target.triple, error);
  if (!llvmTarget)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s", error.c_str());
  llvm::TargetOptions targetOptions;
  targetOptions.MCOptions.ABIName = target.abiName;
  targetOptions.FunctionSections = true;
  targetOptions.DataSections = true;
  const llvm::CodeGenOptLevel level = options.optLevel == 0   ? llvm::CodeGenOptLevel::None
                                      : options.optLevel == 1 ? llvm::CodeGenOptLevel::Less
                                      : options.optLevel == 2 ? llvm::CodeGenOptLevel::Default
                                                              : llvm::CodeGenOptLevel::Aggressive;
  std::unique_ptr<llvm::TargetMachine> machine(llvmTarget->createTargetMachine(
      target.triple, resolved.cpu, resolved.features, targetOptions,
      options.pic ? llvm::Reloc::PIC_ : llvm::Reloc::Static, llvm::CodeModel::Small, level));
  if (!machine)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot create a code generator for %s (cpu %s)",
                                   target.triple.c_str(), resolved.cpu.c_str());
  return machine;
}

void optimize(llvm::Module &module, llvm::TargetMachine &machine, unsigned optLevel) {
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager cgsccs;
  llvm::ModuleAnalysisManager modules;
  llvm::PipelineTuningOptions tuning;
  tuning.LoopVectorization = optLevel >= 2;
  tuning.SLPVectorization = optLevel >= 2;
  // LLVM's instrumentation (-time-passes, -print-after=...) only when developers ask for it.
  llvm::PassInstrumentationCallbacks callbacks;
  registerPassBudget(callbacks);
  if (tiersEnabled(optLevel))
    registerTiers(callbacks);
  if (std::getenv("WASMC_PROFILE_FUNCTIONS"))
    registerFunctionProfile(callbacks);
  std::optional<llvm::StandardInstrumentations> instrumentation;
  if (std::getenv("WASMC_LLVM_ARGS")) {
    instrumentation.emplace(module.getContext(), /*DebugLogging=*/false);
    instrumentation->registerCallbacks(callbacks, &modules);
  }
  llvm::PassBuilder builder(&machine, tuning, std::nullopt, &callbacks);
  // Acts on the functions recognised when the module was lowered (none with WASMC_NO_MEMORY_IDIOMS).
  if (optLevel >= 2)
    builder.registerPipelineStartEPCallback(
        [inlineChecks = !std::getenv("WASMC_NO_INLINE_MEMORY_IDIOM_CHECKS")](
            llvm::ModulePassManager &modulePasses, llvm::OptimizationLevel) {
          modulePasses.addPass(MemoryIdiomsPass(inlineChecks));
        });
  if (optLevel >= 2 && !std::getenv("WASMC_NO_BYTE_COMPARE_WIDENING"))
    builder.registerCGSCCOptimizerLateEPCallback(
        [shortWords = !std::getenv("WASMC_NO_SHORT_BYTE_COMPARES")](
            llvm::CGSCCPassManager &sccPasses, llvm::OptimizationLevel) {
          sccPasses.addPass(
              llvm::createCGSCCToFunctionPassAdaptor(ByteCompareWideningPass(shortWords)));
        });
  if (optLevel >= 2 && !std::getenv("WASMC_NO_STACK_CHECK_FOLDING"))
    builder.registerCGSCCOptimizerLateEPCallback(
        [](llvm::CGSCCPassManager &sccPasses, llvm::OptimizationLevel) {
          sccPasses.addPass(llvm::createCGSCCToFunctionPassAdaptor(InlinedStackChecksPass()));
        });
  LoopVersioningOptions versioning;
  versioning.widenAddresses = !std::getenv("WASMC_NO_ADDRESS_WIDENING");
  versioning.checkBounds = !std::getenv("WASMC_NO_BOUNDS_VERSIONING");
  versioning.hoistCarriedLoads = !std::getenv("WASMC_NO_CARRIED_LOAD_HOISTING");
  versioning.exemptShortLoops = !std::getenv("WASMC_NO_SHORT_LOOP_EXEMPTION");
  versioning.testShortTrips = !std::getenv("WASMC_NO_SHORT_TRIP_TEST");
  versioning.relationalExits = !std::getenv("WASMC_NO_RELATIONAL_EXITS");
  // Versioning first: in the loops it proves in bounds, the witnesses are gone before
  // ReleaseTrapWitnessesPass looks at what is left.
  if (optLevel >= 2 && (versioning.widenAddresses || versioning.checkBounds))
    builder.registerVectorizerStartEPCallback(
        [versioning](llvm::FunctionPassManager &functionPasses, llvm::OptimizationLevel) {
          functionPasses.addPass(LoopAddressWideningPass(versioning));
          if (!std::getenv("WASMC_NO_ALIAS_VERSIONING"))
            functionPasses.addPass(AliasVersioningPass());
        });
  if (optLevel >= 1) {
    const bool belowMinimum = optLevel >= 2 && !std::getenv("WASMC_NO_BELOW_MINIMUM_RELEASE");
    const bool reroll = optLevel >= 2 && !std::getenv("WASMC_NO_LOOP_REROLLING");
    const bool carriedLanes = !std::getenv("WASMC_NO_CARRIED_LANE_REROLLING");
    builder.registerVectorizerStartEPCallback(
        [belowMinimum, reroll, carriedLanes](llvm::FunctionPassManager &functionPasses,
                                             llvm::OptimizationLevel) {
          functionPasses.addPass(ReleaseNaNGuardsPass());
          functionPasses.addPass(ReleaseTrapWitnessesPass(belowMinimum));
          if (reroll)
            functionPasses.addPass(LoopRerollingPass(carriedLanes));
        });
    const bool overwritten = optLevel >= 2 && !std::getenv("WASMC_NO_OVERWRITTEN_LOAD_RELEASE");
    builder.registerOptimizerLastEPCallback(
        [belowMinimum, overwritten](llvm::ModulePassManager &modulePasses,
                                    llvm::OptimizationLevel) {
          modulePasses.addPass(
              llvm::createModuleToFunctionPassAdaptor(ReleaseTrapWitnessesPass(belowMinimum)));
          if (overwritten)
            modulePasses.addPass(
                llvm::createModuleToFunctionPassAdaptor(OverwrittenLoadWitnessesPass()));
          modulePasses.addPass(llvm::createModuleToFunctionPassAdaptor(WitnessExtendedLoadsPass()));
        });
  }
  if (optLevel >= 2 && !std::getenv("WASMC_NO_THREADED_DISPATCH"))
    builder.registerOptimizerLastEPCallback(
        [](llvm::ModulePassManager &modulePasses, llvm::OptimizationLevel) {
          modulePasses.addPass(llvm::createModuleToFunctionPassAdaptor(ThreadedDispatchPass()));
        });
  if (optLevel >= 2 && !std::getenv("WASMC_NO_STACK_CHECK_SINKING"))
    builder.registerOptimizerLastEPCallback(
        [](llvm::ModulePassManager &modulePasses, llvm::OptimizationLevel) {
          modulePasses.addPass(llvm::createModuleToFunctionPassAdaptor(StackCheckSinkingPass()));
        });
  if (optLevel >= 2 && !std::getenv("WASMC_NO_NARROWED_COMPARES"))
    builder.registerOptimizerLastEPCallback(
        [](llvm::ModulePassManager &modulePasses, llvm::OptimizationLevel) {
          modulePasses.addPass(llvm::createModuleToFunctionPassAdaptor(NarrowMaskedComparesPass()));
        });
  if (optLevel >= 2 && !std::getenv("WASMC_NO_CRITICAL_PATH_ORDER"))
    builder.registerOptimizerLastEPCallback(
        [](llvm::ModulePassManager &modulePasses, llvm::OptimizationLevel) {
          modulePasses.addPass(llvm::createModuleToFunctionPassAdaptor(CriticalPathOrderPass()));
        });
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(cgsccs);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, cgsccs, modules);
  llvm::ModulePassManager passes;
  if (optLevel == 0) {
    passes = builder.buildO0DefaultPipeline(llvm::OptimizationLevel::O0);
  } else {
    const llvm::OptimizationLevel level = optLevel == 1   ? llvm::OptimizationLevel::O1
                                          : optLevel == 2 ? llvm::OptimizationLevel::O2
                                                          : llvm::OptimizationLevel::O3;
    passes = builder.buildPerModuleDefaultPipeline(level);
  }
  passes.run(module, modules);
}

llvm::Expected<std::string> emit(llvm::Module &module, llvm::TargetMachine &machine,
                                 OutputKind kind, bool tiers) {
  std::string output;
  llvm::raw_string_ostream stream(output);
  if (kind == OutputKind::LLVMIR) {
    module.print(stream, nullptr);
    return output;
  }
  llvm::SmallVector<char, 0> buffer;
  llvm::raw_svector_ostream bufferStream(buffer);
  llvm::legacy::PassManager passes;
  if (machine.addPassesToEmitFile(passes, bufferStream, nullptr,
                                  kind == OutputKind::Object ? llvm::CodeGenFileType::ObjectFile
                                                             : llvm::CodeGenFileType::AssemblyFile))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the target cannot emit this kind of file");
  // Lean functions skip some of the code generator's passes (codegen/Tiers.h).
  llvm::LLVMContext &context = module.getContext();
  llvm::OptPassGate &previousGate = context.getOptPassGate();
  CodegenTierGate tierGate(module);
  if (tiers)
    context.setOptPassGate(tierGate);
  passes.run(module);
  context.setOptPassGate(previousGate);
  return std::string(buffer.begin(), buffer.end());
}

// CPU time of the calling thread: what a phase costs, whatever else the machine is doing.
double threadSeconds() {
  timespec now;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

// The object cache's key of a partition: what the object is made from.
std::string partitionKey(const binary::Module &module, const lower::Partition &partition,
                         const CompileOptions &options, const TargetInfo &target,
                         const ResolvedTarget &resolved, const lower::LoweringOptions &lowering,
                         bool baseline) {
  llvm::BLAKE3 hasher;
  auto add = [&](llvm::StringRef text) {
    hasher.update(text);
    hasher.update(llvm::ArrayRef<uint8_t>{0});
  };
  add(options.cacheSalt);
  add(target.triple);
  add(resolved.cpu);
  add(resolved.features);
  add(std::to_string(options.optLevel) + (options.pic ? "pic" : "") +
      (lowering.directWasiCalls ? "direct-wasi" : "") +
      (lowering.localExecTls ? "local-exec-tls" : "") + (baseline ? "baseline" : ""));
  if (partition.primary && lowering.emitBakedGrants)
    for (const std::string &word : lowering.bakedGrants)
      add("grant " + word);
  add(lower::partitionDigest(module, partition));
  // What a function is recognised as may depend on other partitions (memmove calls memcpy), and
  // calls to the recognised functions of every partition get their check inline.
  for (uint32_t i = 0; i < lowering.memoryIdioms.size(); ++i)
    if (lowering.memoryIdioms[i] != lower::MemoryIdiom::None)
      add(std::to_string(i) + " " + lower::memoryIdiomName(lowering.memoryIdioms[i]));
  return llvm::toHex(hasher.final(), /*LowerCase=*/true);
}

} // namespace

llvm::Expected<std::vector<std::string>> compileModule(const binary::Module &module,
                                                       const CompileOptions &options,
                                                       OutputKind kind, CompileTimings *timings) {
  initializeTargets();
  const TargetInfo &target = options.target ? *options.target : hostTarget();
  const ResolvedTarget resolved = resolveCpu(target, options);
  lower::LoweringOptions lowering = options.lowering;
  lowering.cpu = resolved.cpu;
  lowering.features = resolved.features;
  lowering.optimized = options.optLevel > 0;
  lowering.typedTables = options.optLevel >= 2 && !std::getenv("WASMC_NO_TYPED_TABLES");
  if (options.optLevel >= 2 && !std::getenv("WASMC_NO_MEMORY_IDIOMS"))
    lowering.memoryIdioms = lower::recogniseMemoryIdioms(module);
  if (llvm::Error invalid = checkCpuAndFeatures(target, resolved, options.features))
    return invalid;

  unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  if (threads == 0)
    threads = 1;
  const std::vector<lower::Partition> partitions =
      lower::planPartitions(module, /*single=*/kind != OutputKind::Object);
  // The baseline tier (baseline/Baseline.h) writes an object of its own per partition, which the
  // partition's cache entry holds beside LLVM's (CachedObjects.h).
  const bool useBaseline = kind == OutputKind::Object && options.allowBaseline &&
                           baseline::enabled(target.triple, options.optLevel);
  PartitionCache *cache =
      kind == OutputKind::Object && partitions.size() > 1 ? options.cache : nullptr;
  std::vector<std::string> baselineObjects(partitions.size());

  std::vector<std::string> outputs(partitions.size());
  std::vector<llvm::Error> errors;
  std::mutex lock;
  CompileTimings total;
  total.partitions = unsigned(partitions.size());
  CompileProgress progress;
  progress.partitions = total.partitions;
  for (const lower::Partition &partition : partitions)
    progress.cost += partition.cost;

  auto compilePartition = [&](size_t p) -> llvm::Error {
    lower::Partition partition = partitions[p];
    unsigned baselineFunctions = 0;
    double baselineTime = 0;
    std::string key;
    if (cache) {
      key = partitionKey(module, partition, options, target, resolved, lowering, useBaseline);
      if (std::optional<std::string> entry = cache->load(key)) {
        std::optional<std::vector<std::string>> objects;
        if (useBaseline)
          objects = unpackObjects(*entry, 2);
        else
          objects = std::vector<std::string>{std::move(*entry)};
        if (objects) {
          outputs[p] = std::move((*objects)[0]);
          if (useBaseline)
            baselineObjects[p] = std::move((*objects)[1]);
          std::lock_guard<std::mutex> guard(lock);
          ++total.fromCache;
          return llvm::Error::success();
        }
      }
    }
    if (useBaseline) {
      const double baselineStart = threadSeconds();
      auto code = baseline::compileFunctions(module, partition.firstDefined, partition.endDefined,
                                             lowering.directWasiCalls, target.triple);
      if (!code)
        return code.takeError();
      partition.baselineFunctions = std::move(code->compiled);
      baselineObjects[p] = std::move(code->object);
      baselineFunctions = code->functions;
      baselineTime = threadSeconds() - baselineStart;
    }
    auto machine = createTargetMachine(target, resolved, options);
    if (!machine)
      return machine.takeError();
    llvm::LLVMContext context;
    if (std::getenv("WASMC_LLVM_ARGS"))
      context.setDiagnosticHandler(std::make_unique<NamedRemarks>());
    double start = threadSeconds();
    auto lowered = lower::lowerPartition(module, lowering, partition, context,
                                         (*machine)->createDataLayout(), target.triple);
    if (!lowered)
      return lowered.takeError();
    if (!target.abiName.empty())
      (*lowered)->addModuleFlag(llvm::Module::Error, "target-abi",
                                llvm::MDString::get(context, target.abiName));
    const double lowerTime = threadSeconds() - start;
    start = threadSeconds();
    optimize(**lowered, **machine, options.optLevel);
    const bool tiers = tiersEnabled(options.optLevel);
    unsigned tierFunctions[2] = {0, 0};
    uint64_t tierInstructions[2] = {0, 0};
    unsigned fastSelectionFunctions = 0;
    for (llvm::Function &function : **lowered) {
      splitLongBlocks(function);
      if (tiers && !function.isDeclaration()) {
        const int tier = tierOf(function) == Tier::Lean;
        ++tierFunctions[tier];
        tierInstructions[tier] += function.getInstructionCount();
        if (tier && wantsFastSelection(function)) { // huge functions are lean
          function.addFnAttr(kFastSelectionAttribute);
          lower::keepTrapsForFastSelection(function);
          ++fastSelectionFunctions;
        }
      }
    }
    const double optimizeTime = threadSeconds() - start;
    start = threadSeconds();
    auto output = emit(**lowered, **machine, kind, tiers);
    if (!output)
      return output.takeError();
    outputs[p] = std::move(*output);
    if (cache)
      cache->store(key, useBaseline ? packObjects({outputs[p], baselineObjects[p]}) : outputs[p]);
    std::lock_guard<std::mutex> guard(lock);
    total.lowerSeconds += lowerTime;
    total.optimizeSeconds += optimizeTime;
    total.codegenSeconds += threadSeconds() - start;
    total.baselineSeconds += baselineTime;
    total.baselineFunctions += baselineFunctions;
    total.definedFunctions += partition.endDefined - partition.firstDefined;
    for (int tier = 0; tier < 2; ++tier) {
      total.tierFunctions[tier] += tierFunctions[tier];
      total.tierInstructions[tier] += tierInstructions[tier];
    }
    total.fastSelectionFunctions += fastSelectionFunctions;
    return llvm::Error::success();
  };

  // The largest partitions first, so that no thread is left with a large one at the end. Each
  // thread has a large stack: some of LLVM's analyses recurse along chains of values, and a
  // legal module can make those chains as long as it likes.
  std::vector<size_t> order(partitions.size());
  for (size_t p = 0; p < order.size(); ++p)
    order[p] = p;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return partitions[a].cost > partitions[b].cost;
  });
  size_t next = 0;
  auto work = [&] {
    for (;;) {
      size_t p;
      {
        std::lock_guard<std::mutex> guard(lock);
        if (next == order.size())
          return;
        p = order[next++];
      }
      llvm::Error error = compilePartition(p);
      std::lock_guard<std::mutex> guard(lock);
      if (error)
        errors.push_back(std::move(error));
      ++progress.partitionsDone;
      progress.costDone += partitions[p].cost;
      progress.fromCache = total.fromCache;
      if (options.progress)
        options.progress(progress);
    }
  };
  std::vector<llvm::thread> workers;
  for (unsigned t = 0; t < std::min<size_t>(threads, partitions.size()); ++t)
    workers.emplace_back(kCompileThreadStackBytes, work);
  for (llvm::thread &worker : workers)
    worker.join();
  llvm::Error first = llvm::Error::success();
  for (llvm::Error &error : errors)
    first = llvm::joinErrors(std::move(first), std::move(error));
  if (first)
    return first;
  for (std::string &object : baselineObjects)
    if (!object.empty())
      outputs.push_back(std::move(object));
  if (timings)
    *timings = total;
  if (const char *count = std::getenv("WASMC_PROFILE_FUNCTIONS"))
    printFunctionProfile(llvm::errs(), std::strtoul(count, nullptr, 10));
  return outputs;
}

} // namespace wasmc::codegen
