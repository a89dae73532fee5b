// Includes and environments (docs/environments.md): both work on the YAML tree
// before the typed readers run, through one merge rule (base/yaml_merge.hpp),
// so every value keeps the file:line:col it was written at.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "base/yaml_merge.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"

namespace aip::spec {
namespace environments {

// How deep includes may nest and how many files one spec may include: a
// bound for hostile input, far above what a platform team writes.
constexpr std::size_t kMaxIncludeDepth = 16;
constexpr std::size_t kMaxIncludedFiles = 64;

struct Includer {
  SourceManager& sources;
  std::vector<std::string>& included;
  Diagnostics& diags;
  std::vector<std::string> stack;  // canonical paths of the files being read, outermost first
};

std::string canonical(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(std::filesystem::path(path), ec);
  return ec ? std::filesystem::path(path).lexically_normal().string() : p.string();
}

YamlNode without_key(const YamlNode& map, std::string_view key) {
  YamlNode out = map;
  out.entries.erase(std::remove_if(out.entries.begin(), out.entries.end(),
                                   [&](const auto& e) { return e.first.scalar == key; }),
                    out.entries.end());
  return out;
}

// `root` (of `file`) with the files it includes merged underneath, in the
// order listed (a later include wins over an earlier one, the file itself over
// all of them), and without its `include` key.
YamlNode resolve(const SourceFile& file, const YamlNode& root, Includer& in) {
  const YamlNode* list = root.is_map() ? root.find("include") : nullptr;
  if (list == nullptr) return root;
  YamlNode merged;  // null: nothing yet
  std::vector<const YamlNode*> items;
  if (list->is_scalar()) {
    items.push_back(list);
  } else if (list->is_sequence()) {
    for (const YamlNode& item : list->items) items.push_back(&item);
  } else {
    in.diags.error(list->location, fmt::format("'include' must be a list of file paths, got {}", list->describe()));
  }
  for (const YamlNode* item : items) {
    if (!item->is_scalar() || item->scalar.empty()) {
      in.diags.error(item->location, fmt::format("an include must be a file path, got {}", item->describe()));
      continue;
    }
    std::filesystem::path target = std::filesystem::path(item->scalar);
    if (target.is_relative()) target = std::filesystem::path(file.path).parent_path() / target;
    const std::string path = target.lexically_normal().string();
    const std::string key = canonical(path);
    auto cycle = std::find(in.stack.begin(), in.stack.end(), key);
    if (cycle != in.stack.end()) {
      std::string chain;
      for (auto it = cycle; it != in.stack.end(); ++it) chain += std::filesystem::path(*it).filename().string() + " -> ";
      in.diags.error(item->location, fmt::format("include '{}' is a cycle: {}{}", item->scalar, chain,
                                                 std::filesystem::path(key).filename().string()));
      continue;
    }
    if (in.stack.size() >= kMaxIncludeDepth) {
      in.diags.error(item->location, fmt::format("includes nest deeper than {} files", kMaxIncludeDepth));
      continue;
    }
    if (in.included.size() >= kMaxIncludedFiles) {
      in.diags.error(item->location, fmt::format("a spec may include at most {} files", kMaxIncludedFiles));
      continue;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(target, ec)) {
      in.diags.error(item->location, fmt::format("include '{}' is a directory, not a file", item->scalar));
      continue;
    }
    std::string error;
    const SourceFile* child = in.sources.load(path, &error);
    if (child == nullptr) {
      if (!std::filesystem::exists(target, ec)) error = fmt::format("'{}' does not exist", path);
      in.diags.error(item->location, fmt::format("cannot include '{}': {}", item->scalar, error));
      continue;
    }
    in.included.push_back(path);
    std::optional<YamlNode> tree = parse_yaml(*child, in.diags);
    if (!tree) continue;
    if (!tree->is_null() && !tree->is_map()) {
      in.diags.error(tree->location, fmt::format("an included file must be a map of spec keys, got {}", tree->describe()));
      continue;
    }
    in.stack.push_back(key);
    YamlNode resolved = resolve(*child, *tree, in);
    in.stack.pop_back();
    merged = merge_yaml(merged, resolved);
  }
  YamlNode own = without_key(root, "include");
  return merge_yaml(merged, own);
}

struct Environment {
  Located<std::string> name;
  Located<std::string> account;
  Located<std::string> region;
  const YamlNode* overlay = nullptr;
};

// Keys an overlay may not set: they say what the spec is, not how one
// environment differs.
const std::vector<std::string> kNotOverlaid = {"aip", "name", "include", "environments"};

std::vector<Environment> read(const YamlNode& root, Diagnostics& diags) {
  std::vector<Environment> out;
  const YamlNode* node = root.find("environments");
  if (node == nullptr) return out;
  if (!node->is_map() || node->entries.empty()) {
    diags.error(node->location, "'environments' must map environment names to {account, region, overlay}, with at "
                                "least one environment");
    return out;
  }
  const YamlNode* accounts = root.find("accounts");
  std::vector<std::string> account_names;
  if (accounts != nullptr && accounts->is_map()) {
    for (const auto& [k, v] : accounts->entries) account_names.push_back(k.scalar);
  }
  static const Pattern env_name("[a-z][a-z0-9]{0,11}");
  for (const auto& [key, value] : node->entries) {
    if (!key.is_scalar() || !env_name.matches(key.scalar)) {
      diags.error(key.location, fmt::format("environment name '{}' must be lowercase letters and digits, starting with "
                                            "a letter, at most 12 characters (it is part of every stack name)",
                                            key.scalar));
      continue;
    }
    Environment env;
    env.name = {key.scalar, key.location};
    Fields f(value, fmt::format("environment '{}'", key.scalar), diags, key.location);
    f.without_overrides();  // an environment renders nothing itself: overrides go in its overlay
    f.text("account", env.account, Presence::required);
    f.region("region", env.region);
    env.overlay = f.optional("overlay");
    if (env.overlay != nullptr && env.overlay->is_null()) env.overlay = nullptr;
    if (env.overlay != nullptr && !env.overlay->is_map()) {
      diags.error(env.overlay->location,
                  fmt::format("the overlay of environment '{}' must be a map of spec keys, got {}", key.scalar,
                              env.overlay->describe()));
      continue;
    }
    if (env.overlay != nullptr) {
      for (const auto& [k, v] : env.overlay->entries) {
        if (std::find(kNotOverlaid.begin(), kNotOverlaid.end(), k.scalar) != kNotOverlaid.end()) {
          diags.error(k.location, fmt::format("an overlay cannot set '{}': it is the same in every environment", k.scalar));
        }
      }
    }
    if (!env.account.value.empty() &&
        std::find(account_names.begin(), account_names.end(), env.account.value) == account_names.end()) {
      diags.error(env.account.location,
                  fmt::format("environment '{}' refers to account '{}', which is not defined{}", key.scalar,
                              env.account.value, did_you_mean(env.account.value, account_names)));
      continue;
    }
    out.push_back(std::move(env));
  }
  return out;
}

// The environment's tree: the overlay merged over the spec, `accounts` only
// the environment's (in its region, when the environment names one).
YamlNode environment_tree(const YamlNode& root, const Environment& env) {
  YamlNode tree = env.overlay != nullptr ? merge_yaml(root, *env.overlay) : root;
  for (auto& [key, value] : tree.entries) {
    if (key.scalar != "accounts" || !value.is_map()) continue;
    value.entries.erase(std::remove_if(value.entries.begin(), value.entries.end(),
                                       [&](const auto& e) { return e.first.scalar != env.account.value; }),
                        value.entries.end());
    if (env.region.value.empty() || value.entries.empty() || !value.entries.front().second.is_map()) continue;
    YamlNode region_key;
    region_key.kind = YamlNode::Kind::scalar;
    region_key.scalar = "region";
    region_key.location = env.region.location;
    YamlNode region;
    region.kind = YamlNode::Kind::scalar;
    region.scalar = env.region.value;
    region.location = env.region.location;
    YamlNode over;
    over.kind = YamlNode::Kind::map;
    over.entries.emplace_back(region_key, region);
    value.entries.front().second = merge_yaml(value.entries.front().second, over);
  }
  return tree;
}

// Appends `from` to `to`, leaving out what `to` already says (an error in the
// shared part of the spec is found once per environment, reported once).
void add_once(Diagnostics& to, const Diagnostics& from) {
  for (const Diagnostic& d : from.items()) {
    bool seen = std::any_of(to.items().begin(), to.items().end(), [&](const Diagnostic& o) {
      return o.message == d.message && o.location.file == d.location.file && o.location.line == d.location.line &&
             o.location.column == d.location.column;
    });
    if (!seen) to.add(d);
  }
}

// The accounts of `root` other than the environment's: shared ones (no
// environment names them) and the other environments'.
void read_other_accounts(const YamlNode& root, const std::vector<Environment>& envs, const Environment& env,
                         Spec& spec) {
  const YamlNode* accounts = root.find("accounts");
  if (accounts == nullptr || !accounts->is_map()) return;
  YamlNode others = *accounts;
  others.entries.erase(std::remove_if(others.entries.begin(), others.entries.end(),
                                      [&](const auto& e) { return e.first.scalar == env.account.value; }),
                       others.entries.end());
  if (others.entries.empty()) return;
  for (const Environment& e : envs) spec.environment_of_account.emplace(e.account.value, e.name.value);  // the first
  Spec read;
  Diagnostics reported;  // the environment's own read reports them, from the same lines
  read_accounts(others, read, reported);
  spec.other_accounts = std::move(read.accounts);
  for (const Account& a : spec.other_accounts) {
    bool environments = std::any_of(envs.begin(), envs.end(), [&](const Environment& e) { return e.account.value == a.name; });
    if (!environments) spec.shared_accounts.push_back(a.name);
  }
}

std::optional<Spec> finish(const YamlNode& tree, const SourceFile& file, Diagnostics& diags, const LoadOptions& options,
                           const std::shared_ptr<SourceManager>& sources, const std::vector<std::string>& included,
                           const Environment* env, const YamlNode* root = nullptr,
                           const std::vector<Environment>* envs = nullptr) {
  Diagnostics own;
  Spec spec = read_spec(tree, file, own);
  if (env != nullptr && root != nullptr && envs != nullptr) read_other_accounts(*root, *envs, *env, spec);
  spec.included_sources = sources;
  spec.included = included;
  spec.platform = spec.name.value;
  if (env != nullptr) {
    spec.environment = env->name.value;
    spec.environment_location = env->name.location;
    spec.name.value = fmt::format("{}-{}", spec.platform, env->name.value);
  }
  if (!options.lint_rules.empty()) check_lint_suppression_rules(spec.lint_suppressions, options.lint_rules, own);
  if (!own.has_errors()) check_spec(spec, own);
  add_once(diags, own);
  if (own.has_errors()) return std::nullopt;
  return spec;
}

// A load that fails returns no Spec to keep its included files alive, yet its
// diagnostics point into them: they stay here until the process ends (a run
// that fails reports and exits). Only loads that read an included file keep any.
void keep_alive(const std::shared_ptr<SourceManager>& sources, const std::vector<std::string>& included) {
  if (included.empty()) return;
  static std::mutex mutex;
  static std::vector<std::shared_ptr<SourceManager>> kept;
  std::lock_guard<std::mutex> lock(mutex);
  kept.push_back(sources);
}

}  // namespace environments

static std::optional<std::vector<Spec>> load_all(const SourceFile& file, const YamlNode& parsed, Diagnostics& diags,
                                          const LoadOptions& options, const std::shared_ptr<SourceManager>& sources,
                                          std::vector<std::string>& included);

void read_environment_keys(const YamlNode& node) {
  if (!node.is_map()) return;
  Diagnostics reported_before;  // environments::read reported these already
  for (const auto& [key, value] : node.entries) {
    Located<std::string> account, region;
    Fields f(value, "environment", reported_before, key.location);
    f.without_overrides();
    f.text("account", account);
    f.region("region", region);
    f.optional("overlay");
  }
}

std::optional<std::vector<Spec>> load_environments(const SourceFile& file, Diagnostics& diags,
                                                   const LoadOptions& options) {
  auto root = parse_yaml(file, diags);
  if (!root) return std::nullopt;
  auto sources = std::make_shared<SourceManager>();
  std::vector<std::string> included;
  auto specs = load_all(file, *root, diags, options, sources, included);
  if (!specs) environments::keep_alive(sources, included);
  return specs;
}

static std::optional<std::vector<Spec>> load_all(const SourceFile& file, const YamlNode& parsed, Diagnostics& diags,
                                          const LoadOptions& options, const std::shared_ptr<SourceManager>& sources,
                                          std::vector<std::string>& included) {
  const YamlNode* root = &parsed;
  environments::Includer in{*sources, included, diags, {environments::canonical(file.path)}};
  const YamlNode tree = environments::resolve(file, *root, in);
  if (diags.has_errors()) return std::nullopt;
  const std::vector<environments::Environment> envs = environments::read(tree, diags);
  if (diags.has_errors()) return std::nullopt;

  std::vector<const environments::Environment*> selected;
  std::vector<std::string> names;
  for (const auto& e : envs) names.push_back(e.name.value);
  for (const std::string& wanted : options.environments) {
    auto it = std::find_if(envs.begin(), envs.end(), [&](const auto& e) { return e.name.value == wanted; });
    if (it == envs.end()) {
      const YamlNode* key = tree.is_map() ? tree.find_key("environments") : nullptr;
      Location where = key != nullptr ? key->location : Location{&file, 1, 1};
      diags.error(where, envs.empty() ? fmt::format("--env {}: the spec has no environments", wanted)
                                      : fmt::format("--env {}: the spec has no environment '{}'{}", wanted, wanted,
                                                    did_you_mean(wanted, names)));
      continue;
    }
    if (std::find(selected.begin(), selected.end(), &*it) == selected.end()) selected.push_back(&*it);
  }
  if (diags.has_errors()) return std::nullopt;
  if (options.environments.empty()) {
    for (const auto& e : envs) selected.push_back(&e);
  }

  std::vector<Spec> out;
  bool failed = false;
  if (envs.empty()) {
    auto spec = environments::finish(tree, file, diags, options, sources, included, nullptr);
    if (!spec) return std::nullopt;
    out.push_back(std::move(*spec));
    return out;
  }
  for (const environments::Environment* env : selected) {
    auto spec = environments::finish(environments::environment_tree(tree, *env), file, diags, options, sources,
                                     included, env, &tree, &envs);
    if (!spec) {
      failed = true;
      continue;
    }
    out.push_back(std::move(*spec));
  }
  if (failed) return std::nullopt;
  return out;
}

std::optional<Spec> load_shared_part(const SourceFile& file, Diagnostics& diags, const LoadOptions& options) {
  auto root = parse_yaml(file, diags);
  if (!root) return std::nullopt;
  auto sources = std::make_shared<SourceManager>();
  std::vector<std::string> included;
  environments::Includer in{*sources, included, diags, {environments::canonical(file.path)}};
  const YamlNode tree = environments::resolve(file, *root, in);
  if (diags.has_errors()) return std::nullopt;
  Diagnostics reported;  // load_environments reports the environments' errors
  const std::vector<environments::Environment> envs = environments::read(tree, reported);
  if (envs.empty() || reported.has_errors()) return std::nullopt;
  const YamlNode* accounts = tree.find("accounts");
  const bool any_shared = accounts != nullptr && accounts->is_map() &&
                          std::any_of(accounts->entries.begin(), accounts->entries.end(), [&](const auto& a) {
                            return std::none_of(envs.begin(), envs.end(), [&](const environments::Environment& e) {
                              return e.account.value == a.first.scalar;
                            });
                          });
  if (!any_shared) return std::nullopt;
  environments::Environment base = envs.front();
  base.overlay = nullptr;
  auto spec = environments::finish(environments::environment_tree(tree, base), file, diags, options, sources, included,
                                   &base, &tree, &envs);
  if (!spec) {
    environments::keep_alive(sources, included);
    return std::nullopt;
  }
  spec->name.value = spec->platform;
  spec->shared_part = true;
  return spec;
}

std::optional<Spec> load_spec(const SourceFile& file, Diagnostics& diags, const LoadOptions& options) {
  auto specs = load_environments(file, diags, options);
  if (!specs || specs->empty()) return std::nullopt;
  return std::move(specs->front());
}

}  // namespace aip::spec
