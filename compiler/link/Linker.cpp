#include "link/Linker.h"

#include <lld/Common/Driver.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Program.h>
#include <llvm/Support/raw_ostream.h>

#include <mutex>

LLD_HAS_DRIVER(elf)

namespace wasmc::link {

namespace {

std::string executableDirectory() {
  // Any function of this binary serves as the address that identifies it.
  static int anchor;
  std::string path = llvm::sys::fs::getMainExecutable(nullptr, &anchor);
  return std::string(llvm::sys::path::parent_path(path));
}

// Object bytes go to temporary files for the linker, removed afterwards.
class TemporaryObjects {
public:
  llvm::Error write(const std::vector<std::string> &objects) {
    for (const std::string &bytes : objects) {
      llvm::SmallString<128> path;
      int fd = -1;
      if (std::error_code error = llvm::sys::fs::createTemporaryFile("wasmc", "o", fd, path))
        return llvm::createStringError(error, "cannot create a temporary file: %s",
                                       error.message().c_str());
      llvm::raw_fd_ostream stream(fd, /*shouldClose=*/true);
      stream << bytes;
      stream.close();
      paths_.push_back(std::string(path));
      if (stream.has_error())
        return llvm::createStringError(stream.error(), "cannot write %s", paths_.back().c_str());
    }
    return llvm::Error::success();
  }
  const std::vector<std::string> &paths() const { return paths_; }
  ~TemporaryObjects() {
    for (const std::string &path : paths_)
      llvm::sys::fs::remove(path);
  }

private:
  std::vector<std::string> paths_;
};

llvm::Error runLld(std::vector<std::string> arguments) {
  // lld keeps global state per link: one link at a time.
  static std::mutex lock;
  std::lock_guard<std::mutex> guard(lock);
  std::vector<const char *> argv{"ld.lld"};
  for (const std::string &argument : arguments)
    argv.push_back(argument.c_str());
  std::string messages;
  llvm::raw_string_ostream errors(messages);
  lld::Result result = lld::lldMain(argv, llvm::nulls(), errors, {{lld::Gnu, &lld::elf::link}});
  if (result.retCode != 0)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "link failed: %s",
                                   messages.c_str());
  return llvm::Error::success();
}

} // namespace

llvm::Expected<std::string> runtimeDirectory(const codegen::TargetInfo &target) {
  const std::string base = executableDirectory();
  for (const char *relative : {"lib/wasmc", "../lib/wasmc"}) {
    llvm::SmallString<256> candidate(base);
    llvm::sys::path::append(candidate, relative, target.name);
    if (llvm::sys::fs::exists(candidate + "/libwasmc_rt.a"))
      return std::string(candidate);
  }
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "no runtime for target %s beside %s (looked in lib/wasmc/%s and "
                                 "../lib/wasmc/%s)",
                                 target.name.c_str(), base.c_str(), target.name.c_str(),
                                 target.name.c_str());
}

bool hasRuntime(const codegen::TargetInfo &target) {
  auto directory = runtimeDirectory(target);
  if (!directory) {
    llvm::consumeError(directory.takeError());
    return false;
  }
  return true;
}

llvm::Error linkExecutable(const codegen::TargetInfo &target,
                           const std::vector<std::string> &objects, const std::string &output) {
  auto directory = runtimeDirectory(target);
  if (!directory)
    return directory.takeError();
  TemporaryObjects temporaries;
  if (llvm::Error error = temporaries.write(objects))
    return error;
  auto file = [&](const char *name) { return *directory + "/" + name; };
  std::vector<std::string> arguments = {
      "-m", target.lldEmulation, "-static", "-o", output, "--eh-frame-hdr", "--gc-sections",
      "-z", "noexecstack", "-z", "relro", "--build-id=none",
      file("crt1.o"), file("crti.o"), file("crtbeginT.o")};
  arguments.insert(arguments.end(), temporaries.paths().begin(), temporaries.paths().end());
  for (const char *library : {"libwasmc_main.a", "libwasmc_wasi.a", "libwasmc_rt.a"})
    arguments.push_back(file(library));
  arguments.push_back("--start-group");
  for (const char *library : {"libm.a", "libc.a", "libgcc.a", "libgcc_eh.a"})
    arguments.push_back(file(library));
  arguments.push_back("--end-group");
  arguments.push_back(file("crtend.o"));
  arguments.push_back(file("crtn.o"));
  return runLld(arguments);
}

llvm::Error linkSharedObject(const codegen::TargetInfo &target,
                             const std::vector<std::string> &objects, const std::string &output) {
  TemporaryObjects temporaries;
  if (llvm::Error error = temporaries.write(objects))
    return error;
  std::vector<std::string> arguments = {"-m", target.lldEmulation, "-shared", "-o", output,
                                        "--eh-frame-hdr", "-z", "noexecstack"};
  arguments.insert(arguments.end(), temporaries.paths().begin(), temporaries.paths().end());
  return runLld(arguments);
}

llvm::Error linkRelocatable(const codegen::TargetInfo &target,
                            const std::vector<std::string> &objects, const std::string &output) {
  TemporaryObjects temporaries;
  if (llvm::Error error = temporaries.write(objects))
    return error;
  std::vector<std::string> arguments = {"-m", target.lldEmulation, "-r", "-o", output};
  arguments.insert(arguments.end(), temporaries.paths().begin(), temporaries.paths().end());
  return runLld(arguments);
}

} // namespace wasmc::link
