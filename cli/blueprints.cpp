// `aip blueprints`: the whole platforms built into aip, one line each.
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bundled/bundled.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"

namespace aip::cli {

void add_blueprints_command(CLI::App& app, int& exit_code) {
  auto format = std::make_shared<std::string>("text");
  auto* cmd = app.add_subcommand("blueprints", "List the blueprints built into aip (start one with `aip init --blueprint NAME`)");
  cmd->add_option("-f,--format", *format, "Output: text (default) or json")->check(CLI::IsMember({"text", "json"}));
  cmd->footer(
      "Examples:\n"
      "  aip blueprints\n"
      "  aip init --blueprint lang-portal my-platform\n\n"
      "Exit codes: 0 listed.");
  cmd->callback([format, &exit_code] {
    const auto& all = bundled::blueprints();
    if (*format == "json") {
      nlohmann::json out = nlohmann::json::array();
      for (const bundled::Blueprint& b : all) out.push_back({{"name", b.name}, {"description", b.description}});
      fmt::print("{}\n", out.dump(2));
    } else {
      std::size_t width = 0;
      for (const bundled::Blueprint& b : all) width = std::max(width, b.name.size());
      for (const bundled::Blueprint& b : all) fmt::print("{:<{}}  {}\n", b.name, width, b.description);
    }
    exit_code = kExitOk;
  });
}

}  // namespace aip::cli
