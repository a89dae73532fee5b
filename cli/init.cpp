// `aip init [--blueprint NAME] [DIR] [--force]`: start a platform from the
// starter spec or a blueprint, written to DIR/platform.yaml.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "base/did_you_mean.hpp"
#include "bundled/bundled.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"

namespace fs = std::filesystem;

namespace aip::cli {
namespace {

struct InitOptions {
  std::string blueprint;
  std::string dir = ".";
  bool force = false;
};

int fail(const std::string& message) {
  fmt::print(stderr, "aip: error: {}\n", message);
  return kExitInput;
}

// Written beside the target, then renamed over it: a reader never sees half a
// file, and a symbolic link at the target is replaced, never written through.
bool write_atomically(const fs::path& target, std::string_view text, std::string* error) {
  fs::path temp = target;
  temp.replace_filename(fmt::format(".{}.aip-init-{}", target.filename().string(), getpid()));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
      *error = fmt::format("cannot write '{}': {}", temp.string(), std::strerror(errno));
      std::error_code ignored;
      fs::remove(temp, ignored);
      return false;
    }
  }
  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) {
    *error = fmt::format("cannot write '{}': {}", target.string(), ec.message());
    fs::remove(temp, ec);
    return false;
  }
  return true;
}

int run_init(const InitOptions& options) {
  std::string_view text = bundled::starter_spec();
  std::string source = "the starter spec";
  const std::vector<bundled::BlueprintFile>* companions = nullptr;
  if (!options.blueprint.empty()) {
    const bundled::Blueprint* b = bundled::find_blueprint(options.blueprint);
    if (b == nullptr) {
      std::vector<std::string> names;
      for (const bundled::Blueprint& each : bundled::blueprints()) names.push_back(each.name);
      fmt::print(stderr, "aip: error: no blueprint '{}'{}\naip: `aip blueprints` lists them\n", options.blueprint,
                 did_you_mean(options.blueprint, names));
      return kExitInput;
    }
    text = b->text;
    source = fmt::format("blueprint '{}'", b->name);
    companions = &b->files;
  }

  const fs::path dir = fs::path(options.dir).lexically_normal();
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) return fail(fmt::format("'{}' exists and is not a directory", dir.string()));
  } else if (!fs::create_directories(dir, ec) && ec) {
    return fail(fmt::format("cannot create directory '{}': {}", dir.string(), ec.message()));
  }
  // The spec and the files it reads beside it (a blueprint's workflow
  // definitions), every one checked before any is written.
  const fs::path target = (dir / "platform.yaml").lexically_normal();
  std::vector<std::pair<fs::path, std::string_view>> writes = {{target, text}};
  if (companions != nullptr) {
    for (const bundled::BlueprintFile& f : *companions) writes.emplace_back((dir / f.path).lexically_normal(), f.text);
  }
  std::vector<fs::path> created;  // removed again when a later write fails
  for (const auto& [path, unused] : writes) {
    const fs::file_status status = fs::symlink_status(path, ec);
    if (!fs::exists(status)) {
      created.push_back(path);
      continue;
    }
    if (fs::is_directory(status)) return fail(fmt::format("'{}' is a directory", path.string()));
    if (!options.force) {
      return fail(fmt::format("'{}' already exists; aip init does not overwrite it (--force replaces it)",
                              path.string()));
    }
  }
  std::string error;
  auto undo = [&created] {
    std::error_code ignored;
    for (const fs::path& path : created) fs::remove(path, ignored);
  };
  for (const auto& [path, contents] : writes) {
    if (!path.parent_path().empty() && !fs::is_directory(path.parent_path(), ec) &&
        !fs::create_directories(path.parent_path(), ec) && ec) {
      undo();
      return fail(fmt::format("cannot create directory '{}': {}", path.parent_path().string(), ec.message()));
    }
    if (!write_atomically(path, contents, &error)) {
      undo();
      return fail(error);
    }
  }
  fmt::print("aip: wrote {} from {}\n", target.string(), source);
  for (std::size_t i = 1; i < writes.size(); ++i) fmt::print("aip: wrote {}, which it reads\n", writes[i].first.string());
  fmt::print("next:\n  aip validate {}\n  aip lint {}\n  aip synth {} -o cdk.out\n", target.string(), target.string(),
             target.string());
  return kExitOk;
}

}  // namespace

void add_init_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<InitOptions>();
  auto* cmd = app.add_subcommand("init", "Start a platform: write DIR/platform.yaml from the starter spec or a blueprint");
  cmd->add_option("dir", options->dir, "Directory to write platform.yaml in (default: the current one; created if missing)");
  cmd->add_option("-b,--blueprint", options->blueprint, "Start from this blueprint (see `aip blueprints`)");
  cmd->add_flag("--force", options->force, "Replace an existing DIR/platform.yaml");
  cmd->footer(
      "Examples:\n"
      "  aip init                               # ./platform.yaml, a small commented starter\n"
      "  aip init --blueprint lang-portal my-platform\n"
      "  aip schema > aip.schema.json           # completion and checks in editors\n\n"
      "A blueprint that reads files beside it (workflow definitions) gets them\n"
      "written too, under DIR. An existing file is never overwritten without --force.\n"
      "Exit codes: 0 written, 2 unknown blueprint, file exists, or cannot write.");
  cmd->callback([options, &exit_code] { exit_code = run_init(*options); });
}

}  // namespace aip::cli
