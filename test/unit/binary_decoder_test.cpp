// The decoder on hand-assembled modules: what a well-formed module decodes to, and the exact error
// (message and offset) for each kind of malformation.

#include "binary_test_support.h"

using namespace wasmc::binary;
using namespace wasmc::binary::test;

namespace {

void requireFailure(const Bytes &bytes, uint64_t offset, const std::string &message) {
  const DecodeFailure failure = decodeFails(bytes);
  CHECK(failure.message == message);
  CHECK(failure.offset == offset);
}

const Bytes kI32Zero = {op::I32Const, 0x00, op::End};

} // namespace

TEST_CASE("decoder: header", "[binary][decoder]") {
  requireFailure({}, 0, "unexpected end");
  requireFailure({0x00, 0x61, 0x73}, 0, "unexpected end");
  requireFailure({0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00}, 4, "unexpected end");
  requireFailure({0x00, 0x41, 0x53, 0x4d, 0x01, 0x00, 0x00, 0x00}, 0, "magic header not detected");
  requireFailure({0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00}, 4, "unknown binary version");

  const auto empty = decodeOk(header());
  CHECK(empty->types.empty());
  CHECK(empty->functionTypes.empty());
  CHECK(empty->bodies.empty());
  CHECK_FALSE(empty->start.has_value());
  CHECK_FALSE(empty->dataCount.has_value());
}

TEST_CASE("decoder: section framing", "[binary][decoder]") {
  requireFailure(module({Bytes{0x0e, 0x00}}), 8, "malformed section id");
  // The tag section (13): one tag of type 0, then one whose attribute is not 0 (an exception);
  // it comes after the memory section and before the global section; Wasm 2.0 has no section 13.
  const auto tagged = decodeOk(module({typeSection({funcType({op::I32}, {})}), section(13, {0x01, 0x00, 0x00})}));
  CHECK(tagged->tagTypes == std::vector<uint32_t>{0});
  CHECK(tagged->numImportedTags == 0u);
  requireFailure(module({section(13, {0x01, 0x01, 0x00})}), 11, "malformed tag attribute");
  requireFailure(module({section(13, {0x00}), section(5, {0x00})}), 11,
                 "unexpected content after last section");
  CHECK(decodeOk(module({section(13, {0x00}), section(6, {0x00})}))->tagTypes.empty());
  CHECK(decodeFails(module({section(13, {0x00})}), Features::wasm2()).message ==
        "malformed section id");
  requireFailure(module({Bytes{0x01, 0x05, 0x00}}), 9, "length out of bounds");
  // A type section whose count is followed by a stray byte.
  requireFailure(module({section(1, {0x00, 0x00})}), 11, "section size mismatch");
  // A section truncated at the end of the module.
  requireFailure(module({Bytes{0x01}}), 9, "unexpected end of section or function");
  // Content that runs past the section's declared size.
  requireFailure(module({section(4, {0x01, op::FuncRef})}), 12,
                 "unexpected end of section or function");
  // Counts beyond what is left of the module.
  requireFailure(module({section(1, uleb(0xffffffff))}), 10, "length out of bounds");
}

TEST_CASE("decoder: section order", "[binary][decoder]") {
  // Out of order, repeated, and data count after code.
  requireFailure(module({functionSection({}), typeSection({})}), 11,
                 "unexpected content after last section");
  requireFailure(module({typeSection({}), typeSection({})}), 11,
                 "unexpected content after last section");
  requireFailure(module({startSection(0), startSection(0)}), 11,
                 "unexpected content after last section");
  requireFailure(module({codeSection({}), dataCountSection(0)}), 11,
                 "unexpected content after last section");

  // Every section in the specification's order, with custom sections in between.
  const auto m = decodeOk(module({
      customSection("first", {}),
      typeSection({funcType({}, {})}),
      importSection({}),
      functionSection({uleb(0)}),
      tableSection({}),
      memorySection({}),
      globalSection({}),
      customSection("middle", {}),
      exportSection({}),
      startSection(0),
      elementSection({}),
      dataCountSection(0),
      codeSection({body({}, {op::End})}),
      dataSection({}),
      customSection("last", {}),
  }));
  REQUIRE(m->customSections.size() == 3);
  CHECK(m->customSections[1].name == "middle");
  CHECK(m->start == 0u);
  CHECK(m->dataCount == 0u);
}

TEST_CASE("decoder: custom sections", "[binary][decoder]") {
  const auto m = decodeOk(module({customSection("a", {1, 2, 3}), customSection("", {})}));
  REQUIRE(m->customSections.size() == 2);
  CHECK(m->customSections[0].name == "a");
  CHECK(m->customSections[0].contentOffset == 12); // header, id, size, name
  CHECK(m->customSections[0].contentSize == 3);
  CHECK(m->customSections[1].name.empty());
  CHECK(m->customSections[1].contentSize == 0);

  requireFailure(module({section(0, {0x01, 0xff})}), 11, "malformed UTF-8 encoding");
  // Overlong encoding of '/', a surrogate, and a truncated sequence.
  requireFailure(module({section(0, {0x02, 0xc0, 0xaf})}), 11, "malformed UTF-8 encoding");
  requireFailure(module({section(0, {0x03, 0xed, 0xa0, 0x80})}), 11, "malformed UTF-8 encoding");
  requireFailure(module({section(0, {0x02, 0xe2, 0x82})}), 11, "malformed UTF-8 encoding");
  // No room for the name.
  requireFailure(module({section(0, {})}), 10, "unexpected end of section or function");
  requireFailure(module({section(0, {0x05, 'a'})}), 11, "length out of bounds");
}

TEST_CASE("decoder: LEB128 integers", "[binary][decoder]") {
  auto memory = [](const Bytes &min) { return module({section(5, cat({{0x01, 0x00}, min}))}); };
  CHECK(decodeOk(memory({0x82, 0x80, 0x80, 0x80, 0x00}))->memories[0].limits.min == 2);
  requireFailure(memory({0x82, 0x80, 0x80, 0x80, 0x80, 0x00}), 12,
                 "integer representation too long");
  requireFailure(memory({0x82, 0x80, 0x80, 0x80, 0x70}), 12, "integer too large");
  requireFailure(memory({0x82, 0x80}), 12, "unexpected end of section or function");

  auto global = [](const Bytes &constant) {
    return module({globalSection({cat({{op::I32, 0x00, op::I32Const}, constant, {op::End}})})});
  };
  CHECK(decodeOk(global({0x7f}))->globalInits[0].instructions[0].value.i32 == -1);
  const auto fiveBytes = decodeOk(global({0xff, 0xff, 0xff, 0xff, 0x7f}));
  CHECK(fiveBytes->globalInits[0].instructions[0].value.i32 == -1);
  requireFailure(global({0xff, 0xff, 0xff, 0xff, 0x4f}), 14, "integer too large");
  requireFailure(global({0x80, 0x80, 0x80, 0x80, 0x80, 0x00}), 14,
                 "integer representation too long");
}

TEST_CASE("decoder: types", "[binary][decoder]") {
  const auto m = decodeOk(module({typeSection({
      funcType({op::I32, op::I64}, {op::F32}),
      funcType({op::V128, op::FuncRef, op::ExternRef}, {op::F64, op::I32}),
      funcType({}, {}),
  })}));
  REQUIRE(m->types.size() == 3);
  CHECK(m->types[0].params == std::vector<ValType>{ValType::I32, ValType::I64});
  CHECK(m->types[0].results == std::vector<ValType>{ValType::F32});
  CHECK(m->types[1].params ==
        std::vector<ValType>{ValType::V128, ValType::FuncRef, ValType::ExternRef});
  CHECK(m->types[1].results.size() == 2);
  CHECK(m->types[2].params.empty());

  requireFailure(module({typeSection({{0x61, 0x00, 0x00}})}), 11, "malformed function type");
  // The form is a 7-bit signed LEB128 to the reference interpreter: a continuation is too long.
  requireFailure(module({typeSection({{0xe0, 0x7f, 0x00, 0x00}})}), 12,
                 "integer representation too long");
  requireFailure(module({typeSection({funcType({0x7a}, {})})}), 13, "malformed value type");

  Features noSimd;
  noSimd.simd = false;
  const DecodeFailure failure =
      decodeFails(module({typeSection({funcType({op::V128}, {})})}), noSimd);
  CHECK(failure.message == "feature not enabled: simd");
  CHECK(failure.offset == 13);
  Features noMultiValue;
  noMultiValue.multiValue = false;
  CHECK(decodeFails(module({typeSection({funcType({}, {op::I32, op::I32})})}), noMultiValue)
            .message == "invalid result arity");
}

TEST_CASE("decoder: imports and index spaces", "[binary][decoder]") {
  const auto m = decodeOk(module({
      typeSection({funcType({op::I32}, {})}),
      importSection({
          cat({name("env"), name("f"), {0x00}, uleb(0)}),
          cat({name("env"), name("t"), {0x01, op::ExternRef, 0x00, 0x01}}),
          cat({name("env"), name("m"), {0x02, 0x01, 0x01, 0x02}}),
          cat({name("env"), name("g"), {0x03, op::I64, 0x01}}),
      }),
      functionSection({uleb(0), uleb(0)}),
      tableSection({{op::FuncRef, 0x00, 0x05}}),
      globalSection({cat({{op::I32, 0x00}, kI32Zero})}),
      codeSection({body({}, {op::End}), body({}, {op::End})}),
  }));
  REQUIRE(m->imports.size() == 4);
  CHECK(m->imports[0].module == "env");
  CHECK(m->imports[0].name == "f");
  CHECK(m->imports[0].kind == ExternKind::Func);
  CHECK(m->imports[1].kind == ExternKind::Table);
  CHECK(m->imports[1].table.elemType == ValType::ExternRef);
  CHECK(m->imports[2].memory.limits.max == 2u);
  CHECK(m->imports[3].global.isMutable);

  CHECK(m->numImportedFunctions == 1);
  CHECK(m->functionTypes.size() == 3);
  CHECK(m->numDefinedFunctions() == 2);
  CHECK(m->numImportedTables == 1);
  REQUIRE(m->tables.size() == 2);
  CHECK(m->tables[1].limits.min == 5);
  CHECK_FALSE(m->tables[1].limits.max.has_value());
  CHECK(m->numImportedMemories == 1);
  CHECK(m->memories.size() == 1);
  CHECK(m->numImportedGlobals == 1);
  REQUIRE(m->globals.size() == 2);
  CHECK(m->globals[0].type == ValType::I64);
  CHECK(m->globals[1].type == ValType::I32);
  REQUIRE(m->globalInits.size() == 1);
  CHECK(m->globalInits[0].instructions.size() == 1);
  CHECK(m->globalInits[0].instructions[0].op == Opcode::I32Const);
  REQUIRE(m->bodies.size() == 2);

  // Offsets: header 8, section id and size 2, count 1, two empty names 2.
  requireFailure(module({importSection({{0x00, 0x00, 0x04, 0x01, 0x00}})}), 14,
                 "malformed tag attribute");
  CHECK(decodeOk(module({importSection({{0x00, 0x00, 0x04, 0x00, 0x02}})}))->tagTypes ==
        std::vector<uint32_t>{2});
  requireFailure(module({importSection({{0x00, 0x00, 0x05}})}), 13, "malformed import kind");
  requireFailure(module({importSection({{0x00, 0x00, 0x80}})}), 13, "malformed import kind");
  requireFailure(module({importSection({{0x00, 0x00, 0x03, op::I32, 0x02}})}), 15,
                 "malformed mutability");
  // Threads: a shared memory (whose maximum the validator requires); refused by Wasm 2.0.
  CHECK(decodeOk(module({importSection({{0x00, 0x00, 0x02, 0x03, 0x00, 0x01}})}))
            ->memories[0]
            .limits.shared);
  CHECK(decodeFails(module({importSection({{0x00, 0x00, 0x02, 0x02, 0x00}})}), Features::wasm2())
            .message == "unsupported: threads (shared memory)");
  // memory64: 64-bit limits (Wasm 3.0), of memories and tables (table64).
  const auto memory64 = decodeOk(module({importSection(
      {{0x00, 0x00, 0x02, 0x05, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}})}));
  CHECK(memory64->memories[0].limits.is64);
  CHECK(memory64->memories[0].limits.max == 0xfffffffffull);
  CHECK(memory64->memories[0].addressType() == ValType::I64);
  CHECK(decodeFails(module({importSection({{0x00, 0x00, 0x02, 0x04, 0x00}})}), Features::wasm2())
            .message == "unsupported: memory64 (64-bit limits)");
  const auto table64 =
      decodeOk(module({importSection({{0x00, 0x00, 0x01, op::FuncRef, 0x04, 0x00}})}));
  CHECK(table64->tables[0].addressType() == ValType::I64);
  requireFailure(module({importSection({{0x00, 0x00, 0x01, op::FuncRef, 0x02, 0x00}})}), 15,
                 "integer too large");
  requireFailure(module({importSection({{0x00, 0x00, 0x02, 0x08, 0x00}})}), 14,
                 "integer too large");
  requireFailure(module({importSection({{0x00, 0x00, 0x02, 0x81, 0x00, 0x00}})}), 15,
                 "integer representation too long");
  requireFailure(module({importSection({{0x00, 0x00, 0x01, op::I32, 0x00, 0x00}})}), 14,
                 "malformed reference type");
  requireFailure(module({importSection({{0x01, 0x80, 0x00, 0x00, 0x00}})}), 12,
                 "malformed UTF-8 encoding");
}

TEST_CASE("decoder: exports and start", "[binary][decoder]") {
  const auto m = decodeOk(module({
      typeSection({funcType({}, {})}),
      functionSection({uleb(0)}),
      exportSection({cat({name("run"), {0x00}, uleb(0)}), cat({name("mem"), {0x02}, uleb(0)})}),
      startSection(0),
      codeSection({body({}, {op::End})}),
  }));
  REQUIRE(m->exports.size() == 2);
  CHECK(m->exports[0].name == "run");
  CHECK(m->exports[1].kind == ExternKind::Memory);
  CHECK(m->exports[1].offset == 27); // types 6, functions 4, export id, size, count, "run"
  CHECK(m->start == 0u);

  CHECK(decodeOk(module({exportSection({cat({name("x"), {0x04, 0x00}})})}))->exports[0].kind ==
        ExternKind::Tag);
  requireFailure(module({exportSection({cat({name("x"), {0x05, 0x00}})})}), 13,
                 "malformed export kind");
}

TEST_CASE("decoder: the eight element segment encodings", "[binary][decoder]") {
  const Bytes refFunc0 = {op::RefFunc, 0x00, op::End};
  const Bytes refNull = {op::RefNull, op::FuncRef, op::End};
  const auto m = validOk(module({
      typeSection({funcType({}, {})}),
      functionSection({uleb(0)}),
      tableSection({{op::FuncRef, 0x00, 0x10}}),
      elementSection({
          cat({{0x00}, kI32Zero, vec({uleb(0)})}),
          cat({{0x01, 0x00}, vec({uleb(0), uleb(0)})}),
          cat({{0x02, 0x00}, {op::I32Const, 0x01, op::End}, {0x00}, vec({uleb(0)})}),
          cat({{0x03, 0x00}, vec({uleb(0)})}),
          cat({{0x04}, {op::I32Const, 0x02, op::End}, vec({refFunc0, refNull})}),
          cat({{0x05, op::FuncRef}, vec({refNull})}),
          cat({{0x06, 0x00}, {op::I32Const, 0x03, op::End}, {op::FuncRef}, vec({refFunc0})}),
          cat({{0x07, op::FuncRef}, vec({refFunc0})}),
      }),
      codeSection({body({}, {op::End})}),
  }));
  REQUIRE(m->elemSegments.size() == 8);
  const SegmentMode modes[8] = {SegmentMode::Active,  SegmentMode::Passive,
                                SegmentMode::Active,  SegmentMode::Declarative,
                                SegmentMode::Active,  SegmentMode::Passive,
                                SegmentMode::Active,  SegmentMode::Declarative};
  const size_t itemCounts[8] = {1, 2, 1, 1, 2, 1, 1, 1};
  for (int i = 0; i < 8; ++i) {
    INFO("segment " << i);
    const ElemSegment &segment = m->elemSegments[i];
    CHECK(segment.mode == modes[i]);
    // Function indices are non-null (Wasm 3.0); expressions are funcrefs unless typed otherwise.
    CHECK(segment.elemType == (i < 4 ? ValType::ref(HeapKind::Func, false) : ValType::FuncRef));
    CHECK(segment.items.size() == itemCounts[i]);
    for (const ConstExpr &item : segment.items)
      CHECK(item.instructions.size() == 1);
  }
  CHECK(m->elemSegments[2].offsetExpr.instructions[0].value.i32 == 1);
  CHECK(m->elemSegments[6].offsetExpr.instructions[0].value.i32 == 3);
  // Function indices become ref.func, at the index's offset.
  const Instruction &item = m->elemSegments[0].items[0].instructions[0];
  CHECK(item.op == Opcode::RefFunc);
  CHECK(item.index == 0);
  CHECK(item.offset == m->elemSegments[0].items[0].offset);
  CHECK(m->elemSegments[4].items[1].instructions[0].op == Opcode::RefNull);

  // Offsets: header 8, section id and size 2, count 1.
  requireFailure(module({elementSection({{0x08}})}), 11, "malformed elements segment kind");
  requireFailure(module({elementSection({{0x01, 0x01, 0x00}})}), 12, "malformed element kind");
  requireFailure(module({elementSection({{0x05, op::I32, 0x00}})}), 12,
                 "malformed reference type");
  // An illegal operator in an item expression is a decoding error.
  requireFailure(module({elementSection({{0x05, op::FuncRef, 0x01, 0xf3, 0x00, op::End}})}), 14,
                 "illegal opcode 0xf3");
  // An item expression without its `end`.
  requireFailure(module({elementSection({{0x05, op::FuncRef, 0x01, op::RefFunc, 0x00}})}), 16,
                 "unexpected end of section or function");
}

TEST_CASE("decoder: data segments and the data count", "[binary][decoder]") {
  const auto m = decodeOk(module({
      memorySection({{0x00, 0x01}}),
      dataCountSection(3),
      dataSection({
          cat({{0x00}, kI32Zero, name("abc")}),
          cat({{0x01}, name("")}),
          cat({{0x02, 0x00}, {op::I32Const, 0x08, op::End}, name("z")}),
      }),
  }));
  REQUIRE(m->dataSegments.size() == 3);
  CHECK(m->dataCount == 3u);
  CHECK(m->dataSegments[0].mode == SegmentMode::Active);
  CHECK(m->dataSegments[0].size == 3);
  CHECK(m->at(m->dataSegments[0].bytesOffset)[0] == 'a');
  CHECK(m->dataSegments[1].mode == SegmentMode::Passive);
  CHECK(m->dataSegments[1].size == 0);
  CHECK(m->dataSegments[2].mode == SegmentMode::Active);
  CHECK(m->dataSegments[2].offsetExpr.instructions[0].value.i32 == 8);
  CHECK(m->at(m->dataSegments[2].bytesOffset)[0] == 'z');

  const Bytes mismatch = module({dataCountSection(2), dataSection({cat({{0x01}, name("")})})});
  requireFailure(mismatch, mismatch.size(),
                 "data count and data section have inconsistent lengths");
  const Bytes countWithoutData = module({dataCountSection(1)});
  requireFailure(countWithoutData, countWithoutData.size(),
                 "data count and data section have inconsistent lengths");
  requireFailure(module({dataSection({{0x03}})}), 11, "malformed data segment kind");
  // The bytes run past the module, or only past the section.
  requireFailure(module({dataSection({{0x01, 0x05, 'a'}})}), 12, "length out of bounds");
  requireFailure(cat({module({dataSection({{0x01, 0x05, 'a'}})}), customSection("pad", Bytes(8))}),
                 13, "unexpected end of section or function");
}

TEST_CASE("decoder: function bodies", "[binary][decoder]") {
  const auto m = decodeOk(module({
      typeSection({funcType({op::I32}, {})}),
      functionSection({uleb(0)}),
      codeSection({body({locals(2, op::I32), locals(3, op::F64)}, {op::Nop, op::End})}),
  }));
  REQUIRE(m->bodies.size() == 1);
  const FunctionBody &b = m->bodies[0];
  REQUIRE(b.locals.size() == 2);
  CHECK(b.locals[0].count == 2);
  CHECK(b.locals[1].type == ValType::F64);
  CHECK(b.totalLocals == 5);
  CHECK(b.offset == 22); // header 8, types 7, functions 4, code id, size, count 3
  CHECK(b.codeOffset == b.offset + 6);
  CHECK(b.codeEnd == b.codeOffset + 2);
  CHECK(m->bytes[b.codeEnd - 1] == op::End);

  auto withLocals = [](std::initializer_list<Bytes> groups) {
    return module({typeSection({funcType({}, {})}), functionSection({uleb(0)}),
                   codeSection({body(groups, {op::End})})});
  };
  CHECK(decodeOk(withLocals({locals(25000, op::I32), locals(25000, op::I64)}))
            ->bodies[0]
            .totalLocals == 50000);
  // Offsets: type section 6, function section 4, code id, size, count, body size 4.
  requireFailure(withLocals({locals(25000, op::I32), locals(25001, op::I64)}), 27,
                 "too many locals");
  requireFailure(withLocals({locals(0xffffffff, op::I32), locals(2, op::I64)}), 23,
                 "too many locals");
  requireFailure(withLocals({cat({{0x80, 0x80, 0x80, 0x80, 0x10}, {op::I32}})}), 23,
                 "integer too large");

  // Function and code section counts.
  const Bytes twoFunctionsOneBody = module({typeSection({funcType({}, {})}),
                                            functionSection({uleb(0), uleb(0)}),
                                            codeSection({body({}, {op::End})})});
  requireFailure(twoFunctionsOneBody, 21, "function and code section have inconsistent lengths");
  const Bytes noCode = module({typeSection({funcType({}, {})}), functionSection({uleb(0)})});
  requireFailure(noCode, noCode.size(), "function and code section have inconsistent lengths");
  requireFailure(module({codeSection({body({}, {op::End})})}), 10,
                 "function and code section have inconsistent lengths");

  // A body that does not end with `end`: the reference interpreter's wording depends on what
  // follows the body.
  auto unterminated = [](std::initializer_list<Bytes> after) {
    Bytes bytes = module({typeSection({funcType({}, {})}), functionSection({uleb(0)}),
                          codeSection({body({}, {op::I32Const, 0x01, op::Drop})})});
    for (const Bytes &part : after)
      bytes.insert(bytes.end(), part.begin(), part.end());
    return bytes;
  };
  requireFailure(unterminated({}), 26, "unexpected end of section or function");
  requireFailure(unterminated({dataSection({})}), 26, "section size mismatch");
  requireFailure(unterminated({customSection("x", {})}), 26, "END opcode expected");
  // A body larger than the rest of the module, or only than its section.
  const Bytes tooLong = module({typeSection({funcType({}, {})}), functionSection({uleb(0)}),
                                section(10, {0x01, 0x05, 0x00, op::End})});
  requireFailure(tooLong, 21, "length out of bounds");
  requireFailure(cat({tooLong, customSection("pad", Bytes(8))}), 22,
                 "unexpected end of section or function");
}

TEST_CASE("decoder: constant expressions", "[binary][decoder]") {
  // Any operator decodes in a constant expression (validation rejects it); nested blocks are
  // followed to the expression's own `end`.
  const auto m = decodeOk(module({globalSection({
      {op::I32, 0x00, op::Block, op::I32, op::I32Const, 0x07, op::End, op::End},
      {op::I64, 0x00, op::Nop, op::I64Const, 0x01, op::End},
  })}));
  REQUIRE(m->globalInits.size() == 2);
  REQUIRE(m->globalInits[0].instructions.size() == 3);
  CHECK(m->globalInits[0].instructions[0].op == Opcode::Block);
  CHECK(m->globalInits[0].instructions[2].op == Opcode::End);
  CHECK(m->globalInits[0].offset == 13);
  CHECK(m->globalInits[1].instructions.size() == 2);

  requireFailure(module({globalSection({{op::I32, 0x00, 0xff, op::End}})}), 13,
                 "illegal opcode 0xff");
  requireFailure(module({globalSection({{op::I32, 0x00, op::I32Const, 0x00}})}), 15,
                 "unexpected end of section or function");
}

TEST_CASE("decoder: the name section", "[binary][decoder]") {
  auto subsection = [](uint8_t id, const Bytes &content) {
    return cat({{id}, uleb(content.size()), content});
  };
  const Bytes functions = module({
      typeSection({funcType({op::I32}, {})}),
      functionSection({uleb(0), uleb(0)}),
      codeSection({body({}, {op::End}), body({locals(1, op::I64)}, {op::End})}),
  });
  auto withNames = [&](const Bytes &content) {
    return cat({functions, customSection("name", content)});
  };

  const auto m = decodeOk(withNames(cat({
      subsection(0, name("demo")),
      subsection(1, vec({cat({uleb(0), name("first")}), cat({uleb(1), name("second")})})),
      subsection(2, vec({cat({uleb(1), vec({cat({uleb(0), name("p")}),
                                            cat({uleb(1), name("l")})})})})),
      subsection(7, {0x00}), // a global names subsection: skipped
      subsection(11, vec({cat({uleb(0), name("boom")})})), // tag names: for uncaught exceptions
  })));
  CHECK(m->warnings.empty());
  CHECK(m->names.moduleName == std::string("demo"));
  REQUIRE(m->names.functionNames.size() == 2);
  CHECK(m->names.functionNames.at(1) == "second");
  REQUIRE(m->names.localNames.count(1) == 1);
  CHECK(m->names.localNames.at(1).at(1) == "l");
  CHECK(m->names.tagNames.at(0) == "boom");
  REQUIRE(m->customSections.size() == 1);
  CHECK(m->customSections[0].name == "name");

  // A malformed name section is ignored with a warning; the module still decodes.
  const Bytes malformed[] = {
      subsection(1, vec({cat({uleb(0), {0x01, 0xff}})})),             // bad UTF-8
      cat({subsection(1, vec({})), subsection(0, name("late"))}),      // out of order
      subsection(1, vec({cat({uleb(1), name("b")}), cat({uleb(0), name("a")})})), // unsorted
      subsection(0, cat({name("m"), {0x00}})),                         // size mismatch
      cat({{0x01, 0x10}, vec({})}),                                    // size out of bounds
      {0x01},                                                          // truncated
  };
  for (const Bytes &content : malformed) {
    const auto ignored = decodeOk(withNames(content));
    CHECK(ignored->warnings.size() == 1);
    CHECK_FALSE(ignored->names.moduleName.has_value());
    CHECK(ignored->names.functionNames.empty());
    CHECK(ignored->customSections.size() == 1);
  }
  // A second name section is ignored too.
  const auto twice = decodeOk(cat({withNames(subsection(0, name("one"))),
                                   customSection("name", subsection(0, name("two")))}));
  CHECK(twice->names.moduleName == std::string("one"));
  CHECK(twice->warnings.size() == 1);
}

TEST_CASE("decoder: disabled features", "[binary][decoder]") {
  Features mvp;
  mvp.simd = mvp.referenceTypes = mvp.bulkMemory = mvp.multiValue = false;
  CHECK(decodeFails(module({dataCountSection(0)}), mvp).message ==
        "feature not enabled: bulk memory");
  CHECK(decodeFails(module({dataSection({cat({{0x01}, name("")})})}), mvp).message ==
        "feature not enabled: bulk memory");
  CHECK(decodeFails(module({tableSection({{op::ExternRef, 0x00, 0x00}})}), mvp).message ==
        "feature not enabled: reference types");
  CHECK(decodeFails(module({elementSection({{0x01, 0x00, 0x00}})}), mvp).message ==
        "feature not enabled: bulk memory");
  CHECK(decodeOk(module({tableSection({{op::FuncRef, 0x00, 0x00}})}), mvp)->tables.size() == 1);
}

// Every truncation and many single-byte corruptions of a module that uses most of the format
// decode and validate without crashing, and a truncation inside a section is always an error.
TEST_CASE("decoder: truncated and corrupted modules", "[binary][decoder]") {
  const Bytes full = module({
      typeSection({funcType({op::I32, op::I32}, {op::I32}), funcType({}, {})}),
      importSection({cat({name("env"), name("g"), {0x03, op::I32, 0x00}})}),
      functionSection({uleb(0), uleb(1)}),
      tableSection({{op::FuncRef, 0x01, 0x01, 0x02}}),
      memorySection({{0x00, 0x01}}),
      globalSection({cat({{op::I32, 0x01}, {op::GlobalGet, 0x00, op::End}})}),
      exportSection({cat({name("add"), {0x00}, uleb(0)})}),
      elementSection({cat({{0x00}, kI32Zero, vec({uleb(0), uleb(1)})})}),
      dataCountSection(1),
      codeSection({
          body({locals(1, op::I64)},
               {op::LocalGet, 0x00, op::LocalGet, 0x01, op::I32Add, op::Block, op::I32,
                op::I32Const, 0x02, op::I32Const, 0x01, op::BrIf, 0x00, op::Drop, op::I32Const,
                0x03, op::End, op::I32Add, op::End}),
          body({}, {op::I32Const, 0x00, op::I32Const, 0x00, op::I32Const, 0x00, op::PrefixFC,
                    0x08, 0x00, 0x00, op::End}),
      }),
      dataSection({cat({{0x01}, name("hello")})}),
      customSection("name", cat({{0x01}, uleb(6), vec({cat({uleb(0), name("add")})})})),
  });
  validOk(full);

  std::vector<size_t> sectionEnds;
  {
    size_t at = 8;
    while (at < full.size()) {
      const uint8_t sizeByte = full[at + 1]; // every section here is shorter than 128 bytes
      at += 2 + sizeByte;
      sectionEnds.push_back(at);
    }
  }
  for (size_t length = 0; length < full.size(); ++length) {
    const Bytes prefix(full.begin(), full.begin() + length);
    auto result = decodeModule(prefix);
    const bool atBoundary =
        length == 8 ||
        std::find(sectionEnds.begin(), sectionEnds.end(), length) != sectionEnds.end();
    if (!atBoundary) {
      INFO("truncated to " << length << " bytes");
      CHECK(std::holds_alternative<DecodeFailure>(result));
    } else if (auto *m = std::get_if<std::unique_ptr<Module>>(&result)) {
      (void)validateModule(**m);
    }
  }
  for (size_t at = 8; at < full.size(); ++at) {
    for (uint8_t flip : {0x01, 0x02, 0x10, 0x40, 0x80, 0xff}) {
      Bytes corrupted = full;
      corrupted[at] ^= flip;
      auto result = decodeModule(corrupted);
      if (auto *m = std::get_if<std::unique_ptr<Module>>(&result))
        (void)validateModule(**m);
    }
  }
}

TEST_CASE("decoder: branch hints", "[binary][decoder]") {
  // One function: local.get 0; if; end; local.get 0; br_if 0; end. Its entry's size field is
  // one byte, the locals vector another: the `if` is at offset 4, the `br_if` at 9.
  const Bytes code = {op::LocalGet, 0x00, op::If, 0x40, op::End, op::LocalGet, 0x00, op::BrIf, 0x00,
                      op::End};
  const Bytes functions = cat({
      section(1, vec({funcType({op::I32}, {})})),
      section(3, vec({uleb(0)})),
  });
  auto withHints = [&](const Bytes &content) {
    return cat({module({}), functions, customSection("metadata.code.branch_hint", content),
                section(10, vec({body({}, code)}))});
  };
  auto hint = [](uint32_t offset, uint8_t value) { return cat({uleb(offset), uleb(1), {value}}); };

  const auto hinted = validOk(withHints(vec({cat({uleb(0), vec({hint(4, 0), hint(9, 1)})})})));
  CHECK(hinted->warnings == std::vector<std::string>{});
  REQUIRE(hinted->branchHints.count(0) == 1);
  const std::vector<BranchHint> &hints = hinted->branchHints.at(0);
  REQUIRE(hints.size() == 2);
  CHECK((hints[0].offset == 4 && !hints[0].likely));
  CHECK((hints[1].offset == 9 && hints[1].likely));

  // Dropped whole, with a warning; the module stays valid.
  const Bytes dropped[] = {
      vec({cat({uleb(0), vec({hint(9, 1), hint(4, 0)})})}),             // offsets unsorted
      vec({cat({uleb(0), vec({cat({uleb(4), uleb(2), {0x00, 0x00}})})})}), // size 2
      vec({cat({uleb(0), vec({hint(4, 2)})})}),                          // value 2
      cat({vec({cat({uleb(0), vec({hint(4, 0)})})}), {0x00}}),           // trailing byte
      vec({cat({uleb(0), vec({hint(5, 0)})})}),                          // inside the if's immediate
      vec({cat({uleb(0), vec({hint(2, 0)})})}),                          // the local.get
      vec({cat({uleb(0), vec({hint(40, 0)})})}),                         // past the end
      vec({cat({uleb(1), vec({hint(4, 0)})})}),                          // no function 1
      {0x01},                                                            // truncated
  };
  for (const Bytes &content : dropped) {
    const auto ignored = validOk(withHints(content));
    CHECK(ignored->warnings.size() == 1);
    CHECK(ignored->branchHints.empty());
  }
}
