// `aip __generate man|bash|zsh|fish [-o PATH]`: the man pages and shell
// completions, generated at build time from the same CLI11 definitions as
// `--help` (cmake/aip_install.cmake runs it). Hidden: it is for the build.
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "command_model.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "generate_completions.hpp"
#include "generate_man.hpp"
#include "version.hpp"

namespace aip::cli {
namespace {

struct GenerateOptions {
  std::string format;
  std::string output;  // man: a directory (default "."); completions: a file (default stdout)
};

bool write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out.flush());
}

int run_generate(const CLI::App& root, const GenerateOptions& options) {
  CommandModel model = command_model(root);
  if (options.format == "man") {
    std::filesystem::path dir = options.output.empty() ? "." : options.output;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    for (const auto& [name, text] : man_pages(model, kVersion)) {
      if (!write_text(dir / name, text)) {
        fmt::print(stderr, "aip: error: cannot write {}\n", (dir / name).string());
        return kExitInput;
      }
    }
    return kExitOk;
  }
  std::string text = options.format == "bash" ? bash_completion(model)
                     : options.format == "zsh" ? zsh_completion(model)
                                               : fish_completion(model);
  if (options.output.empty()) {
    fmt::print("{}", text);
  } else if (!write_text(options.output, text)) {
    fmt::print(stderr, "aip: error: cannot write {}\n", options.output);
    return kExitInput;
  }
  return kExitOk;
}

}  // namespace

void add_generate_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<GenerateOptions>();
  auto* cmd = app.add_subcommand("__generate", "Write aip's man pages or a shell completion (used by the build)");
  cmd->group("");  // hidden from --help, the man pages and the completions
  cmd->add_option("format", options->format, "man, bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"man", "bash", "zsh", "fish"}));
  cmd->add_option("-o,--output", options->output, "man: directory for the pages; otherwise the file (default: stdout)");
  // Run after parsing, when every command is in the tree.
  cmd->callback([options, &app, &exit_code] { exit_code = run_generate(app, *options); });
}

}  // namespace aip::cli
