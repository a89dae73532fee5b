// The `registries:` area: ECR repositories, read (checks: check_registries.cpp).
#include <fmt/format.h>

#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace {

// ECR's repository names: lowercase path components separated by '/', each
// letters and digits joined by single '.', '_' or '-'; 2 to 256 characters.
const Pattern& ecr_repository_name() {
  static const Pattern shape("[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*");
  return shape;
}

void read_repository(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "repository", diags)) return;
  Repository r;
  r.name = key.scalar;
  r.location = key.location;
  Fields f(value, fmt::format("repository '{}'", r.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", r.account);
  f.region("region", r.region);
  f.text("repository_name", ecr_repository_name(),
         "repository name '{}' must be lowercase letters and digits, separated by '.', '_', '-' or '/' (ECR's "
         "rule)",
         r.repository_name);
  f.flag("scan_on_push", r.scan_on_push);
  f.flag("immutable_tags", r.immutable_tags);
  f.integer("keep_images", {1, 10000}, r.keep_images);
  f.integer("untagged_days", {1, 3650}, r.untagged_days);
  f.flag("aws_managed_key", r.aws_managed_key);
  f.strings("pull_accounts", r.pull_accounts);
  f.tags(r.tags);
  spec.registries.repositories.push_back(std::move(r));
}

}  // namespace

std::string repository_name(const Spec& spec, const Repository& r) {
  if (!r.repository_name.value.empty()) return r.repository_name.value;
  // A repository of another environment's account has that environment's name
  // (a service here pulling from it, a promotion: docs/areas/pipelines.md).
  Placement at = place(spec, r.account, r.region);
  if (at.known() && !spec.environment.empty() && !spec.accounts.empty() && at.account->name != spec.accounts.front().name &&
      spec.environment_of_account.count(at.account->name) != 0) {
    return account_name_prefix(spec, *at.account) + "/" + r.name;
  }
  return spec.name.value + "/" + r.name;
}

void read_registries(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.registries.location = node.location;
  Fields f(node, "'registries'", diags);
  if (!f.ok()) return;
  read_named(f, "repositories", "repository", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_repository(k, v, spec, diags); });
}

}  // namespace aip::spec
