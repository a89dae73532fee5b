// `aip validate SPEC`: every spec check, nothing written.
#include <fmt/format.h>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "load_spec_file.hpp"
#include "plan/plan.hpp"
#include "terminal.hpp"
#include "validate_template.hpp"

namespace aip::cli {

void add_validate_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "validate", "Check a spec (syntax, types, references, CIDR math) or any CloudFormation template; write nothing");
  auto path = std::make_shared<std::string>();
  cmd->add_option("file", *path, "Platform spec (YAML) or CloudFormation template (JSON or YAML)")->required();
  cmd->footer(
      "Examples:\n"
      "  aip validate platform.yaml\n"
      "  aip validate cdk.out/my-stack.template.json\n"
      "  aip validate template.yaml            # short-form tags (!Ref, !Sub ...) included\n\n"
      "A file with a top-level `aip:` key is a spec; one with `Resources` is a template, checked against\n"
      "the official CloudFormation resource schemas.\n"
      "Exit codes: 0 valid, 1 template findings, 2 spec errors or unreadable input\n"
      "(each printed as file:line:col: error: ...).");
  cmd->callback([path, &exit_code] {
    SourceManager sources;
    std::string error;
    const SourceFile* file = sources.load(*path, &error);
    if (file == nullptr) {
      fmt::print(stderr, "aip: error: {}\n", error);
      exit_code = kExitInput;
      return;
    }
    if (is_template(*file)) {
      exit_code = validate_template_file(*file);
      return;
    }
    auto spec = load_spec_file(*path, sources);
    if (!spec) {
      exit_code = kExitInput;
      return;
    }
    // Planning finds the remaining spec errors (clashing resource ids).
    Diagnostics diags;
    if (!plan::plan_platform(*spec, diags)) {
      fmt::print(stderr, "{}", render_all(diags, use_color(stderr)));
      exit_code = kExitInput;
      return;
    }
    fmt::print("{}: valid\n", *path);
    exit_code = kExitOk;
  });
}

}  // namespace aip::cli
