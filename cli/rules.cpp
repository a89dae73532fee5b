// `aip rules`: every lint rule with its severity, summary and tags.
#include <fmt/format.h>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "lint/lint.hpp"
#include "lint/reporters/reporters.hpp"
#include "spec/compliance.hpp"

namespace aip::cli {

void add_rules_command(CLI::App& app, int& exit_code) {
  auto format = std::make_shared<std::string>("text");
  auto tags = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand("rules", "List the lint rules: id, severity, summary, tags");
  cmd->add_option("-f,--format", *format, "Output: text (default), json or markdown (the reference in docs/lint.md)")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  cmd->add_option("--tag", *tags, "Only rules with this id or tag (repeatable), e.g. iam, hipaa");
  cmd->footer(
      "Examples:\n"
      "  aip rules\n"
      "  aip rules --tag pci-dss\n"
      "  aip rules --format json | jq -r '.[].id'\n\n"
      "Exit codes: 0 listed, 2 unknown tag.");
  cmd->callback([cmd, format, tags, &exit_code] {
    if (!cmd->get_subcommands().empty()) return;  // `aip rules test` did the work
    std::vector<std::string> unknown;
    // The catalogue lists pack-only rules too.
    auto rules = lint::select_rules({*tags, {}, spec::compliance_packs()}, &unknown);
    if (!unknown.empty()) {
      for (const std::string& u : unknown) fmt::print(stderr, "aip: error: {}\n", u);
      exit_code = kExitInput;
      return;
    }
    if (*format == "json") {
      fmt::print("{}\n", lint::rules_json(rules).dump(2));
    } else if (*format == "markdown") {
      fmt::print("{}", lint::rules_markdown(rules));
    } else {
      fmt::print("{}", lint::rules_table(rules));
    }
    exit_code = kExitOk;
  });
}

}  // namespace aip::cli
