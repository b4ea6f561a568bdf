// The WebAssembly 2.0 features a module may use. All are on by default; a disabled feature makes
// the decoder or the validator reject the constructs it introduced.
#pragma once

namespace wasmc::binary {

struct Features {
  bool simd = true;
  bool referenceTypes = true;
  bool bulkMemory = true;
  bool multiValue = true;
  bool signExtension = true;
  bool saturatingConversions = true;
  bool mutableGlobals = true;
};

} // namespace wasmc::binary
