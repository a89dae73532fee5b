#include "spec/placement.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/spec.hpp"

namespace aip::spec {

std::string Placement::str() const {
  return account == nullptr ? std::string("?") : fmt::format("account {}, {}", account->name, region);
}

Placement place(const Spec& spec, const Located<std::string>& account, const Located<std::string>& region,
                const std::string& what, Location where, Diagnostics& diags) {
  Placement p;
  if (!account.value.empty()) {
    p.account = spec.find_account(account.value);
    if (p.account == nullptr) {
      std::vector<std::string> names;
      for (const Account& a : spec.accounts) names.push_back(a.name);
      diags.error(account.location, fmt::format("{} refers to account '{}', which is not defined{}", what,
                                                account.value, did_you_mean(account.value, names)));
      return p;
    }
  } else if (spec.accounts.size() > 1) {
    diags.error(where, fmt::format("{} needs 'account': the spec has {} accounts", what, spec.accounts.size()));
    return p;
  } else if (!spec.accounts.empty()) {
    p.account = &spec.accounts.front();
  }
  if (p.account != nullptr) p.region = region.value.empty() ? p.account->region.value : region.value;
  return p;
}

void read_metrics_namespace(Fields& f, Located<std::string>& out, Diagnostics& diags) {
  static const Pattern shape("[.\\-_/#:A-Za-z0-9]{1,255}");
  if (!f.text("metrics_namespace", shape,
              "'metrics_namespace' is a CloudWatch namespace: 1 to 255 letters, digits, '.', '-', '_', '/', '#' or "
              "':', got '{}'",
              out)) {
    return;
  }
  if (out.value.rfind("AWS/", 0) == 0) {
    diags.error(out.location, fmt::format("'metrics_namespace' may not start with 'AWS/', which AWS reserves for its "
                                          "services' metrics, got '{}'",
                                          out.value));
    out.value.clear();
  }
}

Placement place(const Spec& spec, const Located<std::string>& account, const Located<std::string>& region) {
  Diagnostics ignored;
  return place(spec, account, region, "", {}, ignored);
}

std::vector<Located<std::string>> read_strings(const YamlNode& n, std::string_view key, Diagnostics& diags) {
  std::vector<Located<std::string>> out;
  for (const YamlNode* item : read_list(n, key, diags)) {
    if (auto s = read_string(*item, key, diags)) out.push_back(located(*s, *item));
  }
  return out;
}

std::optional<int> read_log_retention(const YamlNode& n, std::string_view key, Diagnostics& diags) {
  const std::vector<int>& kDays = log_retention_periods();
  auto days = read_int(n, key, 1, 3653, diags);
  if (!days) return std::nullopt;
  if (std::find(kDays.begin(), kDays.end(), *days) != kDays.end()) return days;
  auto above = std::lower_bound(kDays.begin(), kDays.end(), *days);
  diags.error(n.location, fmt::format("CloudWatch Logs does not accept a retention of {} days; the nearest allowed "
                                      "value is {}",
                                      *days, *above));
  return std::nullopt;
}

}  // namespace aip::spec
