#include "driver/ModuleFile.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>

namespace wasmc::driver {

namespace {

llvm::Error refuse(const std::string &path, const std::string &why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s: %s", path.c_str(),
                                 why.c_str());
}

// The text format starts with "(module", "(component" or a comment, after white space.
bool looksLikeText(llvm::StringRef bytes, llvm::StringRef path) {
  const llvm::StringRef start = bytes.ltrim(" \t\r\n");
  const llvm::StringRef extension = llvm::sys::path::extension(path);
  return start.starts_with("(") || start.starts_with(";;") ||
         ((extension == ".wat" || extension == ".wast") && !bytes.starts_with(llvm::StringRef("\0asm", 4)));
}

// A component's preamble: the magic, a 16-bit version and the layer, 1 for components
// (version 0x0d at the time of writing; core modules are version 1, layer 0).
bool isComponent(llvm::StringRef bytes) {
  return bytes.size() >= 8 && bytes.starts_with(llvm::StringRef("\0asm", 4)) &&
         bytes[6] == 1 && bytes[7] == 0;
}

} // namespace

llvm::Expected<std::vector<uint8_t>> readModuleFile(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buffer)
    return llvm::createStringError(buffer.getError(), "cannot read %s: %s", path.c_str(),
                                   buffer.getError().message().c_str());
  const llvm::StringRef bytes = (*buffer)->getBuffer();
  if (looksLikeText(bytes, path)) {
    llvm::SmallString<128> binary(path);
    llvm::sys::path::replace_extension(binary, ".wasm");
    if (binary == path)
      binary += ".wasm";
    return refuse(path + ":0x0", "this is WebAssembly text, and wasmc reads the binary format: convert it "
                        "with wat2wasm (from wabt): wat2wasm " + path + " -o " + binary.str().str());
  }
  if (isComponent(bytes))
    return refuse(path + ":0x4", "a WebAssembly component (layer 1), not a core module: wasmc "
                                 "compiles core modules, such as C, C++ and Rust programs built "
                                 "for wasm32-wasip1 (wasm32-wasi)");
  return std::vector<uint8_t>(bytes.bytes_begin(), bytes.bytes_end());
}

} // namespace wasmc::driver
