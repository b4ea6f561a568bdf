#include "driver/RunCache.h"

#include "link/Linker.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/BLAKE3.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Process.h>
#include <llvm/TargetParser/Host.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

namespace wasmc::driver::cache {

namespace {

constexpr uint64_t kDefaultSizeLimit = uint64_t(1) << 30;
// A temporary file this old was left by a run that died while linking.
constexpr time_t kStaleTemporarySeconds = 3600;

llvm::Error unusable(const std::string &path, const std::string &why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s: %s", path.c_str(),
                                 why.c_str());
}

bool isKey(llvm::StringRef name) {
  return name.size() == 64 && llvm::all_of(name, [](char c) { return llvm::isHexDigit(c); });
}

// "<key>.tmp<pid>", and lld's own temporary beside it, "<key>.tmp<pid>.tmp<random>".
bool isTemporary(llvm::StringRef name) {
  return name.size() > 64 && isKey(name.take_front(64)) && name.drop_front(64).starts_with(".tmp");
}

std::string octal(unsigned value) {
  char text[16];
  snprintf(text, sizeof text, "%04o", value);
  return text;
}

bool isCallersOwn(const struct stat &status) {
  return status.st_uid == geteuid() && !(status.st_mode & (S_IWGRP | S_IWOTH));
}

// Each field with its length first, so that no two different lists of fields hash alike.
class KeyHasher {
public:
  void add(llvm::StringRef field) {
    const uint64_t size = field.size();
    hasher_.update(llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(&size), sizeof size));
    hasher_.update(field);
  }
  std::string hex() { return llvm::toHex(hasher_.final(), /*LowerCase=*/true); }

private:
  llvm::BLAKE3 hasher_;
};

// A file stands for its contents by its size and modification time: hashing wasmc itself
// (over 100 MB) would cost more than most runs.
std::string fileStamp(const std::string &path) {
  llvm::sys::fs::file_status status;
  if (llvm::sys::fs::status(path, status))
    return "missing";
  return std::to_string(status.getSize()) + ":" +
         std::to_string(status.getLastModificationTime().time_since_epoch().count());
}

void addRuntimeLibraries(KeyHasher &hasher, const codegen::TargetInfo &target) {
  auto directory = link::runtimeDirectory(target);
  if (!directory) {
    llvm::consumeError(directory.takeError()); // the link will say so
    return;
  }
  std::vector<std::string> files;
  std::error_code error;
  for (llvm::sys::fs::directory_iterator it(*directory, error), end; it != end && !error;
       it.increment(error))
    files.push_back(it->path());
  std::sort(files.begin(), files.end());
  for (const std::string &file : files) {
    hasher.add(llvm::sys::path::filename(file));
    hasher.add(fileStamp(file));
  }
}

// The host CPU's name and features, when the CPU is "native".
void addNativeCpu(KeyHasher &hasher) {
  hasher.add(llvm::sys::getHostCPUName());
  std::vector<std::string> features;
  for (const auto &feature : llvm::sys::getHostCPUFeatures())
    features.push_back((feature.second ? "+" : "-") + feature.first().str());
  std::sort(features.begin(), features.end());
  for (const std::string &feature : features)
    hasher.add(feature);
}

// The environment variables the compiler reads: WASMC_NO_*, WASMC_LLVM_ARGS, the baseline tier's
// WASMC_BASELINE* (baseline/Baseline.h) and WASMC_STRESS_BOUNDS (lower/StressedBounds.h).
void addCompilerEnvironment(KeyHasher &hasher) {
  std::vector<std::string> variables;
  for (char **entry = environ; entry && *entry; ++entry) {
    const llvm::StringRef variable(*entry);
    if (variable.starts_with("WASMC_NO_") || variable.starts_with("WASMC_LLVM_ARGS=") ||
        variable.starts_with("WASMC_BASELINE") || variable.starts_with("WASMC_STRESS_BOUNDS="))
      variables.push_back(variable.str());
  }
  std::sort(variables.begin(), variables.end());
  for (const std::string &variable : variables)
    hasher.add(variable);
}

void forEachRegularFile(int directory,
                        const std::function<void(const char *, const struct stat &)> &visit) {
  const int copy = fcntl(directory, F_DUPFD_CLOEXEC, 0);
  DIR *stream = copy >= 0 ? fdopendir(copy) : nullptr;
  if (!stream) {
    if (copy >= 0)
      close(copy);
    return;
  }
  rewinddir(stream);
  while (const struct dirent *entry = readdir(stream)) {
    struct stat status;
    if (fstatat(directory, entry->d_name, &status, AT_SYMLINK_NOFOLLOW) == 0 &&
        S_ISREG(status.st_mode))
      visit(entry->d_name, status);
  }
  closedir(stream);
}

} // namespace

std::string directoryPath() {
  if (auto xdg = llvm::sys::Process::GetEnv("XDG_CACHE_HOME"); xdg && !xdg->empty())
    return *xdg + "/wasmc";
  if (auto home = llvm::sys::Process::GetEnv("HOME"); home && !home->empty())
    return *home + "/.cache/wasmc";
  return "/tmp/wasmc-cache-" + std::to_string(geteuid());
}

llvm::Expected<uint64_t> sizeLimit() {
  auto text = llvm::sys::Process::GetEnv("WASMC_CACHE_SIZE");
  if (!text || text->empty())
    return kDefaultSizeLimit;
  llvm::StringRef digits(*text);
  uint64_t unit = 1;
  switch (llvm::toLower(digits.back())) {
  case 'k': unit = uint64_t(1) << 10; break;
  case 'm': unit = uint64_t(1) << 20; break;
  case 'g': unit = uint64_t(1) << 30; break;
  }
  if (unit != 1)
    digits = digits.drop_back();
  uint64_t count = 0;
  if (digits.getAsInteger(10, count) || count > UINT64_MAX / unit)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "WASMC_CACHE_SIZE=%s: expected a size in bytes, or with a "
                                   "suffix K, M or G (e.g. 512M); 0 turns the cache off",
                                   text->c_str());
  return count * unit;
}

std::string key(llvm::ArrayRef<uint8_t> module, const codegen::CompileOptions &options) {
  KeyHasher hasher;
  hasher.add(compilerSalt(options));
  hasher.add(llvm::toStringRef(module));
  return hasher.hex();
}

std::string compilerSalt(const codegen::CompileOptions &options) {
  KeyHasher hasher;
  hasher.add(WASMC_VERSION);
  static int anchor;
  const std::string self = llvm::sys::fs::getMainExecutable(nullptr, &anchor);
  hasher.add(self);
  hasher.add(fileStamp(self));
  const codegen::TargetInfo &target = options.target ? *options.target : codegen::hostTarget();
  hasher.add(target.name);
  addRuntimeLibraries(hasher, target);
  hasher.add(std::to_string(options.optLevel));
  hasher.add(options.cpu);
  if (options.cpu == "native")
    addNativeCpu(hasher);
  hasher.add(options.features);
  addCompilerEnvironment(hasher);
  return hasher.hex();
}

llvm::Expected<Directory> Directory::open(const std::string &path, bool create) {
  if (create) {
    // Parents too are made 0700, as the XDG base directory specification asks.
    llvm::SmallString<256> parent(path);
    llvm::sys::path::remove_filename(parent);
    if (!parent.empty())
      (void)llvm::sys::fs::create_directories(parent, true, llvm::sys::fs::owner_all);
    if (mkdir(path.c_str(), 0700) != 0 && errno != EEXIST)
      return unusable(path, std::string("cannot create it: ") + std::strerror(errno));
  }
  struct stat status;
  if (lstat(path.c_str(), &status) == 0 && S_ISLNK(status.st_mode))
    return unusable(path, "it is a symbolic link");
  // The checks are made on the open directory, and entries are reached through it, so that
  // nothing swapped in under the same name after the checks is used.
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return unusable(path, std::strerror(errno));
  std::string problem;
  if (fstat(fd, &status) != 0)
    problem = std::strerror(errno);
  else if (status.st_uid != geteuid())
    problem = "it belongs to uid " + std::to_string(status.st_uid) + ", not to the caller (uid " +
              std::to_string(geteuid()) + ")";
  else if (status.st_mode & (S_IWGRP | S_IWOTH))
    problem = "others may write to it (mode " + octal(status.st_mode & 07777) + ")";
  else if ((status.st_mode & 077) && fchmod(fd, 0700) != 0)
    problem = std::string("cannot make it private: ") + std::strerror(errno);
  if (!problem.empty()) {
    close(fd);
    return unusable(path, problem);
  }
  return Directory(path, fd);
}

Directory::Directory(Directory &&other) noexcept : path_(std::move(other.path_)), fd_(other.fd_) {
  other.fd_ = -1;
}

Directory::~Directory() {
  if (fd_ >= 0)
    close(fd_);
}

int Directory::find(const std::string &key) const {
  const int fd = openat(fd_, key.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return -1;
  struct stat status;
  // One link only: a hard link to some other file of the caller's is not an entry.
  if (fstat(fd, &status) != 0 || !S_ISREG(status.st_mode) || !isCallersOwn(status) ||
      status.st_nlink != 1) {
    close(fd);
    return -1;
  }
  (void)futimens(fd, nullptr); // a use: eviction removes the least recently used first
  return fd;
}

std::string Directory::temporaryPath(const std::string &key) const {
  return path_ + "/" + key + ".tmp" + std::to_string(getpid());
}

llvm::Expected<int> Directory::add(const std::string &key) const {
  const std::string temporary = key + ".tmp" + std::to_string(getpid());
  if (renameat(fd_, temporary.c_str(), fd_, key.c_str()) != 0) {
    const int error = errno;
    (void)unlinkat(fd_, temporary.c_str(), 0);
    return unusable(path_, std::string("cannot add an entry: ") + std::strerror(error));
  }
  const int fd = find(key);
  if (fd < 0)
    return unusable(path_, "the entry just added cannot be opened");
  return fd;
}

void Directory::evict(uint64_t limit) const {
  struct Entry {
    struct timespec used;
    uint64_t size;
    std::string name;
  };
  std::vector<Entry> entries;
  uint64_t total = 0;
  const time_t now = time(nullptr);
  forEachRegularFile(fd_, [&](const char *name, const struct stat &status) {
    if (isKey(name)) {
      entries.push_back({status.st_mtim, uint64_t(status.st_size), name});
      total += uint64_t(status.st_size);
    } else if (isTemporary(name) && now - status.st_mtime > kStaleTemporarySeconds) {
      (void)unlinkat(fd_, name, 0);
    }
  });
  std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
    return a.used.tv_sec != b.used.tv_sec ? a.used.tv_sec < b.used.tv_sec
                                          : a.used.tv_nsec < b.used.tv_nsec;
  });
  for (const Entry &entry : entries) {
    if (total <= limit)
      break;
    if (unlinkat(fd_, entry.name.c_str(), 0) == 0)
      total -= entry.size;
  }
}

std::pair<unsigned, uint64_t> Directory::clear() const {
  unsigned count = 0;
  uint64_t bytes = 0;
  forEachRegularFile(fd_, [&](const char *name, const struct stat &status) {
    if ((isKey(name) || isTemporary(name)) && unlinkat(fd_, name, 0) == 0) {
      count += isKey(name);
      bytes += uint64_t(status.st_size);
    }
  });
  return {count, bytes};
}

} // namespace wasmc::driver::cache
