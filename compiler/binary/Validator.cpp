// Validation (https://webassembly.github.io/spec/core/valid/). Function bodies are checked with
// the algorithm of the specification's appendix (operand stack of value types, control stack of
// frames, the stack-polymorphic bottom of unreachable code); operators with a fixed operand shape
// are typed from the Signature column of Opcodes.def, the others one by one below. Messages use
// the reference interpreter's wording, which the spec tests' assert_invalid commands quote.
//
// Speed matters (validation runs on every compile): the stacks live in vectors that are reused
// from one function to the next, and an error message is only built once an error is found.

#include "binary/Validator.h"

#include "binary/BranchHints.h"

#include "binary/OperatorReader.h"
#include "binary/Subtyping.h"

#include <deque>
#include <string_view>
#include <unordered_set>

namespace wasmc::binary {

namespace {

// The type of an operand popped from the polymorphic bottom of an unreachable frame: it matches
// every type.
constexpr ValType kUnknown = ValType::Bottom;

constexpr uint64_t kMaxMemoryPages = 65536;
constexpr uint64_t kMaxMemory64Pages = uint64_t(1) << 48; // 2^64 bytes

bool isUnknown(ValType t) { return t.kind == ValType::Kind::Bottom; }
bool isNum(ValType t) { return t.isNumber() || isUnknown(t); }
bool isVec(ValType t) { return t == ValType::V128 || isUnknown(t); }
bool isRefOrUnknown(ValType t) { return t.isRef() || isUnknown(t); }

std::string typeName(ValType t) { return isUnknown(t) ? "unknown" : valTypeName(t); }

// A reference operand once it is known not to be null (ref.as_non_null, br_on_null); of an
// unknown operand, a non-null reference to the bottom heap type.
ValType nonNull(ValType operand) {
  return isUnknown(operand) ? ValType::ref(HeapKind::Bottom, false) : operand.asNullable(false);
}

// The type of `ref.func function`: the function's own type with typed function references,
// funcref in Wasm 2.0.
ValType refFuncType(const Module &module, uint32_t function) {
  return module.features.typedFunctionReferences
             ? ValType::concrete(module.functionTypes[function], false)
             : ValType::FuncRef;
}

// The type of the length of memory.copy and table.copy between memories or tables of these
// address types: i64 only when both are.
ValType copyLengthType(ValType destination, ValType source) {
  return destination == ValType::I64 ? source : ValType::I32;
}

// An entry of one of the module's offset tables; 0 for a module assembled without them.
uint64_t offsetAt(const std::vector<uint64_t> &offsets, size_t index) {
  return index < offsets.size() ? offsets[index] : 0;
}

std::string indexed(const char *what, uint32_t index) {
  return std::string(what) + " " + std::to_string(index);
}

// ---- The static typing of every operator, built from Opcodes.def at compile time. ----

enum class Feature : uint8_t {
  None,
  Simd,
  ReferenceTypes,
  BulkMemory,
  SignExtension,
  SaturatingConversions,
  TailCalls,
  TypedFunctionReferences,
  Exceptions,
  RelaxedSimd,
  Threads,
  WideArithmetic,
};

const char *featureName(Feature feature) {
  switch (feature) {
  case Feature::None: return "none";
  case Feature::Simd: return "simd";
  case Feature::ReferenceTypes: return "reference types";
  case Feature::BulkMemory: return "bulk memory";
  case Feature::SignExtension: return "sign extension";
  case Feature::SaturatingConversions: return "saturating float-to-int conversions";
  case Feature::TailCalls: return "tail calls";
  case Feature::TypedFunctionReferences: return "typed function references";
  case Feature::Exceptions: return "exception handling";
  case Feature::RelaxedSimd: return "relaxed SIMD";
  case Feature::Threads: return "threads";
  case Feature::WideArithmetic: return "wide arithmetic";
  }
  return "?";
}

struct OperatorTyping {
  bool special = false;   // typed by hand in FunctionValidator::step
  uint8_t numPops = 0;    // operand types, deepest first
  ValType pops[4] = {};
  uint8_t numPushes = 0;  // result types, pushed in order
  ValType pushes[2] = {};
  Immediate immediate = Immediate::None;
  uint8_t accessBytes = 0; // natural access size of memory operators
  uint8_t lanes = 0;       // exclusive bound of lane immediates, 0 if there are none
  Feature feature = Feature::None;
};

constexpr ValType letterType(char letter) {
  switch (letter) {
  case 'i': return ValType::I32;
  case 'l': return ValType::I64;
  case 'f': return ValType::F32;
  case 'd': return ValType::F64;
  default: return ValType::V128; // 'v'
  }
}

constexpr bool equal(const char *a, const char *b) {
  for (; *a && *a == *b; ++a, ++b) {
  }
  return *a == *b;
}

// "i8x16.extract_lane_s" -> 16: the number after the shape's 'x'.
constexpr uint8_t shapeLanes(const char *text) {
  unsigned i = 0;
  while (text[i] && text[i] != 'x' && text[i] != '.')
    ++i;
  if (text[i] != 'x')
    return 0;
  unsigned lanes = 0;
  for (++i; text[i] >= '0' && text[i] <= '9'; ++i)
    lanes = lanes * 10 + unsigned(text[i] - '0');
  return static_cast<uint8_t>(lanes);
}

constexpr Feature featureOf(uint8_t prefix, uint32_t code) {
  if (prefix == 0xfd)
    return code >= 0x100 ? Feature::RelaxedSimd : Feature::Simd;
  if (prefix == 0xfe)
    return Feature::Threads;
  if (prefix == 0xfc)
    return code <= 7    ? Feature::SaturatingConversions
           : code <= 14 ? Feature::BulkMemory
           : code <= 17 ? Feature::ReferenceTypes
                        : Feature::WideArithmetic;
  if (code >= 0xc0 && code <= 0xc4)
    return Feature::SignExtension;
  if (code == 0x12 || code == 0x13)
    return Feature::TailCalls;
  if ((code >= 0x06 && code <= 0x0a) || code == 0x18 || code == 0x19 || code == 0x1f)
    return Feature::Exceptions;
  if (code == 0x14 || (code >= 0xd4 && code <= 0xd6))
    return Feature::TypedFunctionReferences;
  if (code == 0x15) // return_call_ref needs both
    return Feature::TailCalls;
  if (code == 0x1c || code == 0x25 || code == 0x26 || (code >= 0xd0 && code <= 0xd2))
    return Feature::ReferenceTypes;
  return Feature::None;
}

// `signature` is the Signature column as written ("ii_i", "Special").
constexpr OperatorTyping makeTyping(const char *signature, Immediate immediate, const char *text,
                                    uint8_t prefix, uint32_t code, uint8_t accessBytes) {
  OperatorTyping typing;
  typing.immediate = immediate;
  typing.accessBytes = accessBytes;
  typing.feature = featureOf(prefix, code);
  if (immediate == Immediate::Lane)
    typing.lanes = shapeLanes(text);
  else if (immediate == Immediate::MemArgLane)
    typing.lanes = static_cast<uint8_t>(16 / accessBytes);
  else if (immediate == Immediate::Shuffle)
    typing.lanes = 32;
  if (equal(signature, "Special")) {
    typing.special = true;
    return typing;
  }
  unsigned i = 0;
  for (; signature[i] != '_'; ++i)
    typing.pops[typing.numPops++] = letterType(signature[i]);
  for (++i; signature[i]; ++i)
    typing.pushes[typing.numPushes++] = letterType(signature[i]);
  return typing;
}

constexpr OperatorTyping kTyping[] = {
#define WASMC_OPCODE(Name, Text, Prefix, Code, Imm, Sig, Bytes)                                    \
  makeTyping(#Sig, Immediate::Imm, Text, Prefix, Code, Bytes),
#include "binary/Opcodes.def"
};
static_assert(sizeof(kTyping) / sizeof(kTyping[0]) == kNumOpcodes);
static_assert(kTyping[unsigned(Opcode::I32Add)].numPops == 2 &&
              kTyping[unsigned(Opcode::I32Add)].numPushes == 1);
static_assert(kTyping[unsigned(Opcode::I64Add128)].numPops == 4 &&
              kTyping[unsigned(Opcode::I64Add128)].numPushes == 2);
static_assert(kTyping[unsigned(Opcode::I16x8ExtractLaneS)].lanes == 8);
static_assert(kTyping[unsigned(Opcode::V128Load32Lane)].lanes == 4);

bool featureEnabled(const Features &features, Feature feature) {
  switch (feature) {
  case Feature::None: return true;
  case Feature::Simd: return features.simd;
  case Feature::ReferenceTypes: return features.referenceTypes;
  case Feature::BulkMemory: return features.bulkMemory;
  case Feature::SignExtension: return features.signExtension;
  case Feature::SaturatingConversions: return features.saturatingConversions;
  case Feature::TailCalls: return features.tailCalls;
  case Feature::TypedFunctionReferences: return features.typedFunctionReferences;
  case Feature::Exceptions: return features.exceptions;
  case Feature::RelaxedSimd: return features.simd && features.relaxedSimd;
  case Feature::Threads: return features.threads;
  case Feature::WideArithmetic: return features.wideArithmetic;
  }
  return false;
}

// A sequence of value types that outlives the frame referring to it (a function type of the
// module, or one of SingleTypes).
struct TypeList {
  const ValType *data = nullptr;
  uint32_t size = 0;

  static TypeList of(const std::vector<ValType> &types) {
    return {types.data(), static_cast<uint32_t>(types.size())};
  }
};

// Single value types as lists (a block's result type), each stored once, where it stays put.
class SingleTypes {
public:
  TypeList of(ValType type) {
    for (const ValType &known : types_)
      if (known == type)
        return {&known, 1};
    types_.push_back(type);
    return {&types_.back(), 1};
  }

private:
  std::deque<ValType> types_;
};

struct Frame {
  Opcode kind;        // Block, Loop, If, Else, Try, Catch, CatchAll, TryTable; the function's
                      // own frame is a Block
  bool unreachable;   // the rest of the frame is stack-polymorphic
  uint32_t height;    // operand stack height at entry, without the parameters
  uint32_t initCount; // locals initialised before the frame (see FunctionValidator::initialized_)
  TypeList params;
  TypeList results;

  const TypeList &labelTypes() const { return kind == Opcode::Loop ? params : results; }
};

// ---- Function bodies. ----

class FunctionValidator {
public:
  FunctionValidator(const Module &module, const std::vector<bool> &declaredRefs,
                    std::vector<bool> &tablesWritten)
      : m_(module), declaredRefs_(declaredRefs), tablesWritten_(tablesWritten) {}

  std::optional<DecodeFailure> validate(uint32_t functionIndex, const FunctionBody &body);
  // Whether a body validated so far used an exception-handling instruction.
  bool usedExceptions() const { return usedExceptions_; }

private:
  bool fail(uint64_t at, std::string message) {
    error_ = DecodeFailure{at, std::move(message)};
    return false;
  }
  bool mismatch(uint64_t at, ValType expected, const ValType *actual);
  bool matches(ValType actual, ValType expected) const {
    return isSubtype(m_, actual, expected);
  }
  // As many types as `expected`, each matching its counterpart.
  bool matchesAll(TypeList actual, TypeList expected) const {
    if (actual.size != expected.size)
      return false;
    for (uint32_t i = 0; i < actual.size; ++i)
      if (!matches(actual.data[i], expected.data[i]))
        return false;
    return true;
  }

  void push(ValType type) { stack_.push_back(type); }
  void pushAll(TypeList types) { stack_.insert(stack_.end(), types.data, types.data + types.size); }
  bool pop(uint64_t at, ValType expected);
  bool popAny(uint64_t at, ValType &actual);
  bool popRef(uint64_t at, ValType &actual); // a reference, or unknown
  bool popAll(uint64_t at, TypeList types);
  bool checkTop(uint64_t at, TypeList types);
  void pushFrame(Opcode kind, TypeList params, TypeList results);
  bool popFrame(uint64_t at, Frame &frame);
  void setUnreachable();

  bool blockSignature(const Instruction &ins, TypeList &params, TypeList &results);
  const Frame *label(uint32_t depth) const {
    return depth < frames_.size() ? &frames_[frames_.size() - 1 - depth] : nullptr;
  }
  bool requireMemory(uint64_t at, uint32_t index);
  ValType addressType(uint32_t memory) const { return m_.memories[memory].addressType(); }
  ValType indexType(uint32_t table) const { return m_.tables[table].addressType(); }
  bool requireTable(uint64_t at, uint32_t index);
  bool requireValueType(uint64_t at, ValType type);
  bool requireFunctionType(uint64_t at, uint32_t typeIndex);

  bool step(const Instruction &ins);
  bool stepSpecial(const Instruction &ins);
  bool stepCall(const Instruction &ins);
  bool stepReference(const Instruction &ins);
  bool stepException(const Instruction &ins);
  bool requireTag(uint64_t at, uint32_t tag);
  bool checkCatchClause(uint64_t at, const CatchClause &clause);

  const Module &m_;
  const std::vector<bool> &declaredRefs_;
  std::vector<bool> &tablesWritten_;
  std::vector<ValType> locals_;
  // Non-defaultable locals (non-null references) must be set before they are read. A local set
  // in a block is set until the block ends: initialized_ lists the locals set so far, in order,
  // and each frame remembers how many it found (https://webassembly.github.io/spec/core/valid/instructions.html#local-instructions).
  std::vector<bool> localSet_;
  std::vector<uint32_t> initialized_;
  std::vector<ValType> stack_;
  std::vector<Frame> frames_;
  SingleTypes singles_;
  bool usedExceptions_ = false;
  std::optional<DecodeFailure> error_;
};

bool FunctionValidator::mismatch(uint64_t at, ValType expected, const ValType *actual) {
  return fail(at, "type mismatch: expected " + typeName(expected) + ", found " +
                      (actual ? typeName(*actual) : "an empty stack"));
}

bool FunctionValidator::pop(uint64_t at, ValType expected) {
  const Frame &frame = frames_.back();
  if (stack_.size() == frame.height) {
    if (frame.unreachable)
      return true;
    return mismatch(at, expected, nullptr);
  }
  const ValType actual = stack_.back();
  if (!matches(actual, expected))
    return mismatch(at, expected, &actual);
  stack_.pop_back();
  return true;
}

bool FunctionValidator::popAny(uint64_t at, ValType &actual) {
  const Frame &frame = frames_.back();
  if (stack_.size() == frame.height) {
    actual = kUnknown;
    return frame.unreachable || fail(at, "type mismatch: expected a value, found an empty stack");
  }
  actual = stack_.back();
  stack_.pop_back();
  return true;
}

bool FunctionValidator::popRef(uint64_t at, ValType &actual) {
  if (!popAny(at, actual))
    return false;
  if (!isRefOrUnknown(actual))
    return fail(at, "type mismatch: expected a reference, found " + typeName(actual));
  return true;
}

bool FunctionValidator::popAll(uint64_t at, TypeList types) {
  for (uint32_t i = types.size; i-- > 0;)
    if (!pop(at, types.data[i]))
      return false;
  return true;
}

// Whether the top of the stack could be popped as `types`, without popping (br_table checks
// every target against the same operands).
bool FunctionValidator::checkTop(uint64_t at, TypeList types) {
  const Frame &frame = frames_.back();
  const size_t available = stack_.size() - frame.height;
  for (uint32_t k = 0; k < types.size; ++k) {
    const ValType expected = types.data[types.size - 1 - k];
    if (k >= available) {
      return frame.unreachable || mismatch(at, expected, nullptr);
    }
    const ValType actual = stack_[stack_.size() - 1 - k];
    if (!matches(actual, expected))
      return mismatch(at, expected, &actual);
  }
  return true;
}

void FunctionValidator::pushFrame(Opcode kind, TypeList params, TypeList results) {
  frames_.push_back(Frame{kind, false, static_cast<uint32_t>(stack_.size()),
                          static_cast<uint32_t>(initialized_.size()), params, results});
  pushAll(params);
}

bool FunctionValidator::popFrame(uint64_t at, Frame &frame) {
  if (!popAll(at, frames_.back().results))
    return false;
  frame = frames_.back();
  if (stack_.size() != frame.height)
    return fail(at, "type mismatch: " + std::to_string(stack_.size() - frame.height) +
                        " value(s) left on the stack at the end of the block");
  frames_.pop_back();
  // What the block set is unset again after it.
  while (initialized_.size() > frame.initCount) {
    localSet_[initialized_.back()] = false;
    initialized_.pop_back();
  }
  return true;
}

void FunctionValidator::setUnreachable() {
  Frame &frame = frames_.back();
  stack_.resize(frame.height);
  frame.unreachable = true;
}

bool FunctionValidator::requireValueType(uint64_t at, ValType type) {
  if (type == ValType::V128 && !m_.features.simd)
    return fail(at, "feature not enabled: simd");
  if (type.isRef() && !m_.features.referenceTypes)
    return fail(at, "feature not enabled: reference types");
  if (hasUnknownType(m_, type))
    return fail(at, indexed("unknown type", type.index));
  return true;
}

bool FunctionValidator::requireFunctionType(uint64_t at, uint32_t typeIndex) {
  if (typeIndex >= m_.types.size())
    return fail(at, indexed("unknown type", typeIndex));
  return true;
}

bool FunctionValidator::blockSignature(const Instruction &ins, TypeList &params,
                                       TypeList &results) {
  params = results = TypeList{};
  switch (ins.blockType.kind) {
  case BlockType::Kind::Empty:
    return true;
  case BlockType::Kind::Value:
    results = singles_.of(ins.blockType.value);
    return requireValueType(ins.offset, ins.blockType.value);
  case BlockType::Kind::TypeIndex: {
    if (!requireFunctionType(ins.offset, ins.blockType.typeIndex))
      return false;
    const FuncType &type = m_.types[ins.blockType.typeIndex];
    if (!m_.features.multiValue && (!type.params.empty() || type.results.size() > 1))
      return fail(ins.offset, "invalid result arity");
    params = TypeList::of(type.params);
    results = TypeList::of(type.results);
    return true;
  }
  }
  return true;
}

bool FunctionValidator::requireMemory(uint64_t at, uint32_t index) {
  if (index >= m_.memories.size())
    return fail(at, indexed("unknown memory", index));
  return true;
}

bool FunctionValidator::requireTable(uint64_t at, uint32_t index) {
  if (index >= m_.tables.size())
    return fail(at, indexed("unknown table", index));
  return true;
}

std::optional<DecodeFailure> FunctionValidator::validate(uint32_t functionIndex,
                                                         const FunctionBody &body) {
  const FuncType &type = m_.functionType(functionIndex);
  locals_.assign(type.params.begin(), type.params.end());
  for (const LocalGroup &group : body.locals) {
    if (hasUnknownType(m_, group.type))
      return DecodeFailure{body.offset, indexed("unknown type", group.type.index)};
    locals_.insert(locals_.end(), group.count, group.type);
  }
  // Parameters and defaultable locals start set.
  localSet_.assign(locals_.size(), true);
  for (size_t i = type.params.size(); i < locals_.size(); ++i)
    localSet_[i] = locals_[i].isDefaultable();
  initialized_.clear();
  stack_.clear();
  frames_.clear();
  error_.reset();
  pushFrame(Opcode::Block, TypeList{}, TypeList::of(type.results));

  const size_t size = static_cast<size_t>(body.codeEnd - body.codeOffset);
  OperatorReader operators(ByteReader(m_.at(body.codeOffset), size, body.codeOffset),
                           m_.features.multiMemory);
  Instruction ins;
  while (!frames_.empty()) {
    if (operators.atEnd())
      return DecodeFailure{body.codeEnd, "unexpected end of section or function"};
    if (!operators.next(ins)) {
      DecodeFailure failure = operators.failure();
      if (failure.message.compare(0, 14, "unexpected end") == 0)
        failure.message = "unexpected end of section or function";
      return failure;
    }
    if (!step(ins))
      return error_;
  }
  if (!operators.atEnd())
    return DecodeFailure{operators.offset(),
                         "section size mismatch: operators after the function's final end"};
  return std::nullopt;
}

bool FunctionValidator::step(const Instruction &ins) {
  const OperatorTyping &typing = kTyping[static_cast<unsigned>(ins.op)];
  const uint64_t at = ins.offset;
  if (typing.feature != Feature::None && !featureEnabled(m_.features, typing.feature))
    return fail(at, std::string("feature not enabled: ") + featureName(typing.feature));
  if (typing.feature == Feature::Exceptions)
    usedExceptions_ = true;

  // A memory access: its operand 0 is its address, of the memory's address type.
  const bool addressed =
      typing.immediate == Immediate::MemArg || typing.immediate == Immediate::MemArgLane;
  if (addressed) {
    if (!requireMemory(at, ins.memArg.memoryIndex))
      return false;
    if (ins.memArg.alignLog2 >= 8 || (1u << ins.memArg.alignLog2) > typing.accessBytes)
      return fail(at, "alignment must not be larger than natural");
    if (typing.feature == Feature::Threads && (1u << ins.memArg.alignLog2) != typing.accessBytes)
      return fail(at, "alignment must be equal to natural (atomic access)");
    if (!m_.memories[ins.memArg.memoryIndex].limits.is64 && ins.memArg.offset > UINT32_MAX)
      return fail(at, "offset out of range");
  }
  if (typing.lanes != 0) {
    if (typing.immediate == Immediate::Shuffle) {
      for (uint8_t lane : ins.bytes)
        if (lane >= typing.lanes)
          return fail(at, "invalid lane index");
    } else if (ins.lane >= typing.lanes) {
      return fail(at, "invalid lane index");
    }
  }

  if (typing.special)
    return stepSpecial(ins);
  for (unsigned i = typing.numPops; i-- > 0;)
    if (!pop(at, addressed && i == 0 ? addressType(ins.memArg.memoryIndex) : typing.pops[i]))
      return false;
  for (unsigned i = 0; i < typing.numPushes; ++i)
    push(typing.pushes[i]);
  return true;
}

bool FunctionValidator::stepSpecial(const Instruction &ins) {
  const uint64_t at = ins.offset;
  switch (ins.op) {
  case Opcode::Unreachable:
    setUnreachable();
    return true;
  case Opcode::Nop:
  case Opcode::AtomicFence:
    return true;

  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If:
  case Opcode::Try:
  case Opcode::TryTable: {
    TypeList params, results;
    if (!blockSignature(ins, params, results))
      return false;
    if (ins.op == Opcode::If && !pop(at, ValType::I32))
      return false;
    if (!popAll(at, params))
      return false;
    if (ins.op == Opcode::TryTable)
      for (const CatchClause &clause : *ins.catches)
        if (!checkCatchClause(at, clause))
          return false;
    pushFrame(ins.op, params, results);
    return true;
  }
  case Opcode::Else: {
    if (frames_.back().kind != Opcode::If)
      return fail(at, "else without a matching if");
    Frame frame;
    if (!popFrame(at, frame))
      return false;
    pushFrame(Opcode::Else, frame.params, frame.results);
    return true;
  }
  case Opcode::End: {
    Frame frame;
    if (!popFrame(at, frame))
      return false;
    // `if` without `else`: the missing branch passes the parameters through as the results.
    if (frame.kind == Opcode::If && !matchesAll(frame.params, frame.results))
      return fail(at, "type mismatch: if without else must have matching parameters and results");
    pushAll(frame.results);
    return true;
  }

  case Opcode::Br: {
    const Frame *target = label(ins.index);
    if (!target)
      return fail(at, indexed("unknown label", ins.index));
    if (!popAll(at, target->labelTypes()))
      return false;
    setUnreachable();
    return true;
  }
  case Opcode::BrIf: {
    if (!pop(at, ValType::I32))
      return false;
    const Frame *target = label(ins.index);
    if (!target)
      return fail(at, indexed("unknown label", ins.index));
    const TypeList types = target->labelTypes();
    if (!popAll(at, types))
      return false;
    pushAll(types);
    return true;
  }
  case Opcode::BrTable: {
    if (!pop(at, ValType::I32))
      return false;
    const std::vector<uint32_t> &targets = *ins.brTableTargets; // the default is last
    const Frame *defaultTarget = label(targets.back());
    if (!defaultTarget)
      return fail(at, indexed("unknown label", targets.back()));
    const uint32_t arity = defaultTarget->labelTypes().size;
    for (size_t i = 0; i < targets.size(); ++i) {
      const Frame *target = label(targets[i]);
      if (!target)
        return fail(at, indexed("unknown label", targets[i]));
      const TypeList types = target->labelTypes();
      if (types.size != arity)
        return fail(at, "type mismatch: br_table targets have different arities");
      if (!checkTop(at, types))
        return false;
    }
    // Every target took the operands (with subtyping, no single label type need fit them all).
    const Frame &frame = frames_.back();
    if (stack_.size() - frame.height < arity && !frame.unreachable)
      return fail(at, "type mismatch: br_table needs " + std::to_string(arity) + " operand(s)");
    setUnreachable();
    return true;
  }
  case Opcode::BrOnNull:
  case Opcode::BrOnNonNull: {
    ValType operand;
    if (!popRef(at, operand))
      return false;
    const Frame *target = label(ins.index);
    if (!target)
      return fail(at, indexed("unknown label", ins.index));
    TypeList types = target->labelTypes();
    // br_on_null passes the other operands on; br_on_non_null the reference too, non-null.
    const ValType reference = nonNull(operand);
    if (ins.op == Opcode::BrOnNull) {
      if (!popAll(at, types))
        return false;
      pushAll(types);
      push(reference);
      return true;
    }
    if (types.size == 0)
      return fail(at, "type mismatch: br_on_non_null needs a label that takes a reference");
    if (!matches(reference, types.data[types.size - 1]))
      return mismatch(at, types.data[types.size - 1], &reference);
    const TypeList rest{types.data, types.size - 1};
    if (!popAll(at, rest))
      return false;
    pushAll(rest);
    return true;
  }
  case Opcode::Return:
    if (!popAll(at, frames_.front().results))
      return false;
    setUnreachable();
    return true;

  case Opcode::Call:
  case Opcode::CallIndirect:
  case Opcode::CallRef:
  case Opcode::ReturnCall:
  case Opcode::ReturnCallIndirect:
  case Opcode::ReturnCallRef:
    return stepCall(ins);

  case Opcode::Drop: {
    ValType ignored;
    return popAny(at, ignored);
  }
  case Opcode::Select: {
    ValType first, second;
    if (!pop(at, ValType::I32) || !popAny(at, first) || !popAny(at, second))
      return false;
    if (!((isNum(first) && isNum(second)) || (isVec(first) && isVec(second))))
      return fail(at, "type mismatch: select without a type needs numeric or vector operands");
    if (first != second && !isUnknown(first) && !isUnknown(second))
      return fail(at, "type mismatch: select operands are " + typeName(second) + " and " +
                          typeName(first));
    push(isUnknown(first) ? second : first);
    return true;
  }
  case Opcode::SelectT: {
    if (ins.selectTypeCount != 1)
      return fail(at, "invalid result arity");
    if (!requireValueType(at, ins.type))
      return false;
    if (!pop(at, ValType::I32) || !pop(at, ins.type) || !pop(at, ins.type))
      return false;
    push(ins.type);
    return true;
  }

  case Opcode::LocalGet:
  case Opcode::LocalSet:
  case Opcode::LocalTee: {
    if (ins.index >= locals_.size())
      return fail(at, indexed("unknown local", ins.index));
    const ValType type = locals_[ins.index];
    if (ins.op == Opcode::LocalGet) {
      if (!localSet_[ins.index])
        return fail(at, "uninitialized local " + std::to_string(ins.index));
      push(type);
      return true;
    }
    if (!pop(at, type))
      return false;
    if (!localSet_[ins.index]) {
      localSet_[ins.index] = true;
      initialized_.push_back(ins.index);
    }
    if (ins.op == Opcode::LocalTee)
      push(type);
    return true;
  }
  case Opcode::GlobalGet:
  case Opcode::GlobalSet: {
    if (ins.index >= m_.globals.size())
      return fail(at, indexed("unknown global", ins.index));
    const GlobalType &global = m_.globals[ins.index];
    if (ins.op == Opcode::GlobalGet) {
      push(global.type);
      return true;
    }
    if (!global.isMutable)
      return fail(at, "global is immutable");
    return pop(at, global.type);
  }

  case Opcode::TableGet:
  case Opcode::TableSet: {
    if (!requireTable(at, ins.index))
      return false;
    if (ins.op == Opcode::TableSet)
      tablesWritten_[ins.index] = true;
    const ValType elemType = m_.tables[ins.index].elemType;
    if (ins.op == Opcode::TableGet) {
      if (!pop(at, indexType(ins.index)))
        return false;
      push(elemType);
      return true;
    }
    return pop(at, elemType) && pop(at, indexType(ins.index));
  }
  case Opcode::TableSize:
    if (!requireTable(at, ins.index))
      return false;
    push(indexType(ins.index));
    return true;
  case Opcode::TableGrow:
    if (!requireTable(at, ins.index))
      return false;
    tablesWritten_[ins.index] = true;
    if (!pop(at, indexType(ins.index)) || !pop(at, m_.tables[ins.index].elemType))
      return false;
    push(indexType(ins.index));
    return true;
  case Opcode::TableFill:
    if (!requireTable(at, ins.index))
      return false;
    tablesWritten_[ins.index] = true;
    return pop(at, indexType(ins.index)) && pop(at, m_.tables[ins.index].elemType) &&
           pop(at, indexType(ins.index));
  case Opcode::TableCopy: {
    const uint32_t destination = ins.index, source = ins.index2;
    if (!requireTable(at, destination) || !requireTable(at, source))
      return false;
    tablesWritten_[destination] = true;
    if (!matches(m_.tables[source].elemType, m_.tables[destination].elemType))
      return fail(at, "type mismatch: table.copy from a table whose type is not a subtype");
    return pop(at, copyLengthType(indexType(destination), indexType(source))) &&
           pop(at, indexType(source)) && pop(at, indexType(destination));
  }
  case Opcode::TableInit: {
    const uint32_t segment = ins.index, table = ins.index2;
    if (!requireTable(at, table))
      return false;
    tablesWritten_[table] = true;
    if (segment >= m_.elemSegments.size())
      return fail(at, indexed("unknown elem segment", segment));
    if (!matches(m_.elemSegments[segment].elemType, m_.tables[table].elemType))
      return fail(at, "type mismatch: table.init of a segment whose type is not a subtype");
    return pop(at, ValType::I32) && pop(at, ValType::I32) && pop(at, indexType(table));
  }
  case Opcode::ElemDrop:
    if (ins.index >= m_.elemSegments.size())
      return fail(at, indexed("unknown elem segment", ins.index));
    return true;

  case Opcode::MemorySize:
    if (!requireMemory(at, ins.index))
      return false;
    push(addressType(ins.index));
    return true;
  case Opcode::MemoryGrow:
    if (!requireMemory(at, ins.index) || !pop(at, addressType(ins.index)))
      return false;
    push(addressType(ins.index));
    return true;
  case Opcode::MemoryFill:
    if (!requireMemory(at, ins.index))
      return false;
    return pop(at, addressType(ins.index)) && pop(at, ValType::I32) &&
           pop(at, addressType(ins.index));
  case Opcode::MemoryCopy: {
    if (!requireMemory(at, ins.index) || !requireMemory(at, ins.index2))
      return false;
    return pop(at, copyLengthType(addressType(ins.index), addressType(ins.index2))) &&
           pop(at, addressType(ins.index2)) && pop(at, addressType(ins.index));
  }
  case Opcode::MemoryInit:
  case Opcode::DataDrop:
    if (ins.op == Opcode::MemoryInit && !requireMemory(at, ins.index2))
      return false;
    // Data segment indices in code need the data count section (single-pass compilation); a
    // module without data segments has none to refer to.
    if (!m_.dataCount && !m_.dataSegments.empty())
      return fail(at, "data count section required");
    if (ins.index >= m_.dataCount.value_or(0))
      return fail(at, indexed("unknown data segment", ins.index));
    if (ins.op == Opcode::DataDrop)
      return true;
    return pop(at, ValType::I32) && pop(at, ValType::I32) && pop(at, addressType(ins.index2));

  case Opcode::RefNull:
  case Opcode::RefIsNull:
  case Opcode::RefFunc:
  case Opcode::RefAsNonNull:
    return stepReference(ins);

  case Opcode::Catch:
  case Opcode::CatchAll:
  case Opcode::Delegate:
  case Opcode::Throw:
  case Opcode::ThrowRef:
  case Opcode::Rethrow:
    return stepException(ins);

  default:
    break;
  }
  return fail(at, "internal error: operator " + std::string(opcodeName(ins.op)) +
                      " has no typing rule");
}

bool FunctionValidator::requireTag(uint64_t at, uint32_t tag) {
  if (tag >= m_.tagTypes.size())
    return fail(at, indexed("unknown tag", tag));
  return true;
}

// What a try_table's catch clause passes to its label (the tag's parameters, then the exception
// reference for the _ref forms) must be what the label takes.
bool FunctionValidator::checkCatchClause(uint64_t at, const CatchClause &clause) {
  if (clause.hasTag() && !requireTag(at, clause.tag))
    return false;
  const Frame *target = label(clause.label);
  if (!target)
    return fail(at, indexed("unknown label", clause.label));
  std::vector<ValType> passed;
  if (clause.hasTag())
    passed = m_.tagType(clause.tag).params;
  if (clause.passesRef())
    passed.push_back(ValType::ref(HeapKind::Exn, false));
  if (!matchesAll(TypeList::of(passed), target->labelTypes()))
    return fail(at, "type mismatch: catch clause does not match its label's types");
  return true;
}

// Exception handling, the standard encoding (throw, throw_ref) and the legacy one (catch,
// catch_all, delegate, rethrow); try and try_table open their blocks like block does.
bool FunctionValidator::stepException(const Instruction &ins) {
  const uint64_t at = ins.offset;
  switch (ins.op) {
  case Opcode::Catch:
  case Opcode::CatchAll: {
    const Opcode kind = frames_.back().kind;
    if (kind != Opcode::Try && kind != Opcode::Catch)
      return fail(at, ins.op == Opcode::Catch ? "catch without a matching try"
                                              : "catch_all without a matching try");
    if (ins.op == Opcode::Catch && !requireTag(at, ins.index))
      return false;
    Frame frame;
    if (!popFrame(at, frame))
      return false;
    // catch receives the tag's values; catch_all nothing.
    pushFrame(ins.op, ins.op == Opcode::Catch ? TypeList::of(m_.tagType(ins.index).params)
                                              : TypeList{},
              frame.results);
    return true;
  }
  case Opcode::Delegate: {
    if (frames_.back().kind != Opcode::Try)
      return fail(at, "delegate without a matching try");
    Frame frame;
    if (!popFrame(at, frame))
      return false;
    if (!label(ins.index))
      return fail(at, indexed("unknown label", ins.index));
    pushAll(frame.results);
    return true;
  }
  case Opcode::Throw:
    if (!requireTag(at, ins.index))
      return false;
    if (!popAll(at, TypeList::of(m_.tagType(ins.index).params)))
      return false;
    setUnreachable();
    return true;
  case Opcode::ThrowRef:
    if (!pop(at, ValType::ref(HeapKind::Exn, true)))
      return false;
    setUnreachable();
    return true;
  case Opcode::Rethrow: {
    const Frame *target = label(ins.index);
    if (!target)
      return fail(at, indexed("unknown label", ins.index));
    if (target->kind != Opcode::Catch && target->kind != Opcode::CatchAll)
      return fail(at, "invalid rethrow label");
    setUnreachable();
    return true;
  }
  default:
    return false;
  }
}

bool FunctionValidator::stepCall(const Instruction &ins) {
  const uint64_t at = ins.offset;
  const FuncType *type = nullptr;
  switch (ins.op) {
  case Opcode::Call:
  case Opcode::ReturnCall:
    if (ins.index >= m_.functionTypes.size())
      return fail(at, indexed("unknown function", ins.index));
    type = &m_.functionType(ins.index);
    break;
  case Opcode::CallIndirect:
  case Opcode::ReturnCallIndirect: {
    const uint32_t typeIndex = ins.index, tableIndex = ins.index2;
    if (!requireTable(at, tableIndex))
      return false;
    if (tableIndex != 0 && !m_.features.referenceTypes)
      return fail(at, "feature not enabled: reference types");
    if (!requireFunctionType(at, typeIndex))
      return false;
    if (!matches(m_.tables[tableIndex].elemType, ValType::FuncRef))
      return fail(at, "type mismatch: call_indirect needs a table of function references");
    type = &m_.types[typeIndex];
    if (!pop(at, indexType(tableIndex)))
      return false;
    break;
  }
  case Opcode::CallRef:
  case Opcode::ReturnCallRef:
    if (!requireFunctionType(at, ins.index))
      return false;
    if (ins.op == Opcode::ReturnCallRef && !m_.features.typedFunctionReferences)
      return fail(at, "feature not enabled: typed function references");
    type = &m_.types[ins.index];
    if (!pop(at, ValType::concrete(ins.index, true)))
      return false;
    break;
  default:
    return false;
  }
  if (!popAll(at, TypeList::of(type->params)))
    return false;
  const bool tail = ins.op == Opcode::ReturnCall || ins.op == Opcode::ReturnCallIndirect ||
                    ins.op == Opcode::ReturnCallRef;
  if (!tail) {
    pushAll(TypeList::of(type->results));
    return true;
  }
  // The callee's results become the caller's.
  if (!matchesAll(TypeList::of(type->results), frames_.front().results))
    return fail(at, "type mismatch: the callee's results " + toString(*type) +
                        " are not the caller's");
  setUnreachable();
  return true;
}

bool FunctionValidator::stepReference(const Instruction &ins) {
  const uint64_t at = ins.offset;
  switch (ins.op) {
  case Opcode::RefNull:
    if (!requireValueType(at, ins.type))
      return false;
    push(ins.type);
    return true;
  case Opcode::RefIsNull: {
    ValType operand;
    if (!popRef(at, operand))
      return false;
    push(ValType::I32);
    return true;
  }
  case Opcode::RefAsNonNull: {
    ValType operand;
    if (!popRef(at, operand))
      return false;
    push(nonNull(operand));
    return true;
  }
  case Opcode::RefFunc:
    if (ins.index >= m_.functionTypes.size())
      return fail(at, indexed("unknown function", ins.index));
    if (!declaredRefs_[ins.index])
      return fail(at, "undeclared function reference");
    push(refFuncType(m_, ins.index));
    return true;
  default:
    return false;
  }
}

// The first malformation of a body: what the specification checks while decoding it (operators
// and immediates, block structure, the final `end`, the data count section), without typing.
std::optional<DecodeFailure> findMalformation(const Module &module, const FunctionBody &body,
                                              std::vector<bool> &openIfs) {
  const size_t size = static_cast<size_t>(body.codeEnd - body.codeOffset);
  OperatorReader operators(ByteReader(module.at(body.codeOffset), size, body.codeOffset),
                           module.features.multiMemory);
  const bool needsDataCount = !module.dataCount && !module.dataSegments.empty();
  openIfs.assign(1, false); // one entry per open block: whether it is an `if` before its `else`
  Instruction ins;
  while (!openIfs.empty()) {
    if (operators.atEnd())
      return DecodeFailure{body.codeEnd, "unexpected end of section or function"};
    if (!operators.next(ins)) {
      DecodeFailure failure = operators.failure();
      if (failure.message.compare(0, 14, "unexpected end") == 0)
        failure.message = "unexpected end of section or function";
      return failure;
    }
    switch (ins.op) {
    case Opcode::Block:
    case Opcode::Loop:
    case Opcode::Try:
    case Opcode::TryTable:
      openIfs.push_back(false);
      break;
    case Opcode::If:
      openIfs.push_back(true);
      break;
    case Opcode::Else:
      if (!openIfs.back())
        return DecodeFailure{ins.offset, "else without a matching if"};
      openIfs.back() = false;
      break;
    case Opcode::End:
    case Opcode::Delegate:
      openIfs.pop_back();
      break;
    case Opcode::MemoryInit:
    case Opcode::DataDrop:
      if (needsDataCount)
        return DecodeFailure{ins.offset, "data count section required"};
      break;
    default:
      break;
    }
  }
  if (!operators.atEnd())
    return DecodeFailure{operators.offset(),
                         "section size mismatch: operators after the function's final end"};
  return std::nullopt;
}

// ---- The module. ----

class ModuleValidator {
public:
  explicit ModuleValidator(const Module &module)
      : m_(module), tablesWritten_(module.tables.size(), false) {}

  std::optional<DecodeFailure> validate();
  std::vector<bool> &tablesWritten() { return tablesWritten_; }
  bool usesExceptions() const { return usesExceptions_; }

private:
  bool fail(uint64_t at, std::string message) {
    error_ = DecodeFailure{at, std::move(message)};
    return false;
  }
  bool checkTableLimits(uint64_t at, const Limits &limits);
  bool checkMemoryLimits(uint64_t at, const Limits &limits);
  bool checkConstExpr(const ConstExpr &expr, ValType expected, uint32_t visibleGlobals);
  void collectDeclaredRefs();

  const Module &m_;
  std::vector<bool> declaredRefs_; // C.refs: functions referenced outside function bodies
  std::vector<bool> tablesWritten_;
  bool usesExceptions_ = false;
  std::optional<DecodeFailure> error_;
};

bool ModuleValidator::checkTableLimits(uint64_t at, const Limits &limits) {
  if (limits.max && limits.min > *limits.max)
    return fail(at, "size minimum must not be greater than maximum");
  return true;
}

bool ModuleValidator::checkMemoryLimits(uint64_t at, const Limits &limits) {
  const uint64_t maxPages = limits.is64 ? kMaxMemory64Pages : kMaxMemoryPages;
  if (limits.min > maxPages || (limits.max && *limits.max > maxPages))
    return fail(at, limits.is64 ? "memory size must be at most 2^48 pages (2^64 bytes)"
                                : "memory size must be at most 65536 pages (4GiB)");
  if (limits.max && limits.min > *limits.max)
    return fail(at, "size minimum must not be greater than maximum");
  if (limits.shared && !limits.max)
    return fail(at, "shared memory must have maximum");
  return true;
}

// Constant expressions: constants, ref.null, ref.func, global.get of one of the first
// `visibleGlobals` globals if it is immutable, and (extended constant expressions) integer add,
// sub and mul; their one value must match `expected`.
bool ModuleValidator::checkConstExpr(const ConstExpr &expr, ValType expected,
                                     uint32_t visibleGlobals) {
  std::vector<ValType> stack;
  auto binary = [&](const Instruction &ins, ValType type) {
    if (!m_.features.extendedConst)
      return fail(ins.offset, "constant expression required");
    for (int operand = 0; operand < 2; ++operand) {
      if (stack.empty() || stack.back() != type)
        return fail(ins.offset, "type mismatch: expected " + valTypeName(type) + " operands");
      stack.pop_back();
    }
    stack.push_back(type);
    return true;
  };
  for (const Instruction &ins : expr.instructions) {
    switch (ins.op) {
    case Opcode::I32Const: stack.push_back(ValType::I32); break;
    case Opcode::I64Const: stack.push_back(ValType::I64); break;
    case Opcode::F32Const: stack.push_back(ValType::F32); break;
    case Opcode::F64Const: stack.push_back(ValType::F64); break;
    case Opcode::V128Const:
      if (!m_.features.simd)
        return fail(ins.offset, "feature not enabled: simd");
      stack.push_back(ValType::V128);
      break;
    case Opcode::RefNull:
      if (hasUnknownType(m_, ins.type))
        return fail(ins.offset, indexed("unknown type", ins.type.index));
      stack.push_back(ins.type);
      break;
    case Opcode::RefFunc:
      if (ins.index >= m_.functionTypes.size())
        return fail(ins.offset, indexed("unknown function", ins.index));
      stack.push_back(refFuncType(m_, ins.index));
      break;
    case Opcode::GlobalGet:
      if (ins.index >= visibleGlobals)
        return fail(ins.offset, indexed("unknown global", ins.index));
      if (m_.globals[ins.index].isMutable)
        return fail(ins.offset, "constant expression required");
      stack.push_back(m_.globals[ins.index].type);
      break;
    case Opcode::I32Add:
    case Opcode::I32Sub:
    case Opcode::I32Mul:
      if (!binary(ins, ValType::I32))
        return false;
      break;
    case Opcode::I64Add:
    case Opcode::I64Sub:
    case Opcode::I64Mul:
      if (!binary(ins, ValType::I64))
        return false;
      break;
    default:
      return fail(ins.offset, "constant expression required");
    }
  }
  if (stack.size() != 1)
    return fail(expr.offset, "type mismatch: expected one " + valTypeName(expected) +
                                 ", the constant expression has " + std::to_string(stack.size()) +
                                 " values");
  if (!isSubtype(m_, stack.back(), expected))
    return fail(expr.offset, "type mismatch: expected " + valTypeName(expected) + ", found " +
                                 valTypeName(stack.back()));
  return true;
}

// C.refs: the functions whose reference may be taken with ref.func in a body, those referenced
// by globals, element segments and exports.
void ModuleValidator::collectDeclaredRefs() {
  declaredRefs_.assign(m_.functionTypes.size(), false);
  auto mark = [this](const ConstExpr &expr) {
    for (const Instruction &ins : expr.instructions)
      if (ins.op == Opcode::RefFunc && ins.index < declaredRefs_.size())
        declaredRefs_[ins.index] = true;
  };
  for (const ConstExpr &init : m_.globalInits)
    mark(init);
  for (const std::optional<ConstExpr> &init : m_.tableInits)
    if (init)
      mark(*init);
  for (const ElemSegment &segment : m_.elemSegments)
    for (const ConstExpr &item : segment.items)
      mark(item);
  for (const Export &entry : m_.exports)
    if (entry.kind == ExternKind::Func && entry.index < declaredRefs_.size())
      declaredRefs_[entry.index] = true;
}

std::optional<DecodeFailure> ModuleValidator::validate() {
  const uint32_t numFunctions = static_cast<uint32_t>(m_.functionTypes.size());
  const Features &features = m_.features;

  for (const Import &import : m_.imports) {
    switch (import.kind) {
    case ExternKind::Func:
      if (import.funcTypeIndex >= m_.types.size())
        return DecodeFailure{import.offset, indexed("unknown type", import.funcTypeIndex)};
      break;
    case ExternKind::Table:
    case ExternKind::Memory:
    case ExternKind::Tag:
      break; // with the defined ones below
    case ExternKind::Global:
      if (import.global.isMutable && !features.mutableGlobals)
        return DecodeFailure{import.offset, "feature not enabled: mutable globals"};
      if (hasUnknownType(m_, import.global.type))
        return DecodeFailure{import.offset, indexed("unknown type", import.global.type.index)};
      break;
    }
  }
  for (uint32_t i = m_.numImportedFunctions; i < numFunctions; ++i)
    if (m_.functionTypes[i] >= m_.types.size()) {
      const uint32_t defined = i - m_.numImportedFunctions;
      const uint64_t at = defined < m_.bodies.size() ? m_.bodies[defined].offset : 0;
      return DecodeFailure{at, indexed("unknown type", m_.functionTypes[i])};
    }

  if (m_.tables.size() > 1 && !features.referenceTypes)
    return DecodeFailure{offsetAt(m_.tableOffsets, 1),
                         "feature not enabled: reference types (multiple tables)"};
  for (size_t i = 0; i < m_.tables.size(); ++i) {
    const uint64_t at = offsetAt(m_.tableOffsets, i);
    if (!checkTableLimits(at, m_.tables[i].limits))
      return error_;
    if (hasUnknownType(m_, m_.tables[i].elemType))
      return DecodeFailure{at, indexed("unknown type", m_.tables[i].elemType.index)};
  }
  for (size_t i = 0; i < m_.memories.size(); ++i)
    if (!checkMemoryLimits(offsetAt(m_.memoryOffsets, i), m_.memories[i].limits))
      return error_;
  if (m_.memories.size() > 1 && !features.multiMemory)
    return DecodeFailure{offsetAt(m_.memoryOffsets, 1), "unsupported: multiple memories"};

  for (size_t i = 0; i < m_.tagTypes.size(); ++i) {
    const uint64_t at = offsetAt(m_.tagOffsets, i);
    if (m_.tagTypes[i] >= m_.types.size())
      return DecodeFailure{at, indexed("unknown type", m_.tagTypes[i])};
    if (!m_.tagType(static_cast<uint32_t>(i)).results.empty())
      return DecodeFailure{at, "non-empty tag result type"};
  }

  collectDeclaredRefs();

  // Which globals a constant expression may read: a table's, the imported ones (the global
  // section comes after the tables); a global's, those before it; the others', all of them
  // (Wasm 2.0: the imported ones).
  const uint32_t numGlobals = features.extendedConst ? static_cast<uint32_t>(m_.globals.size())
                                                     : m_.numImportedGlobals;
  for (size_t i = 0; i < m_.tableInits.size(); ++i) {
    const uint32_t table = m_.numImportedTables + static_cast<uint32_t>(i);
    const ValType elemType = m_.tables[table].elemType;
    if (m_.tableInits[i]) {
      if (!checkConstExpr(*m_.tableInits[i], elemType, m_.numImportedGlobals))
        return error_;
    } else if (!elemType.isDefaultable()) {
      return DecodeFailure{offsetAt(m_.tableOffsets, table),
                           "type mismatch: a table of non-null references needs an initialiser"};
    }
  }

  for (size_t i = 0; i < m_.globalInits.size(); ++i) {
    const uint32_t global = m_.numImportedGlobals + static_cast<uint32_t>(i);
    if (hasUnknownType(m_, m_.globals[global].type))
      return DecodeFailure{m_.globalInits[i].offset,
                           indexed("unknown type", m_.globals[global].type.index)};
    if (!checkConstExpr(m_.globalInits[i], m_.globals[global].type,
                        features.extendedConst ? global : m_.numImportedGlobals))
      return error_;
  }

  for (const ElemSegment &segment : m_.elemSegments) {
    if (hasUnknownType(m_, segment.elemType))
      return DecodeFailure{segment.offset, indexed("unknown type", segment.elemType.index)};
    for (const ConstExpr &item : segment.items)
      if (!checkConstExpr(item, segment.elemType, numGlobals))
        return error_;
    if (segment.mode != SegmentMode::Active)
      continue;
    if (segment.tableIndex >= m_.tables.size())
      return DecodeFailure{segment.offset, indexed("unknown table", segment.tableIndex)};
    if (!checkConstExpr(segment.offsetExpr, m_.tables[segment.tableIndex].addressType(),
                        numGlobals))
      return error_;
    if (!isSubtype(m_, segment.elemType, m_.tables[segment.tableIndex].elemType))
      return DecodeFailure{segment.offset,
                           "type mismatch: element segment's type does not match the table's"};
  }

  for (const DataSegment &segment : m_.dataSegments) {
    if (segment.mode != SegmentMode::Active)
      continue;
    if (segment.memoryIndex >= m_.memories.size())
      return DecodeFailure{segment.offset, indexed("unknown memory", segment.memoryIndex)};
    if (!checkConstExpr(segment.offsetExpr, m_.memories[segment.memoryIndex].addressType(),
                        numGlobals))
      return error_;
  }

  if (m_.start) {
    if (*m_.start >= numFunctions)
      return DecodeFailure{m_.startOffset, indexed("unknown function", *m_.start)};
    const FuncType &type = m_.functionType(*m_.start);
    if (!type.params.empty() || !type.results.empty())
      return DecodeFailure{m_.startOffset, "start function must not have parameters or results"};
  }

  std::unordered_set<std::string_view> exportNames;
  exportNames.reserve(m_.exports.size());
  for (const Export &entry : m_.exports) {
    size_t limit = 0;
    const char *what = "";
    switch (entry.kind) {
    case ExternKind::Func:
      limit = m_.functionTypes.size(), what = "unknown function";
      break;
    case ExternKind::Table:
      limit = m_.tables.size(), what = "unknown table";
      break;
    case ExternKind::Memory:
      limit = m_.memories.size(), what = "unknown memory";
      break;
    case ExternKind::Global:
      limit = m_.globals.size(), what = "unknown global";
      break;
    case ExternKind::Tag:
      limit = m_.tagTypes.size(), what = "unknown tag";
      break;
    }
    if (entry.index >= limit)
      return DecodeFailure{entry.offset, indexed(what, entry.index)};
    if (entry.kind == ExternKind::Global && m_.globals[entry.index].isMutable &&
        !features.mutableGlobals)
      return DecodeFailure{entry.offset, "feature not enabled: mutable globals"};
    if (!exportNames.insert(entry.name).second)
      return DecodeFailure{entry.offset, "duplicate export name"};
  }

  FunctionValidator functions(m_, declaredRefs_, tablesWritten_);
  for (uint32_t i = 0; i < m_.bodies.size(); ++i)
    if (std::optional<DecodeFailure> failure =
            functions.validate(m_.numImportedFunctions + i, m_.bodies[i]))
      return failure;
  usesExceptions_ = functions.usedExceptions() || !m_.tagTypes.empty();
  return std::nullopt;
}

} // namespace

std::optional<DecodeFailure> validateModule(Module &module) {
  if (std::optional<DecodeFailure> failure = canonicalizeTypes(module))
    return failure;
  ModuleValidator validator(module);
  std::optional<DecodeFailure> error = validator.validate();
  if (!error) {
    module.tablesWrittenByCode = std::move(validator.tablesWritten());
    module.usesExceptions = validator.usesExceptions();
    checkBranchHints(module);
    return error;
  }
  // Decoding precedes validation in the specification: a module whose bodies are malformed is
  // malformed, whatever else is wrong with it. Bodies are decoded while they are validated, so
  // look for a malformation only once there is an error to report.
  std::vector<bool> openIfs;
  for (const FunctionBody &body : module.bodies)
    if (std::optional<DecodeFailure> malformation = findMalformation(module, body, openIfs))
      return malformation;
  return error;
}

} // namespace wasmc::binary
