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

// The script's reference types, by their binary codes (those of the abstract heap types, as
// abi.h names them), beside WASMC_TYPE_FUNCREF and WASMC_TYPE_EXTERNREF.
enum ScriptRefType : uint8_t {
  kAnyRef = WASMC_HEAP_ANY,
  kEqRef = WASMC_HEAP_EQ,
  kI31Ref = WASMC_HEAP_I31,
  kStructRef = WASMC_HEAP_STRUCT,
  kArrayRef = WASMC_HEAP_ARRAY,
  kExnRef = WASMC_HEAP_EXN,
  kNullRef = WASMC_HEAP_NONE,           // (ref null none)
  kNullExternRef = WASMC_HEAP_NOEXTERN, // (ref null noextern)
  kNullFuncRef = WASMC_HEAP_NOFUNC,     // (ref null nofunc)
  kNullExnRef = WASMC_HEAP_NOEXN,       // (ref null noexn)
  kAnyNull = 0x63,                      // `refnull`: a null of any type
  kTypedRef = WASMC_TYPE_REF, // "(ref N)", "(ref null N)", ...: a result type without a value
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
