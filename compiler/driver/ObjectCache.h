// The object cache: compiled partitions of large modules (codegen::PartitionCache), kept in the
// cache directory beside `wasmc run`'s executables, so that rebuilding a module after a change
// to a few functions compiles only the partitions that hold them.
#pragma once

#include "codegen/Compile.h"
#include "driver/RunCache.h"

#include <memory>
#include <mutex>

namespace wasmc::driver {

class ObjectCache : public codegen::PartitionCache {
public:
  ObjectCache(cache::Directory directory, uint64_t sizeLimit)
      : directory_(std::move(directory)), sizeLimit_(sizeLimit) {}
  ~ObjectCache() override;

  // The cache of the user's cache directory, or none (with a warning) when it cannot be trusted
  // or WASMC_CACHE_SIZE is 0.
  static std::unique_ptr<ObjectCache> open();

  std::optional<std::string> load(const std::string &key) override;
  void store(const std::string &key, const std::string &object) override;

private:
  cache::Directory directory_;
  uint64_t sizeLimit_;
  std::mutex lock_; // store() from several compiling threads
  bool stored_ = false;
};

} // namespace wasmc::driver
