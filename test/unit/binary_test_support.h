// Helpers for the decoder and validator tests: WebAssembly modules assembled byte by byte, close
// to how the binary format specification writes them, and the outcome of decoding/validating.
#pragma once

#include "binary/Decoder.h"
#include "binary/Validator.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace wasmc::binary::test {

using Bytes = std::vector<uint8_t>;

inline Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes &part : parts)
    out.insert(out.end(), part.begin(), part.end());
  return out;
}

inline Bytes uleb(uint64_t value) {
  Bytes out;
  do {
    uint8_t byte = value & 0x7f;
    value >>= 7;
    out.push_back(value ? byte | 0x80 : byte);
  } while (value);
  return out;
}

inline Bytes sleb(int64_t value) {
  Bytes out;
  for (;;) {
    const uint8_t byte = value & 0x7f;
    value >>= 7;
    const bool done = (value == 0 && !(byte & 0x40)) || (value == -1 && (byte & 0x40));
    out.push_back(done ? byte : byte | 0x80);
    if (done)
      return out;
  }
}

inline Bytes name(const std::string &text) {
  return cat({uleb(text.size()), Bytes(text.begin(), text.end())});
}

// A vector: its length, then the elements.
inline Bytes vec(std::initializer_list<Bytes> elements) {
  // Appended byte by byte: GCC 12's -Warray-bounds misfires on vector::insert of short ranges.
  Bytes out = uleb(elements.size());
  for (const Bytes &element : elements)
    for (uint8_t byte : element)
      out.push_back(byte);
  return out;
}

inline Bytes header() { return {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}; }

inline Bytes section(uint8_t id, const Bytes &content) {
  return cat({Bytes{id}, uleb(content.size()), content});
}

inline Bytes module(std::initializer_list<Bytes> sections) {
  Bytes out = header();
  for (const Bytes &s : sections)
    for (uint8_t byte : s)
      out.push_back(byte);
  return out;
}

namespace op {
constexpr uint8_t I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c, V128 = 0x7b, FuncRef = 0x70,
                  ExternRef = 0x6f, Void = 0x40;
constexpr uint8_t Unreachable = 0x00, Nop = 0x01, Block = 0x02, Loop = 0x03, If = 0x04,
                  Else = 0x05, End = 0x0b, Br = 0x0c, BrIf = 0x0d, BrTable = 0x0e, Return = 0x0f,
                  Call = 0x10, CallIndirect = 0x11, Drop = 0x1a, Select = 0x1b, SelectT = 0x1c,
                  LocalGet = 0x20, LocalSet = 0x21, LocalTee = 0x22, GlobalGet = 0x23,
                  GlobalSet = 0x24, TableGet = 0x25, TableSet = 0x26, I32Load = 0x28,
                  I64Load = 0x29, I32Store = 0x36, MemorySize = 0x3f, MemoryGrow = 0x40,
                  I32Const = 0x41, I64Const = 0x42, F32Const = 0x43, F64Const = 0x44,
                  I32Eqz = 0x45, I32Add = 0x6a, I32Sub = 0x6b, I32Mul = 0x6c, I64Add = 0x7c, RefNull = 0xd0, RefIsNull = 0xd1,
                  RefFunc = 0xd2, PrefixFC = 0xfc, PrefixSIMD = 0xfd;
} // namespace op

// Sections by id.
inline Bytes typeSection(std::initializer_list<Bytes> types) { return section(1, vec(types)); }
inline Bytes funcType(Bytes params, Bytes results) {
  return cat({Bytes{0x60}, uleb(params.size()), params, uleb(results.size()), results});
}
inline Bytes importSection(std::initializer_list<Bytes> imports) {
  return section(2, vec(imports));
}
inline Bytes functionSection(std::initializer_list<Bytes> typeIndices) {
  return section(3, vec(typeIndices));
}
inline Bytes tableSection(std::initializer_list<Bytes> tables) { return section(4, vec(tables)); }
inline Bytes memorySection(std::initializer_list<Bytes> memories) {
  return section(5, vec(memories));
}
inline Bytes globalSection(std::initializer_list<Bytes> globals) {
  return section(6, vec(globals));
}
inline Bytes exportSection(std::initializer_list<Bytes> exports) {
  return section(7, vec(exports));
}
inline Bytes startSection(uint32_t function) { return section(8, uleb(function)); }
inline Bytes elementSection(std::initializer_list<Bytes> segments) {
  return section(9, vec(segments));
}
inline Bytes codeSection(std::initializer_list<Bytes> bodies) { return section(10, vec(bodies)); }
inline Bytes dataSection(std::initializer_list<Bytes> segments) {
  return section(11, vec(segments));
}
inline Bytes dataCountSection(uint32_t count) { return section(12, uleb(count)); }
inline Bytes customSection(const std::string &sectionName, const Bytes &content) {
  return section(0, cat({name(sectionName), content}));
}

// A function body: local groups (count, type) and code, which must include the final `end`.
inline Bytes body(std::initializer_list<Bytes> localGroups, const Bytes &code) {
  const Bytes content = cat({vec(localGroups), code});
  return cat({uleb(content.size()), content});
}
inline Bytes locals(uint32_t count, uint8_t type) { return cat({uleb(count), Bytes{type}}); }

// A module with one function of type `params -> results` with the given locals and code.
inline Bytes funcModule(const Bytes &params, const Bytes &results, const Bytes &code,
                        std::initializer_list<Bytes> localGroups = {}) {
  return module({typeSection({funcType(params, results)}), functionSection({uleb(0)}),
                 codeSection({body(localGroups, code)})});
}

// ---- Outcomes. ----

inline std::unique_ptr<Module> decodeOk(const Bytes &bytes, const Features &features = {}) {
  auto result = decodeModule(bytes, features);
  if (auto *failure = std::get_if<DecodeFailure>(&result)) {
    INFO("decode failed at offset " << failure->offset << ": " << failure->message);
    REQUIRE(false);
  }
  return std::move(std::get<std::unique_ptr<Module>>(result));
}

inline DecodeFailure decodeFails(const Bytes &bytes, const Features &features = {}) {
  auto result = decodeModule(bytes, features);
  REQUIRE(std::holds_alternative<DecodeFailure>(result));
  return std::get<DecodeFailure>(result);
}

// Decodes (which must succeed) and validates (which must succeed).
inline std::unique_ptr<Module> validOk(const Bytes &bytes, const Features &features = {}) {
  std::unique_ptr<Module> module = decodeOk(bytes, features);
  const std::optional<DecodeFailure> failure = validateModule(*module);
  if (failure) {
    INFO("validation failed at offset " << failure->offset << ": " << failure->message);
    REQUIRE(false);
  }
  return module;
}

// Decodes (which must succeed) and validates (which must fail).
inline DecodeFailure invalid(const Bytes &bytes, const Features &features = {}) {
  std::unique_ptr<Module> module = decodeOk(bytes, features);
  const std::optional<DecodeFailure> failure = validateModule(*module);
  REQUIRE(failure.has_value());
  return *failure;
}

} // namespace wasmc::binary::test
