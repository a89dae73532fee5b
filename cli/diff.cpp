// `aip diff OLD NEW`: what changes between two versions of a platform, each a
// spec, a cloud assembly directory or a single template.
#include <fmt/format.h>

#include <cstdint>
#include <exception>
#include <filesystem>
#include <thread>

#include "commands.hpp"
#include "diff/diff.hpp"
#include "diff/environment_side.hpp"
#include "diff/load_side.hpp"
#include "exit_codes.hpp"
#include "kept_until_exit.hpp"
#include "print_diagnostics.hpp"
#include "terminal.hpp"

namespace aip::cli {
namespace {

struct DiffOptions {
  std::string old_path;
  std::string new_path;
  std::string format = "text";
  std::string fail_on = "none";
  std::vector<std::string> environments;  // --env: one or two environments of specs
};

// Runs `load_old` on a second thread while this one runs `load_new`. The two
// sides are independent (each reads its own files into its own SourceManager
// and synthesizes alone; what the spec readers share is thread_local or behind
// a mutex), so on two cores a diff of two specs waits for one synthesis, not two.
template <typename Old, typename New>
void load_concurrently(Old&& load_old, New&& load_new) {
  std::exception_ptr failure;
  std::thread second([&] {
    try {
      load_old();
    } catch (...) {
      failure = std::current_exception();
    }
  });
  try {
    load_new();
  } catch (...) {
    second.join();
    throw;
  }
  second.join();
  if (failure) std::rethrow_exception(failure);
}

// Inputs of up to this size (each; a spec of 256 KiB renders about 7,500
// resources, every blueprint is under 70 KiB) load one after the other, in the
// least memory; larger ones load at once, on two cores, where the wait matters
// more than the working set.
constexpr std::uintmax_t kLoadOneAfterOther = 256 * 1024;

// The bytes of a file, or of the files directly in a directory (an assembly).
std::uintmax_t input_bytes(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) return std::filesystem::file_size(path, ec);
  std::uintmax_t total = 0;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

int run_diff(const DiffOptions& options) {
  auto level = diff::parse_fail_on(options.fail_on);
  if (!level) {
    fmt::print(stderr, "aip: error: --fail-on must be one of replace, data-loss, broadened, any (got '{}')\n",
               options.fail_on);
    return kExitInput;
  }
  if (options.environments.size() > 2 || (options.new_path.empty() && options.environments.size() != 2)) {
    fmt::print(stderr, "aip: error: diff takes OLD NEW, SPEC --env A --env B, or OLD NEW --env E [--env F]\n");
    return kExitInput;
  }
  diff::LoadResult old_side;
  diff::LoadResult new_side;
  if (options.environments.empty()) {
    if (input_bytes(options.old_path) < kLoadOneAfterOther && input_bytes(options.new_path) < kLoadOneAfterOther) {
      // One side after the other, the first one packed while the second loads:
      // a synthesis needs about as much memory again as the templates it makes,
      // so two at once (or the first side kept as trees) would hold both.
      old_side = diff::load_side(options.old_path);
      if (old_side.side) diff::pack_templates(*old_side.side);
      new_side = diff::load_side(options.new_path);
    } else {
      load_concurrently([&] { old_side = diff::load_side(options.old_path); },
                        [&] { new_side = diff::load_side(options.new_path); });
    }
  } else {
    // Environments (docs/environments.md): SPEC --env A --env B compares A with B of
    // one spec; OLD NEW --env E compares E of two versions (--env E --env F: E of OLD with F of NEW).
    const std::string& old_env = options.environments.front();
    const std::string& new_env = options.environments.back();
    diff::EnvironmentSide old_env_side;
    diff::EnvironmentSide new_env_side;
    load_concurrently([&] { old_env_side = diff::load_environment_side(options.old_path, old_env); },
                      [&] {
                        new_env_side = diff::load_environment_side(
                            options.new_path.empty() ? options.old_path : options.new_path, new_env);
                      });
    if (old_env_side.loaded.side && new_env_side.loaded.side) diff::rebase_environment(old_env_side, new_env_side);
    old_side = std::move(old_env_side.loaded);
    new_side = std::move(new_env_side.loaded);
  }
  if (!old_side.side || !new_side.side) {
    // A spec's errors show its source lines, as synth shows them; a template's are one line each.
    for (const diff::LoadResult* side : {&old_side, &new_side}) {
      if (!side->side) print_diagnostics(side->diagnostics, side->kind == diff::SideKind::Spec ? Detail::full : Detail::brief);
    }
    return kExitInput;
  }
  const diff::DiffResult& result =
      kept_until_exit(diff::diff_sides(std::move(*old_side.side), std::move(*new_side.side)));
  kept_until_exit(std::move(old_side));
  kept_until_exit(std::move(new_side));
  if (options.format == "json") {
    fmt::print("{}\n", diff::render_json(result).dump(2));
  } else if (options.format == "markdown") {
    fmt::print("{}", diff::render_markdown(result));
  } else {
    fmt::print("{}", diff::render_text(result, use_color(stdout)));
  }
  return diff::triggers(result, *level) ? kExitFindings : kExitOk;
}

}  // namespace

void add_diff_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DiffOptions>();
  auto* cmd = app.add_subcommand(
      "diff", "Compare two versions of a platform (spec, assembly directory or template): replacements, data loss, "
              "IAM and security group changes");
  cmd->add_option("old", options->old_path, "Old version: spec (YAML with aip:), assembly directory or template")
      ->required();
  cmd->add_option("new", options->new_path,
                  "New version: spec, assembly directory or template (none with --env A --env B: the same spec)");
  cmd->add_option("--env", options->environments,
                  "An environment of the specs: SPEC --env test --env prod compares two environments of one spec, "
                  "OLD NEW --env prod one environment of two versions");
  cmd->add_option("--format", options->format, "Output format: text (default), json, markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  cmd->add_option("--fail-on", options->fail_on,
                  "Exit 1 when the diff has: replace (a replacement, possible replacement, rename or data loss), "
                  "data-loss, broadened (IAM or security group access), any (any change)")
      ->check(CLI::IsMember({"none", "replace", "data-loss", "broadened", "any"}));
  cmd->footer(
      "Examples:\n"
      "  aip diff platform.yaml platform-new.yaml\n"
      "  aip diff cdk.out platform.yaml --fail-on data-loss\n"
      "  aip diff old.template.json new.template.yaml --format markdown > diff.md\n\n"
      "Stacks are matched by name, resources by logical id. An empty diff prints nothing (text) and exits 0.\n"
      "Exit codes: 0 no change at or above --fail-on (always 0 without it), 1 a change at or above --fail-on,\n"
      "2 bad input (unreadable file, spec errors, bad arguments). See docs/diff.md.");
  cmd->callback([options, &exit_code] { exit_code = run_diff(*options); });
}

}  // namespace aip::cli
