// The cache of `wasmc run`: executables it compiled, named by a hash of everything that went
// into them, in a directory that only the caller can write. An entry is executed only after
// checks on the opened file, so that nothing another user put there ever runs.
#pragma once

#include "codegen/Compile.h"

#include <llvm/ADT/ArrayRef.h>
#include <llvm/Support/Error.h>

#include <cstdint>
#include <string>

namespace wasmc::driver::cache {

// ${XDG_CACHE_HOME:-$HOME/.cache}/wasmc, or /tmp/wasmc-cache-$UID without either.
std::string directoryPath();

// The size bound: WASMC_CACHE_SIZE (bytes, or with a K, M or G suffix), 1 GiB by default.
llvm::Expected<uint64_t> sizeLimit();

// What compiled code depends on besides the module: the code generation options as resolved (a
// CPU of "native" as this machine's), the environment variables the compiler reads
// (WASMC_NO_*, WASMC_LLVM_ARGS), and this wasmc and the runtime libraries it links; a hash.
std::string compilerSalt(const codegen::CompileOptions &options);

// An executable's name: a hash of the module and compilerSalt(options).
std::string key(llvm::ArrayRef<uint8_t> module, const codegen::CompileOptions &options);

// The cache directory, open. Its checks: a directory, not a symlink, owned by the caller, and
// writable by no one else (one only readable by others, as earlier wasmc versions made it, is
// made 0700).
class Directory {
public:
  // Creates the directory (mode 0700) when it does not exist; an error says why it cannot be
  // used.
  static llvm::Expected<Directory> open(const std::string &path, bool create = true);
  Directory(Directory &&other) noexcept;
  Directory &operator=(Directory &&) = delete;
  ~Directory();

  const std::string &path() const { return path_; }
  // An open descriptor of the entry `key`, or -1 when it has none that passes the checks (a
  // regular file of the caller's, writable only by them, with no other link). A hit counts as
  // a use for eviction.
  int find(const std::string &key) const;
  // Where to write a new entry before add() moves it in.
  std::string temporaryPath(const std::string &key) const;
  // Moves the file written at temporaryPath(key) in as the entry `key`; returns find(key).
  llvm::Expected<int> add(const std::string &key) const;
  // Removes the least recently used entries until the entries take at most `limit` bytes
  // (an entry already opened still runs), and temporary files left by runs that died.
  void evict(uint64_t limit) const;
  // Removes every entry; returns how many and their size.
  std::pair<unsigned, uint64_t> clear() const;

private:
  Directory(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_;
};

} // namespace wasmc::driver::cache
