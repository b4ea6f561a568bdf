// Decodes the operators of a function body or constant expression one at a time.
#pragma once

#include "binary/ByteReader.h"
#include "binary/Instruction.h"

#include <vector>

namespace wasmc::binary {

class OperatorReader {
public:
  explicit OperatorReader(ByteReader reader) : reader_(reader) {}

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
  std::vector<uint32_t> brTableTargets_;
  std::vector<CatchClause> catches_;
};

} // namespace wasmc::binary
