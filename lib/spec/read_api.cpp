// The `api:` area: API Gateway REST APIs with routes to functions, Lambda
// authorizers, a logged stage and usage plans, read (checks: check_api.cpp).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <set>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/tables.hpp"
#include "spec/placement.hpp"
#include "spec/regions.hpp"

namespace aip::spec {
namespace {

const std::vector<std::string> kMethods = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"};

std::optional<double> read_number(const YamlNode& n, std::string_view key, double min, double max, Diagnostics& diags) {
  double value = 0;
  const std::string& s = n.scalar;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (!n.is_scalar() || n.quoted || s.empty() || ec != std::errc() || end != s.data() + s.size()) {
    diags.error(n.location, fmt::format("'{}' must be a number, got {}", key, n.describe()));
    return std::nullopt;
  }
  if (value < min || value > max) {
    diags.error(n.location, fmt::format("'{}' must be between {} and {}, got {}", key, min, max, s));
    return std::nullopt;
  }
  return value;
}

std::optional<Throttle> read_throttle(const YamlNode& n, const std::string& owner, Diagnostics& diags) {
  Fields f(n, fmt::format("throttle of {}", owner), diags);
  if (!f.ok()) return std::nullopt;
  Throttle t;
  t.location = n.location;
  // API Gateway's default account limit is 10,000 requests per second.
  // Explicit: a rate is a number with a fraction (0.5 per second), not a whole one.
  if (const YamlNode* r = f.required("rate")) {
    if (auto v = read_number(*r, "rate", 0.001, 10000, diags)) t.rate = located(*v, *r);
  }
  f.integer("burst", {0, 5000}, t.burst, Presence::required);
  if (!t.rate.location.valid() || !t.burst.location.valid()) return std::nullopt;
  return t;
}

void read_authorizer(const YamlNode& key, const YamlNode& value, RestApi& api, Diagnostics& diags) {
  if (!check_name(key, "authorizer", diags)) return;
  ApiAuthorizer a;
  a.name = key.scalar;
  a.location = key.location;
  Fields f(value, fmt::format("authorizer '{}'", a.name), diags, key.location);
  if (!f.ok()) return;
  f.text("function", a.function, Presence::required);
  f.choice("type", {"token", "request"}, a.type);
  if (!f.strings("headers", http_header_name(), "'{}' is not an HTTP header name", a.headers)) {
    a.headers.push_back({"Authorization", key.location});
  }
  f.integer("cache_seconds", {0, 3600}, a.cache_seconds);
  api.authorizers.push_back(std::move(a));
}

// "POST /v1/invoke" -> method and path, with API Gateway's rules for paths:
// literal segments, {param}, and a greedy {param+} as the last segment.
bool parse_route_key(const YamlNode& key, ApiRoute& r, Diagnostics& diags) {
  static const Pattern shape("([A-Z]+) +(/[^ ]*)");
  if (!key.is_scalar() || !shape.matches(key.scalar)) {
    diags.error(key.location, fmt::format("a route is written 'METHOD /path', such as 'POST /v1/invoke', got {}",
                                          key.describe()));
    return false;
  }
  const std::size_t space = key.scalar.find(' ');
  r.method = key.scalar.substr(0, space);
  r.path = key.scalar.substr(key.scalar.find('/', space));
  if (std::find(kMethods.begin(), kMethods.end(), r.method) == kMethods.end()) {
    diags.error(key.location, fmt::format("route '{}' has method {}, which is not one of GET, POST, PUT, PATCH, "
                                          "DELETE, HEAD, OPTIONS or ANY{}",
                                          key.scalar, r.method, did_you_mean(r.method, kMethods)));
    return false;
  }
  if (r.path.size() > 1 && r.path.back() == '/') r.path.pop_back();
  static const Pattern literal("[A-Za-z0-9._~-]+");
  static const Pattern param("\\{[A-Za-z_][A-Za-z0-9_]*\\+?\\}");
  std::vector<std::string> segments = api_path_segments(r.path);
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& s = segments[i];
    bool ok = literal.matches(s) || param.matches(s);
    if (!ok) {
      diags.error(key.location, fmt::format("route '{}': path segment '{}' must be letters, digits and ._~- or a "
                                            "parameter such as {{id}}",
                                            key.scalar, s));
      return false;
    }
    if (s.back() == '}' && s[s.size() - 2] == '+' && i + 1 != segments.size()) {
      diags.error(key.location, fmt::format("route '{}': the greedy parameter {} must be the last path segment",
                                            key.scalar, s));
      return false;
    }
  }
  return true;
}

// `validate: {parameters: [querystring.model, header.x-team], body: {type: object, ...}}`.
std::optional<RouteValidation> read_route_validation(const YamlNode& n, const ApiRoute& r, Diagnostics& diags) {
  Fields f(n, fmt::format("validate of route '{}'", r.key), diags);
  if (!f.ok()) return std::nullopt;
  RouteValidation v;
  v.location = n.location;
  std::vector<Located<std::string>> parameters;
  f.strings("parameters", parameters);
  static const std::vector<std::string> kWhere = {"querystring", "header"};
  static const Pattern query_name("[A-Za-z0-9._~-]{1,128}");
  for (Located<std::string>& p : parameters) {
    const std::size_t dot = p.value.find('.');
    const std::string where = p.value.substr(0, dot);
    const std::string name = dot == std::string::npos ? "" : p.value.substr(dot + 1);
    if (std::find(kWhere.begin(), kWhere.end(), where) == kWhere.end() || name.empty()) {
      diags.error(p.location, fmt::format("route '{}': a required parameter is written querystring.NAME or "
                                          "header.NAME, got '{}'{}",
                                          r.key, p.value, did_you_mean(where, kWhere)));
      continue;
    }
    const Pattern& shape = where == "header" ? http_header_name() : query_name;
    if (!shape.matches(name)) {
      diags.error(p.location, fmt::format("route '{}': '{}' is not {} name", r.key, name,
                                          where == "header" ? "an HTTP header" : "a query string parameter"));
      continue;
    }
    bool repeated = std::any_of(v.parameters.begin(), v.parameters.end(),
                                [&](const Located<std::string>& q) { return q.value == p.value; });
    if (repeated) {
      diags.error(p.location, fmt::format("route '{}' names parameter '{}' twice", r.key, p.value));
      continue;
    }
    v.parameters.push_back(std::move(p));
  }
  // Explicit: the body is a JSON schema, which only API Gateway reads.
  const YamlNode* b = f.optional("body");
  if (b != nullptr) {
    if (!b->is_map() || b->entries.empty()) {
      diags.error(b->location, fmt::format("route '{}': 'body' must be a JSON schema of the request body (a "
                                           "mapping such as {{type: object, required: [prompt]}}), got {}",
                                           r.key, b->describe()));
    } else if (r.method == "GET" || r.method == "HEAD" || r.method == "OPTIONS") {
      diags.error(b->location, fmt::format("route '{}': a {} request has no body to validate", r.key, r.method));
    } else {
      v.body = *b;
    }
  }
  if (n.entries.empty()) {
    diags.error(n.location, fmt::format("validate of route '{}' names neither 'parameters' nor 'body'", r.key));
  }
  if (v.parameters.empty() && !v.body) return std::nullopt;
  return v;
}

void read_route(const YamlNode& key, const YamlNode& value, RestApi& api, Diagnostics& diags) {
  ApiRoute r;
  r.key = key.is_scalar() ? key.scalar : "";
  r.location = key.location;
  if (!parse_route_key(key, r, diags)) return;
  // Shorthand: `GET /health: health-check` names the function only.
  if (value.is_scalar()) {
    if (auto s = read_string(value, "function", diags)) r.function = located(*s, value);
    api.routes.push_back(std::move(r));
    return;
  }
  Fields f(value, fmt::format("route '{}'", r.key), diags, key.location);
  if (!f.ok()) return;
  f.text("function", r.function, Presence::required);
  f.text("auth", r.auth);
  f.flag("api_key", r.api_key);
  if (const YamlNode* t = f.optional("throttle")) r.throttle = read_throttle(*t, fmt::format("route '{}'", r.key), diags);
  // Explicit: a block of its own (read_route_validation), with its own messages.
  if (const YamlNode* v = f.optional("validate")) r.validate = read_route_validation(*v, r, diags);
  api.routes.push_back(std::move(r));
}

void read_stage(const YamlNode& n, RestApi& api, Diagnostics& diags) {
  ApiStage& s = api.stage;
  s.location = n.location;
  Fields f(n, fmt::format("stage of API '{}'", api.name), diags);
  if (!f.ok()) return;
  static const Pattern stage_name("[A-Za-z0-9_]{1,128}");
  f.text("name", stage_name, "a stage name uses letters, digits and '_' only, got '{}'", s.name);
  if (const YamlNode* t = f.optional("throttle")) {
    if (auto th = read_throttle(*t, fmt::format("stage of API '{}'", api.name), diags)) s.throttle = *th;
  }
  f.choice("logging_level", {"INFO", "ERROR", "OFF"}, s.logging_level);
  f.flag("data_trace", s.data_trace);
  f.log_retention("log_retention_days", s.log_retention_days);
  f.flag("tracing", s.tracing);
  if (const YamlNode* v = f.optional("access_log_fields")) {
    if (!v->is_map()) {
      diags.error(v->location, fmt::format("'access_log_fields' must map field names to $context variables, got {}",
                                           v->describe()));
      return;
    }
    static const Pattern field("[A-Za-z][A-Za-z0-9_]{0,63}");
    static const Pattern variable("\\$context\\.[A-Za-z0-9_.]+");
    for (const auto& [k, val] : v->entries) {
      if (!k.is_scalar() || !field.matches(k.scalar)) {
        diags.error(k.location, fmt::format("access log field name {} must be letters, digits and '_'", k.describe()));
        continue;
      }
      auto text = read_string(val, k.scalar, diags);
      if (!text) continue;
      if (!variable.matches(*text)) {
        diags.error(val.location, fmt::format("access log field '{}' must be an API Gateway $context variable such "
                                              "as $context.authorizer.team, got '{}'",
                                              k.scalar, *text));
        continue;
      }
      s.access_log_fields.emplace_back(located(k.scalar, k), located(*text, val));
    }
  }
}

void read_usage_plan(const YamlNode& key, const YamlNode& value, RestApi& api, Diagnostics& diags) {
  if (!check_name(key, "usage plan", diags)) return;
  UsagePlan p;
  p.name = key.scalar;
  p.location = key.location;
  Fields f(value, fmt::format("usage plan '{}'", p.name), diags, key.location);
  if (!f.ok()) return;
  f.text("description", p.description);
  if (const YamlNode* t = f.optional("throttle")) p.throttle = read_throttle(*t, fmt::format("usage plan '{}'", p.name), diags);
  if (const YamlNode* q = f.optional("quota")) {
    Fields qf(*q, fmt::format("quota of usage plan '{}'", p.name), diags);
    if (qf.ok()) {
      UsagePlanQuota quota;
      quota.location = q->location;
      qf.integer("limit", {1, 2000000000}, quota.limit, Presence::required);
      // API Gateway spells the period in capitals (DAY, WEEK, MONTH).
      if (qf.choice("period", {"day", "week", "month"}, quota.period)) {
        for (char& c : quota.period.value) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      if (quota.limit.location.valid()) p.quota = quota;
    }
  }
  // Explicit: each key name is an element name (check_name), and absent means one key named after the plan.
  if (const YamlNode* k = f.optional("api_keys")) {
    for (const YamlNode* item : read_list(*k, "api_keys", diags)) {
      if (!item->is_scalar()) {
        diags.error(item->location, fmt::format("'api_keys' must list key names, got {}", item->describe()));
        continue;
      }
      if (check_name(*item, "API key", diags)) p.api_keys.push_back(located(item->scalar, *item));
    }
  } else {
    p.api_keys.push_back({p.name, key.location});
  }
  if (!p.throttle && !p.quota) {
    diags.error(key.location, fmt::format("usage plan '{}' needs a 'throttle', a 'quota' or both", p.name));
  }
  api.usage_plans.push_back(std::move(p));
}

template <class Fn>
void read_map(Fields& f, const char* key, const char* what, Diagnostics& diags, Fn fn) {
  const YamlNode* n = f.optional(key);
  if (n == nullptr) return;
  if (!n->is_map()) {
    diags.error(n->location, fmt::format("'{}' must map {} to their settings, got {}", key, what, n->describe()));
    return;
  }
  for (const auto& [k, v] : n->entries) fn(k, v);
}

void read_rest_api(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "API", diags)) return;
  RestApi api;
  api.name = key.scalar;
  api.location = key.location;
  Fields f(value, fmt::format("API '{}'", api.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", api.account);
  f.region("region", api.region);
  f.text("description", api.description);
  f.choice("endpoint", {"regional", "private"}, api.endpoint);
  f.text("vpc", api.vpc);

  f.choice("api_key_source", {"header", "authorizer"}, api.api_key_source);
  // A custom domain for the stage; the certificate is checked in check_dns.cpp.
  static const Pattern custom_domain("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
  f.text("domain", custom_domain, "'domain' must be a lowercase domain name such as api.example.com, got '{}'",
         api.domain);
  f.text("certificate", api.certificate);
  read_map(f, "authorizers", "authorizer names", diags,
           [&](const YamlNode& k, const YamlNode& v) { read_authorizer(k, v, api, diags); });
  read_map(f, "routes", "routes ('METHOD /path')", diags,
           [&](const YamlNode& k, const YamlNode& v) { read_route(k, v, api, diags); });
  if (const YamlNode* s = f.optional("stage")) read_stage(*s, api, diags);
  read_map(f, "usage_plans", "usage plan names", diags,
           [&](const YamlNode& k, const YamlNode& v) { read_usage_plan(k, v, api, diags); });
  f.tags(api.tags);
  const YamlNode* routes = value.find("routes");
  if (routes == nullptr || (routes->is_map() && routes->entries.empty())) {
    diags.error(key.location, fmt::format("API '{}' needs at least one route under 'routes'", api.name));
  }
  spec.api.rest_apis.push_back(std::move(api));
}

}  // namespace

std::vector<std::string> api_path_segments(const std::string& path) {
  std::vector<std::string> out;
  std::string part;
  for (char c : path) {
    if (c == '/') {
      if (!part.empty()) out.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  if (!part.empty()) out.push_back(part);
  return out;
}

Placement api_placement(const Spec& spec, const RestApi& api) {
  if (api.is_private()) {
    if (const Vpc* vpc = spec.find_vpc(api.vpc.value)) return place(spec, vpc->account, vpc->region);
    return {};
  }
  return place(spec, api.account, api.region);
}

std::string route_auth(const RestApi& api, const ApiRoute& route) {
  if (!route.auth.value.empty()) return route.auth.value;
  return api.authorizers.size() == 1 ? api.authorizers.front().name : "none";
}

bool route_needs_api_key(const RestApi& api, const ApiRoute& route) {
  if (route.api_key) return route.api_key->value;
  return !api.usage_plans.empty();
}

void read_api(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.api.location = node.location;
  Fields f(node, "'api'", diags);
  if (!f.ok()) return;
  f.flag("cloudwatch_role", spec.api.cloudwatch_role);
  read_map(f, "rest_apis", "API names", diags,
           [&](const YamlNode& k, const YamlNode& v) { read_rest_api(k, v, spec, diags); });
}

}  // namespace aip::spec
