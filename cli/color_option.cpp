#include "color_option.hpp"

#include <string>

#include "terminal.hpp"

namespace aip::cli {
namespace {

void add_to(CLI::App& app) {
  // An option's callback runs while parsing, before any command's callback prints.
  app.add_option_function<std::string>(
         "--color",
         [](const std::string& when) {
           color_mode() = when == "always" ? ColorMode::always : when == "never" ? ColorMode::never : ColorMode::automatic;
         },
         "Colour: auto (default: only on a terminal, and not when NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

}  // namespace

void add_color_option(CLI::App& app) {
  add_to(app);
  for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) add_to(*command);
}

}  // namespace aip::cli
