// Tables of references and the table operations that generated code leaves to the runtime.
#include "internal.h"

#include <stdlib.h>
#include <string.h>

using namespace wasmc::rt;

extern "C" {

wasmc_table *wasmc_table_new(wasmc_valtype elem_type, uint32_t min, uint32_t max, int has_max) {
  auto *table = static_cast<wasmc_table *>(calloc(1, sizeof(wasmc_table)));
  if (!table)
    return nullptr;
  table->elem_type = elem_type;
  table->size = min;
  table->max = has_max ? max : UINT32_MAX;
  table->has_max = has_max ? 1 : 0;
  table->elements = static_cast<void **>(calloc(min ? min : 1, sizeof(void *)));
  if (!table->elements) {
    free(table);
    return nullptr;
  }
  return table;
}

void wasmc_table_free(wasmc_table *table) {
  if (!table)
    return;
  free(table->elements);
  free(table);
}

int64_t wasmc_rt_table_grow(wasmc_instance *instance, uint32_t table_index, void *init,
                            uint64_t delta) {
  wasmc_table *table = instance->tables[table_index];
  const uint32_t oldSize = table->size;
  // Compared before adding: a table64's delta may be anything.
  if (delta > UINT32_MAX - oldSize || oldSize + delta > table->max)
    return -1;
  const uint64_t newSize = oldSize + delta;
  if (delta == 0)
    return oldSize;
  // Tables past ten million entries are refused rather than risking huge allocations.
  if (newSize > 10000000)
    return -1;
  void **elements = static_cast<void **>(realloc(table->elements, newSize * sizeof(void *)));
  if (!elements)
    return -1;
  for (uint64_t i = oldSize; i < newSize; ++i)
    elements[i] = init;
  table->elements = elements;
  table->size = static_cast<uint32_t>(newSize);
  return oldSize;
}

void wasmc_rt_table_fill(wasmc_instance *instance, uint32_t table_index, uint64_t dst, void *value,
                         uint64_t count) {
  wasmc_table *table = instance->tables[table_index];
  if (!inRange(dst, count, table->size))
    wasmc_rt_trap(WASMC_TRAP_OUT_OF_BOUNDS_TABLE);
  for (uint64_t i = 0; i < count; ++i)
    table->elements[dst + i] = value;
}

void wasmc_rt_table_copy(wasmc_instance *instance, uint32_t dst_table, uint32_t src_table,
                         uint64_t dst, uint64_t src, uint64_t count) {
  wasmc_table *to = instance->tables[dst_table];
  wasmc_table *from = instance->tables[src_table];
  if (!inRange(src, count, from->size) || !inRange(dst, count, to->size))
    wasmc_rt_trap(WASMC_TRAP_OUT_OF_BOUNDS_TABLE);
  if (count)
    memmove(to->elements + dst, from->elements + src, count * sizeof(void *));
}

void wasmc_rt_table_init(wasmc_instance *instance, uint32_t table_index, uint32_t segment,
                         uint64_t dst, uint32_t src, uint32_t count) {
  wasmc_table *table = instance->tables[table_index];
  const wasmc_elem_segment &elems = instance->elem_segments[segment];
  if (!inRange(src, count, elems.size) || !inRange(dst, count, table->size))
    wasmc_rt_trap(WASMC_TRAP_OUT_OF_BOUNDS_TABLE);
  if (count)
    memcpy(table->elements + dst, elems.refs + src, count * sizeof(void *));
}

} // extern "C"
