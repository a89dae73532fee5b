// Top level of the spec: version, name, tags, accounts; areas are read by their own files.
#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/compliance.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/regions.hpp"
#include "spec/tables.hpp"

namespace aip::spec {
namespace {

// Areas of the design that this version does not read yet: saying so beats
// "unknown key" for someone following the design documents.
const std::vector<std::string> kPlannedAreas = {};


// The spec's own `lint:` names Guard rule files; suppressions belong on the
// elements they are about, so there is no spec-wide `suppress`.
void read_spec_lint(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  Fields f(node, "the spec-wide lint", diags);
  f.without_lint();
  f.strings("rules", spec.guard_rules, Presence::required);
}

}  // namespace

void read_accounts(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  if (!node.is_map() || node.entries.empty()) {
    diags.error(node.location, "'accounts' must map account names to {id, region}, with at least one account");
    return;
  }
  for (const auto& [key, value] : node.entries) {
    if (!check_name(key, "account", diags)) continue;
    Account account;
    account.name = key.scalar;
    account.location = key.location;
    Fields f(value, fmt::format("account '{}'", key.scalar), diags, key.location);
    f.text("id", aws_account_id(), "account id must be exactly 12 digits, got '{}'", account.id, Presence::required);
    f.region("region", account.region, Presence::required);
    f.text("ou", account.organizational_unit);
    spec.accounts.push_back(std::move(account));
  }
}

const std::vector<std::string>& planned_areas() { return kPlannedAreas; }

Spec read_spec(const YamlNode& root, const SourceFile& file, Diagnostics& diags) {
  Spec spec;
  spec.file = &file;
  LintSuppressionCollector collect(spec.lint_suppressions);
  OverrideCollector collect_overrides(spec.overrides);
  if (root.is_null()) {
    diags.error(Location{&file, 1, 1}, "the spec is empty; start from `aip init` or a file in blueprints/");
    return spec;
  }
  Fields f(root, "the spec", diags);
  if (!f.ok()) return spec;
  f.without_overrides();
  f.integer("aip", {1, 1}, spec.version, Presence::required);
  static const Pattern name_pattern("[a-z][a-z0-9-]{0,39}");
  f.text("name", name_pattern,
         "platform name '{}' must be lowercase letters, digits and '-', starting with a letter, at most 40 "
         "characters (it prefixes every stack name)",
         spec.name, Presence::required);
  f.text("description", spec.description);
  f.tags(spec.tags);
  std::vector<Located<std::string>> packs;
  f.choices("compliance", compliance_packs(), packs);
  for (Located<std::string>& pack : packs) {
    bool twice = std::any_of(spec.compliance.begin(), spec.compliance.end(),
                             [&](const Located<std::string>& p) { return p.value == pack.value; });
    if (twice) {
      diags.error(pack.location, fmt::format("compliance pack '{}' is listed twice", pack.value));
    } else {
      spec.compliance.push_back(std::move(pack));
    }
  }
  if (const YamlNode* a = f.required("accounts")) read_accounts(*a, spec, diags);
  if (const YamlNode* n = f.optional("network")) read_network(*n, spec, diags);
  if (const YamlNode* n = f.optional("identity")) read_identity(*n, spec, diags);
  if (const YamlNode* n = f.optional("data")) read_data(*n, spec, diags);
  if (const YamlNode* n = f.optional("compute")) read_compute(*n, spec, diags);
  if (const YamlNode* n = f.optional("edge")) read_edge(*n, spec, diags);
  if (const YamlNode* n = f.optional("finops")) read_finops(*n, spec, diags);
  if (const YamlNode* n = f.optional("storage")) read_storage(*n, spec, diags);
  if (const YamlNode* n = f.optional("observability")) read_observability(*n, spec, diags);
  if (const YamlNode* n = f.optional("events")) read_events(*n, spec, diags);
  if (const YamlNode* n = f.optional("iam")) read_iam(*n, spec, diags);
  if (const YamlNode* n = f.optional("functions")) read_functions(*n, spec, diags);
  if (const YamlNode* n = f.optional("api")) read_api(*n, spec, diags);
  if (const YamlNode* n = f.optional("search")) read_search(*n, spec, diags);
  if (const YamlNode* n = f.optional("sagemaker")) read_sagemaker(*n, spec, diags);
  if (const YamlNode* n = f.optional("glue")) read_glue(*n, spec, diags);
  if (const YamlNode* n = f.optional("dns")) read_dns(*n, spec, diags);
  if (const YamlNode* n = f.optional("resources")) read_resources(*n, spec, diags);
  if (const YamlNode* n = f.optional("registries")) read_registries(*n, spec, diags);
  if (const YamlNode* n = f.optional("secrets")) read_secrets(*n, spec, diags);
  if (const YamlNode* n = f.optional("discovery")) read_discovery(*n, spec, diags);
  if (const YamlNode* n = f.optional("tables")) read_tables(*n, spec, diags);
  if (const YamlNode* n = f.optional("workflows")) read_workflows(*n, spec, diags);
  if (const YamlNode* n = f.optional("security")) read_security(*n, spec, diags);
  if (const YamlNode* n = f.optional("bedrock")) read_bedrock(*n, spec, diags);
  if (const YamlNode* n = f.optional("backup")) read_backup(*n, spec, diags);
  if (const YamlNode* n = f.optional("classification")) read_classification(*n, spec, diags);
  if (const YamlNode* n = f.optional("pipelines")) read_pipelines(*n, spec, diags);
  if (const YamlNode* n = f.optional("lint")) read_spec_lint(*n, spec, diags);
  // Read before this reader runs (spec/environments.cpp).
  f.optional("include");
  if (const YamlNode* n = f.optional("environments")) read_environment_keys(*n);
  for (const std::string& area : kPlannedAreas) {
    if (f.optional(area) != nullptr) {
      diags.error(root.find_key(area)->location,
                  fmt::format("'{}' is part of aip's design but not implemented in this version yet", area));
    }
  }
  // Readers finish inner elements first; source order reads better.
  std::stable_sort(spec.lint_suppressions.begin(), spec.lint_suppressions.end(),
                   [](const LintSuppression& a, const LintSuppression& b) {
                     return std::make_tuple(a.rule.location.line, a.rule.location.column) <
                            std::make_tuple(b.rule.location.line, b.rule.location.column);
                   });
  return spec;
}

const Account* Spec::find_account(std::string_view n) const {
  for (const Account& a : accounts) {
    if (a.name == n) return &a;
  }
  for (const Account& a : other_accounts) {
    if (a.name == n) return &a;
  }
  return nullptr;
}

const Vpc* Spec::find_vpc(std::string_view n) const {
  for (const Vpc& v : network.vpcs) {
    if (v.name == n) return &v;
  }
  return nullptr;
}

const SecurityGroup* Spec::find_security_group(std::string_view n) const {
  for (const SecurityGroup& g : network.security_groups) {
    if (g.name == n) return &g;
  }
  return nullptr;
}

const char* to_string(TierKind kind) {
  switch (kind) {
    case TierKind::public_: return "public";
    case TierKind::private_: return "private";
    case TierKind::isolated: return "isolated";
  }
  return "private";
}

const char* to_string(NatMode mode) {
  switch (mode) {
    case NatMode::none: return "none";
    case NatMode::single: return "single";
    case NatMode::per_az: return "per-az";
  }
  return "none";
}

}  // namespace aip::spec
