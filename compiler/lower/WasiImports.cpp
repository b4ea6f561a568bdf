#include "lower/WasiImports.h"

#include <map>
#include <sstream>

namespace wasmc::lower {

namespace {

struct Row {
  const char *module, *name, *impl, *result, *params;
};

constexpr Row kRows[] = {
#define WASMC_WASI_FUNCTION(Module, Name, Impl, Result, Params)                                     \
  {#Module, #Name, #Impl, #Result, #Params},
#include "wasmc/wasi_functions.def"
};

binary::ValType parseType(const std::string &word) {
  return word == "i64" ? binary::ValType::I64 : binary::ValType::I32;
}

// Params is the stringified "(ctx, i32, i64)": the caller's instance, then the wasm params.
binary::FuncType signatureOf(const Row &row) {
  binary::FuncType type;
  std::string params = row.params;
  for (char &c : params)
    if (c == '(' || c == ')' || c == ',')
      c = ' ';
  std::istringstream words(params);
  std::string word;
  words >> word; // ctx
  while (words >> word)
    type.params.push_back(parseType(word));
  if (std::string(row.result) != "void")
    type.results.push_back(parseType(row.result));
  return type;
}

const std::map<std::string, WasiFunction, std::less<>> &table() {
  static const auto *functions = [] {
    auto *map = new std::map<std::string, WasiFunction, std::less<>>();
    for (const Row &row : kRows)
      (*map)[std::string(row.module) + "." + row.name] =
          WasiFunction{std::string("wasmc_wasi_") + row.impl, signatureOf(row)};
    return map;
  }();
  return *functions;
}

} // namespace

const WasiFunction *findWasiFunction(std::string_view module, std::string_view name) {
  const auto &functions = table();
  auto found = functions.find(std::string(module) + "." + std::string(name));
  return found == functions.end() ? nullptr : &found->second;
}

bool isWasiModuleName(std::string_view module) {
  return module == "wasi_snapshot_preview1" || module == "wasi_unstable";
}

} // namespace wasmc::lower
