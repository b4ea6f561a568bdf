#include "SpecValues.h"

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace wasmc::spec {

namespace {

llvm::Error fail(const std::string &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s", message.c_str());
}

// A decimal as wast2json writes it: unsigned, or (defensively) negative.
bool parseInteger(llvm::StringRef text, uint64_t &out) {
  if (text.empty())
    return false;
  std::string copy = text.str();
  errno = 0;
  char *end = nullptr;
  if (copy[0] == '-')
    out = static_cast<uint64_t>(std::strtoll(copy.c_str(), &end, 10));
  else
    out = std::strtoull(copy.c_str(), &end, 10);
  return errno == 0 && end && *end == '\0';
}

NanPattern nanPatternOf(llvm::StringRef text) {
  if (text == "nan:canonical")
    return NanPattern::Canonical;
  if (text == "nan:arithmetic")
    return NanPattern::Arithmetic;
  return NanPattern::None;
}

uint64_t canonicalNanBits(unsigned bits) {
  return bits == 32 ? 0x7fc00000ull : 0x7ff8000000000000ull;
}

bool nanMatches(NanPattern pattern, uint64_t value, unsigned bits) {
  const uint64_t sign = bits == 32 ? 0x80000000ull : 0x8000000000000000ull;
  const uint64_t canonical = canonicalNanBits(bits);
  const uint64_t magnitude = value & ~sign & (bits == 32 ? 0xffffffffull : ~0ull);
  if (pattern == NanPattern::Canonical)
    return magnitude == canonical;
  // Arithmetic: any NaN with the quiet bit set.
  return (magnitude & canonical) == canonical;
}

uint64_t laneValue(const uint8_t *bytes, unsigned lane, unsigned laneBits) {
  uint64_t value = 0;
  std::memcpy(&value, bytes + lane * (laneBits / 8), laneBits / 8); // little endian host
  return value;
}

std::string formatFloatBits(uint64_t bits, unsigned width) {
  char buffer[96];
  if (width == 32) {
    uint32_t b = static_cast<uint32_t>(bits);
    float f;
    std::memcpy(&f, &b, 4);
    if (f != f)
      std::snprintf(buffer, sizeof buffer, "0x%08" PRIx32 " (nan)", b);
    else
      std::snprintf(buffer, sizeof buffer, "%.9g (0x%08" PRIx32 ")", static_cast<double>(f), b);
  } else {
    double d;
    std::memcpy(&d, &bits, 8);
    if (d != d)
      std::snprintf(buffer, sizeof buffer, "0x%016" PRIx64 " (nan)", bits);
    else
      std::snprintf(buffer, sizeof buffer, "%.17g (0x%016" PRIx64 ")", d, bits);
  }
  return buffer;
}

std::string formatNan(NanPattern pattern) {
  return pattern == NanPattern::Canonical ? "nan:canonical" : "nan:arithmetic";
}

std::string formatLanes(const ScriptValue &shape, const uint8_t *bytes, bool useExpected) {
  const unsigned lanes = 128 / shape.laneBits;
  std::string out = std::string("v128:") + shape.laneKind + std::to_string(shape.laneBits) + "x" +
                    std::to_string(lanes) + "[";
  for (unsigned i = 0; i < lanes; ++i) {
    if (i)
      out += ' ';
    const uint64_t value = laneValue(bytes, i, shape.laneBits);
    if (useExpected && shape.laneKind == 'f' && i < shape.laneNans.size() &&
        shape.laneNans[i] != NanPattern::None) {
      out += formatNan(shape.laneNans[i]);
    } else if (shape.laneKind == 'f') {
      out += formatFloatBits(value, shape.laneBits);
    } else {
      out += std::to_string(value);
    }
  }
  return out + "]";
}

// A result shown as the script's `type` would show it: host references by their number.
std::string formatReference(uint8_t type, void *ref) {
  if (!ref)
    return "ref.null";
  char buffer[64];
  if (type == WASMC_TYPE_EXTERNREF || type == kAnyRef) {
    std::snprintf(buffer, sizeof buffer, "%s %" PRIuPTR,
                  type == WASMC_TYPE_EXTERNREF ? "ref.extern" : "ref.host",
                  reinterpret_cast<uintptr_t>(ref) - 1);
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "ref %p", ref);
  return buffer;
}

struct RefTypeName {
  const char *name;
  uint8_t type;
};

constexpr RefTypeName kRefTypeNames[] = {
    {"funcref", WASMC_TYPE_FUNCREF}, {"externref", WASMC_TYPE_EXTERNREF},
    {"anyref", kAnyRef},             {"eqref", kEqRef},
    {"i31ref", kI31Ref},             {"structref", kStructRef},
    {"arrayref", kArrayRef},         {"exnref", kExnRef},
    {"nullref", kNullRef},           {"nullexternref", kNullExternRef},
    {"nullfuncref", kNullFuncRef},   {"nullexnref", kNullExnRef},
    {"refnull", kAnyNull},
};

} // namespace

const char *typeName(uint8_t type) {
  switch (type) {
  case WASMC_TYPE_I32: return "i32";
  case WASMC_TYPE_I64: return "i64";
  case WASMC_TYPE_F32: return "f32";
  case WASMC_TYPE_F64: return "f64";
  case WASMC_TYPE_V128: return "v128";
  case kTypedRef: return "(ref ...)";
  }
  for (const RefTypeName &known : kRefTypeNames)
    if (known.type == type)
      return known.name;
  return "?";
}

bool isReferenceType(uint8_t type) {
  if (type == kTypedRef)
    return true;
  for (const RefTypeName &known : kRefTypeNames)
    if (known.type == type)
      return true;
  return false;
}

uint8_t hierarchyOf(uint8_t type) {
  switch (type) {
  case WASMC_TYPE_FUNCREF:
  case kNullFuncRef:
    return WASMC_TYPE_FUNCREF;
  case WASMC_TYPE_EXTERNREF:
  case kNullExternRef:
    return WASMC_TYPE_EXTERNREF;
  case kExnRef:
  case kNullExnRef:
    return kExnRef;
  case kAnyRef:
  case kEqRef:
  case kI31Ref:
  case kStructRef:
  case kArrayRef:
  case kNullRef:
    return kAnyRef;
  default:
    return type; // numeric, or a null of any type
  }
}

llvm::Expected<ScriptValue> parseValue(const llvm::json::Object &object) {
  ScriptValue value;
  auto type = object.getString("type");
  if (!type)
    return fail("value without a type");
  if (*type == "i32")
    value.type = WASMC_TYPE_I32;
  else if (*type == "i64")
    value.type = WASMC_TYPE_I64;
  else if (*type == "f32")
    value.type = WASMC_TYPE_F32;
  else if (*type == "f64")
    value.type = WASMC_TYPE_F64;
  else if (*type == "v128")
    value.type = WASMC_TYPE_V128;
  else if (type->starts_with("(ref "))
    value.type = kTypedRef; // the result type of a command that expects no value
  else {
    bool known = false;
    for (const RefTypeName &reference : kRefTypeNames)
      if (*type == reference.name) {
        value.type = reference.type;
        known = true;
      }
    if (!known)
      return fail("unsupported value type " + type->str());
  }

  const llvm::json::Value *raw = object.get("value");
  if (!raw) {
    // A reference without a value: `refnull` is a null of any type, the others any non-null
    // reference of their type ((ref.func), (ref.extern), (ref.any), ...).
    value.hasValue = false;
    value.isNull = value.type == kAnyNull;
    value.anyNonNull = isReferenceType(value.type) && value.type != kAnyNull &&
                       value.type != kTypedRef;
    return value;
  }

  if (isReferenceType(value.type)) {
    auto text = raw->getAsString();
    if (!text)
      return fail("reference value is not a string");
    if (*text == "null") {
      value.isNull = true;
    } else if (value.type == WASMC_TYPE_EXTERNREF || value.type == kAnyRef) {
      // ref.extern N, or ref.host N (an anyref with a value).
      if (!parseInteger(*text, value.externId))
        return fail("bad host reference " + text->str());
      value.isHost = true;
    } else {
      value.anyNonNull = true; // a function reference (or another): any non-null one
    }
    return value;
  }

  switch (value.type) {
  case WASMC_TYPE_I32:
  case WASMC_TYPE_I64:
  case WASMC_TYPE_F32:
  case WASMC_TYPE_F64: {
    auto text = raw->getAsString();
    if (!text)
      return fail("scalar value is not a string");
    const bool isFloat = value.type == WASMC_TYPE_F32 || value.type == WASMC_TYPE_F64;
    if (isFloat && (value.nan = nanPatternOf(*text)) != NanPattern::None) {
      value.bits = canonicalNanBits(value.type == WASMC_TYPE_F32 ? 32 : 64);
      break;
    }
    if (!parseInteger(*text, value.bits))
      return fail("bad number " + text->str());
    if (value.type == WASMC_TYPE_I32 || value.type == WASMC_TYPE_F32)
      value.bits &= 0xffffffffull;
    break;
  }
  case WASMC_TYPE_V128: {
    auto laneType = object.getString("lane_type");
    const llvm::json::Array *lanes = raw->getAsArray();
    if (!laneType || !lanes || laneType->size() < 2)
      return fail("v128 value without lane_type or lanes");
    value.laneKind = (*laneType)[0];
    unsigned bits = 0;
    if (laneType->drop_front().getAsInteger(10, bits) ||
        (bits != 8 && bits != 16 && bits != 32 && bits != 64) ||
        (value.laneKind != 'i' && value.laneKind != 'f'))
      return fail("bad lane_type " + laneType->str());
    value.laneBits = bits;
    const unsigned count = 128 / bits;
    if (lanes->size() != count)
      return fail("v128 value with " + std::to_string(lanes->size()) + " lanes for " +
                  laneType->str());
    value.laneNans.assign(count, NanPattern::None);
    for (unsigned i = 0; i < count; ++i) {
      auto text = (*lanes)[i].getAsString();
      if (!text)
        return fail("v128 lane is not a string");
      uint64_t lane = 0;
      NanPattern nan = value.laneKind == 'f' ? nanPatternOf(*text) : NanPattern::None;
      if (nan != NanPattern::None) {
        value.laneNans[i] = nan;
        lane = canonicalNanBits(bits);
      } else if (!parseInteger(*text, lane)) {
        return fail("bad lane " + text->str());
      }
      std::memcpy(value.bytes + i * (bits / 8), &lane, bits / 8); // little endian host
    }
    break;
  }
  }
  return value;
}

void toSlot(const ScriptValue &value, wasmc_val &slot) {
  std::memset(&slot, 0, sizeof slot);
  switch (value.type) {
  case WASMC_TYPE_I32:
  case WASMC_TYPE_F32: {
    const uint32_t bits = static_cast<uint32_t>(value.bits);
    std::memcpy(&slot, &bits, 4);
    break;
  }
  case WASMC_TYPE_I64:
  case WASMC_TYPE_F64:
    std::memcpy(&slot, &value.bits, 8);
    break;
  case WASMC_TYPE_V128:
    std::memcpy(slot.v128, value.bytes, 16);
    break;
  default:
    // Scripts pass host references and nulls, never a function.
    slot.ref = value.isHost ? externHostValue(value.externId) : nullptr;
    break;
  }
}

bool matches(const ScriptValue &expected, const wasmc_val &slot) {
  switch (expected.type) {
  case WASMC_TYPE_I32:
    return static_cast<uint32_t>(slot.i32) == static_cast<uint32_t>(expected.bits);
  case WASMC_TYPE_I64:
    return static_cast<uint64_t>(slot.i64) == expected.bits;
  case WASMC_TYPE_F32: {
    uint32_t bits;
    std::memcpy(&bits, &slot, 4);
    if (expected.nan != NanPattern::None)
      return nanMatches(expected.nan, bits, 32);
    return bits == static_cast<uint32_t>(expected.bits);
  }
  case WASMC_TYPE_F64: {
    uint64_t bits;
    std::memcpy(&bits, &slot, 8);
    if (expected.nan != NanPattern::None)
      return nanMatches(expected.nan, bits, 64);
    return bits == expected.bits;
  }
  case WASMC_TYPE_V128: {
    const unsigned lanes = 128 / expected.laneBits;
    for (unsigned i = 0; i < lanes; ++i) {
      const uint64_t actual = laneValue(slot.v128, i, expected.laneBits);
      if (expected.laneKind == 'f' && expected.laneNans[i] != NanPattern::None) {
        if (!nanMatches(expected.laneNans[i], actual, expected.laneBits))
          return false;
      } else if (actual != laneValue(expected.bytes, i, expected.laneBits)) {
        return false;
      }
    }
    return true;
  }
  }
  if (expected.isNull)
    return slot.ref == nullptr;
  if (expected.isHost)
    return slot.ref == externHostValue(expected.externId);
  if (expected.anyNonNull)
    return slot.ref != nullptr;
  return false;
}

std::string formatExpected(const ScriptValue &expected) {
  switch (expected.type) {
  case WASMC_TYPE_I32:
    return "i32:" + std::to_string(static_cast<uint32_t>(expected.bits));
  case WASMC_TYPE_I64:
    return "i64:" + std::to_string(expected.bits);
  case WASMC_TYPE_F32:
  case WASMC_TYPE_F64: {
    const std::string prefix = typeName(expected.type) + std::string(":");
    if (expected.nan != NanPattern::None)
      return prefix + formatNan(expected.nan);
    return prefix + formatFloatBits(expected.bits, expected.type == WASMC_TYPE_F32 ? 32 : 64);
  }
  case WASMC_TYPE_V128:
    return formatLanes(expected, expected.bytes, true);
  }
  const std::string type = typeName(expected.type);
  if (expected.isNull)
    return expected.type == kAnyNull ? "ref.null" : "ref.null " + type;
  if (expected.isHost)
    return std::string(expected.type == WASMC_TYPE_EXTERNREF ? "ref.extern " : "ref.host ") +
           std::to_string(expected.externId);
  return "a non-null " + type;
}

std::string formatActual(const ScriptValue &expected, const wasmc_val &slot) {
  switch (expected.type) {
  case WASMC_TYPE_I32:
    return "i32:" + std::to_string(static_cast<uint32_t>(slot.i32));
  case WASMC_TYPE_I64:
    return "i64:" + std::to_string(static_cast<uint64_t>(slot.i64));
  case WASMC_TYPE_F32: {
    uint32_t bits;
    std::memcpy(&bits, &slot, 4);
    return "f32:" + formatFloatBits(bits, 32);
  }
  case WASMC_TYPE_F64: {
    uint64_t bits;
    std::memcpy(&bits, &slot, 8);
    return "f64:" + formatFloatBits(bits, 64);
  }
  case WASMC_TYPE_V128:
    return formatLanes(expected, slot.v128, false);
  }
  return formatReference(expected.type, slot.ref);
}

} // namespace wasmc::spec
