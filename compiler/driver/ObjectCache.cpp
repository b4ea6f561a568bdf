#include "driver/ObjectCache.h"

#include <llvm/Support/raw_ostream.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wasmc::driver {

std::unique_ptr<ObjectCache> ObjectCache::open() {
  auto limit = cache::sizeLimit();
  if (!limit) {
    llvm::consumeError(limit.takeError()); // reported by whoever reads it for `wasmc run`
    return nullptr;
  }
  if (*limit == 0)
    return nullptr;
  auto directory = cache::Directory::open(cache::directoryPath());
  if (!directory) {
    llvm::handleAllErrors(directory.takeError(), [](const llvm::ErrorInfoBase &info) {
      llvm::errs() << "warning: not using the cache " << info.message() << "\n";
    });
    return nullptr;
  }
  return std::make_unique<ObjectCache>(std::move(*directory), *limit);
}

ObjectCache::~ObjectCache() {
  if (stored_)
    directory_.evict(sizeLimit_);
}

std::optional<std::string> ObjectCache::load(const std::string &key) {
  const int fd = directory_.find(key);
  if (fd < 0)
    return std::nullopt;
  std::string object;
  struct stat status;
  if (fstat(fd, &status) == 0) {
    object.resize(size_t(status.st_size));
    size_t done = 0;
    while (done < object.size()) {
      const ssize_t got = read(fd, object.data() + done, object.size() - done);
      if (got <= 0)
        break;
      done += size_t(got);
    }
    if (done != object.size())
      object.clear();
  }
  close(fd);
  if (object.empty())
    return std::nullopt;
  return object;
}

void ObjectCache::store(const std::string &key, const std::string &object) {
  std::lock_guard<std::mutex> guard(lock_);
  const std::string path = directory_.temporaryPath(key);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return;
  size_t done = 0;
  while (done < object.size()) {
    const ssize_t wrote = write(fd, object.data() + done, object.size() - done);
    if (wrote <= 0)
      break;
    done += size_t(wrote);
  }
  close(fd);
  if (done != object.size()) {
    unlink(path.c_str());
    return;
  }
  auto added = directory_.add(key);
  if (added) {
    close(*added);
    stored_ = true;
  } else {
    llvm::consumeError(added.takeError());
  }
}

} // namespace wasmc::driver
