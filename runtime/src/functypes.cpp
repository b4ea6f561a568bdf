// The registry of function types: equal types get equal ids across all modules of the process,
// so call_indirect compares one integer.
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

namespace {

struct RegisteredType {
  wasmc_functype_desc type;
  uint64_t hash;
};

RegisteredType **registered; // each entry stays where it is allocated
uint32_t registeredCount, registeredCapacity;
pthread_mutex_t typesLock = PTHREAD_MUTEX_INITIALIZER;

uint64_t hashType(uint32_t numParams, uint32_t numResults, const uint8_t *types) {
  uint64_t hash = 1469598103934665603ull ^ (uint64_t(numParams) << 32 | numResults);
  for (uint32_t i = 0; i < numParams + numResults; ++i)
    hash = (hash ^ types[i]) * 1099511628211ull;
  return hash;
}

} // namespace

extern "C" uint32_t wasmc_functype_id(uint32_t num_params, uint32_t num_results,
                                      const uint8_t *types) {
  const uint64_t hash = hashType(num_params, num_results, types);
  const uint32_t count = num_params + num_results;
  pthread_mutex_lock(&typesLock);
  for (uint32_t i = 0; i < registeredCount; ++i) {
    const wasmc_functype_desc &known = registered[i]->type;
    if (registered[i]->hash == hash && known.num_params == num_params &&
        known.num_results == num_results && (count == 0 || memcmp(known.types, types, count) == 0)) {
      pthread_mutex_unlock(&typesLock);
      return i + 1;
    }
  }
  if (registeredCount == registeredCapacity) {
    uint32_t capacity = registeredCapacity ? registeredCapacity * 2 : 64;
    auto *grown = static_cast<RegisteredType **>(realloc(registered, capacity * sizeof(RegisteredType *)));
    if (!grown)
      abort();
    registered = grown;
    registeredCapacity = capacity;
  }
  auto *entry = static_cast<RegisteredType *>(malloc(sizeof(RegisteredType) + (count ? count : 1)));
  if (!entry)
    abort();
  auto *copy = reinterpret_cast<uint8_t *>(entry + 1);
  if (count) memcpy(copy, types, count); // types may be NULL for () -> ()
  *entry = {{num_params, num_results, copy}, hash};
  registered[registeredCount] = entry;
  const uint32_t id = ++registeredCount; // ids start at 1
  pthread_mutex_unlock(&typesLock);
  return id;
}

namespace wasmc::rt {

const wasmc_functype_desc *functypeOfId(uint32_t id) {
  pthread_mutex_lock(&typesLock);
  const wasmc_functype_desc *type = id >= 1 && id <= registeredCount ? &registered[id - 1]->type : nullptr;
  pthread_mutex_unlock(&typesLock);
  return type;
}

} // namespace wasmc::rt
