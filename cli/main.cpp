// aip: a declarative spec of an AI platform on AWS -> validated CloudFormation.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "color_option.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "version.hpp"

namespace {

// LeakSanitizer reports what is still allocated at exit, so a sanitized
// build leaves through the destructors.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Ends the process without running destructors: freeing the command tree,
// the schema cache and the other tables built for this one run, node by
// node, was work for nothing, as the kernel takes the memory back at once.
// Every command has closed (and renamed into place) the files it writes
// before it returns, so only the standard streams need flushing.
int finish(int code) {
  if (kSanitized) return code;
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  _exit(code);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"aip: turn a platform spec into validated CloudFormation, IAM policies, lint findings and diffs"};
  app.set_version_flag("--version", std::string("aip ") + aip::kVersion);
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  aip init --blueprint network my-platform\n"
      "  aip synth blueprints/network.yaml -o cdk.out\n"
      "  aip validate platform.yaml\n"
      "  aip <command> --help\n\n"
      "Exit codes: 0 success, 1 findings, 2 bad input (spec or arguments), 3 internal error.");
  int exit_code = aip::cli::kExitOk;
  aip::cli::add_synth_command(app, exit_code);
  aip::cli::add_validate_command(app, exit_code);
  aip::cli::add_diff_command(app, exit_code);
  aip::cli::add_graph_command(app, exit_code);
  aip::cli::add_lint_command(app, exit_code);
  aip::cli::add_explain_command(app, exit_code);
  aip::cli::add_rules_command(app, exit_code);
  aip::cli::add_rules_test_command(*app.get_subcommand("rules"), exit_code);
  aip::cli::add_policy_command(app, exit_code);
  aip::cli::add_can_command(app, exit_code);
  aip::cli::add_init_command(app, exit_code);
  aip::cli::add_blueprints_command(app, exit_code);
  aip::cli::add_schema_command(app, exit_code);
  aip::cli::add_generate_command(app, exit_code);
  aip::cli::add_color_option(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    // Help and --version exit 0; every usage error is "bad input".
    return finish(code == 0 ? 0 : aip::cli::kExitInput);
  }
  return finish(exit_code);
}
