// The wire format between the spec harness and wasmc-spec-agent: requests and replies, each a
// frame (u32 length of the payload, then the payload) on a pipe. Integers are little endian; a
// string is its u32 length, its bytes and a NUL that the length does not count (so the reader can
// use it in place); a value is its 16-byte wasmc_val slot as is (the harness and the targets are
// all little-endian 64-bit, so slots mean the same on both sides).
//
// Every payload starts with a u32 channel: the script's thread that sends the request (0: the
// main one; the threads proposal's `thread` command runs its commands on a thread of their own).
// The agent serves each channel on a thread of its own, so that the commands of different
// channels run concurrently; on one channel, a request is followed by its reply before the next.
// Replies of different channels may come in any order.
//
//   hello        'H' u32 version              -> u32 version, u32 abi version, string arch
//   instantiate  'I' string path, u32 n,      -> u8 status (InstantiateStatus), u32 importIndex,
//                n x (u8 source, i32 instance,   i32 handle, i32 trapCode, string message
//                     string name)
//   invoke       'C' i32 handle, string field, -> u8 status (CallStatus), i32 trapCode, u32 a,
//                u32 n, n x u8 type, n x slot     u32 b, u32 n, n x slot
//   get          'G' i32 handle, string field  -> as invoke
//   end          'E'                           -> (no reply; the channel's thread ends)
//   quit         'Q'                           -> (no reply; the agent exits with status 0)
//
// Header-only, shared by both sides: no C++ standard library.
#pragma once

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

namespace wasmc::spec::wire {

constexpr uint32_t kVersion = 2;
constexpr uint32_t kMaxFrame = 256u << 20;

enum Op : uint8_t {
  kHello = 'H',
  kInstantiate = 'I',
  kInvoke = 'C',
  kGet = 'G',
  kEnd = 'E',
  kQuit = 'Q'
};

// The architecture this file is compiled for, as in target names (<arch>-linux).
inline const char *thisArch() {
#if defined(__x86_64__)
  return "x86_64";
#elif defined(__aarch64__)
  return "aarch64";
#elif defined(__riscv) && __riscv_xlen == 64
  return "riscv64";
#else
  return "unknown";
#endif
}

// A frame being written: room for the length first, then the payload.
class Writer {
public:
  Writer() { clear(); }
  ~Writer() { free(data_); }
  Writer(const Writer &) = delete;
  Writer &operator=(const Writer &) = delete;

  void clear() {
    size_ = 0;
    ok_ = true;
    u32(0); // the length, filled in by frame()
  }
  void u8(uint8_t value) { put(&value, 1); }
  void u32(uint32_t value) {
    uint8_t bytes[4] = {uint8_t(value), uint8_t(value >> 8), uint8_t(value >> 16),
                        uint8_t(value >> 24)};
    put(bytes, 4);
  }
  void i32(int32_t value) { u32(static_cast<uint32_t>(value)); }
  void string(const char *text, uint32_t length) {
    u32(length);
    put(text, length);
    u8(0);
  }
  void raw(const void *bytes, size_t length) { put(bytes, length); }

  // The finished frame; false if memory ran out on the way.
  bool frame(const uint8_t *&data, size_t &size) {
    if (!ok_ || size_ - 4 > kMaxFrame)
      return false;
    const uint32_t length = static_cast<uint32_t>(size_ - 4);
    for (int i = 0; i < 4; ++i)
      data_[i] = uint8_t(length >> (8 * i));
    data = data_;
    size = size_;
    return true;
  }

private:
  void put(const void *bytes, size_t length) {
    if (!ok_)
      return;
    if (size_ + length > capacity_) {
      size_t capacity = capacity_ ? capacity_ : 256;
      while (capacity < size_ + length)
        capacity *= 2;
      void *bigger = realloc(data_, capacity);
      if (!bigger) {
        ok_ = false;
        return;
      }
      data_ = static_cast<uint8_t *>(bigger);
      capacity_ = capacity;
    }
    if (length)
      memcpy(data_ + size_, bytes, length);
    size_ += length;
  }

  uint8_t *data_ = nullptr;
  size_t size_ = 0, capacity_ = 0;
  bool ok_ = true;
};

// A frame's payload being read; every read fails once one ran past the end.
class Reader {
public:
  Reader(const uint8_t *data, size_t size) : data_(data), size_(size) {}

  bool u8(uint8_t &out) { return take(&out, 1); }
  bool u32(uint32_t &out) {
    uint8_t bytes[4];
    if (!take(bytes, 4))
      return false;
    out = uint32_t(bytes[0]) | uint32_t(bytes[1]) << 8 | uint32_t(bytes[2]) << 16 |
          uint32_t(bytes[3]) << 24;
    return true;
  }
  bool i32(int32_t &out) {
    uint32_t value;
    if (!u32(value))
      return false;
    out = static_cast<int32_t>(value);
    return true;
  }
  // Points into the frame; NUL-terminated there.
  bool string(const char *&text, uint32_t &length) {
    if (!u32(length) || size_ - offset_ < size_t(length) + 1)
      return fail();
    text = reinterpret_cast<const char *>(data_ + offset_);
    if (text[length] != 0)
      return fail();
    offset_ += size_t(length) + 1;
    return true;
  }
  bool raw(void *out, size_t length) { return take(out, length); }
  // `length` bytes in place.
  bool view(const uint8_t *&out, size_t length) {
    if (!ok_ || size_ - offset_ < length)
      return fail();
    out = data_ + offset_;
    offset_ += length;
    return true;
  }
  bool ok() const { return ok_; }

private:
  bool take(void *out, size_t length) {
    if (!ok_ || size_ - offset_ < length)
      return fail();
    memcpy(out, data_ + offset_, length);
    offset_ += length;
    return true;
  }
  bool fail() {
    ok_ = false;
    return false;
  }

  const uint8_t *data_;
  size_t size_, offset_ = 0;
  bool ok_ = true;
};

inline bool writeAll(int fd, const uint8_t *data, size_t size) {
  while (size > 0) {
    const ssize_t written = write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    data += written;
    size -= static_cast<size_t>(written);
  }
  return true;
}

inline bool readAll(int fd, uint8_t *data, size_t size) {
  while (size > 0) {
    const ssize_t got = read(fd, data, size);
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      return false;
    data += got;
    size -= static_cast<size_t>(got);
  }
  return true;
}

inline bool sendFrame(int fd, Writer &writer) {
  const uint8_t *data;
  size_t size;
  return writer.frame(data, size) && writeAll(fd, data, size);
}

// Reads one frame's payload into *buffer (malloc'ed, grown as needed).
inline bool receiveFrame(int fd, uint8_t *&buffer, size_t &capacity, size_t &size) {
  uint8_t header[4];
  if (!readAll(fd, header, 4))
    return false;
  const uint32_t length = uint32_t(header[0]) | uint32_t(header[1]) << 8 |
                          uint32_t(header[2]) << 16 | uint32_t(header[3]) << 24;
  if (length > kMaxFrame)
    return false;
  if (length > capacity || buffer == nullptr) {
    void *bigger = realloc(buffer, length ? length : 1);
    if (!bigger)
      return false;
    buffer = static_cast<uint8_t *>(bigger);
    capacity = length ? length : 1;
  }
  size = length;
  return readAll(fd, buffer, length);
}

} // namespace wasmc::spec::wire
