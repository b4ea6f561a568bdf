// A cursor over a byte range of a module with the primitive decoders of the binary format
// (LEB128 integers, floats, names). Errors are sticky: the first failure records its offset and
// reason, every later read returns zero without advancing, and callers test ok() before using
// what they read and inside every loop that reads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace wasmc::binary {

struct DecodeFailure {
  uint64_t offset = 0; // absolute offset in the module
  std::string message;
};

class ByteReader {
public:
  // `base` is the absolute module offset of `data[0]`, so that errors name module offsets.
  ByteReader(const uint8_t *data, size_t size, uint64_t base = 0)
      : begin_(data), cursor_(data), end_(data + size), base_(base) {}

  bool ok() const { return !failed_; }
  bool atEnd() const { return cursor_ == end_; }
  size_t remaining() const { return static_cast<size_t>(end_ - cursor_); }
  uint64_t offset() const { return base_ + static_cast<uint64_t>(cursor_ - begin_); }
  // The next byte without reading it (a form or prefix that decides what follows); 0 at the end.
  uint8_t peekByte() const { return cursor_ != end_ ? *cursor_ : 0; }
  const DecodeFailure &failure() const { return failure_; }

  // Records a failure at the current offset (or `at`) unless one is already recorded.
  void fail(std::string message);
  void failAt(uint64_t at, std::string message);

  uint8_t readByte();
  uint32_t readU32();     // unsigned LEB128, at most 5 bytes, value < 2^32
  uint64_t readU64();     // unsigned LEB128, at most 10 bytes
  int32_t readS32();      // signed LEB128, at most 5 bytes
  int64_t readS33();      // signed LEB128, at most 5 bytes, value within 33 bits
  int64_t readS64();      // signed LEB128, at most 10 bytes
  uint32_t readF32Bits(); // little-endian IEEE bits
  uint64_t readF64Bits();
  void readBytes(uint8_t *out, size_t count);
  const uint8_t *skip(size_t count); // returns the start of the skipped range, nullptr on failure
  std::string readName();            // length-prefixed UTF-8, validated
  // Reads a vector length and checks that at least `minElementSize * count` bytes remain.
  uint32_t readCount(size_t minElementSize = 1);

  // A reader over the next `size` bytes, which this reader skips.
  ByteReader subReader(size_t size);

private:
  uint64_t readUnsigned(unsigned maxBits);
  int64_t readSigned(unsigned maxBits);

  const uint8_t *begin_;
  const uint8_t *cursor_;
  const uint8_t *end_;
  uint64_t base_;
  bool failed_ = false;
  DecodeFailure failure_;
};

bool isValidUtf8(std::string_view text);

} // namespace wasmc::binary
