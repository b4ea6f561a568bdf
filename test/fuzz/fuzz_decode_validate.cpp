// libFuzzer target over the decoder and the validator. Besides the sanitizers' checks (no crash,
// no out-of-bounds access, no undefined behaviour, no leak), it checks properties that a wrong
// decoder or validator would break:
//  - a decoded module's framing is consistent (bodies, data and custom sections lie in the module,
//    every body ends with `end`, one body per defined function);
//  - a valid module's bodies decode operator by operator to exactly their end;
//  - validating twice gives the same answer;
//  - a module valid with the Wasm 1.0 feature set is valid with every feature.

#include "binary/Decoder.h"
#include "binary/OperatorReader.h"
#include "binary/Validator.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace wasmc::binary;

namespace {

[[noreturn]] void violated(const char *what) {
  std::fprintf(stderr, "fuzz_decode_validate: property violated: %s\n", what);
  std::abort();
}

void require(bool condition, const char *what) {
  if (!condition)
    violated(what);
}

void checkFraming(const Module &m) {
  const uint64_t size = m.bytes.size();
  require(m.bodies.size() == m.numDefinedFunctions(), "one body per defined function");
  for (const FunctionBody &body : m.bodies) {
    require(body.offset < body.codeOffset && body.codeOffset < body.codeEnd &&
                body.codeEnd <= size,
            "body within the module");
    require(m.bytes[body.codeEnd - 1] == 0x0b, "body ends with end");
  }
  for (const DataSegment &segment : m.dataSegments)
    require(segment.bytesOffset <= size && segment.size <= size - segment.bytesOffset,
            "data segment within the module");
  for (const CustomSection &section : m.customSections)
    require(section.contentOffset <= size && section.contentSize <= size - section.contentOffset,
            "custom section within the module");
  require(m.globalInits.size() + m.numImportedGlobals == m.globals.size(), "one init per global");
}

// Every body of a valid module decodes to exactly its end, where the last `end` is.
void checkBodiesDecode(const Module &m) {
  Instruction ins;
  for (const FunctionBody &body : m.bodies) {
    OperatorReader operators(ByteReader(m.at(body.codeOffset),
                                        static_cast<size_t>(body.codeEnd - body.codeOffset),
                                        body.codeOffset));
    Opcode last = Opcode::Nop;
    while (!operators.atEnd()) {
      require(operators.next(ins), "operators of a valid body decode");
      last = ins.op;
    }
    require(last == Opcode::End, "a valid body ends with end");
  }
}

bool decodesAndValidates(const uint8_t *data, size_t size, const Features &features) {
  auto decoded = decodeModule(std::vector<uint8_t>(data, data + size), features);
  auto *module = std::get_if<std::unique_ptr<Module>>(&decoded);
  return module && !validateModule(**module);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto decoded = decodeModule(std::vector<uint8_t>(data, data + size));
  auto *module = std::get_if<std::unique_ptr<Module>>(&decoded);
  if (!module)
    return 0;
  Module &m = **module; // validation fills in what it learns (tablesWrittenByCode)
  checkFraming(m);
  const std::optional<DecodeFailure> failure = validateModule(m);
  const std::optional<DecodeFailure> again = validateModule(m);
  const bool same = failure.has_value() == again.has_value() &&
                    (!failure || (failure->offset == again->offset &&
                                  failure->message == again->message));
  require(same, "validation is deterministic");
  if (!failure)
    checkBodiesDecode(m);

  Features mvp;
  mvp.simd = mvp.referenceTypes = mvp.bulkMemory = mvp.multiValue = mvp.signExtension =
      mvp.saturatingConversions = mvp.mutableGlobals = false;
  if (decodesAndValidates(data, size, mvp))
    require(!failure, "valid with fewer features implies valid with all");
  return 0;
}
