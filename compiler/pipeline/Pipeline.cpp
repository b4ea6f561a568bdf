#include "pipeline/Pipeline.h"

#include "binary/Decoder.h"
#include "binary/Validator.h"
#include "link/Linker.h"
#include "lower/WasiImports.h"

#include <llvm/Support/raw_ostream.h>

#include <chrono>

namespace wasmc::pipeline {

namespace {

llvm::Error failure(const std::string &name, const binary::DecodeFailure &failure) {
  // "unsupported: <feature>" leads, so that it reads the same for every unimplemented feature.
  if (llvm::StringRef(failure.message).starts_with("unsupported: "))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s (%s:0x%llx)",
                                   failure.message.c_str(), name.c_str(),
                                   (unsigned long long)failure.offset);
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s:0x%llx: %s", name.c_str(),
                                 (unsigned long long)failure.offset, failure.message.c_str());
}

// wasi-threads: the one import outside WASI preview1 an executable may have, bound by the
// runtime (runtime/src/threads.cpp); each spawned thread runs the export wasi_thread_start.
bool isThreadSpawn(const binary::Import &import) {
  return import.kind == binary::ExternKind::Func && import.module == "wasi" &&
         import.name == "thread-spawn";
}

// Every import is a WASI function of WASI's type, wasi.thread-spawn, or a shared memory (which
// wasi-threads programs import, and the executable creates from the import's limits).
llvm::Error checkWasiImports(const binary::Module &module, const std::string &name) {
  for (const binary::Import &import : module.imports) {
    const std::string what = import.module + "." + import.name;
    if (import.kind == binary::ExternKind::Memory && import.memory.limits.shared)
      continue;
    if (import.kind != binary::ExternKind::Func)
      return failure(name, {import.offset, "unsupported: import of a " +
                                               std::string(binary::externKindName(import.kind)) +
                                               " (" + what +
                                               "): an executable can only import WASI functions "
                                               "and shared memories"});
    const binary::FuncType &type = module.types[import.funcTypeIndex];
    if (isThreadSpawn(import)) {
      const binary::FuncType spawnType{{binary::ValType::I32}, {binary::ValType::I32}};
      if (!(type == spawnType))
        return failure(name, {import.offset, "import " + what + " has type " +
                                                 binary::toString(type) +
                                                 ", but wasi-threads defines it as " +
                                                 binary::toString(spawnType)});
      continue;
    }
    const lower::WasiFunction *wasi = lower::findWasiFunction(import.module, import.name);
    if (!wasi)
      return failure(name, {import.offset, "unsupported: import " + what +
                                               ": an executable can only import WASI functions, "
                                               "from wasi_snapshot_preview1 or wasi_unstable, "
                                               "and wasi.thread-spawn"});
    if (!(type == wasi->type))
      return failure(name, {import.offset, "import " + what + " has type " + binary::toString(type) +
                                               ", but WASI defines it as " +
                                               binary::toString(wasi->type)});
  }
  return llvm::Error::success();
}

// A module that spawns threads exports the function they start in: wasi_thread_start(tid,
// start_arg).
llvm::Error checkThreadStart(const binary::Module &module, const std::string &name) {
  const binary::Import *spawn = nullptr;
  for (const binary::Import &import : module.imports)
    if (isThreadSpawn(import))
      spawn = &import;
  if (!spawn)
    return llvm::Error::success();
  const binary::FuncType startType{{binary::ValType::I32, binary::ValType::I32}, {}};
  for (const binary::Export &entry : module.exports)
    if (entry.name == "wasi_thread_start") {
      if (entry.kind != binary::ExternKind::Func ||
          !(module.functionType(entry.index) == startType))
        return failure(name, {entry.offset, "the export wasi_thread_start is not a function of "
                                            "type " + binary::toString(startType)});
      return llvm::Error::success();
    }
  return failure(name, {spawn->offset, "the module imports wasi.thread-spawn but exports no "
                                       "wasi_thread_start function for its threads to run"});
}

// A WASI command: it exports _start, which runs the program.
llvm::Error checkCommand(const binary::Module &module, const std::string &name) {
  const binary::Export *start = nullptr, *initialize = nullptr;
  for (const binary::Export &entry : module.exports) {
    if (entry.name == "_start")
      start = &entry;
    else if (entry.name == "_initialize")
      initialize = &entry;
  }
  if (start) {
    if (start->kind != binary::ExternKind::Func ||
        !(module.functionType(start->index) == binary::FuncType{}))
      return failure(name, {start->offset, "the export _start is not a function of type () -> ()"});
    return llvm::Error::success();
  }
  // A reactor is a library for a host to call; as an executable it would do nothing at all.
  const std::string advice = "build a program with a main function (not -mexec-model=reactor)";
  if (initialize)
    return failure(name, {initialize->offset,
                          "not a WASI command but a reactor (it exports _initialize and no "
                          "_start), so its executable would do nothing; " + advice});
  // At the end of the module: it ends without exporting _start.
  return failure(name, {module.bytes.size(), "not a WASI command: the module exports no _start "
                                             "function, so its executable would do nothing; " +
                                                 advice});
}

llvm::Error writeFile(const std::string &path, const std::string &bytes) {
  std::error_code error;
  llvm::raw_fd_ostream stream(path, error);
  if (error)
    return llvm::createStringError(error, "cannot write %s: %s", path.c_str(),
                                   error.message().c_str());
  stream << bytes;
  return llvm::Error::success();
}

} // namespace

llvm::Expected<std::unique_ptr<binary::Module>> loadModule(std::vector<uint8_t> bytes,
                                                           const std::string &name,
                                                           const binary::Features &features) {
  auto decoded = binary::decodeModule(std::move(bytes), features);
  if (auto *error = std::get_if<binary::DecodeFailure>(&decoded))
    return failure(name, *error);
  std::unique_ptr<binary::Module> module = std::move(std::get<std::unique_ptr<binary::Module>>(decoded));
  if (auto error = binary::validateModule(*module))
    return failure(name, *error);
  return module;
}

llvm::Error checkExecutableModule(const binary::Module &module, const std::string &name) {
  if (llvm::Error error = checkWasiImports(module, name))
    return error;
  if (llvm::Error error = checkThreadStart(module, name))
    return error;
  return checkCommand(module, name);
}

llvm::Error buildExecutable(const binary::Module &module, BuildOptions options,
                            const std::string &output) {
  if (llvm::Error error = checkExecutableModule(module, options.moduleName))
    return error;
  const codegen::TargetInfo &target =
      options.compile.target ? *options.compile.target : codegen::hostTarget();
  options.compile.lowering.directWasiCalls = true;
  options.compile.lowering.localExecTls = !options.compile.pic;
  options.compile.lowering.emitBakedGrants = true;
  options.compile.lowering.bakedGrants = options.grants;
  codegen::CompileTimings timings;
  const auto start = std::chrono::steady_clock::now();
  auto objects = codegen::compileModule(module, options.compile, codegen::OutputKind::Object, &timings);
  if (!objects)
    return objects.takeError();
  const auto linkStart = std::chrono::steady_clock::now();
  if (llvm::Error error = link::linkExecutable(target, *objects, output))
    return error;
  if (options.verbose) {
    auto seconds = [](auto from, auto to) { return std::chrono::duration<double>(to - from).count(); };
    llvm::errs() << llvm::format("wasmc: %u partition(s), %u from the cache; lower %.3fs, "
                                 "optimise %.3fs, codegen %.3fs (CPU time); compile %.3fs, "
                                 "link %.3fs (wall)\n",
                                 timings.partitions, timings.fromCache, timings.lowerSeconds,
                                 timings.optimizeSeconds, timings.codegenSeconds,
                                 seconds(start, linkStart),
                                 seconds(linkStart, std::chrono::steady_clock::now()));
    if (timings.baselineFunctions)
      llvm::errs() << llvm::format("wasmc: baseline tier: %u of %u function(s), %.3fs (CPU time)\n",
                                   timings.baselineFunctions, timings.definedFunctions,
                                   timings.baselineSeconds);
    if (timings.tierFunctions[0] + timings.tierFunctions[1])
      llvm::errs() << llvm::format("wasmc: tiers: %u full function(s) (%llu instructions), %u "
                                   "lean (%llu instructions), %u of them huge with -O0's "
                                   "instruction selection\n",
                                   timings.tierFunctions[0],
                                   (unsigned long long)timings.tierInstructions[0],
                                   timings.tierFunctions[1],
                                   (unsigned long long)timings.tierInstructions[1],
                                   timings.fastSelectionFunctions);
  }
  return llvm::Error::success();
}

llvm::Error buildSharedObject(const binary::Module &module, BuildOptions options,
                              const std::string &output) {
  const codegen::TargetInfo &target =
      options.compile.target ? *options.compile.target : codegen::hostTarget();
  options.compile.pic = true;
  auto objects = codegen::compileModule(module, options.compile, codegen::OutputKind::Object);
  if (!objects)
    return objects.takeError();
  return link::linkSharedObject(target, *objects, output);
}

llvm::Error emitIntermediate(const binary::Module &module, const BuildOptions &options,
                             codegen::OutputKind kind, const std::string &output) {
  // The same code as in an executable. Assembly and IR come from one partition; an object
  // from the executable's partitions (and baseline tier), linked into one relocatable object.
  codegen::CompileOptions compile = options.compile;
  compile.lowering.directWasiCalls = true;
  compile.lowering.emitBakedGrants = true;
  compile.lowering.bakedGrants = options.grants;
  auto outputs = codegen::compileModule(module, compile, kind);
  if (!outputs)
    return outputs.takeError();
  if (outputs->size() == 1)
    return writeFile(output, outputs->front());
  const codegen::TargetInfo &target =
      compile.target ? *compile.target : codegen::hostTarget();
  return link::linkRelocatable(target, *outputs, output);
}

} // namespace wasmc::pipeline
