// The registry of defined types: equivalent types get equal canonical ids across all modules of
// the process, so call_indirect compares one integer and linking compares types by id.
//
// Types are registered a recursion group at a time (Wasm 3.0's iso-recursive equivalence): two
// groups are equivalent when they have the same shape and refer to the same types, where a
// reference into the group itself is its position there, and a reference outside it is the
// canonical id of that earlier type. A group's types get consecutive ids.
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

namespace {

// A key word for a value type: its code, nullability, heap type and how `index` is meant.
enum IndexKind : uint32_t { kNoIndex = 0, kInGroup = 1, kCanonical = 2 };

struct Group {
  uint64_t hash;
  uint32_t numWords;
  uint32_t firstId;
  uint32_t *words; // the key
  Group *next;     // in its hash bucket
};

// The registered groups by the top bits of their keys' hashes (FNV-1a's low bits depend only on
// the words' low bits).
constexpr unsigned kGroupBucketBits = 10;
Group *groupBuckets[1u << kGroupBucketBits];

// The canonical types by id - 1: function types with defined types as canonical ids. Each
// stays where it is allocated (functypeOfId hands them out).
wasmc_functype_desc **types;
uint32_t typeCount, typeCapacity;
pthread_mutex_t typesLock = PTHREAD_MUTEX_INITIALIZER;

template <typename T> void reserve(T **&array, uint32_t &capacity, uint32_t needed) {
  if (needed <= capacity)
    return;
  uint32_t grown = capacity ? capacity : 64;
  while (grown < needed)
    grown *= 2;
  auto *bigger = static_cast<T **>(realloc(array, size_t(grown) * sizeof(T *)));
  if (!bigger)
    abort();
  array = bigger;
  capacity = grown;
}

void *allocateOrDie(size_t bytes) {
  void *memory = malloc(bytes ? bytes : 1);
  if (!memory)
    abort();
  return memory;
}

uint64_t hashWords(const uint32_t *words, uint32_t count) {
  uint64_t hash = 1469598103934665603ull ^ count;
  for (uint32_t i = 0; i < count; ++i)
    hash = (hash ^ words[i]) * 1099511628211ull;
  return hash;
}

// The key of types[0, size) of a group whose first type is `first` in its module, where
// `moduleIds` already holds the canonical ids of the module's types before it. With
// `moduleIds` null, the types refer to no defined type.
uint32_t *groupKey(const wasmc_type_desc *types, uint32_t first, uint32_t size,
                   const uint32_t *moduleIds, uint32_t &numWords) {
  numWords = 0;
  for (uint32_t k = 0; k < size; ++k)
    numWords += 3 + 2 * (types[k].func.num_params + types[k].func.num_results);
  auto *words = static_cast<uint32_t *>(allocateOrDie(numWords * sizeof(uint32_t)));
  uint32_t at = 0;
  for (uint32_t k = 0; k < size; ++k) {
    const wasmc_functype_desc &func = types[k].func;
    words[at++] = types[k].is_final != 0;
    words[at++] = func.num_params;
    words[at++] = func.num_results;
    for (uint32_t i = 0; i < func.num_params + func.num_results; ++i) {
      const wasmc_valtype &type = func.types[i];
      uint32_t indexKind = kNoIndex, index = 0;
      if (type.code == WASMC_TYPE_REF && type.heap == WASMC_HEAP_CONCRETE) {
        const bool inGroup = type.index >= first;
        indexKind = inGroup ? kInGroup : kCanonical;
        index = inGroup ? type.index - first : (moduleIds ? moduleIds[type.index] : 0);
      }
      words[at++] = uint32_t(type.code) | uint32_t(type.nullable) << 8 | uint32_t(type.heap) << 16 |
                    indexKind << 24;
      words[at++] = index;
    }
  }
  return words;
}

// Registers the canonical types of a new group (the lock held).
void addCanonicalTypes(const wasmc_type_desc *types, uint32_t first, uint32_t size,
                       const uint32_t *moduleIds, uint32_t firstId) {
  reserve(::types, typeCapacity, typeCount + size);
  for (uint32_t k = 0; k < size; ++k) {
    const wasmc_functype_desc &func = types[k].func;
    const uint32_t count = func.num_params + func.num_results;
    auto *canonical = static_cast<wasmc_functype_desc *>(
        allocateOrDie(sizeof(wasmc_functype_desc) + count * sizeof(wasmc_valtype)));
    auto *valtypes = reinterpret_cast<wasmc_valtype *>(canonical + 1);
    for (uint32_t i = 0; i < count; ++i) {
      valtypes[i] = func.types[i];
      if (valtypes[i].code == WASMC_TYPE_REF && valtypes[i].heap == WASMC_HEAP_CONCRETE)
        valtypes[i].index = valtypes[i].index >= first ? firstId + (valtypes[i].index - first)
                                                       : moduleIds[valtypes[i].index];
    }
    *canonical = {func.num_params, func.num_results, valtypes};
    ::types[typeCount++] = canonical;
  }
}

// The first canonical id of an equivalent group, registering this one if it is new.
uint32_t canonicalGroup(const wasmc_type_desc *types, uint32_t first, uint32_t size,
                        const uint32_t *moduleIds) {
  uint32_t numWords = 0;
  uint32_t *words = groupKey(types, first, size, moduleIds, numWords);
  const uint64_t hash = hashWords(words, numWords);
  pthread_mutex_lock(&typesLock);
  Group *&bucket = groupBuckets[hash >> (64 - kGroupBucketBits)];
  for (const Group *known = bucket; known; known = known->next) {
    if (known->hash == hash && known->numWords == numWords &&
        memcmp(known->words, words, numWords * sizeof(uint32_t)) == 0) {
      pthread_mutex_unlock(&typesLock);
      free(words);
      return known->firstId;
    }
  }
  auto *group = static_cast<Group *>(allocateOrDie(sizeof(Group)));
  const uint32_t firstId = typeCount + 1; // ids start at 1
  *group = {hash, numWords, firstId, words, bucket};
  bucket = group;
  addCanonicalTypes(types, first, size, moduleIds, firstId);
  pthread_mutex_unlock(&typesLock);
  return firstId;
}

// The abstract heap types' subtyping: each hierarchy's bottom below everything in it, and GC's eq
// above i31, struct and array, any above eq.
bool isAbstractSubtype(uint8_t sub, uint8_t super) {
  if (sub == super)
    return true;
  switch (sub) {
  case WASMC_HEAP_NOFUNC: return super == WASMC_HEAP_FUNC;
  case WASMC_HEAP_NOEXTERN: return super == WASMC_HEAP_EXTERN;
  case WASMC_HEAP_NOEXN: return super == WASMC_HEAP_EXN;
  case WASMC_HEAP_NONE:
    return super == WASMC_HEAP_ANY || super == WASMC_HEAP_EQ || super == WASMC_HEAP_I31 ||
           super == WASMC_HEAP_STRUCT || super == WASMC_HEAP_ARRAY;
  case WASMC_HEAP_I31:
  case WASMC_HEAP_STRUCT:
  case WASMC_HEAP_ARRAY:
    return super == WASMC_HEAP_EQ || super == WASMC_HEAP_ANY;
  case WASMC_HEAP_EQ: return super == WASMC_HEAP_ANY;
  default: return false;
  }
}

} // namespace

namespace wasmc::rt {

void canonicalTypeIds(const wasmc_type_desc *types, uint32_t count, uint32_t *ids) {
  for (uint32_t first = 0; first < count;) {
    const uint32_t size = types[first].rec_group_size ? types[first].rec_group_size : 1;
    const uint32_t firstId = canonicalGroup(types + first, first, size, ids);
    for (uint32_t k = 0; k < size && first + k < count; ++k)
      ids[first + k] = firstId + k;
    first += size;
  }
}

wasmc_valtype canonicalValType(wasmc_valtype type, const uint32_t *moduleIds) {
  if (type.code == WASMC_TYPE_REF && type.heap == WASMC_HEAP_CONCRETE)
    type.index = moduleIds[type.index];
  return type;
}

bool isSubtype(const wasmc_valtype &sub, const wasmc_valtype &super) {
  if (sub.code != super.code)
    return false;
  if (sub.code != WASMC_TYPE_REF)
    return true;
  if (sub.nullable && !super.nullable)
    return false;
  if (sub.heap == WASMC_HEAP_CONCRETE && super.heap == WASMC_HEAP_CONCRETE)
    return sub.index == super.index; // no declared supertypes (garbage collection's)
  if (sub.heap == WASMC_HEAP_CONCRETE) // a function type: below func only
    return super.heap == WASMC_HEAP_FUNC;
  if (super.heap == WASMC_HEAP_CONCRETE)
    return sub.heap == WASMC_HEAP_NOFUNC;
  return isAbstractSubtype(sub.heap, super.heap);
}

bool areEquivalent(const wasmc_valtype &a, const wasmc_valtype &b) {
  return isSubtype(a, b) && isSubtype(b, a);
}

const wasmc_functype_desc *functypeOfId(uint32_t id) {
  pthread_mutex_lock(&typesLock);
  const wasmc_functype_desc *type = id >= 1 && id <= typeCount ? types[id - 1] : nullptr;
  pthread_mutex_unlock(&typesLock);
  return type;
}

} // namespace wasmc::rt

extern "C" uint32_t wasmc_functype_id(uint32_t num_params, uint32_t num_results,
                                      const uint8_t *types) {
  const uint32_t count = num_params + num_results;
  auto *valtypes = static_cast<wasmc_valtype *>(allocateOrDie(count * sizeof(wasmc_valtype)));
  for (uint32_t i = 0; i < count; ++i)
    valtypes[i] = wasmc_valtype_of(types[i]);
  const wasmc_type_desc type = {{num_params, num_results, valtypes}, 1, 1};
  const uint32_t id = canonicalGroup(&type, 0, 1, nullptr);
  free(valtypes);
  return id;
}
