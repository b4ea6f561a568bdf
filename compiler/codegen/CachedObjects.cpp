#include "codegen/CachedObjects.h"

#include <cstdint>

namespace wasmc::codegen {

namespace {

// Not an ELF, COFF or Mach-O magic: a packed entry is never taken for a lone object.
constexpr char kMagic[8] = {'w', 'a', 's', 'm', 'c', 'o', 'b', 'j'};

void appendLength(std::string &out, uint64_t length) {
  for (int byte = 0; byte < 8; ++byte)
    out.push_back(char((length >> (8 * byte)) & 0xff));
}

} // namespace

std::string packObjects(const std::vector<std::string> &objects) {
  std::string entry(kMagic, sizeof kMagic);
  appendLength(entry, objects.size());
  for (const std::string &object : objects) {
    appendLength(entry, object.size());
    entry += object;
  }
  return entry;
}

std::optional<std::vector<std::string>> unpackObjects(const std::string &entry, size_t count) {
  size_t position = 0;
  auto readLength = [&](uint64_t &length) {
    if (entry.size() - position < 8)
      return false;
    length = 0;
    for (int byte = 0; byte < 8; ++byte)
      length |= uint64_t(uint8_t(entry[position + byte])) << (8 * byte);
    position += 8;
    return true;
  };
  if (entry.compare(0, sizeof kMagic, kMagic, sizeof kMagic) != 0)
    return std::nullopt;
  position = sizeof kMagic;
  uint64_t stored = 0;
  if (!readLength(stored) || stored != count)
    return std::nullopt;
  std::vector<std::string> objects;
  for (size_t i = 0; i < count; ++i) {
    uint64_t length = 0;
    if (!readLength(length) || entry.size() - position < length)
      return std::nullopt;
    objects.push_back(entry.substr(position, length));
    position += length;
  }
  if (position != entry.size())
    return std::nullopt;
  return objects;
}

} // namespace wasmc::codegen
