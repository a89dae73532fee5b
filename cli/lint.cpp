// `aip lint FILE`: lint rules over a spec (and what it renders) or any
// CloudFormation template; findings in text, JSON, SARIF, JUnit or GitHub form.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "commands.hpp"
#include "driver/lint_input.hpp"
#include "exit_codes.hpp"
#include "lint/baseline.hpp"
#include "lint/lint.hpp"
#include "lint/reporters/reporters.hpp"
#include "print_diagnostics.hpp"
#include "spec/compliance.hpp"
#include "terminal.hpp"
#include "version.hpp"

namespace aip::cli {
namespace {

struct LintOptions {
  std::vector<std::string> files;
  std::string baseline;        // --baseline FILE
  std::string write_baseline;  // --write-baseline FILE
  std::string format = "text";
  std::string fail_on = "error";
  std::vector<std::string> enable;
  std::vector<std::string> disable;
  std::vector<std::string> packs;
  std::vector<std::string> guard_rules;
  std::string guard_severity = "error";
  std::vector<std::string> environments;
};

// "--disable a,b --disable c" -> a, b, c.
std::vector<std::string> split(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& v : values) {
    std::size_t start = 0;
    while (start <= v.size()) {
      std::size_t comma = v.find(',', start);
      std::string part = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!part.empty()) out.push_back(part);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

// `kept` is where the result lives: in the command's callback, to the end of
// the process, which main ends without running destructors (cli/main.cpp),
// so the templates, sources and findings are not freed node by node.
int run_lint(const LintOptions& options, std::optional<driver::Linted>& kept) {
  std::vector<std::string> unknown;
  lint::Selection selection{split(options.enable), split(options.disable), split(options.packs)};
  selection.guard_rules = options.guard_rules;
  selection.guard_severity = lint::parse_severity(options.guard_severity).value_or(Severity::error);
  for (const std::string& pack : selection.packs) {
    const auto& known = spec::compliance_packs();
    if (std::find(known.begin(), known.end(), pack) == known.end()) {
      unknown.push_back(fmt::format("'{}' is not a compliance pack; packs are {}", pack, fmt::join(known, ", ")));
    }
  }
  lint::select_rules(selection, &unknown);  // for its unknown ids; lint_file selects again
  if (!unknown.empty()) {
    for (const std::string& u : unknown) fmt::print(stderr, "aip: error: {}\n", u);
    fmt::print(stderr, "aip: `aip rules` lists the rule ids and their tags\n");
    return kExitInput;
  }

  // The baseline is read first: a bad one is bad input whatever the findings.
  std::optional<std::vector<lint::BaselineEntry>> baseline;
  SourceManager baseline_sources;
  if (!options.baseline.empty()) {
    Diagnostics diags;
    std::string error;
    const SourceFile* file = baseline_sources.load(options.baseline, &error);
    if (file == nullptr) {
      diags.error(Location{}, error);
    } else {
      baseline = lint::read_baseline(*file, diags);
    }
    if (!baseline) {
      print_diagnostics(diags);
      return kExitInput;
    }
  }

  driver::Linted& linted = kept.emplace(driver::lint_files(options.files, selection, options.environments));
  if (!linted.ok) {
    print_diagnostics(linted.diagnostics);
    return kExitInput;
  }
  if (!options.write_baseline.empty()) {
    const std::string text = lint::write_baseline(linted.findings);
    std::ofstream out(options.write_baseline, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      fmt::print(stderr, "aip: error: cannot write '{}'\n", options.write_baseline);
      return kExitInput;
    }
    std::size_t count = 0;
    for (const lint::Finding& f : linted.findings) count += f.suppressed ? 0 : 1;
    fmt::print(stderr, "aip: wrote {} finding{} to the baseline {}\n", count, count == 1 ? "" : "s",
               options.write_baseline);
    return kExitOk;
  }
  if (baseline) lint::apply_baseline(linted.findings, *baseline, options.baseline);
  const std::vector<lint::Finding>& findings = linted.findings;
  lint::ReportOptions report;
  report.color = use_color(stdout);
  report.tool_version = kVersion;
  report.rules = linted.rules;
  auto fail_on = lint::parse_severity(options.fail_on);
  report.fail_on = fail_on.value_or(Severity::error);

  std::string out;
  if (options.format == "text") out = lint::report_text(findings, report);
  else if (options.format == "json") out = lint::report_json(findings, report);
  else if (options.format == "sarif") out = lint::report_sarif(findings, report);
  else if (options.format == "junit") out = lint::report_junit(findings, report);
  else out = lint::report_github(findings, report);
  fmt::print("{}", out);

  if (options.fail_on == "none") return kExitOk;
  return driver::fails(findings, report.fail_on) ? kExitFindings : kExitOk;
}

}  // namespace

void add_lint_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<LintOptions>();
  auto* cmd = app.add_subcommand(
      "lint", "Check a spec or CloudFormation template for least privilege, CIDR conflicts, exposure, encryption and logging");
  cmd->add_option("files", options->files,
                  "Platform spec (YAML), or CloudFormation templates (JSON or YAML) and cloud assembly directories "
                  "(manifest.json: aip's or the AWS CDK's cdk.out), linted together")
      ->required();
  cmd->add_option("-f,--format", options->format, "Output: text (default), json, sarif, junit, github")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit", "github"}));
  cmd->add_option("--fail-on", options->fail_on, "Exit 1 on findings at or above: error (default), warning, info, none")
      ->check(CLI::IsMember({"error", "warning", "info", "none"}));
  cmd->add_option("--baseline", options->baseline,
                  "Fail only on findings not in this baseline (written by --write-baseline; matched by rule, resource, "
                  "property path and message, not by line)");
  cmd->add_option("--write-baseline", options->write_baseline,
                  "Write today's unsuppressed findings to this baseline file (JSON) and exit 0");
  cmd->add_option("--enable", options->enable, "Run only these rules (ids or tags, repeatable or comma-separated)");
  cmd->add_option("--disable", options->disable, "Skip these rules (ids or tags, repeatable or comma-separated)");
  cmd->add_option("--env", options->environments, "A spec's environment to lint (repeatable; default: every one)");
  cmd->add_option("--pack", options->packs,
                  "Also run the rules of these compliance packs: gdpr, hipaa, iso27001, nist-800-53, pci-dss, soc2, sox "
                  "(a spec's `compliance:` list does the same)");
  cmd->add_option("--rules", options->guard_rules,
                  "Also evaluate these CloudFormation Guard rule files (or directories of *.guard files; repeatable)");
  cmd->add_option("--guard-severity", options->guard_severity,
                  "Severity of a failing Guard rule without a `# severity:` comment: error (default), warning, info")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  cmd->footer(
      "Examples:\n"
      "  aip lint blueprints/network.yaml\n"
      "  aip lint cdk.out/my-stack.template.json --format sarif > lint.sarif\n"
      "  aip lint template.yaml --enable iam --disable AIP-IAM-011 --fail-on warning\n"
      "  aip lint platform.yaml --format github      # annotations in a GitHub Actions log\n"
      "  aip lint template.json --pack pci-dss,sox    # plus the rules only those packs turn on\n"
      "  aip lint cdk.out                             # every stack of an assembly, cross-stack rules included\n"
      "  aip lint cdk.out --write-baseline lint-baseline.json && aip lint cdk.out --baseline lint-baseline.json\n"
      "  aip lint platform.yaml --rules policies/     # plus the team's Guard rules (docs/guard.md)\n\n"
      "A spec is planned and its rendered templates are linted; findings point at the spec line that\n"
      "produced the resource. Templates are linted as written, findings at their line:col.\n"
      "Suppress a finding with a reason, on the spec element that causes it:\n"
      "  lint: {suppress: [{rule: AIP-EXP-002, reason: \"why it does not apply\"}]}\n"
      "or on a template resource:\n"
      "  Metadata: {aip: {suppress: [{rule: AIP-EXP-002, reason: \"why it does not apply\"}]}}\n"
      "Suppressed findings stay in json and sarif output, marked, and do not count for --fail-on.\n"
      "`aip rules` lists the rules, `aip explain ID` documents one.\n"
      "Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 bad input or arguments.");
  auto result = std::make_shared<std::optional<driver::Linted>>();
  cmd->callback([options, result, &exit_code] { exit_code = run_lint(*options, *result); });
}

}  // namespace aip::cli
