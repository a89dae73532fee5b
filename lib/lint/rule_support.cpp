#include "lint/rule_support.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "base/pattern.hpp"

namespace aip::lint {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<net::Prefix> literal_cidr(const Json& value) {
  if (!value.is_string()) return std::nullopt;
  return net::Prefix::parse(value.get<std::string>(), nullptr);
}

bool is_true(const Json& value) {
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_string()) return lower(value.get<std::string>()) == "true";
  return false;
}

bool is_false(const Json& value) {
  if (value.is_boolean()) return !value.get<bool>();
  if (value.is_string()) return lower(value.get<std::string>()) == "false";
  return false;
}

const Json* member(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(std::string(key));
  return it == object.end() ? nullptr : &*it;
}

const Json* member_path(const Json& object, const std::vector<std::string>& keys) {
  const Json* at = &object;
  for (const std::string& k : keys) {
    at = member(*at, k);
    if (at == nullptr) return nullptr;
  }
  return at;
}

std::string tag_value(const ResourceRef& r, std::string_view key) {
  const Json* tags = member(r.properties(), "Tags");
  if (tags == nullptr) return {};
  if (tags->is_array()) {
    for (const Json& t : *tags) {
      const Json* k = member(t, "Key");
      const Json* v = member(t, "Value");
      if (k != nullptr && k->is_string() && k->get<std::string>() == key && v != nullptr && v->is_string()) {
        return v->get<std::string>();
      }
    }
  } else if (tags->is_object()) {
    if (const Json* v = member(*tags, key); v != nullptr && v->is_string()) return v->get<std::string>();
  }
  return {};
}

bool is_production(const ResourceRef& r) {
  for (const char* key : {"Environment", "environment", "Env", "env", "Stage", "stage"}) {
    std::string v = lower(tag_value(r, key));
    if (v == "prod" || v == "production" || v == "prd" || v == "live") return true;
  }
  return false;
}

std::string PortRange::str() const {
  if (all_traffic) return "all traffic";
  if (from == to) return fmt::format("port {}", from);
  if (from == 0 && to == 65535) return "all ports";
  return fmt::format("ports {}-{}", from, to);
}

std::optional<PortRange> port_range(const Json& rule) {
  PortRange p;
  const Json* proto = member(rule, "IpProtocol");
  std::string protocol;
  if (proto != nullptr) protocol = proto->is_string() ? lower(proto->get<std::string>()) : proto->dump();
  if (protocol == "-1" || protocol == "all") {
    p.all_traffic = true;
    return p;
  }
  if (protocol != "tcp" && protocol != "udp" && protocol != "6" && protocol != "17") return std::nullopt;
  auto number = [](const Json* v) -> std::optional<int> {
    if (v == nullptr) return std::nullopt;
    if (v->is_number_integer()) return v->get<int>();
    if (v->is_string()) {
      try {
        return std::stoi(v->get<std::string>());
      } catch (...) {
        return std::nullopt;
      }
    }
    return std::nullopt;
  };
  auto from = number(member(rule, "FromPort"));
  auto to = number(member(rule, "ToPort"));
  if (!from && !to) return p;  // tcp without ports: all ports
  p.from = from.value_or(0);
  p.to = to.value_or(p.from);
  if (p.from < 0 || p.to < 0) {  // -1: all ports
    p.from = 0;
    p.to = 65535;
  }
  return p;
}

bool SgRule::open_to_world() const {
  const Json* v4 = member(*rule, "CidrIp");
  const Json* v6 = member(*rule, "CidrIpv6");
  return (v4 != nullptr && *v4 == "0.0.0.0/0") || (v6 != nullptr && *v6 == "::/0");
}

std::string SgRule::source() const {
  for (const char* key : {"CidrIp", "CidrIpv6"}) {
    if (const Json* v = member(*rule, key); v != nullptr && v->is_string()) return v->get<std::string>();
  }
  return "?";
}

namespace {

std::vector<SgRule> sg_rules(const Context& ctx, const char* inline_key, const char* standalone_type) {
  std::vector<SgRule> out;
  for (const ResourceRef& g : ctx.resources("AWS::EC2::SecurityGroup")) {
    const Json* list = member(g.properties(), inline_key);
    if (list == nullptr || !list->is_array()) continue;
    for (std::size_t i = 0; i < list->size(); ++i) {
      out.push_back(SgRule{g, {"Properties", inline_key, std::to_string(i)}, &(*list)[i]});
    }
  }
  for (const ResourceRef& r : ctx.resources(standalone_type)) out.push_back(SgRule{r, {}, &r.properties()});
  return out;
}

}  // namespace

std::vector<SgRule> ingress_rules(const Context& ctx) {
  return sg_rules(ctx, "SecurityGroupIngress", "AWS::EC2::SecurityGroupIngress");
}

std::vector<SgRule> egress_rules(const Context& ctx) {
  return sg_rules(ctx, "SecurityGroupEgress", "AWS::EC2::SecurityGroupEgress");
}

Path PolicyDoc::statement_path(std::size_t i) const {
  Path p = path;
  p.push_back("Statement");
  if (statements_are_list) p.push_back(std::to_string(i));
  return p;
}

namespace {

PolicyKind lint_kind(const iam::DocumentSite& site, bool named_as_boundary) {
  switch (site.kind) {
    case iam::DocumentKind::trust: return PolicyKind::trust;
    case iam::DocumentKind::resource: return PolicyKind::resource;
    case iam::DocumentKind::identity:
    case iam::DocumentKind::boundary_candidate: break;
  }
  // Only a policy resource's own document caps a role; inline policies never do.
  const bool own_document = site.path.size() == 1;
  return named_as_boundary && own_document ? PolicyKind::boundary : PolicyKind::identity;
}

}  // namespace

PolicyCache::PolicyCache(const Context& ctx) {
  // Policies that a role names as its PermissionsBoundary.
  std::set<std::pair<const Template*, std::string>> boundaries;
  for (const ResourceRef& r : ctx.resources("AWS::IAM::Role")) {
    if (const Json* b = member(r.properties(), "PermissionsBoundary")) {
      if (auto target = ctx.resolve(*r.tmpl, *b)) boundaries.insert({target->tmpl, target->logical_id});
    }
  }
  for (const ResourceRef& r : ctx.resources()) {
    const std::string type = r.type();
    if (!iam::has_documents(type)) continue;
    const std::size_t first = docs_.size();
    const bool named_as_boundary = boundaries.count({r.tmpl, r.logical_id}) > 0;
    for (iam::DocumentSite& site : iam::documents_in(type, r.properties())) {
      PolicyDoc d;
      d.owner = r;
      d.kind = lint_kind(site, named_as_boundary);
      iam::ParseResult parsed = iam::parse_document(site);
      d.policy = std::move(parsed.policy);
      d.errors = std::move(parsed.errors);
      if (site.form == iam::DocumentForm::statement) {
        // Properties hold the one statement as a document would: statement_path(0) is Properties.Statement.
        d.path = {"Properties"};
        d.statements_are_list = false;
      } else {
        d.path = {"Properties"};
        d.path.insert(d.path.end(), site.path.begin(), site.path.end());
        const Json* st = member(*site.document, "Statement");
        d.statements_are_list = st == nullptr || st->is_array();
      }
      d.site = std::move(site);
      docs_.push_back(std::move(d));
    }
    if (docs_.size() > first) by_resource_[{r.tmpl, r.logical_id}] = {first, docs_.size()};
  }
}

std::vector<const PolicyDoc*> PolicyCache::of(const ResourceRef& r) const {
  std::vector<const PolicyDoc*> out;
  auto it = by_resource_.find({r.tmpl, r.logical_id});
  if (it == by_resource_.end()) return out;
  for (std::size_t i = it->second.first; i < it->second.second; ++i) out.push_back(&docs_[i]);
  return out;
}

bool has_condition_key(const iam::Statement& s, std::string_view key) {
  std::string wanted = lower(key);
  for (const auto& [op, keys] : s.condition) {
    for (const auto& [k, values] : keys) {
      if (lower(k) == wanted) return true;
    }
  }
  return false;
}

std::vector<std::string> condition_values(const iam::Statement& s, std::string_view key) {
  std::vector<std::string> out;
  std::string wanted = lower(key);
  for (const auto& [op, keys] : s.condition) {
    for (const auto& [k, values] : keys) {
      if (lower(k) != wanted) continue;
      for (const Json& v : values) out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
    }
  }
  return out;
}

bool resource_is_any(const iam::Statement& s) {
  if (!s.resource) return false;
  return std::any_of(s.resource->begin(), s.resource->end(),
                     [](const Json& v) { return v.is_string() && v.get<std::string>() == "*"; });
}

std::optional<std::string> whole_account(const Json& principal, const Template& t) {
  static const Pattern root(R"(^arn:[^:]+:iam::(\d{12}):root$)");
  static const Pattern bare(R"(^\d{12}$)");
  static const Pattern sub_self(R"(^arn:(\$\{AWS::Partition\}|[^:]+):iam::\$\{AWS::AccountId\}:root$)");
  // arn:PARTITION:iam::ACCOUNT:root -> ACCOUNT (the 12 digits before ":root")
  auto root_account = [](const std::string& arn) { return arn.substr(arn.size() - 17, 12); };
  if (principal.is_string()) {
    std::string text = principal.get<std::string>();
    if (root.matches(text)) {
      std::string id = root_account(text);
      return id == t.account_id ? std::string("self") : id;
    }
    if (bare.matches(text)) return text == t.account_id ? std::string("self") : text;
    return std::nullopt;
  }
  if (principal.is_object()) {
    if (const Json* ref = member(principal, "Ref"); ref != nullptr && ref->is_string() &&
                                                    ref->get<std::string>() == "AWS::AccountId") {
      return std::string("self");
    }
    if (const Json* sub = member(principal, "Fn::Sub"); sub != nullptr && sub->is_string()) {
      std::string text = sub->get<std::string>();
      if (sub_self.matches(text)) return std::string("self");
      if (root.matches(text)) {
        std::string id = root_account(text);
        return id == t.account_id ? std::string("self") : id;
      }
    }
  }
  return std::nullopt;
}

std::string principal_text(const Json& principal) {
  return principal.is_string() ? principal.get<std::string>() : principal.dump();
}

}  // namespace aip::lint
