// The `security:` area: GuardDuty, Security Hub, IAM Access Analyzer and the
// AWS Config recorder, read (checks: check_security.cpp).
#include <algorithm>

#include <fmt/format.h>

#include "base/security_standards.hpp"
#include "spec/field_reader.hpp"
#include "spec/functions.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace read_security_area {

const std::vector<std::string> kFeatures = {"s3", "rds", "ecs-runtime", "eks-runtime", "lambda", "ebs-malware", "eks-audit"};

void read_guardduty(const YamlNode& n, Security& s, Diagnostics& diags) {
  Fields f(n, "'guardduty'", diags);
  if (!f.ok()) return;
  s.guardduty.location = n.location;
  s.guardduty.features_given = n.find("features") != nullptr;
  f.choices("features", kFeatures, s.guardduty.features);
  f.choice("frequency", {"15m", "1h", "6h"}, s.guardduty.frequency);
}

void read_security_hub(const YamlNode& n, Security& s, Diagnostics& diags) {
  Fields f(n, "'security_hub'", diags);
  if (!f.ok()) return;
  s.security_hub.location = n.location;
  s.security_hub.standards_given = n.find("standards") != nullptr;
  f.choices("standards", aws::security_standard_names(), s.security_hub.standards);
}

void read_config(const YamlNode& n, Security& s, Diagnostics& diags) {
  Fields f(n, "'config'", diags);
  if (!f.ok()) return;
  ConfigRecording& c = s.config;
  c.location = n.location;
  f.text("bucket", c.bucket, Presence::required);
  f.text("prefix", c.prefix);
  f.choice("frequency", {"continuous", "daily"}, c.frequency);
  if (f.integer("snapshot_hours", {1, 24}, c.snapshot_hours)) {
    int h = c.snapshot_hours.value;
    if (h != 1 && h != 3 && h != 6 && h != 12 && h != 24) {
      diags.error(c.snapshot_hours.location,
                  fmt::format("'snapshot_hours' must be 1, 3, 6, 12 or 24 (what AWS Config offers), got {}", h));
    }
  }
  f.flag("pack_rules", c.pack_rules);
}

}  // namespace read_security_area

void read_security(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  using namespace read_security_area;
  Security& s = spec.security;
  s.location = node.location;
  Fields f(node, "'security'", diags);
  if (!f.ok()) return;
  f.strings("accounts", s.accounts);
  if (const YamlNode* g = f.optional("guardduty")) read_guardduty(*g, s, diags);
  if (const YamlNode* h = f.optional("security_hub")) read_security_hub(*h, s, diags);
  f.choice("access_analyzer", {"account", "organization", "none"}, s.access_analyzer);
  f.text("administrator", s.administrator);
  if (const YamlNode* c = f.optional("config")) read_config(*c, s, diags);
}

std::vector<const Account*> security_accounts(const Spec& spec) {
  std::vector<const Account*> out;
  if (spec.security.accounts.empty()) {
    for (const Account& a : spec.accounts) out.push_back(&a);
    return out;
  }
  for (const Located<std::string>& name : spec.security.accounts) {
    const Account* a = spec.find_account(name.value);
    if (a != nullptr && std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  }
  return out;
}

std::vector<std::string> guardduty_features(const Spec& spec, const Account& account) {
  std::vector<std::string> out;
  if (spec.security.guardduty.features_given) {
    for (const auto& f : spec.security.guardduty.features) out.push_back(f.value);
    return out;
  }
  auto here = [&](const Located<std::string>& named) {
    const Account* a = named.value.empty() ? &spec.accounts.front() : spec.find_account(named.value);
    return a == &account;
  };
  auto vpc_here = [&](const std::string& vpc) {
    const Vpc* v = spec.find_vpc(vpc);
    return v != nullptr && here(v->account);
  };
  bool s3 = std::any_of(spec.storage.buckets.begin(), spec.storage.buckets.end(),
                        [&](const Bucket& b) { return here(b.account); });
  bool rds = std::any_of(spec.data.databases.begin(), spec.data.databases.end(),
                         [&](const Database& d) { return vpc_here(d.vpc.value); });
  bool ecs = std::any_of(spec.compute.clusters.begin(), spec.compute.clusters.end(),
                         [&](const EcsCluster& c) { return vpc_here(c.vpc.value); });
  bool lambda = std::any_of(spec.functions.items.begin(), spec.functions.items.end(), [&](const Function& fn) {
    return function_placement(spec, fn).account == &account;
  });
  if (s3) out.push_back("s3");
  if (rds) out.push_back("rds");
  if (ecs) out.push_back("ecs-runtime");
  if (lambda) out.push_back("lambda");
  return out;
}

std::vector<std::string> security_hub_standards(const Spec& spec) {
  std::vector<std::string> out;
  if (spec.security.security_hub.standards_given) {
    for (const auto& s : spec.security.security_hub.standards) out.push_back(s.value);
    return out;
  }
  out = {"aws-foundational", "cis-1.4"};
  for (const auto& pack : spec.compliance) {
    if (pack.value == "pci-dss" || pack.value == "nist-800-53") out.push_back(pack.value);
  }
  return out;
}

}  // namespace aip::spec
