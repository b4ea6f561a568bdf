// Runs the decoder and the validator over every module of the WebAssembly spec test suite and
// checks each against the verdict the suite expects:
//
//   module, assert_unlinkable, assert_uninstantiable   decodes and validates
//   assert_invalid                                     fails to decode or to validate
//   assert_malformed (binary)                          fails to decode or to validate
//   assert_malformed (text)                            skipped: a text-format error
//
// Wasm 3.0 made some modules of the 2.0 suite valid (kSupersededBy30); those verdicts are
// counted as superseded, and the 3.0 suite's own scripts check the new rule.
//
// The .wast scripts are converted with `wast2json --enable-all`. A failure whose message does not
// start with the text the suite expects still counts as the right verdict; such messages are
// listed separately. Exit status: 0 when every verdict is right, 1 otherwise, 77 (skip) when
// wast2json is not available.
//
//   wasmc_spec_binary_check --wast2json PATH --testsuite DIR --work DIR [--verbose] [NAME.wast...]

#include "binary/Decoder.h"
#include "binary/Validator.h"

#include <llvm/Support/JSON.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace wasmc::binary;

namespace {

// assert_invalid and assert_malformed commands of the Wasm 2.0 suite whose modules are valid Wasm
// 3.0, by script and line (the 3.0 suite dropped or inverted them): constant expressions may read
// immutable globals the module defines before, a module may have several memories, memory
// indices and 64-bit limits and offsets are LEB128s.
const std::map<std::string, const char *> kSupersededBy30 = {
    {"data.wast:85", "global.get of a defined global in a constant expression"},
    {"data.wast:89", "global.get of a defined global in a constant expression"},
    {"elem.wast:152", "global.get of a defined global in a constant expression"},
    {"elem.wast:156", "global.get of a defined global in a constant expression"},
    {"global.wast:352", "global.get of a defined global in a constant expression"},
    {"global.wast:356", "global.get of a defined global in a constant expression"},
    {"binary-leb128.wast:405", "limits and memory offsets are u64 (memory64): a longer LEB128 is valid"},
    {"binary-leb128.wast:462", "limits and memory offsets are u64 (memory64): a longer LEB128 is valid"},
    {"binary.wast:483", "limits and memory offsets are u64 (memory64): a longer LEB128 is valid"},
    {"binary.wast:540", "limits and memory offsets are u64 (memory64): a longer LEB128 is valid"},
    {"binary.wast:877", "the reserved byte is a memory index, a LEB128 (multiple memories)"},
    {"binary.wast:897", "the reserved byte is a memory index, a LEB128 (multiple memories)"},
    {"binary.wast:916", "the reserved byte is a memory index, a LEB128 (multiple memories)"},
    {"binary.wast:935", "the reserved byte is a memory index, a LEB128 (multiple memories)"},
    {"binary.wast:974", "the reserved byte is a memory index, a LEB128 (multiple memories)"},
    {"binary.wast:993", "the reserved byte is a memory index, a LEB128 (multiple memories)"},
    {"binary.wast:1011", "the reserved byte is a memory index, a LEB128 (multiple memories)"},
    {"binary.wast:1029", "the reserved byte is a memory index, a LEB128 (multiple memories)"},
    {"imports.wast:483", "multiple memories"},
    {"imports.wast:487", "multiple memories"},
    {"imports.wast:491", "multiple memories"},
    {"memory.wast:10", "multiple memories"},
    {"memory.wast:11", "multiple memories"},
};

struct Options {
  std::string wast2json;
  fs::path testsuite;
  fs::path work;
  bool verbose = false;
  std::vector<std::string> only; // file names to restrict the run to
};

struct Tally {
  unsigned checked = 0;
  unsigned mismatched = 0;
};

struct Report {
  std::map<std::string, Tally> byCommand;
  unsigned skippedText = 0;
  unsigned files = 0;
  unsigned conversionFailures = 0;
  std::vector<std::string> mismatches;
  std::vector<std::string> messageDifferences;
  std::vector<std::string> superseded; // by Wasm 3.0 (kSupersededBy30)
};

std::string shellQuote(const std::string &text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'')
      quoted += "'\\''";
    else
      quoted += c;
  }
  return quoted + "'";
}

bool readFile(const fs::path &path, std::vector<uint8_t> &out) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

// Decodes and validates; the failure, if any.
std::optional<DecodeFailure> check(std::vector<uint8_t> bytes) {
  auto decoded = decodeModule(std::move(bytes));
  if (auto *failure = std::get_if<DecodeFailure>(&decoded))
    return *failure;
  return validateModule(*std::get<std::unique_ptr<Module>>(decoded));
}

void checkScript(const Options &options, const fs::path &wast, Report &report) {
  const std::string name = wast.stem().string();
  const fs::path dir = options.work / name;
  fs::create_directories(dir);
  const fs::path json = dir / (name + ".json");
  fs::remove(json);
  const std::string command = shellQuote(options.wast2json) + " --enable-all " +
                              shellQuote(wast.string()) + " -o " + shellQuote(json.string()) +
                              " > " + shellQuote((dir / "wast2json.log").string()) + " 2>&1";
  std::ignore = std::system(command.c_str());
  ++report.files;

  std::ifstream in(json);
  std::stringstream text;
  text << in.rdbuf();
  llvm::Expected<llvm::json::Value> parsed = llvm::json::parse(text.str());
  const llvm::json::Object *root = parsed ? parsed->getAsObject() : nullptr;
  const llvm::json::Array *commands = root ? root->getArray("commands") : nullptr;
  if (!commands) {
    if (!parsed)
      llvm::consumeError(parsed.takeError());
    ++report.conversionFailures;
    report.mismatches.push_back(name + ".wast: wast2json produced no usable JSON (see " +
                                (dir / "wast2json.log").string() + ")");
    return;
  }

  for (const llvm::json::Value &value : *commands) {
    const llvm::json::Object *cmd = value.getAsObject();
    if (!cmd)
      continue;
    const std::string type = cmd->getString("type").value_or("").str();
    const auto filename = cmd->getString("filename");
    if (!filename)
      continue; // actions, register, ...
    const std::string moduleType = cmd->getString("module_type").value_or("binary").str();
    const int64_t line = cmd->getInteger("line").value_or(0);
    const std::string where = name + ".wast:" + std::to_string(line);

    bool expectValid;
    if (type == "module" || type == "assert_unlinkable" || type == "assert_uninstantiable") {
      expectValid = true;
    } else if (type == "assert_invalid" || type == "assert_malformed") {
      if (moduleType != "binary") {
        ++report.skippedText;
        continue;
      }
      expectValid = false;
    } else {
      continue;
    }
    const std::string label = type == "assert_malformed" ? type + " (binary)" : type;
    Tally &tally = report.byCommand[label];
    ++tally.checked;

    std::vector<uint8_t> bytes;
    if (!readFile(dir / filename->str(), bytes)) {
      ++tally.mismatched;
      report.mismatches.push_back(where + ": " + type + ": cannot read " + filename->str());
      continue;
    }
    const std::optional<DecodeFailure> failure = check(std::move(bytes));
    const std::string expectedText = cmd->getString("text").value_or("").str();
    if (expectValid && failure) {
      ++tally.mismatched;
      report.mismatches.push_back(where + ": " + type + " " + filename->str() +
                                  ": rejected at offset " + std::to_string(failure->offset) +
                                  ": " + failure->message);
    } else if (!expectValid && !failure && kSupersededBy30.count(where)) {
      report.superseded.push_back(where + ": " + type + " " + filename->str() + ": valid in Wasm 3.0 (" +
                                  kSupersededBy30.at(where) + ")");
    } else if (!expectValid && !failure) {
      ++tally.mismatched;
      report.mismatches.push_back(where + ": " + type + " " + filename->str() +
                                  ": accepted, expected \"" + expectedText + "\"");
    } else if (!expectValid && failure->message.compare(0, expectedText.size(), expectedText)) {
      report.messageDifferences.push_back(where + ": " + type + " " + filename->str() +
                                          ": expected \"" + expectedText + "\", got \"" +
                                          failure->message + "\" at offset " +
                                          std::to_string(failure->offset));
    } else if (options.verbose) {
      std::cout << where << ": " << type << " " << filename->str() << ": ok"
                << (failure ? " (" + failure->message + ")" : std::string()) << "\n";
    }
  }
}

int usage() {
  std::cerr << "usage: wasmc_spec_binary_check --wast2json PATH --testsuite DIR --work DIR "
               "[--verbose] [NAME.wast...]\n";
  return 2;
}

} // namespace

int main(int argc, char **argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--verbose") {
      options.verbose = true;
    } else if ((arg == "--wast2json" || arg == "--testsuite" || arg == "--work") && i + 1 < argc) {
      const std::string value = argv[++i];
      if (arg == "--wast2json")
        options.wast2json = value;
      else if (arg == "--testsuite")
        options.testsuite = value;
      else
        options.work = value;
    } else if (arg.size() > 5 && arg.compare(arg.size() - 5, 5, ".wast") == 0) {
      options.only.push_back(arg);
    } else {
      return usage();
    }
  }
  if (options.testsuite.empty() || options.work.empty())
    return usage();
  std::error_code ignored;
  if (options.wast2json.empty() || options.wast2json.find("NOTFOUND") != std::string::npos ||
      !fs::exists(options.wast2json, ignored)) {
    std::cout << "SKIP: wast2json not found; the spec test suite cannot be converted\n";
    return 77;
  }
  if (!fs::is_directory(options.testsuite, ignored)) {
    std::cerr << "error: no spec test suite at " << options.testsuite << "\n";
    return 1;
  }

  std::vector<fs::path> scripts;
  for (const fs::directory_entry &entry : fs::directory_iterator(options.testsuite)) {
    const fs::path &path = entry.path();
    if (path.extension() != ".wast")
      continue;
    if (!options.only.empty() && std::find(options.only.begin(), options.only.end(),
                                           path.filename().string()) == options.only.end())
      continue;
    scripts.push_back(path);
  }
  std::sort(scripts.begin(), scripts.end());

  Report report;
  for (const fs::path &script : scripts)
    checkScript(options, script, report);

  unsigned mismatched = report.conversionFailures;
  std::cout << "spec test suite " << options.testsuite.string() << ": " << report.files
            << " scripts\n";
  for (const auto &[command, tally] : report.byCommand) {
    std::cout << "  " << command << ": " << tally.checked << " checked, " << tally.mismatched
              << " mismatched\n";
    mismatched += tally.mismatched;
  }
  std::cout << "  assert_malformed (text): " << report.skippedText << " skipped\n";
  std::cout << "  failures with a message other than the expected text: "
            << report.messageDifferences.size() << "\n";
  for (const std::string &line : report.messageDifferences)
    std::cout << "    message: " << line << "\n";
  std::cout << "  verdicts Wasm 3.0 changed: " << report.superseded.size() << "\n";
  for (const std::string &line : report.superseded)
    std::cout << "    3.0: " << line << "\n";
  std::cout << "  mismatches: " << mismatched << "\n";
  for (const std::string &line : report.mismatches)
    std::cout << "    MISMATCH: " << line << "\n";
  return mismatched == 0 ? 0 : 1;
}
