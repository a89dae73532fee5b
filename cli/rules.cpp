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
  auto pack = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("rules", "List the lint rules: id, severity, summary, tags");
  cmd->add_option("-f,--format", *format, "Output: text (default), json or markdown (the reference in docs/lint.md)")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  cmd->add_option("--tag", *tags, "Only rules with this id or tag (repeatable), e.g. iam, hipaa");
  std::vector<std::string> pack_choices = spec::compliance_packs();
  pack_choices.push_back("all");
  cmd->add_option("--pack", *pack,
                  "A compliance pack's lint rules and the AWS Config rules it deploys (`all`: every pack, "
                  "docs/compliance-packs.md)")
      ->check(CLI::IsMember(pack_choices));
  cmd->footer(
      "Examples:\n"
      "  aip rules\n"
      "  aip rules --tag pci-dss\n"
      "  aip rules --pack hipaa\n"
      "  aip rules --format json | jq -r '.[].id'\n\n"
      "Exit codes: 0 listed, 2 unknown tag.");
  cmd->callback([cmd, format, tags, pack, &exit_code] {
    if (!cmd->get_subcommands().empty()) return;  // `aip rules test` did the work
    if (!pack->empty()) {
      if (*format == "markdown") {
        fmt::print("{}", *pack == "all" ? lint::packs_markdown() : lint::pack_markdown(*pack));
      } else if (*format == "json") {
        lint::Json out = lint::Json::array();
        for (const std::string& p : spec::compliance_packs()) {
          if (*pack == "all" || *pack == p) out.push_back(lint::pack_json(p));
        }
        fmt::print("{}\n", (*pack == "all" ? out : out[0]).dump(2));
      } else {
        for (const std::string& p : spec::compliance_packs()) {
          if (*pack == "all" || *pack == p) fmt::print("{}", lint::pack_text(p));
        }
      }
      exit_code = kExitOk;
      return;
    }
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
