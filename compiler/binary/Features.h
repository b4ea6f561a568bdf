// The WebAssembly 2.0 features, and those of Wasm 3.0 that wasmc implements, a module may use.
// All are on by default; a disabled feature makes the decoder or the validator reject the
// constructs it introduced.
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
  // Wasm 3.0.
  bool tailCalls = true;
  bool extendedConst = true; // also global.get of the module's own globals in constant expressions
  bool typedFunctionReferences = true;
  bool exceptions = true; // both encodings: try_table, throw_ref, exnref; try, catch, delegate
  bool memory64 = true;
  bool multiMemory = true;
  bool relaxedSimd = true;
  bool wideArithmetic = true; // a proposal beyond Wasm 3.0 (phase 3): README.md, "Wide arithmetic"
  bool threads = true; // shared memories, atomics (not part of Wasm 3.0, but of current modules)

  // Wasm 2.0 alone, as the Wasm 2.0 spec test suite expects it.
  static Features wasm2() {
    Features features;
    features.tailCalls = features.extendedConst = features.typedFunctionReferences = false;
    features.exceptions = false;
    features.memory64 = features.multiMemory = features.relaxedSimd = features.threads = false;
    features.wideArithmetic = false;
    return features;
  }
};

} // namespace wasmc::binary
