#include "binary/ByteReader.h"

#include <cstring>

namespace wasmc::binary {

void ByteReader::fail(std::string message) { failAt(offset(), std::move(message)); }

void ByteReader::failAt(uint64_t at, std::string message) {
  if (failed_)
    return;
  failed_ = true;
  failure_.offset = at;
  failure_.message = std::move(message);
  cursor_ = end_;
}

uint8_t ByteReader::readByte() {
  if (failed_)
    return 0;
  if (cursor_ == end_) {
    fail("unexpected end");
    return 0;
  }
  return *cursor_++;
}

uint64_t ByteReader::readUnsigned(unsigned maxBits) {
  const uint64_t start = offset();
  const unsigned maxBytes = (maxBits + 6) / 7;
  uint64_t result = 0;
  for (unsigned i = 0; i < maxBytes; ++i) {
    if (failed_)
      return 0;
    if (cursor_ == end_) {
      failAt(start, "unexpected end of LEB128 integer");
      return 0;
    }
    const uint8_t byte = *cursor_++;
    const unsigned shift = 7 * i;
    if (i == maxBytes - 1) {
      // The last byte may only carry the bits that remain; the rest must be zero.
      const unsigned usedBits = maxBits - shift;
      if (byte & 0x80) {
        failAt(start, "integer representation too long");
        return 0;
      }
      if (usedBits < 7 && (byte >> usedBits) != 0) {
        failAt(start, "integer too large");
        return 0;
      }
    }
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80))
      return result;
  }
  return result;
}

int64_t ByteReader::readSigned(unsigned maxBits) {
  const uint64_t start = offset();
  const unsigned maxBytes = (maxBits + 6) / 7;
  uint64_t result = 0;
  for (unsigned i = 0; i < maxBytes; ++i) {
    if (failed_)
      return 0;
    if (cursor_ == end_) {
      failAt(start, "unexpected end of LEB128 integer");
      return 0;
    }
    const uint8_t byte = *cursor_++;
    const unsigned shift = 7 * i;
    if (i == maxBytes - 1) {
      if (byte & 0x80) {
        failAt(start, "integer representation too long");
        return 0;
      }
      // The unused high bits of the last byte must all equal the sign bit.
      const unsigned usedBits = maxBits - shift;
      if (usedBits < 7) {
        const int8_t signExtended = static_cast<int8_t>(byte << 1) >> 1; // 7-bit value
        const int8_t high = static_cast<int8_t>(signExtended >> (usedBits - 1));
        if (high != 0 && high != -1) {
          failAt(start, "integer too large");
          return 0;
        }
      }
    }
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) {
      const unsigned totalBits = shift + 7;
      if (totalBits < 64 && (byte & 0x40))
        result |= ~uint64_t(0) << totalBits;
      return static_cast<int64_t>(result);
    }
  }
  return static_cast<int64_t>(result);
}

uint32_t ByteReader::readU32() { return static_cast<uint32_t>(readUnsigned(32)); }
uint64_t ByteReader::readU64() { return readUnsigned(64); }
int32_t ByteReader::readS32() { return static_cast<int32_t>(readSigned(32)); }
int64_t ByteReader::readS33() { return readSigned(33); }
int64_t ByteReader::readS64() { return readSigned(64); }

uint32_t ByteReader::readF32Bits() {
  uint8_t bytes[4] = {};
  readBytes(bytes, 4);
  return uint32_t(bytes[0]) | uint32_t(bytes[1]) << 8 | uint32_t(bytes[2]) << 16 |
         uint32_t(bytes[3]) << 24;
}

uint64_t ByteReader::readF64Bits() {
  uint8_t bytes[8] = {};
  readBytes(bytes, 8);
  uint64_t bits = 0;
  for (int i = 7; i >= 0; --i)
    bits = bits << 8 | bytes[i];
  return bits;
}

void ByteReader::readBytes(uint8_t *out, size_t count) {
  if (const uint8_t *from = skip(count))
    std::memcpy(out, from, count);
}

const uint8_t *ByteReader::skip(size_t count) {
  if (failed_)
    return nullptr;
  if (remaining() < count) {
    fail("unexpected end");
    return nullptr;
  }
  const uint8_t *from = cursor_;
  cursor_ += count;
  return from;
}

uint32_t ByteReader::readCount(size_t minElementSize) {
  const uint64_t start = offset();
  const uint32_t count = readU32();
  if (ok() && minElementSize != 0 && uint64_t(count) * minElementSize > remaining()) {
    failAt(start, "length out of bounds");
    return 0;
  }
  return count;
}

std::string ByteReader::readName() {
  const uint32_t length = readU32();
  if (!ok())
    return {};
  if (length > remaining()) {
    fail("length out of bounds");
    return {};
  }
  const uint64_t start = offset();
  const uint8_t *bytes = skip(length);
  std::string name(reinterpret_cast<const char *>(bytes), length);
  if (!isValidUtf8(name))
    failAt(start, "malformed UTF-8 encoding");
  return name;
}

ByteReader ByteReader::subReader(size_t size) {
  const uint64_t start = offset();
  const uint8_t *from = skip(size);
  if (!from)
    return ByteReader(nullptr, 0, start);
  return ByteReader(from, size, start);
}

bool isValidUtf8(std::string_view text) {
  const auto *s = reinterpret_cast<const uint8_t *>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const uint8_t c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    unsigned length;
    uint32_t codePoint;
    if ((c & 0xe0) == 0xc0) {
      length = 2;
      codePoint = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      length = 3;
      codePoint = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      length = 4;
      codePoint = c & 0x07;
    } else {
      return false;
    }
    if (i + length > n)
      return false;
    for (unsigned k = 1; k < length; ++k) {
      if ((s[i + k] & 0xc0) != 0x80)
        return false;
      codePoint = codePoint << 6 | (s[i + k] & 0x3f);
    }
    static constexpr uint32_t kMinForLength[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (codePoint < kMinForLength[length] || codePoint > 0x10ffff ||
        (codePoint >= 0xd800 && codePoint <= 0xdfff))
      return false;
    i += length;
  }
  return true;
}

} // namespace wasmc::binary
