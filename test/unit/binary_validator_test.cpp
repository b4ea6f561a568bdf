// The validator on hand-assembled modules: the typing of function bodies (including the
// stack-polymorphic code after unreachable, br, br_table and return), constant expressions,
// segments, exports, limits, and the exact message and offset of each error.

#include "binary_test_support.h"

using namespace wasmc::binary;
using namespace wasmc::binary::test;

namespace {

struct BodyError {
  std::string message;
  int64_t at; // relative to the first body's first operator
};

BodyError bodyError(const Bytes &bytes, const Features &features = {}) {
  const auto m = decodeOk(bytes, features);
  const std::optional<DecodeFailure> failure = validateModule(*m);
  REQUIRE(failure.has_value());
  REQUIRE_FALSE(m->bodies.empty());
  return {failure->message, int64_t(failure->offset) - int64_t(m->bodies[0].codeOffset)};
}

// A function `params -> results` with `code` must be invalid with `message` at `at`.
void requireBodyError(const Bytes &params, const Bytes &results, const Bytes &code,
                      const std::string &message, int64_t at) {
  const BodyError error = bodyError(funcModule(params, results, code));
  CHECK(error.message == message);
  CHECK(error.at == at);
}

void requireValidBody(const Bytes &params, const Bytes &results, const Bytes &code,
                      std::initializer_list<Bytes> localGroups = {}) {
  validOk(funcModule(params, results, code, localGroups));
}

// A module with a memory of one page (or a table, globals, ...) and one function `[] -> []`.
Bytes withMemory(const Bytes &code) {
  return module({typeSection({funcType({}, {})}), functionSection({uleb(0)}),
                 memorySection({{0x00, 0x01}}), codeSection({body({}, code)})});
}

Bytes blockType(int64_t typeIndex) { return sleb(typeIndex); }

} // namespace

TEST_CASE("validator: operand typing", "[binary][validator]") {
  requireValidBody({op::I32, op::I32}, {op::I32},
                   {op::LocalGet, 0x00, op::LocalGet, 0x01, op::I32Add, op::End});
  requireBodyError({op::I64}, {op::I32},
                   {op::LocalGet, 0x00, op::I32Const, 0x01, op::I32Add, op::End},
                   "type mismatch: expected i32, found i64", 4);
  requireBodyError({}, {}, {op::I32Add, op::End},
                   "type mismatch: expected i32, found an empty stack", 0);
  requireBodyError({}, {}, {op::I32Const, 0x00, op::End},
                   "type mismatch: 1 value(s) left on the stack at the end of the block", 2);
  requireBodyError({}, {op::I32}, {op::End}, "type mismatch: expected i32, found an empty stack",
                   0);
  requireBodyError({}, {op::I32}, {op::I64Const, 0x00, op::End},
                   "type mismatch: expected i32, found i64", 2);
  requireBodyError({}, {}, {op::Drop, op::End},
                   "type mismatch: expected a value, found an empty stack", 0);
  // Conversions, comparisons and floats come from the operator table's signatures.
  requireValidBody({op::F64}, {op::I64},
                   {op::LocalGet, 0x00, 0xb0 /* i64.trunc_f64_s */, op::End});
  requireBodyError({op::F32}, {op::I32}, {op::LocalGet, 0x00, 0x46 /* i32.eq */, op::End},
                   "type mismatch: expected i32, found f32", 2);
  requireValidBody({}, {op::I32},
                   {op::F32Const, 0, 0, 0, 0, op::F32Const, 0, 0, 0, 0, 0x5d /* f32.lt */,
                    op::End});
}

TEST_CASE("validator: locals and globals", "[binary][validator]") {
  requireValidBody({op::I32}, {op::I64},
                   {op::LocalGet, 0x01, op::LocalGet, 0x00, op::Drop, op::LocalGet, 0x02,
                    op::LocalTee, 0x03, op::LocalSet, 0x02, op::End},
                   {locals(1, op::I64), locals(2, op::F32)});
  const BodyError unknownLocal =
      bodyError(funcModule({op::I32}, {}, {op::LocalGet, 0x02, op::Drop, op::End},
                           {locals(1, op::I64)}));
  CHECK(unknownLocal.message == "unknown local 2");
  CHECK(unknownLocal.at == 0);
  requireBodyError({op::I32}, {}, {op::F32Const, 0, 0, 0, 0, op::LocalSet, 0x00, op::End},
                   "type mismatch: expected i32, found f32", 5);

  const Bytes globals = globalSection({cat({{op::I32, 0x00}, {op::I32Const, 0x00, op::End}}),
                                       cat({{op::I64, 0x01}, {op::I64Const, 0x00, op::End}})});
  auto withGlobals = [&](const Bytes &code) {
    return module({typeSection({funcType({}, {})}), functionSection({uleb(0)}), globals,
                   codeSection({body({}, code)})});
  };
  validOk(withGlobals({op::GlobalGet, 0x00, op::Drop, op::I64Const, 0x05, op::GlobalSet, 0x01,
                       op::End}));
  BodyError error = bodyError(withGlobals({op::I32Const, 0x05, op::GlobalSet, 0x00, op::End}));
  CHECK(error.message == "global is immutable");
  CHECK(error.at == 2);
  error = bodyError(withGlobals({op::GlobalGet, 0x02, op::Drop, op::End}));
  CHECK(error.message == "unknown global 2");
  CHECK(error.at == 0);
}

TEST_CASE("validator: unreachable code is stack-polymorphic", "[binary][validator]") {
  requireValidBody({}, {op::I32}, {op::Unreachable, op::I32Add, op::End});
  requireValidBody({}, {op::I32}, {op::Unreachable, op::Drop, op::Drop, op::Select, op::End});
  requireValidBody({}, {op::I32}, {op::Unreachable, op::RefIsNull, op::End});
  requireValidBody({}, {}, {op::Unreachable, op::Drop, op::Drop, op::End});
  requireValidBody({}, {op::I32},
                   {op::I32Const, 0x01, op::Return, op::I64Add, 0xa7 /* i32.wrap_i64 */, op::End});
  requireValidBody({}, {op::I64},
                   {op::I64Const, 0x00, op::Br, 0x00, op::I32Add, op::Drop, op::I64Const, 0x00,
                    op::End});
  // Values pushed after the branch are not polymorphic: the i32 is left over.
  requireBodyError({}, {op::I64},
                   {op::I64Const, 0x00, op::Br, 0x00, op::I32Add, op::I64Const, 0x00, op::End},
                   "type mismatch: 1 value(s) left on the stack at the end of the block", 7);
  // The polymorphic bottom does not make the known operands above it disappear.
  requireBodyError({}, {op::I32}, {op::Unreachable, op::I64Const, 0x00, op::End},
                   "type mismatch: expected i32, found i64", 3);
  requireBodyError({}, {}, {op::Unreachable, op::I64Const, 0x00, op::I32Add, op::End},
                   "type mismatch: expected i32, found i64", 3);
  requireBodyError({}, {op::I32}, {op::Return, op::End},
                   "type mismatch: expected i32, found an empty stack", 0);
  // Each block has its own polymorphic bottom.
  requireBodyError({}, {}, {op::Unreachable, op::Block, op::Void, op::I32Add, op::End, op::End},
                   "type mismatch: expected i32, found an empty stack", 3);
}

TEST_CASE("validator: blocks, loops and if", "[binary][validator]") {
  const Bytes types = typeSection({
      funcType({}, {op::I32}),                   // 0
      funcType({op::I32, op::I32}, {op::I32}),   // 1: a block with parameters
      funcType({op::I32}, {op::I32}),            // 2
      funcType({op::I32}, {op::I32, op::I64}),   // 3
  });
  auto function = [&](const Bytes &code) {
    return module({types, functionSection({uleb(0)}), codeSection({body({}, code)})});
  };
  validOk(function({op::I32Const, 0x01, op::I32Const, 0x02, op::Block, blockType(1)[0],
                    op::I32Add, op::End, op::End}));
  // A loop's label takes its parameters: br 0 needs an i32.
  validOk(function({op::I32Const, 0x01, op::Loop, blockType(2)[0], op::Br, 0x00, op::End,
                    op::End}));
  validOk(function({op::I32Const, 0x01, op::Block, blockType(3)[0], op::I64Const, 0x00, op::End,
                    op::Drop, op::End}));
  BodyError error = bodyError(function({op::Block, blockType(1)[0], op::I32Add, op::End, op::End}));
  CHECK(error.message == "type mismatch: expected i32, found an empty stack");
  CHECK(error.at == 0);
  error = bodyError(function({op::Block, 0x09, op::End, op::End}));
  CHECK(error.message == "unknown type 9");
  CHECK(error.at == 0);

  requireValidBody({}, {op::I32},
                   {op::I32Const, 0x01, op::If, op::I32, op::I32Const, 0x01, op::Else,
                    op::I32Const, 0x02, op::End, op::End});
  // `if` without `else` must pass its parameters through as results.
  requireBodyError({}, {op::I32}, {op::I32Const, 0x01, op::If, op::I32, op::I32Const, 0x01,
                                   op::End, op::End},
                   "type mismatch: if without else must have matching parameters and results", 6);
  validOk(function({op::I32Const, 0x05, op::I32Const, 0x01, op::If, blockType(2)[0], op::End,
                    op::End}));
  requireBodyError({}, {}, {op::I64Const, 0x00, op::If, op::Void, op::End, op::End},
                   "type mismatch: expected i32, found i64", 2);
  requireBodyError({}, {op::I32},
                   {op::I32Const, 0x01, op::If, op::I32, op::I32Const, 0x01, op::Else,
                    op::I64Const, 0x02, op::End, op::End},
                   "type mismatch: expected i32, found i64", 9);
  requireBodyError({}, {}, {op::Else, op::End}, "else without a matching if", 0);
  requireBodyError({}, {},
                   {op::I32Const, 0x00, op::If, op::Void, op::Else, op::Else, op::End, op::End},
                   "else without a matching if", 5);
}

TEST_CASE("validator: branches", "[binary][validator]") {
  requireValidBody({}, {op::I32},
                   {op::Block, op::I32, op::I32Const, 0x01, op::I32Const, 0x00, op::BrIf, 0x00,
                    op::End, op::End});
  requireBodyError({}, {}, {op::Br, 0x01, op::End}, "unknown label 1", 0);
  requireBodyError({}, {op::I32}, {op::Block, op::I32, op::Br, 0x00, op::End, op::End},
                   "type mismatch: expected i32, found an empty stack", 2);
  // br_if leaves the label's types on the stack.
  requireBodyError({}, {},
                   {op::Block, op::I32, op::I32Const, 0x01, op::I32Const, 0x00, op::BrIf, 0x00,
                    op::End, op::End},
                   "type mismatch: 1 value(s) left on the stack at the end of the block", 9);

  requireValidBody({}, {},
                   {op::Block, op::Void, op::I32Const, 0x00, op::BrTable, 0x02, 0x00, 0x01,
                    0x00, op::End, op::End});
  requireValidBody({}, {op::I32},
                   {op::Block, op::I32, op::I32Const, 0x07, op::I32Const, 0x00, op::BrTable,
                    0x01, 0x00, 0x01, op::End, op::End});
  requireBodyError({}, {},
                   {op::Block, op::I32, op::I32Const, 0x07, op::I32Const, 0x00, op::BrTable,
                    0x01, 0x00, 0x01, op::End, op::End},
                   "type mismatch: br_table targets have different arities", 6);
  requireBodyError({}, {}, {op::I32Const, 0x00, op::BrTable, 0x00, 0x05, op::End},
                   "unknown label 5", 2);
  // After unreachable, the targets' types are checked against the polymorphic stack.
  requireValidBody({}, {op::I32},
                   {op::Block, op::I32, op::Unreachable, op::BrTable, 0x01, 0x00, 0x01, op::End,
                    op::End});
  // ... even targets of different types, as long as their arities agree (Wasm 2.0).
  requireValidBody({}, {op::I32},
                   {op::Block, op::I64, op::Unreachable, op::BrTable, 0x01, 0x00, 0x01, op::End,
                    op::Drop, op::I32Const, 0x00, op::End});
  requireBodyError({}, {op::I32},
                   {op::Block, op::I32, op::Unreachable, op::I64Const, 0x00, op::I32Const,
                    0x00, op::BrTable, 0x01, 0x00, 0x01, op::End, op::End},
                   "type mismatch: expected i32, found i64", 7);
}

TEST_CASE("validator: calls", "[binary][validator]") {
  const Bytes types = typeSection({funcType({op::I32, op::I64}, {op::F32}), funcType({}, {})});
  auto withCallee = [&](const Bytes &code) {
    return module({types, functionSection({uleb(1), uleb(0)}),
                   tableSection({{op::FuncRef, 0x00, 0x01}}),
                   codeSection({body({}, code), body({}, {op::F32Const, 0, 0, 0, 0, op::End})})});
  };
  validOk(withCallee({op::I32Const, 0x00, op::I64Const, 0x00, op::Call, 0x01, op::Drop, op::End}));
  BodyError error = bodyError(withCallee({op::I64Const, 0x00, op::Call, 0x01, op::Drop, op::End}));
  CHECK(error.message == "type mismatch: expected i32, found an empty stack");
  CHECK(error.at == 2);
  error = bodyError(withCallee({op::Call, 0x02, op::End}));
  CHECK(error.message == "unknown function 2");

  validOk(withCallee({op::I32Const, 0x00, op::I64Const, 0x00, op::I32Const, 0x00,
                      op::CallIndirect, 0x00, 0x00, op::Drop, op::End}));
  error = bodyError(withCallee({op::I32Const, 0x00, op::CallIndirect, 0x07, 0x00, op::End}));
  CHECK(error.message == "unknown type 7");
  CHECK(error.at == 2);
  error = bodyError(withCallee({op::I32Const, 0x00, op::CallIndirect, 0x01, 0x01, op::End}));
  CHECK(error.message == "unknown table 1");
  error = bodyError(module({types, functionSection({uleb(1)}),
                            tableSection({{op::ExternRef, 0x00, 0x01}}),
                            codeSection({body({}, {op::I32Const, 0x00, op::CallIndirect, 0x01,
                                                   0x00, op::End})})}));
  CHECK(error.message == "type mismatch: call_indirect needs a table of function references");
}

TEST_CASE("validator: select", "[binary][validator]") {
  requireValidBody({}, {op::I64},
                   {op::I64Const, 0x01, op::I64Const, 0x02, op::I32Const, 0x00, op::Select,
                    op::End});
  requireBodyError({}, {},
                   {op::I64Const, 0x01, op::I32Const, 0x02, op::I32Const, 0x00, op::Select,
                    op::Drop, op::End},
                   "type mismatch: select operands are i64 and i32", 6);
  // Untyped select is for numeric and vector operands only.
  requireBodyError({}, {},
                   {op::RefNull, op::FuncRef, op::RefNull, op::FuncRef, op::I32Const, 0x00,
                    op::Select, op::Drop, op::End},
                   "type mismatch: select without a type needs numeric or vector operands", 6);
  requireValidBody({}, {op::FuncRef},
                   {op::RefNull, op::FuncRef, op::RefNull, op::FuncRef, op::I32Const, 0x00,
                    op::SelectT, 0x01, op::FuncRef, op::End});
  requireBodyError({}, {},
                   {op::I32Const, 0x01, op::I32Const, 0x01, op::I32Const, 0x00, op::SelectT,
                    0x02, op::I32, op::I32, op::Drop, op::End},
                   "invalid result arity", 6);
  requireBodyError({}, {}, {op::I32Const, 0x00, op::SelectT, 0x00, op::End},
                   "invalid result arity", 2);
}

TEST_CASE("validator: memory operators", "[binary][validator]") {
  validOk(withMemory({op::I32Const, 0x00, op::I32Load, 0x02, 0x00, op::Drop, op::I32Const, 0x00,
                      op::I64Load, 0x03, 0x10, op::Drop, op::I32Const, 0x00, op::I32Const, 0x01,
                      op::I32Store, 0x00, 0x00, op::MemorySize, 0x00, op::MemoryGrow, 0x00,
                      op::Drop, op::End}));
  BodyError error =
      bodyError(withMemory({op::I32Const, 0x00, op::I32Load, 0x03, 0x00, op::Drop, op::End}));
  CHECK(error.message == "alignment must not be larger than natural");
  CHECK(error.at == 2);
  error = bodyError(funcModule({}, {}, {op::I32Const, 0x00, op::I32Load, 0x02, 0x00, op::Drop,
                                        op::End}));
  CHECK(error.message == "unknown memory 0");
  CHECK(error.at == 2);
  error = bodyError(funcModule({}, {}, {op::MemorySize, 0x00, op::Drop, op::End}));
  CHECK(error.message == "unknown memory 0");
  error = bodyError(withMemory({op::F32Const, 0, 0, 0, 0, op::I32Load, 0x02, 0x00, op::Drop,
                                op::End}));
  CHECK(error.message == "type mismatch: expected i32, found f32");

  // Bulk memory: memory.init and data.drop need the data count section when there is data.
  const Bytes initAndDrop = {op::I32Const, 0x00, op::I32Const, 0x00, op::I32Const, 0x00,
                             op::PrefixFC, 0x08, 0x00, 0x00, op::PrefixFC, 0x09, 0x00, op::End};
  auto bulk = [&](bool dataCount, uint32_t segments) {
    Bytes data = dataSection({});
    if (segments == 1)
      data = dataSection({cat({{0x01}, name("x")})});
    return module({typeSection({funcType({}, {})}), functionSection({uleb(0)}),
                   memorySection({{0x00, 0x01}}),
                   dataCount ? dataCountSection(segments) : Bytes{},
                   codeSection({body({}, initAndDrop)}), data});
  };
  validOk(bulk(true, 1));
  error = bodyError(bulk(false, 1));
  CHECK(error.message == "data count section required");
  CHECK(error.at == 6);
  error = bodyError(bulk(false, 0));
  CHECK(error.message == "unknown data segment 0");
  error = bodyError(bulk(true, 0));
  CHECK(error.message == "unknown data segment 0");
  validOk(withMemory({op::I32Const, 0x00, op::I32Const, 0x00, op::I32Const, 0x00, op::PrefixFC,
                      0x0a, 0x00, 0x00, op::I32Const, 0x00, op::I32Const, 0x00, op::I32Const,
                      0x00, op::PrefixFC, 0x0b, 0x00, op::End}));
}

TEST_CASE("validator: SIMD lanes and alignment", "[binary][validator]") {
  auto simd = [](const Bytes &code) {
    return module({typeSection({funcType({op::V128}, {})}), functionSection({uleb(0)}),
                   memorySection({{0x00, 0x01}}), codeSection({body({}, code)})});
  };
  const Bytes v = {op::LocalGet, 0x00};
  validOk(simd(cat({v, {op::PrefixSIMD, 0x15, 0x0f, op::Drop, op::End}})));
  BodyError error = bodyError(simd(cat({v, {op::PrefixSIMD, 0x15, 0x10, op::Drop, op::End}})));
  CHECK(error.message == "invalid lane index");
  CHECK(error.at == 2);
  error = bodyError(simd(cat({v, {op::PrefixSIMD, 0x1d, 0x02, op::Drop, op::End}})));
  CHECK(error.message == "invalid lane index");
  validOk(simd(cat({v, {op::I64Const, 0x00, op::PrefixSIMD, 0x1e, 0x01, op::Drop, op::End}})));

  Bytes shuffle = cat({v, v, {op::PrefixSIMD, 0x0d}});
  for (uint8_t lane = 0; lane < 16; ++lane)
    shuffle.push_back(lane * 2);
  validOk(simd(cat({shuffle, {op::Drop, op::End}})));
  shuffle[shuffle.size() - 1] = 32;
  error = bodyError(simd(cat({shuffle, {op::Drop, op::End}})));
  CHECK(error.message == "invalid lane index");

  // v128.load: natural alignment 16 bytes; v128.load8_lane: lanes 0..15, alignment 1.
  validOk(simd({op::I32Const, 0x00, op::PrefixSIMD, 0x00, 0x04, 0x00, op::Drop, op::End}));
  error = bodyError(simd({op::I32Const, 0x00, op::PrefixSIMD, 0x00, 0x05, 0x00, op::Drop,
                          op::End}));
  CHECK(error.message == "alignment must not be larger than natural");
  validOk(simd(cat({{op::I32Const, 0x00}, v, {op::PrefixSIMD, 0x54, 0x00, 0x00, 0x0f, op::Drop,
                                               op::End}})));
  error = bodyError(simd(cat({{op::I32Const, 0x00}, v, {op::PrefixSIMD, 0x54, 0x00, 0x00, 0x10,
                                                         op::Drop, op::End}})));
  CHECK(error.message == "invalid lane index");
  error = bodyError(simd(cat({{op::I32Const, 0x00}, v, {op::PrefixSIMD, 0x57, 0x00, 0x00, 0x02,
                                                         op::Drop, op::End}})));
  CHECK(error.message == "invalid lane index");
  error = bodyError(simd(cat({{op::I32Const, 0x00}, v, {op::PrefixSIMD, 0x55, 0x02, 0x00, 0x00,
                                                         op::Drop, op::End}})));
  CHECK(error.message == "alignment must not be larger than natural");
  // Operand types of SIMD operators come from the table too: i32x4.add needs two v128.
  error = bodyError(simd(cat({v, {op::I32Const, 0x00, op::PrefixSIMD, 0xae, 0x01, op::Drop,
                                  op::End}})));
  CHECK(error.message == "type mismatch: expected v128, found i32");
  // Relaxed SIMD's sub-opcodes (0x100-0x113, two LEB128 bytes) are in the table: f32x4.relaxed_madd
  // (0x105) takes three v128, i32x4.relaxed_trunc_f32x4_s (0x101) one; 0x114 is no operator.
  validOk(simd(cat({v, v, v, {op::PrefixSIMD, 0x85, 0x02, op::Drop, op::End}})));
  validOk(simd(cat({v, {op::PrefixSIMD, 0x81, 0x02, op::Drop, op::End}})));
  error = bodyError(simd(cat({v, v, {op::PrefixSIMD, 0x85, 0x02, op::Drop, op::End}})));
  CHECK(error.message == "type mismatch: expected v128, found an empty stack");
  error = bodyError(simd(cat({v, {op::PrefixSIMD, 0x94, 0x02, op::Drop, op::End}})));
  CHECK(error.message == "illegal opcode 0xfd 0x114");
}

TEST_CASE("validator: reference types and tables", "[binary][validator]") {
  const Bytes types = typeSection({funcType({}, {})});
  auto tables = [&](const Bytes &code, const Bytes &elements = elementSection({}),
                    const Bytes &exports = exportSection({})) {
    return module({types, functionSection({uleb(0)}),
                   tableSection({{op::FuncRef, 0x00, 0x01}, {op::ExternRef, 0x00, 0x01}}),
                   exports, elements, codeSection({body({}, code)})});
  };
  // table.set and table.fill write table 1, table.grow table 0.
  const auto written =
      validOk(tables({op::I32Const, 0x00, op::TableGet, 0x01, op::RefIsNull, op::Drop, op::I32Const,
                      0x00, op::RefNull, op::ExternRef, op::TableSet, 0x01, op::RefNull,
                      op::FuncRef, op::I32Const, 0x01, op::PrefixFC, 0x0f, 0x00, op::Drop,
                      op::PrefixFC, 0x10, 0x01, op::Drop, op::I32Const, 0x00, op::RefNull,
                      op::ExternRef, op::I32Const, 0x01, op::PrefixFC, 0x11, 0x01, op::End}));
  CHECK(written->tablesWrittenByCode == std::vector<bool>{true, true});
  // table.get and table.size only read.
  const auto read = validOk(tables({op::I32Const, 0x00, op::TableGet, 0x00, op::Drop,
                                    op::PrefixFC, 0x10, 0x01, op::Drop, op::End}));
  CHECK(read->tablesWrittenByCode == std::vector<bool>{false, false});
  BodyError error = bodyError(tables({op::I32Const, 0x00, op::RefNull, op::FuncRef, op::TableSet,
                                      0x01, op::End}));
  CHECK(error.message == "type mismatch: expected externref, found funcref");
  CHECK(error.at == 4);
  error = bodyError(tables({op::I32Const, 0x00, op::TableGet, 0x02, op::Drop, op::End}));
  CHECK(error.message == "unknown table 2");
  error = bodyError(tables({op::I32Const, 0x00, op::RefIsNull, op::Drop, op::End}));
  CHECK(error.message == "type mismatch: expected a reference, found i32");
  error = bodyError(tables({op::I32Const, 0x00, op::I32Const, 0x00, op::I32Const, 0x00,
                            op::PrefixFC, 0x0e, 0x00, 0x01, op::End}));
  CHECK(error.message == "type mismatch: table.copy from a table whose type is not a subtype");

  // table.init and elem.drop name element segments.
  const Bytes passive = elementSection({cat({{0x01, 0x00}, vec({uleb(0)})})});
  validOk(tables({op::I32Const, 0x00, op::I32Const, 0x00, op::I32Const, 0x00, op::PrefixFC, 0x0c,
                  0x00, 0x00, op::PrefixFC, 0x0d, 0x00, op::End},
                 passive));
  error = bodyError(tables({op::I32Const, 0x00, op::I32Const, 0x00, op::I32Const, 0x00,
                            op::PrefixFC, 0x0c, 0x00, 0x01, op::End},
                           passive));
  CHECK(error.message == "type mismatch: table.init of a segment whose type is not a subtype");
  error = bodyError(tables({op::PrefixFC, 0x0d, 0x01, op::End}, passive));
  CHECK(error.message == "unknown elem segment 1");

  // ref.func needs the function to be referenced outside function bodies (C.refs).
  const Bytes refFunc = {op::RefFunc, 0x00, op::Drop, op::End};
  error = bodyError(tables(refFunc));
  CHECK(error.message == "undeclared function reference");
  CHECK(error.at == 0);
  validOk(tables(refFunc, elementSection({cat({{0x03, 0x00}, vec({uleb(0)})})})));
  validOk(tables(refFunc, elementSection({}), exportSection({cat({name("f"), {0x00, 0x00}})})));
  validOk(tables(refFunc, passive));
  error = bodyError(tables({op::RefFunc, 0x05, op::Drop, op::End}));
  CHECK(error.message == "unknown function 5");
}

TEST_CASE("validator: constant expressions and segments", "[binary][validator]") {
  const Bytes importedGlobals = importSection({
      cat({name("env"), name("c"), {0x03, op::I32, 0x00}}),
      cat({name("env"), name("m"), {0x03, op::I32, 0x01}}),
  });
  auto globals = [&](std::initializer_list<Bytes> defined) {
    return module({importedGlobals, globalSection(defined)});
  };
  auto global = [](uint8_t type, const Bytes &init) { return cat({{type, 0x00}, init}); };
  auto requireGlobalError = [&](std::initializer_list<Bytes> defined, const std::string &message,
                                uint64_t at) {
    const DecodeFailure failure = invalid(globals(defined));
    CHECK(failure.message == message);
    CHECK(failure.offset == at);
  };
  // Offsets: header 8, the import section 21, global section id, size and count 3, type 2.
  validOk(globals({global(op::I32, {op::GlobalGet, 0x00, op::End}),
                   global(op::I64, {op::I64Const, 0x00, op::End}),
                   global(op::FuncRef, {op::RefNull, op::FuncRef, op::End}),
                   global(op::V128, cat({{op::PrefixSIMD, 0x0c}, Bytes(16), {op::End}}))}));
  requireGlobalError({global(op::I32, {op::GlobalGet, 0x01, op::End})},
                     "constant expression required", 34);
  // Wasm 3.0: the globals before it, imported or not; extended constant expressions.
  validOk(globals({global(op::I32, {op::I32Const, 0x00, op::End}),
                   global(op::I32, {op::GlobalGet, 0x02, op::I32Const, 0x02, op::I32Mul,
                                    op::GlobalGet, 0x00, op::I32Sub, op::End})}));
  requireGlobalError({global(op::I32, {op::GlobalGet, 0x02, op::End}),
                      global(op::I32, {op::I32Const, 0x00, op::End})},
                     "unknown global 2", 34);
  requireGlobalError({global(op::I32, {op::I32Const, 0x01, op::I64Const, 0x02, op::I32Add,
                                       op::End})},
                     "type mismatch: expected i32 operands", 38);
  Features noExtendedConst;
  noExtendedConst.extendedConst = false;
  CHECK(invalid(globals({global(op::I32, {op::I32Const, 0x01, op::I32Const, 0x02, op::I32Add,
                                          op::End})}),
                noExtendedConst)
            .message == "constant expression required");
  requireGlobalError({global(op::I32, {op::Nop, op::I32Const, 0x00, op::End})},
                     "constant expression required", 34);
  requireGlobalError({global(op::I32, {op::I64Const, 0x00, op::End})},
                     "type mismatch: expected i32, found i64", 34);
  requireGlobalError({global(op::I32, {op::End})},
                     "type mismatch: expected one i32, the constant expression has 0 values", 34);
  requireGlobalError({global(op::I32, {op::I32Const, 0x00, op::I32Const, 0x00, op::End})},
                     "type mismatch: expected one i32, the constant expression has 2 values", 34);
  requireGlobalError({global(op::FuncRef, {op::RefFunc, 0x00, op::End})}, "unknown function 0",
                     34);

  // Segments: the table and memory must exist and the offset be an i32 constant.
  const Bytes function = cat({typeSection({funcType({}, {})}), functionSection({uleb(0)})});
  const Bytes code = codeSection({body({}, {op::End})});
  DecodeFailure failure =
      invalid(cat({header(), function,
                   elementSection({cat({{0x00, op::I32Const, 0x00, op::End}, vec({uleb(0)})})}),
                   code}));
  CHECK(failure.message == "unknown table 0");
  CHECK(failure.offset == 21);
  failure = invalid(cat({header(), function, tableSection({{op::FuncRef, 0x00, 0x01}}),
                         elementSection({cat({{0x00, op::I64Const, 0x00, op::End}, vec({})})}),
                         code}));
  CHECK(failure.message == "type mismatch: expected i32, found i64");
  failure = invalid(cat({header(), function, tableSection({{op::ExternRef, 0x00, 0x01}}),
                         elementSection({cat({{0x00, op::I32Const, 0x00, op::End}, vec({})})}),
                         code}));
  CHECK(failure.message == "type mismatch: element segment's type does not match the table's");
  failure = invalid(cat({header(), function, tableSection({{op::FuncRef, 0x00, 0x01}}),
                         elementSection({cat({{0x05, op::ExternRef},
                                              vec({{op::RefNull, op::FuncRef, op::End}})})}),
                         code}));
  CHECK(failure.message == "type mismatch: expected externref, found funcref");
  failure = invalid(module({dataSection({cat({{0x00, op::I32Const, 0x00, op::End}, name("")})})}));
  CHECK(failure.message == "unknown memory 0");
  CHECK(failure.offset == 11);
  failure = invalid(module({memorySection({{0x00, 0x01}}),
                            dataSection({cat({{0x02, 0x01, op::I32Const, 0x00, op::End},
                                              name("")})})}));
  CHECK(failure.message == "unknown memory 1");
  failure = invalid(module({memorySection({{0x00, 0x01}}),
                            dataSection({cat({{0x00, op::F32Const, 0, 0, 0, 0, op::End},
                                              name("")})})}));
  CHECK(failure.message == "type mismatch: expected i32, found f32");
}

TEST_CASE("validator: limits, exports and start", "[binary][validator]") {
  validOk(module({memorySection({{0x01, 0x00, 0x80, 0x80, 0x04}})})); // max 65536 pages
  DecodeFailure failure = invalid(module({memorySection({{0x00, 0x81, 0x80, 0x04}})}));
  CHECK(failure.message == "memory size must be at most 65536 pages (4GiB)");
  CHECK(failure.offset == 11);
  failure = invalid(module({memorySection({{0x01, 0x00, 0x81, 0x80, 0x04}})}));
  CHECK(failure.message == "memory size must be at most 65536 pages (4GiB)");
  failure = invalid(module({memorySection({{0x01, 0x02, 0x01}})}));
  CHECK(failure.message == "size minimum must not be greater than maximum");
  failure = invalid(module({tableSection({{op::FuncRef, 0x01, 0x02, 0x01}})}));
  CHECK(failure.message == "size minimum must not be greater than maximum");
  CHECK(failure.offset == 11);
  validOk(module({tableSection({{op::FuncRef, 0x00, 0xff, 0xff, 0xff, 0xff, 0x0f}})}));
  // Multiple memories: Wasm 3.0, refused by Wasm 2.0.
  validOk(module({memorySection({{0x00, 0x01}, {0x00, 0x01}})}));
  failure = invalid(module({memorySection({{0x00, 0x01}, {0x00, 0x01}})}), Features::wasm2());
  CHECK(failure.message == "unsupported: multiple memories");
  CHECK(failure.offset == 13);
  failure = invalid(module({importSection({cat({name("a"), name("b"), {0x02, 0x00, 0x00}})}),
                            memorySection({{0x00, 0x01}})}),
                    Features::wasm2());
  CHECK(failure.message == "unsupported: multiple memories");
  // A shared memory needs a maximum.
  validOk(module({memorySection({{0x03, 0x01, 0x02}})}));
  failure = invalid(module({memorySection({{0x02, 0x01}})}));
  CHECK(failure.message == "shared memory must have maximum");
  // memory64: up to 2^48 pages.
  validOk(module({memorySection({{0x04, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40}})}));
  failure = invalid(module({memorySection({{0x04, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40}})}));
  CHECK(failure.message == "memory size must be at most 2^48 pages (2^64 bytes)");
  failure = invalid(module({importSection({cat({name("a"), name("b"), {0x00, 0x00}})})}));
  CHECK(failure.message == "unknown type 0");
  CHECK(failure.offset == 11);
  failure = invalid(module({typeSection({funcType({}, {})}), functionSection({uleb(3)}),
                            codeSection({body({}, {op::End})})}));
  CHECK(failure.message == "unknown type 3");

  const Bytes types = typeSection({funcType({}, {}), funcType({op::I32}, {})});
  const Bytes code = codeSection({body({}, {op::End}), body({}, {op::End})});
  auto exporting = [&](std::initializer_list<Bytes> exports) {
    return module({types, functionSection({uleb(0), uleb(1)}), memorySection({{0x00, 0x01}}),
                   exportSection(exports), code});
  };
  validOk(exporting({cat({name("a"), {0x00, 0x00}}), cat({name("b"), {0x00, 0x01}}),
                     cat({name("memory"), {0x02, 0x00}})}));
  failure = invalid(exporting({cat({name("a"), {0x00, 0x00}}), cat({name("a"), {0x02, 0x00}})}));
  CHECK(failure.message == "duplicate export name");
  CHECK(failure.offset == 35); // the second export: after types 10, functions 5, memory 5,
                               // export id, size, count and the first export 4
  failure = invalid(exporting({cat({name("a"), {0x00, 0x02}})}));
  CHECK(failure.message == "unknown function 2");
  failure = invalid(exporting({cat({name("a"), {0x03, 0x00}})}));
  CHECK(failure.message == "unknown global 0");
  failure = invalid(exporting({cat({name("a"), {0x01, 0x00}})}));
  CHECK(failure.message == "unknown table 0");

  auto starting = [&](uint32_t function) {
    return module({types, functionSection({uleb(0), uleb(1)}), startSection(function), code});
  };
  validOk(starting(0));
  failure = invalid(starting(1));
  CHECK(failure.message == "start function must not have parameters or results");
  CHECK(failure.offset == 25);
  failure = invalid(starting(2));
  CHECK(failure.message == "unknown function 2");
}

TEST_CASE("validator: malformed bodies", "[binary][validator]") {
  requireBodyError({}, {}, {0xff, op::End}, "illegal opcode 0xff", 0);
  requireBodyError({}, {}, {op::Nop, op::PrefixFC, 0x20, op::End}, "illegal opcode 0xfc 0x20", 1);
  requireBodyError({}, {}, {op::Nop, op::PrefixSIMD, 0x9a, 0x01, op::End},
                   "illegal opcode 0xfd 0x9a", 1);
  // A memory index other than 0 names a memory the module must have.
  requireBodyError({}, {}, {op::MemorySize, 0x01, op::End}, "unknown memory 1", 0);
  // In Wasm 2.0 it is a zero byte.
  const BodyError wasm2 =
      bodyError(funcModule({}, {}, {op::MemorySize, 0x01, op::End}), Features::wasm2());
  CHECK(wasm2.message == "zero byte expected");
  CHECK(wasm2.at == 1);
  requireBodyError({}, {}, {op::End, op::Nop, op::End},
                   "section size mismatch: operators after the function's final end", 1);
  // The body's last byte is an `end`, but one that closes a block, not the function.
  requireBodyError({}, {}, {op::Block, op::Void, op::End}, "unexpected end of section or function",
                   3);
  // The final byte is taken as the last byte of an immediate.
  requireBodyError({}, {}, {op::I64Const, 0x80, 0x80, op::End},
                   "unexpected end of section or function", 4);

  // Decoding precedes validation: a malformed body wins over an invalid one before it, and over
  // an invalid module.
  const Bytes types = typeSection({funcType({}, {})});
  DecodeFailure failure = invalid(module({types, functionSection({uleb(0), uleb(0)}),
                                          codeSection({body({}, {op::I32Add, op::End}),
                                                       body({}, {op::Nop, 0xff, op::End})})}));
  CHECK(failure.message == "illegal opcode 0xff");
  failure = invalid(module({types, functionSection({uleb(0)}),
                            exportSection({cat({name("a"), {0x00, 0x00}}),
                                           cat({name("a"), {0x00, 0x00}})}),
                            codeSection({body({}, {0xd3, op::End})})}));
  CHECK(failure.message == "unsupported: garbage collection (opcode 0xd3)");
}

TEST_CASE("validator: disabled features", "[binary][validator]") {
  Features noSimd;
  noSimd.simd = false;
  BodyError error = bodyError(
      funcModule({}, {}, {op::I32Const, 0x00, op::PrefixSIMD, 0x0f, op::Drop, op::End}), noSimd);
  CHECK(error.message == "feature not enabled: simd");
  CHECK(error.at == 2);
  Features noSignExtension;
  noSignExtension.signExtension = false;
  error = bodyError(funcModule({}, {}, {op::I32Const, 0x00, 0xc0, op::Drop, op::End}),
                    noSignExtension);
  CHECK(error.message == "feature not enabled: sign extension");
  // Relaxed SIMD is off in Wasm 2.0 (i8x16.relaxed_swizzle, 0xFD 0x100).
  error = bodyError(funcModule({op::V128}, {}, {op::LocalGet, 0x00, op::LocalGet, 0x00,
                                                op::PrefixSIMD, 0x80, 0x02, op::Drop, op::End}),
                    Features::wasm2());
  CHECK(error.message == "feature not enabled: relaxed SIMD");
  CHECK(error.at == 4);
  Features noMultiValue;
  noMultiValue.multiValue = false;
  error = bodyError(module({typeSection({funcType({}, {}), funcType({op::I32}, {op::I32})}),
                            functionSection({uleb(0)}),
                            codeSection({body({}, {op::I32Const, 0x00, op::Block, 0x01, op::End,
                                                   op::Drop, op::End})})}),
                    noMultiValue);
  CHECK(error.message == "invalid result arity");
  Features noMutableGlobals;
  noMutableGlobals.mutableGlobals = false;
  CHECK(invalid(module({importSection({cat({name("a"), name("b"), {0x03, op::I32, 0x01}})})}),
                noMutableGlobals)
            .message == "feature not enabled: mutable globals");
}

// A function of some size exercising most control constructs: an iterative factorial.
TEST_CASE("validator: a complete function", "[binary][validator]") {
  requireValidBody({op::I64}, {op::I64},
                   {op::I64Const, 0x01, op::LocalSet, 0x01,                  // acc = 1
                    op::Block, op::Void, op::Loop, op::Void,                 // loop
                    op::LocalGet, 0x00, op::I64Const, 0x02, 0x53 /* lt_s */, // n < 2?
                    op::BrIf, 0x01,                                          // -> exit
                    op::LocalGet, 0x01, op::LocalGet, 0x00, 0x7e /* mul */, op::LocalSet, 0x01,
                    op::LocalGet, 0x00, op::I64Const, 0x01, 0x7d /* sub */, op::LocalSet, 0x00,
                    op::Br, 0x00, op::End, op::End, op::LocalGet, 0x01, op::End},
                   {locals(1, op::I64)});
}

TEST_CASE("validator: wide arithmetic", "[binary][validator]") {
  const uint8_t add128 = 19, sub128 = 20, mulWideS = 21, mulWideU = 22;
  const Bytes fourI64 = {op::I64, op::I64, op::I64, op::I64};
  const Bytes getFour = {op::LocalGet, 0, op::LocalGet, 1, op::LocalGet, 2, op::LocalGet, 3};
  // [i64 i64 i64 i64] -> [i64 i64] and [i64 i64] -> [i64 i64], typed from the operator table.
  for (uint8_t code : {add128, sub128})
    requireValidBody(fourI64, {op::I64, op::I64}, cat({getFour, {op::PrefixFC, code, op::End}}));
  for (uint8_t code : {mulWideS, mulWideU})
    requireValidBody({op::I64, op::I64}, {op::I64, op::I64},
                     {op::LocalGet, 0, op::LocalGet, 1, op::PrefixFC, code, op::End});
  // The operands are four i64 (the deepest checked last), the results two.
  requireBodyError({op::I64, op::I64, op::I64, op::I32}, {op::I64, op::I64},
                   cat({getFour, {op::PrefixFC, sub128, op::End}}),
                   "type mismatch: expected i64, found i32", 8);
  requireBodyError({op::I32, op::I64, op::I64, op::I64}, {op::I64, op::I64},
                   cat({getFour, {op::PrefixFC, add128, op::End}}),
                   "type mismatch: expected i64, found i32", 8);
  requireBodyError({op::I64}, {op::I64, op::I64},
                   {op::LocalGet, 0, op::PrefixFC, mulWideU, op::End},
                   "type mismatch: expected i64, found an empty stack", 2);
  requireBodyError({op::I64, op::I64}, {op::I64},
                   {op::LocalGet, 0, op::LocalGet, 1, op::PrefixFC, mulWideS, op::End},
                   "type mismatch: 1 value(s) left on the stack at the end of the block", 6);
  // 0xFC 23 is no operator.
  requireBodyError({}, {}, {op::PrefixFC, 23, op::End}, "illegal opcode 0xfc 0x17", 0);
  // Off in Wasm 2.0, with the feature's name.
  BodyError error = bodyError(
      funcModule({op::I64, op::I64}, {op::I64, op::I64},
                 {op::LocalGet, 0, op::LocalGet, 1, op::PrefixFC, mulWideU, op::End}),
      Features::wasm2());
  CHECK(error.message == "feature not enabled: wide arithmetic");
  CHECK(error.at == 4);
}
