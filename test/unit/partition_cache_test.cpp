// The object cache with the baseline tier: a partition's entry holds the tier's object beside
// LLVM's (codegen/CachedObjects.h), builds with and without the tier never share an entry, and
// a build from the cache gives the same objects as one that compiled.
#include "binary_test_support.h"

#include "codegen/CachedObjects.h"
#include "codegen/Compile.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>
#include <mutex>

using namespace wasmc::binary::test;

namespace {

class MemoryCache : public wasmc::codegen::PartitionCache {
public:
  std::optional<std::string> load(const std::string &key) override {
    std::lock_guard<std::mutex> guard(lock_);
    auto found = entries.find(key);
    if (found == entries.end())
      return std::nullopt;
    return found->second;
  }
  void store(const std::string &key, const std::string &object) override {
    std::lock_guard<std::mutex> guard(lock_);
    entries[key] = object;
  }
  std::map<std::string, std::string> entries;

private:
  std::mutex lock_;
};

// Enough functions () -> i32 for several partitions (lower::singlePartitionBytes()), each a few
// additions the tier compiles.
std::unique_ptr<wasmc::binary::Module> largeModule() {
  const uint32_t functions = 1200;
  Bytes types = uleb(functions), bodies = uleb(functions);
  for (uint32_t f = 0; f < functions; ++f) {
    types.push_back(0);
    Bytes code = cat({Bytes{op::I32Const}, sleb(f)});
    for (int term = 0; term < 4; ++term)
      code = cat({code, Bytes{op::I32Const}, sleb(f * 31 + term), Bytes{op::I32Add}});
    code.push_back(op::End);
    bodies = cat({bodies, body({}, code)});
  }
  return validOk(module({typeSection({funcType({}, {op::I32})}), section(3, types),
                         section(10, bodies)}));
}

// WASMC_BASELINE=1 for the scope of a test, whatever it ends with.
struct BaselineTierOn {
  BaselineTierOn() { setenv("WASMC_BASELINE", "1", 1); }
  ~BaselineTierOn() { unsetenv("WASMC_BASELINE"); }
};

struct Build {
  std::vector<std::string> objects;
  wasmc::codegen::CompileTimings timings;
};

Build compile(const wasmc::binary::Module &module, MemoryCache &cache, bool tier,
              unsigned threads) {
  wasmc::codegen::CompileOptions options;
  options.optLevel = 0;
  options.threads = threads;
  options.cache = &cache;
  options.allowBaseline = tier;
  options.cacheSalt = "the same salt";
  Build build;
  auto objects = wasmc::codegen::compileModule(module, options, wasmc::codegen::OutputKind::Object,
                                               &build.timings);
  REQUIRE(bool(objects));
  build.objects = std::move(*objects);
  return build;
}

} // namespace

TEST_CASE("a packed cache entry gives back its objects, and nothing else is taken for one",
          "[cache]") {
  using wasmc::codegen::packObjects;
  using wasmc::codegen::unpackObjects;
  const std::vector<std::string> objects{std::string("\x7f" "ELF llvm", 9), ""};
  const std::string entry = packObjects(objects);
  CHECK(unpackObjects(entry, 2) == objects);
  CHECK_FALSE(unpackObjects(entry, 1));
  CHECK_FALSE(unpackObjects(entry.substr(0, entry.size() - 1), 2));
  CHECK_FALSE(unpackObjects(entry + "x", 2));
  CHECK_FALSE(unpackObjects(objects[0], 2)); // a lone object, as a build without the tier stores
  CHECK_FALSE(unpackObjects("", 2));
}

TEST_CASE("the object cache holds the baseline tier's objects, apart from LLVM-only builds",
          "[cache][baseline]") {
#if defined(__x86_64__)
  const BaselineTierOn tierOn;
  const auto module = largeModule();
  MemoryCache cache;
  const Build first = compile(*module, cache, /*tier=*/true, 2);
  REQUIRE(first.timings.partitions > 2);
  CHECK(first.timings.fromCache == 0);
  CHECK(first.timings.baselineFunctions == first.timings.definedFunctions);
  // One object per partition, then the tier's.
  CHECK(first.objects.size() > first.timings.partitions);
  CHECK(cache.entries.size() == first.timings.partitions);
  for (const auto &[key, entry] : cache.entries)
    CHECK(wasmc::codegen::unpackObjects(entry, 2));

  for (unsigned threads : {1u, 3u}) {
    const Build again = compile(*module, cache, /*tier=*/true, threads);
    CHECK(again.timings.fromCache == again.timings.partitions);
    CHECK(again.timings.baselineFunctions == 0);
    CHECK(again.objects == first.objects);
  }
  MemoryCache fresh;
  CHECK(compile(*module, fresh, /*tier=*/true, 1).objects == first.objects);

  // Without the tier (same salt, same options otherwise): nothing from the tier's entries.
  const Build llvmOnly = compile(*module, cache, /*tier=*/false, 2);
  CHECK(llvmOnly.timings.fromCache == 0);
  CHECK(llvmOnly.timings.baselineFunctions == 0);
  CHECK(llvmOnly.objects.size() == llvmOnly.timings.partitions);
  CHECK(cache.entries.size() == 2 * first.timings.partitions);
  const Build llvmAgain = compile(*module, cache, /*tier=*/false, 2);
  CHECK(llvmAgain.timings.fromCache == llvmAgain.timings.partitions);
  CHECK(llvmAgain.objects == llvmOnly.objects);
#endif
}
