// The `finops:` area: budgets with cost filters by tag, alert thresholds and
// subscribers, read (checks: check_finops.cpp).
#include <algorithm>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace {

// Alert thresholds in percent of the limit, each listed once.
void read_thresholds(Fields& f, std::string_view key, std::vector<Located<int>>& out, Diagnostics& diags) {
  const YamlNode* n = f.optional(key);
  if (n == nullptr) return;
  out.clear();
  for (const YamlNode* item : read_list(*n, key, diags)) {
    auto v = read_int(*item, key, 1, 1000, diags);
    if (!v) continue;
    auto same = [&](const Located<int>& e) { return e.value == *v; };
    if (std::any_of(out.begin(), out.end(), same)) {
      diags.error(item->location, fmt::format("'{}' lists {} twice", key, *v));
    } else {
      out.push_back(located(*v, *item));
    }
  }
}

void read_alerts(const YamlNode& n, Budget& b, Diagnostics& diags) {
  b.alerts_location = n.location;
  Fields f(n, fmt::format("alerts of budget '{}'", b.name), diags);
  if (!f.ok()) return;
  b.actual_alerts.clear();
  b.forecasted_alerts.clear();
  read_thresholds(f, "actual", b.actual_alerts, diags);
  read_thresholds(f, "forecasted", b.forecasted_alerts, diags);
}

void read_budget(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "budget", diags)) return;
  Budget b;
  b.name = key.scalar;
  b.location = key.location;
  b.alerts_location = key.location;
  for (int pct : {80, 100, 120}) b.actual_alerts.push_back({pct, key.location});
  b.forecasted_alerts.push_back({100, key.location});
  Fields f(value, fmt::format("budget '{}'", b.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", b.account);
  f.integer("limit_usd", {1, 1000000000}, b.limit_usd, Presence::required);
  f.choice("period", {"monthly", "quarterly", "annually"}, b.period);
  // Explicit: read as tags, and an empty map is an error.
  if (const YamlNode* t = f.optional("filter_tags")) {
    b.filter_tags = read_tags(*t, diags);
    if (t->is_map() && t->entries.empty()) diags.error(t->location, "'filter_tags' needs at least one tag");
  }
  if (const YamlNode* a = f.optional("alerts")) read_alerts(*a, b, diags);
  static const Pattern email(R"([^@\s,]+@[^@\s,]+\.[A-Za-z]{2,})");
  f.strings("notify", email, "'notify' must list e-mail addresses, got '{}'", b.notify);

  f.flag("topic", b.topic);
  f.tags(b.tags);
  spec.finops.budgets.push_back(std::move(b));
}

}  // namespace

void read_finops(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.finops.location = node.location;
  Fields f(node, "'finops'", diags);
  if (!f.ok()) return;
  read_named(f, "budgets", "budget", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_budget(k, v, spec, diags); });
}

}  // namespace aip::spec
