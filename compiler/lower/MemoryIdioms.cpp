#include "lower/MemoryIdioms.h"

#include "binary/OperatorReader.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/BLAKE3.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace wasmc::lower {

namespace {

// The builds recognised: wasi-libc's memcpy, memmove and memset as Debian's wasi-libc
// (0.0~git20220510) ships them in libc.a, linked by wasm-ld as they are (the project's
// toolchain file runs no wasm-opt), and after binaryen's wasm-opt (version 108, which clang runs
// after linking when it is on PATH) at -O1 to -O4, -Os and -Oz, with and without the result,
// which wasm-opt drops when no caller uses it. memmove calls memcpy: its fingerprint counts that
// callee as recognised.
struct KnownFunction {
  const char *fingerprint;
  MemoryIdiom idiom;
};
constexpr KnownFunction kKnownFunctions[] = {
    // As linked from libc.a.
    {"22ee076a07eedc48fa433efb0613511a", MemoryIdiom::Memcpy},
    {"af4f3e580d1ddead5e093d572f54df0e", MemoryIdiom::Memset},
    {"b7504d84424c9594a2117391d557a8b0", MemoryIdiom::Memmove},
    // After wasm-opt; which build a program gets depends on its calls (inlining, unused results).
    {"89320e00e02d880b368b3e55e568b50c", MemoryIdiom::Memcpy},
    {"97023c1e16a29f3e47174bf2e3a3c131", MemoryIdiom::Memcpy},
    {"ed6670c2fe87c0a05359ff52a51f2976", MemoryIdiom::Memcpy},
    {"1e479915762cdd2f3524df4c5a47e6f6", MemoryIdiom::Memcpy},
    {"903428ca56de236101898c86a755ea91", MemoryIdiom::Memcpy},
    {"f517754805ff4d0c862e2f632e65cf96", MemoryIdiom::Memcpy},
    {"e4238bd96935e514a2aad506900142f1", MemoryIdiom::Memset},
    {"524753d254f722ea89daca160a1d8d6c", MemoryIdiom::Memset},
    {"29610ac2ad9512ce712890cb61848499", MemoryIdiom::Memset},
    {"302270ac55c9847409fdb9a6dee3eb59", MemoryIdiom::Memset},
    {"3c449a71a281231c87cf2b6bdef9e8d3", MemoryIdiom::Memset},
    {"110148998bf20218ac99a693f660cbc1", MemoryIdiom::Memmove},
    {"11341a4564967caf8ebad36737aafd2f", MemoryIdiom::Memmove},
    {"2d0f611a3db62687bd289313eabcea32", MemoryIdiom::Memmove},
    {"46f85b82f9b9d5dcb19137cb86519f0f", MemoryIdiom::Memmove},
    {"6b3e360b2cedf494415ce0f76d3b2d64", MemoryIdiom::Memmove},
    {"efc65908ce29d45b3b407b5f316add71", MemoryIdiom::Memmove},
};

// Functions larger than this are not looked at (the largest known build is about 1.7 KB).
constexpr uint64_t kMaxBodyBytes = 4096;

bool isCandidateType(const binary::FuncType &type) {
  using binary::ValType;
  return type.params.size() == 3 && type.params[0] == ValType::I32 &&
         type.params[1] == ValType::I32 && type.params[2] == ValType::I32 &&
         (type.results.empty() || (type.results.size() == 1 && type.results[0] == ValType::I32));
}

} // namespace

const char *memoryIdiomName(MemoryIdiom idiom) {
  switch (idiom) {
  case MemoryIdiom::Memcpy: return "memcpy";
  case MemoryIdiom::Memmove: return "memmove";
  case MemoryIdiom::Memset: return "memset";
  case MemoryIdiom::None: break;
  }
  return "none";
}

std::string memoryIdiomFingerprint(const binary::Module &module, uint32_t defined,
                                   const std::vector<MemoryIdiom> &recognised) {
  const uint32_t index = module.numImportedFunctions + defined;
  const binary::FuncType &type = module.functionType(index);
  const binary::FunctionBody &body = module.bodies[defined];
  if (!isCandidateType(type) || body.codeEnd - body.offset > kMaxBodyBytes)
    return {};
  llvm::BLAKE3 hasher;
  auto add = [&](const void *data, size_t size) {
    hasher.update(llvm::ArrayRef<uint8_t>(static_cast<const uint8_t *>(data), size));
  };
  const uint8_t results = static_cast<uint8_t>(type.results.size());
  add(&results, 1);
  for (const binary::LocalGroup &group : body.locals) {
    const uint8_t kind = static_cast<uint8_t>(group.type.kind);
    add(&group.count, sizeof group.count);
    add(&kind, 1);
  }
  // The operators as they are encoded, but for each call's callee, which is replaced by what it
  // was recognised as (its index depends on the rest of the module, and wasm-ld pads it).
  binary::OperatorReader reader(binary::ByteReader(module.at(body.codeOffset),
                                                   body.codeEnd - body.codeOffset, body.codeOffset));
  binary::Instruction instruction;
  uint64_t start = body.codeOffset;
  while (!reader.atEnd()) {
    if (!reader.next(instruction))
      return {};
    if (instruction.op == binary::Opcode::Call || instruction.op == binary::Opcode::ReturnCall) {
      add(module.at(start), instruction.offset + 1 - start);
      const uint32_t callee = instruction.index;
      const uint8_t idiom = callee >= module.numImportedFunctions
                                ? static_cast<uint8_t>(
                                      recognised[callee - module.numImportedFunctions])
                                : 0xff;
      add(&idiom, 1);
      start = reader.offset();
    }
  }
  add(module.at(start), body.codeEnd - start);
  auto hash = hasher.final<16>();
  return llvm::toHex(hash, /*LowerCase=*/true);
}

std::vector<MemoryIdiom> recogniseMemoryIdioms(const binary::Module &module) {
  const uint32_t defined = module.numDefinedFunctions();
  std::vector<MemoryIdiom> recognised(defined, MemoryIdiom::None);
  if (module.memories.empty() || module.memories[0].limits.is64)
    return recognised;
  // A function calling a recognised one (memmove calls memcpy) is recognised in a later round.
  for (int round = 0; round < 2; ++round) {
    bool changed = false;
    for (uint32_t i = 0; i < defined; ++i) {
      if (recognised[i] != MemoryIdiom::None)
        continue;
      const std::string fingerprint = memoryIdiomFingerprint(module, i, recognised);
      if (fingerprint.empty())
        continue;
      for (const KnownFunction &known : kKnownFunctions)
        if (fingerprint == known.fingerprint) {
          recognised[i] = known.idiom;
          changed = known.idiom != MemoryIdiom::None;
        }
    }
    if (!changed)
      break;
  }
  if (std::getenv("WASMC_PRINT_MEMORY_IDIOM_FINGERPRINTS"))
    for (uint32_t i = 0; i < defined; ++i) {
      const std::string fingerprint = memoryIdiomFingerprint(module, i, recognised);
      if (fingerprint.empty())
        continue;
      const uint32_t index = module.numImportedFunctions + i;
      auto name = module.names.functionNames.find(index);
      std::fprintf(stderr, "memory idioms: function %u %s: %s %s\n", index,
                   name != module.names.functionNames.end() ? name->second.c_str() : "-",
                   fingerprint.c_str(), memoryIdiomName(recognised[i]));
    }
  return recognised;
}

} // namespace wasmc::lower
