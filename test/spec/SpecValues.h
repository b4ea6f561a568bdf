// Values of the spec test suite's JSON scripts (as wast2json writes them, plus the reference
// forms of the Wasm 3.0 suite's README: `refnull`, the null types, `(ref.any)`-style non-null
// references, `(ref.host N)`): parsing arguments and expected results, turning arguments into
// wasmc_val slots, checking results and printing both.
#pragma once

#include "wasmc/runtime.h"

#include <llvm/Support/Error.h>
#include <llvm/Support/JSON.h>

#include <cstdint>
#include <string>
#include <vector>

namespace wasmc::spec {

// What an expected float (or float lane) may be besides an exact bit pattern.
enum class NanPattern : uint8_t { None, Canonical, Arithmetic };

// The script's reference types, by their binary codes (abstract heap types), beside
// WASMC_TYPE_FUNCREF and WASMC_TYPE_EXTERNREF.
enum ScriptRefType : uint8_t {
  kAnyRef = 0x6e,
  kEqRef = 0x6d,
  kI31Ref = 0x6c,
  kStructRef = 0x6b,
  kArrayRef = 0x6a,
  kExnRef = 0x69,
  kNullRef = 0x71,       // (ref null none)
  kNullExternRef = 0x72, // (ref null noextern)
  kNullFuncRef = 0x73,   // (ref null nofunc)
  kNullExnRef = 0x74,    // (ref null noexn)
  kAnyNull = 0x63,       // `refnull`: a null of any type
  kTypedRef = 0x64,      // "(ref N)", "(ref null N)", ...: a result type without a value
};

bool isReferenceType(uint8_t type);
// The top type of a reference type's hierarchy (funcref, externref, anyref or exnref): what an
// argument of that type is checked against.
uint8_t hierarchyOf(uint8_t type);

// An argument or an expected result.
struct ScriptValue {
  uint8_t type = WASMC_TYPE_I32; // WASMC_TYPE_* or ScriptRefType

  // i32, i64, f32, f64: the bit pattern; floats may instead be a NaN pattern.
  uint64_t bits = 0;
  NanPattern nan = NanPattern::None;

  // v128: the bytes (little endian) and the lane interpretation of the script.
  uint8_t bytes[16] = {};
  char laneKind = 'i';       // 'i' or 'f'
  unsigned laneBits = 32;    // 8, 16, 32 or 64
  std::vector<NanPattern> laneNans; // one per lane (float lanes only)

  // References.
  bool isNull = false;
  bool anyNonNull = false;   // a reference given without a value, or a function: any non-null
  bool isHost = false;       // ref.extern N or ref.host N: the host value N
  uint64_t externId = 0;     // N

  // Whether a value was given at all (assert_trap's expected types carry none).
  bool hasValue = true;
};

llvm::Expected<ScriptValue> parseValue(const llvm::json::Object &object);

// Host representation of `ref.extern N`: N + 1, so that null stays null.
inline void *externHostValue(uint64_t id) { return reinterpret_cast<void *>(uintptr_t(id + 1)); }

// An argument in its slot.
void toSlot(const ScriptValue &value, wasmc_val &slot);

// Whether a result slot holds what `expected` describes.
bool matches(const ScriptValue &expected, const wasmc_val &slot);

// "i32:42", "f32:0x7fc00000 (nan)", "v128:i32x4[1 2 3 4]", "ref.null", "ref.extern 3", ...
std::string formatExpected(const ScriptValue &expected);
// The result in the slot, shown in the shape of `expected` (lane type of a v128 etc.).
std::string formatActual(const ScriptValue &expected, const wasmc_val &slot);

const char *typeName(uint8_t type);

} // namespace wasmc::spec
