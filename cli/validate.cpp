// `aip validate FILE|DIR...`: every spec check, or every template check; nothing written.
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cfn/schema/check_catalog.hpp"
#include "commands.hpp"
#include "driver/input.hpp"
#include "driver/synthesize.hpp"
#include "driver/template_input.hpp"
#include "exit_codes.hpp"
#include "print_diagnostics.hpp"
#include "validate_template.hpp"

namespace aip::cli {
namespace {

// One line per check: id, severity, rule, summary (docs/validate-checks.md explains them).
void print_check_catalog() {
  for (const cfn::CheckInfo& c : cfn::check_catalog()) {
    fmt::print("{}  {:<7}  {:<26}  {}\n", c.id, cfn::severity_name(c.severity), c.rule, c.summary);
  }
}


// One file: a template (schema checks) or a spec (every spec check). Returns
// its exit code; a file found in a directory that is not a template is skipped.
// `--env` and `--verbose` (docs/environments.md).
struct SpecFlags {
  std::vector<std::string> environments;
  bool verbose = false;
};

int validate_one(const std::string& path, bool skip_non_templates, const SpecFlags& flags) {
  SourceManager sources;
  Diagnostics diags;
  auto input = driver::read_input(path, sources, diags);
  if (!input) {
    print_diagnostics(diags);
    return kExitInput;
  }
  if (input->kind == driver::InputKind::cloudformation) return validate_template_file(*input->file);
  if (skip_non_templates) return kExitOk;
  // Anything else is checked as a spec: the spec reader says what is wrong with it.
  driver::SynthesisOptions options{driver::Stage::plan};
  options.load.environments = flags.environments;
  driver::Synthesis synthesis = driver::synthesize(*input->file, options);
  if (!synthesis.ok()) {
    print_diagnostics(synthesis.diagnostics);
    return kExitInput;
  }
  fmt::print("{}: valid\n", path);
  if (flags.verbose) {
    for (const std::string& included : synthesis.spec->included) fmt::print("  included {}\n", included);
    for (const spec::Spec& env : synthesis.environments) {
      if (env.environment.empty()) continue;
      fmt::print("  environment {}: account {} ({}), {} stacks\n", env.environment, env.accounts.front().name,
                 env.accounts.front().region.value,
                 std::count_if(synthesis.assembly->stacks.begin(), synthesis.assembly->stacks.end(),
                               [&](const cfn::Stack& s) { return s.id.rfind(env.name.value + "-", 0) == 0; }));
    }
    if (synthesis.shared_spec && synthesis.shared_assembly) {
      fmt::print("  shared accounts {}: {} stacks\n", fmt::join(synthesis.shared_spec->shared_accounts, ", "),
                 synthesis.shared_assembly->stacks.size());
    }
  }
  return kExitOk;
}

// The worst of two exit codes: unreadable input (2) over findings (1) over clean (0).
int worse(int a, int b) {
  auto rank = [](int code) { return code == kExitInput ? 2 : code == kExitFindings ? 1 : 0; };
  return rank(b) > rank(a) ? b : a;
}

}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "validate", "Check a spec (syntax, types, references, CIDR math) or any CloudFormation template; write nothing");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto list_checks = std::make_shared<bool>(false);
  auto flags = std::make_shared<SpecFlags>();
  cmd->add_option("files", *paths,
                  "Platform specs (YAML), CloudFormation templates (JSON or YAML), directories of templates, or cloud "
                  "assembly directories (every template of manifest.json)");
  cmd->add_flag("--list-checks", *list_checks, "List the template checks (id, severity, rule, summary) and exit");
  cmd->add_option("--env", flags->environments,
                  "A spec's environment to check (repeatable; default: every one of `environments:`)");
  cmd->add_flag("-v,--verbose", flags->verbose, "For a spec: also list the files it includes and its environments");
  cmd->footer(
      "Examples:\n"
      "  aip validate platform.yaml\n"
      "  aip validate cdk.out/my-stack.template.json\n"
      "  aip validate template.yaml            # short-form tags (!Ref, !Sub ...) included\n"
      "  aip validate cdk.out                  # every stack template of a cloud assembly\n"
      "  aip validate templates/ a.yaml b.json # every template under a directory, and files\n\n"
      "A file with a top-level `aip:` key is a spec; one with `Resources` is a template, checked against\n"
      "the official CloudFormation resource schemas. Each template finding names its check\n"
      "([AIP-CFN-E020 unknown-property]); `aip validate --list-checks` lists them.\n"
      "Exit codes: 0 valid, 1 template findings, 2 spec errors or unreadable input\n"
      "(each printed as file:line:col: error: ...); with several inputs, the worst.");
  cmd->callback([paths, list_checks, flags, &exit_code] {
    if (*list_checks) {
      print_check_catalog();
      exit_code = kExitOk;
      return;
    }
    if (paths->empty()) {
      fmt::print(stderr, "aip: error: validate needs a FILE (or --list-checks)\n");
      exit_code = kExitInput;
      return;
    }
    int result = kExitOk;
    for (const std::string& arg : *paths) {
      Diagnostics diags;
      auto expanded = driver::expand_validate_argument(arg, diags);
      if (!expanded) {
        print_diagnostics(diags);
        result = worse(result, kExitInput);
        continue;
      }
      for (const std::string& file : expanded->files) result = worse(result, validate_one(file, expanded->from_directory, *flags));
    }
    exit_code = result;
  });
}

}  // namespace aip::cli
