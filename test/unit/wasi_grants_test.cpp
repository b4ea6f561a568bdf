// Grants in the text form the executables read from WASMC_GRANTS (wasmc_wasi_grants_add_lines):
// escapes, both spellings of a grant, and errors that name the line.
#include "wasi_test_support.h"

#include <set>

using namespace wasi_test;

namespace {

struct Parsed {
  int result;
  std::string error;
  std::set<std::string> env, guests;
};

Parsed parseGrants(const char *text) {
  Parsed parsed;
  char error[256] = "";
  wasmc_wasi_grants *grants = wasmc_wasi_grants_new();
  REQUIRE(grants != nullptr);
  parsed.result = wasmc_wasi_grants_add_lines(grants, text, error, sizeof error);
  parsed.error = error;
  const char *argv[] = {"prog"};
  wasmc_wasi_config config;
  REQUIRE(wasmc_wasi_grants_config(grants, 1, argv, &config) == 0);
  parsed.env.insert(config.env, config.env + config.envc);
  for (int i = 0; i < config.num_preopens; i++)
    parsed.guests.insert(config.preopens[i].guest_path);
  wasmc_wasi_grants_free(grants);
  return parsed;
}

} // namespace

TEST_CASE("wasi grants text: escaped values hold newlines and backslashes", "[wasi]") {
  const Parsed parsed = parseGrants("--env A=1\\n--dir /::/host\n--env=B=back\\\\slash\\\\n\n\n");
  CHECK(parsed.result == 0);
  CHECK(parsed.env == std::set<std::string>{"A=1\n--dir /::/host", "B=back\\slash\\n"});
  CHECK(parsed.guests.empty());
}

TEST_CASE("wasi grants text: every byte but NUL survives the escapes", "[wasi]") {
  std::string value = "ALL=", text = "--env ALL=";
  for (int byte = 1; byte < 256; byte++) {
    value += char(byte);
    text += byte == '\n' ? "\\n" : byte == '\\' ? "\\\\" : std::string(1, char(byte));
  }
  const Parsed parsed = parseGrants(text.c_str());
  CHECK(parsed.result == 0);
  CHECK(parsed.env == std::set<std::string>{value});
}

TEST_CASE("wasi grants text: errors name the line", "[wasi]") {
  const std::string dir = makeTempDir("wasi-grants-text");
  const std::string good = "--env A=1\n--dir " + dir + "::/d\n";
  CHECK(parseGrants((good + "--dir /tmp --env A=1").c_str()).error.rfind("line 3: --dir /tmp --env A=1", 0) == 0);
  CHECK(parseGrants((good + "--env A=\\t").c_str()).error.rfind("line 3: ", 0) == 0);
  CHECK(parseGrants("--inherit-env=yes").error.rfind("line 1: --inherit-env", 0) == 0);
  CHECK(parseGrants("--listen").error.rfind("line 1: ", 0) == 0);
  for (const char *bad : {"--env A=\\", "--env A=\\x", "--mount /", "--dir /no/such/dir"}) {
    INFO(bad);
    CHECK(parseGrants(bad).result == -1);
  }
  removeTree(dir);
}
