// `observability.xray` (sampling rules and groups) and `observability.queries`
// (saved Logs Insights queries): what looks into traces and logs, read with the
// limits of their CloudFormation schemas (checks: check_dashboards.cpp).
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace {

// A fraction of requests, 0 to 1 (SamplingRule.FixedRate).
void read_fraction(Fields& f, const char* key, const std::string& what, Located<double>& out, Diagnostics& diags) {
  const YamlNode* n = f.required(key);
  if (n == nullptr) return;
  double value = 0;
  const std::string& s = n->scalar;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (!n->is_scalar() || n->quoted || s.empty() || ec != std::errc() || end != s.data() + s.size() ||
      !std::isfinite(value) || value < 0 || value > 1) {
    diags.error(n->location, fmt::format("'{}' of {} is the fraction of requests traced, 0 to 1 (0.05 for 5 %), got {}",
                                         key, what, n->describe()));
    return;
  }
  out = Located<double>{value, n->location};
}

void read_sampling_rule(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "sampling rule", diags)) return;
  SamplingRule r;
  r.name = key.scalar;
  r.location = key.location;
  const std::string what = fmt::format("sampling rule '{}'", r.name);
  Fields f(value, what, diags, key.location);
  if (!f.ok()) return;
  f.text("account", r.account);
  f.region("region", r.region);
  f.integer("priority", {1, 9999}, r.priority, Presence::required);
  read_fraction(f, "fixed_rate", what, r.fixed_rate, diags);
  f.integer("reservoir_size", {0, 1000000}, r.reservoir_size, Presence::required);
  // The lengths of the SamplingRule schema; '*' and '?' are wildcards.
  static const Pattern service("[^\\s]{1,64}"), host("[^\\s]{1,64}"), method("[A-Z*?]{1,10}"),
      path("[^\\s]{1,128}"), arn("[^\\s]{1,500}");
  f.text("service_name", service, "'service_name' is 1 to 64 characters without spaces, got '{}'", r.service_name);
  f.text("service_type", service, "'service_type' is 1 to 64 characters without spaces, got '{}'", r.service_type);
  f.text("host", host, "'host' is 1 to 64 characters without spaces, got '{}'", r.host);
  f.text("http_method", method, "'http_method' is an HTTP method in capitals or '*' (at most 10 characters), got '{}'",
         r.http_method);
  f.text("url_path", path, "'url_path' is 1 to 128 characters without spaces, got '{}'", r.url_path);
  f.text("resource_arn", arn, "'resource_arn' is 1 to 500 characters without spaces, got '{}'", r.resource_arn);
  f.tags(r.tags);
  spec.observability.sampling_rules.push_back(std::move(r));
}

void read_xray_group(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "X-Ray group", diags)) return;
  XRayGroup g;
  g.name = key.scalar;
  g.location = key.location;
  Fields f(value, fmt::format("X-Ray group '{}'", g.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", g.account);
  f.region("region", g.region);
  f.text("filter", g.filter, Presence::required);
  f.flag("insights", g.insights);
  f.tags(g.tags);
  spec.observability.xray_groups.push_back(std::move(g));
}

void read_query(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "query", diags)) return;
  SavedQuery q;
  q.name = key.scalar;
  q.location = key.location;
  Fields f(value, fmt::format("query '{}'", q.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", q.account);
  f.region("region", q.region);
  f.text("query", q.query, Presence::required);  // its length: check_dashboards.cpp
  f.strings("log_groups", q.log_groups, Presence::required);
  static const Pattern folder("[^/]{1,100}");
  f.text("folder", folder, "'folder' is 1 to 100 characters without '/', got '{}'", q.folder);
  spec.observability.queries.push_back(std::move(q));
}

}  // namespace

void read_xray(Fields& parent, Spec& spec, Diagnostics& diags) {
  const YamlNode* n = parent.optional("xray");
  if (n == nullptr) return;
  Fields f(*n, "'observability.xray'", diags);
  if (!f.ok()) return;
  read_named(f, "sampling_rules", "sampling rule", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_sampling_rule(k, v, spec, diags); });
  read_named(f, "groups", "X-Ray group", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_xray_group(k, v, spec, diags); });
}

void read_queries(Fields& f, Spec& spec, Diagnostics& diags) {
  read_named(f, "queries", "query", diags, [&](const YamlNode& k, const YamlNode& v) { read_query(k, v, spec, diags); });
}

}  // namespace aip::spec
