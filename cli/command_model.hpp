// What `--help` knows about aip's commands, as plain data: the man pages and
// shell completions are generated from it, so they cannot drift from the parser.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace aip::cli {

struct OptionModel {
  std::vector<std::string> long_names;   // without "--"
  std::vector<std::string> short_names;  // without "-"
  std::string positional;                // the argument's name, for a positional
  std::string value_name;                // TEXT, INT, ...; empty for a flag
  std::vector<std::string> choices;      // from CLI::IsMember
  std::string description;
  bool required = false;
  bool repeatable = false;

  bool is_flag() const { return positional.empty() && value_name.empty(); }
  // "-f, --format" or "spec"
  std::string display() const;
};

struct CommandModel {
  std::string name;  // "aip" for the root, else the subcommand's name
  std::string description;
  std::string footer;
  std::vector<OptionModel> options;      // named options, in definition order
  std::vector<OptionModel> positionals;  // in order
  std::vector<CommandModel> subcommands;
};

// The root app and every subcommand with a help group (hidden ones, like
// `__generate`, are left out).
CommandModel command_model(const CLI::App& app);

}  // namespace aip::cli
