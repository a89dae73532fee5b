// `aip explain ID`: the documentation of a lint rule.
#include <fmt/format.h>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "base/did_you_mean.hpp"
#include "lint/lint.hpp"
#include "lint/reporters/reporters.hpp"

namespace aip::cli {

void add_explain_command(CLI::App& app, int& exit_code) {
  auto id = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto* cmd = app.add_subcommand("explain", "Print the documentation of a lint rule: why it matters and how to fix it");
  cmd->add_option("rule", *id, "Rule id, e.g. AIP-IAM-001")->required();
  cmd->add_option("-f,--format", *format, "Output: text (default) or json")->check(CLI::IsMember({"text", "json"}));
  cmd->footer(
      "Examples:\n"
      "  aip explain AIP-IAM-001\n"
      "  aip explain aip-net-003 --format json\n\n"
      "Exit codes: 0 printed, 2 no such rule.");
  cmd->callback([id, format, &exit_code] {
    const lint::Rule* rule = lint::find_rule(*id);
    if (rule == nullptr) {
      std::vector<std::string> ids;
      for (const lint::Rule* r : lint::all_rules()) ids.push_back(r->info.id);
      fmt::print(stderr, "aip: error: no lint rule '{}'{}\naip: `aip rules` lists them all\n", *id, did_you_mean(*id, ids, Quote::double_));
      exit_code = kExitInput;
      return;
    }
    if (*format == "json") {
      fmt::print("{}\n", lint::rule_json(*rule).dump(2));
    } else {
      fmt::print("{}", lint::explain_text(*rule));
    }
    exit_code = kExitOk;
  });
}

}  // namespace aip::cli
