#include "pipeline/Pipeline.h"

#include "binary/Decoder.h"
#include "binary/Validator.h"
#include "link/Linker.h"
#include "lower/WasiImports.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
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
                                                           const std::string &name) {
  auto decoded = binary::decodeModule(std::move(bytes));
  if (auto *error = std::get_if<binary::DecodeFailure>(&decoded))
    return failure(name, *error);
  std::unique_ptr<binary::Module> module = std::move(std::get<std::unique_ptr<binary::Module>>(decoded));
  if (auto error = binary::validateModule(*module))
    return failure(name, *error);
  return module;
}

llvm::Expected<std::unique_ptr<binary::Module>> loadModuleFile(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buffer)
    return llvm::createStringError(buffer.getError(), "cannot read %s: %s", path.c_str(),
                                   buffer.getError().message().c_str());
  const auto *data = reinterpret_cast<const uint8_t *>((*buffer)->getBufferStart());
  return loadModule(std::vector<uint8_t>(data, data + (*buffer)->getBufferSize()), path);
}

llvm::Error checkExecutableImports(const binary::Module &module) {
  for (const binary::Import &import : module.imports) {
    if (import.kind != binary::ExternKind::Func)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "unsupported: import of a %s (%s.%s): executables can only import WASI functions",
          binary::externKindName(import.kind), import.module.c_str(), import.name.c_str());
    const lower::WasiFunction *wasi = lower::findWasiFunction(import.module, import.name);
    if (!wasi)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "unsupported: import %s.%s: executables can only import WASI functions "
          "(wasi_snapshot_preview1, wasi_unstable)",
          import.module.c_str(), import.name.c_str());
    const binary::FuncType &type = module.types[import.funcTypeIndex];
    if (!(type == wasi->type))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "import %s.%s has type %s, but WASI defines it as %s",
                                     import.module.c_str(), import.name.c_str(),
                                     binary::toString(type).c_str(),
                                     binary::toString(wasi->type).c_str());
  }
  return llvm::Error::success();
}

llvm::Error buildExecutable(const binary::Module &module, BuildOptions options,
                            const std::string &output) {
  if (llvm::Error error = checkExecutableImports(module))
    return error;
  const codegen::TargetInfo &target =
      options.compile.target ? *options.compile.target : codegen::hostTarget();
  options.compile.lowering.directWasiCalls = true;
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
    llvm::errs() << llvm::format("wasmc: %u partition(s); lower %.3fs, optimise %.3fs, codegen "
                                 "%.3fs (thread time); compile %.3fs, link %.3fs (wall)\n",
                                 timings.partitions, timings.lowerSeconds, timings.optimizeSeconds,
                                 timings.codegenSeconds, seconds(start, linkStart),
                                 seconds(linkStart, std::chrono::steady_clock::now()));
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
  // The same code as in an executable, in one partition so that it is one file.
  codegen::CompileOptions compile = options.compile;
  compile.threads = 1;
  compile.lowering.directWasiCalls = true;
  compile.lowering.emitBakedGrants = true;
  compile.lowering.bakedGrants = options.grants;
  auto outputs = codegen::compileModule(module, compile, kind);
  if (!outputs)
    return outputs.takeError();
  std::string all;
  for (const std::string &part : *outputs)
    all += part;
  return writeFile(output, all);
}

} // namespace wasmc::pipeline
