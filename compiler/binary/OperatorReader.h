// Decodes the operators of a function body or constant expression one at a time.
#pragma once

#include "binary/ByteReader.h"
#include "binary/Instruction.h"

#include <vector>

namespace wasmc::binary {

class OperatorReader {
public:
  // `wasm3`: memory indices are LEB128 (multi-memory) and memarg offsets 64-bit (memory64);
  // in Wasm 2.0 a memory index is a zero byte and an offset a u32.
  explicit OperatorReader(ByteReader reader, bool wasm3 = true) : reader_(reader), wasm3_(wasm3) {}

  bool atEnd() const { return reader_.atEnd(); }
  bool ok() const { return reader_.ok(); }
  const DecodeFailure &failure() const { return reader_.failure(); }
  uint64_t offset() const { return reader_.offset(); }

  // Decodes the next operator into `out`; false (with failure() set) if it is malformed.
  // `out.brTableTargets` and `out.catches` stay valid until the next call.
  bool next(Instruction &out);

private:
  bool readImmediates(Instruction &out);

  ByteReader reader_;
  bool wasm3_;
  std::vector<uint32_t> brTableTargets_;
  std::vector<CatchClause> catches_;
};

} // namespace wasmc::binary
