// Colour: `--color always|never|auto` on every command, before or after its
// name; auto colours a terminal only, and not when NO_COLOR is set.
#include <array>
#include <cstdio>
#include <string>

#include <catch2/catch.hpp>

#include "cli/run_aip.hpp"

namespace {

using aip::test::run_aip;

bool has_color(const std::string& text) { return text.find("\x1b[") != std::string::npos; }

const std::string kLintFinding = "lint examples/bad/lint/enc-001-bucket-encryption.yaml";
const std::string kSpecError = "validate examples/bad/dangling-reference.yaml";

// Runs aip on a pseudo-terminal (script(1)), with ENV before it; returns what the terminal showed.
std::string run_on_terminal(const std::string& env, const std::string& args) {
  std::string inner = "cd '" + std::string(AIP_SOURCE_DIR) + "' && " + env + " '" + std::string(AIP_BINARY) + "' " + args;
  std::string command = "script -qec \"" + inner + "\" /dev/null </dev/null";
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  pclose(pipe);
  return out;
}

}  // namespace

TEST_CASE("color option: --color always colours lint findings in a pipe, even with NO_COLOR set", "[cli][color]") {
  auto after = run_aip(kLintFinding + " --color always");
  CHECK(after.exit_code == 1);
  CHECK(has_color(after.output));
  auto before = run_aip("--color always " + kLintFinding);
  CHECK(before.exit_code == 1);
  CHECK(has_color(before.output));
}

TEST_CASE("color option: --color never and a pipe print no colour", "[cli][color]") {
  auto never = run_aip(kLintFinding + " --color never");
  CHECK(never.exit_code == 1);
  CHECK_FALSE(has_color(never.output));
  CHECK(never.output.find("AIP-ENC-001") != std::string::npos);
  auto piped = run_aip(kLintFinding);
  CHECK_FALSE(has_color(piped.output));
}

TEST_CASE("color option: --color always colours spec errors on stderr", "[cli][color]") {
  auto result = run_aip(kSpecError + " --color always");
  CHECK(result.exit_code == 2);
  CHECK(has_color(result.err));
  CHECK_FALSE(has_color(run_aip(kSpecError).err));
}

TEST_CASE("color option: --color always colours a text diff", "[cli][color]") {
  auto result = run_aip("diff examples/storage.yaml examples/network-minimal.yaml --color always");
  CHECK(result.exit_code == 0);
  CHECK(has_color(result.output));
  CHECK_FALSE(has_color(run_aip("diff examples/storage.yaml examples/network-minimal.yaml").output));
}

TEST_CASE("every command accepts --color", "[cli][color]") {
  for (const char* command : {"synth", "validate", "diff", "graph", "lint", "explain", "rules", "policy", "can", "init",
                              "blueprints", "schema"}) {
    INFO(command);
    CHECK(run_aip(std::string(command) + " --color never --help").exit_code == 0);
  }
  auto bad = run_aip("rules --color sometimes");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--color") != std::string::npos);
}

TEST_CASE("auto colours a terminal unless NO_COLOR is set", "[cli][color]") {
  CHECK(has_color(run_on_terminal("env -u NO_COLOR", kLintFinding)));
  CHECK(has_color(run_on_terminal("env -u NO_COLOR", kLintFinding + " --color auto")));
  CHECK_FALSE(has_color(run_on_terminal("NO_COLOR=1", kLintFinding)));
  CHECK_FALSE(has_color(run_on_terminal("env -u NO_COLOR", kLintFinding + " --color never")));
  // An empty NO_COLOR does not count (no-color.org).
  CHECK(has_color(run_on_terminal("NO_COLOR=", kLintFinding)));
}
