// The commands of the aip driver. Each is a thin layer over library calls;
// it returns the process exit code (see exit_codes.hpp).
#pragma once

#include <CLI/CLI.hpp>

namespace aip::cli {

void add_synth_command(CLI::App& app, int& exit_code);
void add_validate_command(CLI::App& app, int& exit_code);
void add_diff_command(CLI::App& app, int& exit_code);
void add_graph_command(CLI::App& app, int& exit_code);
void add_lint_command(CLI::App& app, int& exit_code);
void add_explain_command(CLI::App& app, int& exit_code);
void add_rules_command(CLI::App& app, int& exit_code);
// `aip rules test`: a subcommand of `aip rules` (pass the `rules` command).
void add_rules_test_command(CLI::App& rules, int& exit_code);
void add_policy_command(CLI::App& app, int& exit_code);
void add_can_command(CLI::App& app, int& exit_code);
void add_blueprints_command(CLI::App& app, int& exit_code);
void add_init_command(CLI::App& app, int& exit_code);
void add_schema_command(CLI::App& app, int& exit_code);
// Hidden: the man pages and shell completions, for the build (generate.cpp).
void add_generate_command(CLI::App& app, int& exit_code);

}  // namespace aip::cli
