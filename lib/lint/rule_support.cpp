#include "lint/rule_support.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "base/aws_regions.hpp"
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

std::optional<ReadCidr> read_cidr(std::string_view text) {
  std::string error;
  if (auto p = net::Prefix::parse(text, &error)) return ReadCidr{*p, false};
  if (error.find("host bits set") == std::string::npos) return std::nullopt;
  // The address as one host, then the prefix of the written length that holds it.
  const std::size_t slash = text.find('/');
  const std::string_view addr = text.substr(0, slash);
  const bool v6 = addr.find(':') != std::string_view::npos;
  auto host = net::Prefix::parse(fmt::format("{}/{}", addr, v6 ? 128 : 32), nullptr);
  if (!host) return std::nullopt;
  int length = 0;
  try {
    length = std::stoi(std::string(text.substr(slash + 1)));
  } catch (...) {
    return std::nullopt;
  }
  // Bits [from, from + n) of the 128-bit network address (v4 in the last 32).
  const auto& bytes = host->network();
  auto bits = [&](int from, int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) {
      const int b = from + i;
      v = (v << 1) | ((bytes[static_cast<std::size_t>(b / 8)] >> (7 - b % 8)) & 1u);
    }
    return v;
  };
  const int offset = v6 ? 0 : 96;
  net::Prefix p = *net::Prefix::parse(v6 ? "::/0" : "0.0.0.0/0", nullptr);
  if (length <= 64) {
    p = p.subnet(length, bits(offset, length));
  } else {
    p = p.subnet(64, bits(0, 64)).subnet(length, bits(64, length - 64));
  }
  return ReadCidr{p, true};
}

bool SgRule::open_to_world() const {
  for (const char* key : {"CidrIp", "CidrIpv6"}) {
    const Json* v = member(*rule, key);
    if (v == nullptr || !v->is_string()) continue;
    if (auto c = read_cidr(v->get<std::string>()); c && c->prefix.length() == 0) return true;
  }
  return false;
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

namespace policy_cache_resolution {

// Replaces each intrinsic value that resolves to text by that text.
void resolve_values(std::vector<Json>& values, const iam::Request& pseudo, const iam::Resolver& resolver) {
  for (Json& v : values) {
    if (!v.is_object()) continue;
    if (auto text = iam::policy_value_text(v, pseudo, resolver)) v = *text;
  }
}

void resolve_principals(std::optional<iam::Principals>& p, const iam::Request& pseudo, const iam::Resolver& resolver) {
  if (!p) return;
  for (auto& [kind, values] : p->by_kind) resolve_values(values, pseudo, resolver);
}

}  // namespace policy_cache_resolution

void resolve_policy_values(const Context& ctx, const Template& t, iam::Policy& policy) {
  using namespace policy_cache_resolution;
  bool any = false;  // most documents have no intrinsics: skip making a resolver for them
  auto has_object = [](const std::vector<Json>& values) {
    return std::any_of(values.begin(), values.end(), [](const Json& v) { return v.is_object(); });
  };
  for (const iam::Statement& s : policy.statements) {
    if (s.resource && has_object(*s.resource)) any = true;
    if (s.not_resource && has_object(*s.not_resource)) any = true;
    for (const std::optional<iam::Principals>* p : {&s.principal, &s.not_principal}) {
      if (*p) {
        for (const auto& [kind, values] : (*p)->by_kind) any = any || has_object(values);
      }
    }
    for (const auto& [op, keys] : s.condition) {
      for (const auto& [key, values] : keys) any = any || has_object(values);
    }
    if (any) break;
  }
  if (!any) return;
  const iam::Request pseudo = template_request(t);
  const iam::Resolver resolver = resource_resolver(ctx, t, pseudo);
  for (iam::Statement& s : policy.statements) {
    if (s.resource) resolve_values(*s.resource, pseudo, resolver);
    if (s.not_resource) resolve_values(*s.not_resource, pseudo, resolver);
    resolve_principals(s.principal, pseudo, resolver);
    resolve_principals(s.not_principal, pseudo, resolver);
    for (auto& [op, keys] : s.condition) {
      for (auto& [key, values] : keys) resolve_values(values, pseudo, resolver);
    }
  }
}

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
      d.written = parsed.policy;
      d.policy = std::move(parsed.policy);
      resolve_policy_values(ctx, *r.tmpl, d.policy);
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

iam::Request template_request(const Template& t) {
  iam::Request r;
  r.partition = t.region.empty() ? "aws" : aws::partition_of(t.region);
  r.region = t.region.empty() ? "${AWS::Region}" : t.region;
  r.account_id = t.account_id.empty() ? "${AWS::AccountId}" : t.account_id;
  return r;
}

namespace {

std::string literal_or(const Json& properties, const char* key, const std::string& fallback) {
  const Json* v = member(properties, key);
  return v != nullptr && v->is_string() ? v->get<std::string>() : fallback;
}

// What Ref (attr "") or Fn::GetAtt (attr) of a resource gives, as far as it can be known.
std::optional<std::string> attribute(const ResourceRef& r, const std::string& attr, const iam::Request& req) {
  const std::string& p = req.partition;
  const std::string& a = req.account_id;
  const std::string& region = req.region;
  const Json& props = r.properties();
  const std::string type = r.type();
  const std::string& id = r.logical_id;
  auto iam_arn = [&](const char* kind, const char* name_key) {
    std::string path = literal_or(props, "Path", "/");
    return fmt::format("arn:{}:iam::{}:{}{}{}", p, a, kind, path, literal_or(props, name_key, id));
  };
  if (type == "AWS::IAM::Role" || type == "AWS::IAM::User" || type == "AWS::IAM::Group") {
    const char* kind = type == "AWS::IAM::Role" ? "role" : type == "AWS::IAM::User" ? "user" : "group";
    const char* key = type == "AWS::IAM::Role" ? "RoleName" : type == "AWS::IAM::User" ? "UserName" : "GroupName";
    if (attr.empty()) return literal_or(props, key, id);
    if (attr == "Arn") return iam_arn(kind, key);
    return std::nullopt;
  }
  if (type == "AWS::IAM::ManagedPolicy" && (attr.empty() || attr == "PolicyArn")) {
    return iam_arn("policy", "ManagedPolicyName");
  }
  if (type == "AWS::IAM::OIDCProvider" && (attr.empty() || attr == "Arn")) {
    const Json* url = member(props, "Url");
    if (url == nullptr || !url->is_string()) return std::nullopt;
    std::string host = url->get<std::string>();
    if (host.starts_with("https://")) host = host.substr(8);
    return fmt::format("arn:{}:iam::{}:oidc-provider/{}", p, a, host);
  }
  if (type == "AWS::IAM::SAMLProvider" && (attr.empty() || attr == "Arn")) {
    return fmt::format("arn:{}:iam::{}:saml-provider/{}", p, a, literal_or(props, "Name", id));
  }
  if (type == "AWS::Lambda::Function") {
    const std::string name = literal_or(props, "FunctionName", id);
    if (attr.empty()) return name;
    if (attr == "Arn") return fmt::format("arn:{}:lambda:{}:{}:function:{}", p, region, a, name);
    return std::nullopt;
  }
  if (type == "AWS::S3::Bucket") {
    const std::string name = literal_or(props, "BucketName", lower(id));
    if (attr.empty()) return name;
    if (attr == "Arn") return fmt::format("arn:{}:s3:::{}", p, name);
    return std::nullopt;
  }
  if (type == "AWS::SNS::Topic" && (attr.empty() || attr == "TopicArn")) {
    return fmt::format("arn:{}:sns:{}:{}:{}", p, region, a, literal_or(props, "TopicName", id));
  }
  if (type == "AWS::SQS::Queue" && attr == "Arn") {
    return fmt::format("arn:{}:sqs:{}:{}:{}", p, region, a, literal_or(props, "QueueName", id));
  }
  if (type == "AWS::KMS::Key" && attr == "Arn") return fmt::format("arn:{}:kms:{}:{}:key/{}", p, region, a, id);
  return std::nullopt;
}

std::optional<std::string> resolve_intrinsic(const Context& ctx, const Template& t, const iam::Request& pseudo,
                                             const Json& v, int depth) {
  if (depth > 8 || !v.is_object() || v.size() != 1) return std::nullopt;
  const std::string& fn = v.begin().key();
  const Json& args = v.begin().value();
  std::string attr;
  if (fn == "Fn::GetAtt") {
    if (args.is_array() && args.size() == 2 && args[1].is_string()) attr = args[1].get<std::string>();
    else if (args.is_string() && args.get<std::string>().find('.') != std::string::npos) {
      attr = args.get<std::string>().substr(args.get<std::string>().find('.') + 1);
    } else {
      return std::nullopt;
    }
  } else if (fn == "Fn::ImportValue") {
    if (!args.is_string()) return std::nullopt;
    for (const Template& other : ctx.input().templates) {
      const Json* outputs = member(other.json, "Outputs");
      if (outputs == nullptr || !outputs->is_object()) continue;
      for (const auto& [key, output] : outputs->items()) {
        const Json* name = member_path(output, {"Export", "Name"});
        const Json* value = member(output, "Value");
        if (name == nullptr || value == nullptr || *name != args) continue;
        iam::Request there = template_request(other);
        if (other.account_id.empty()) there.account_id = pseudo.account_id;
        if (other.region.empty()) {
          there.region = pseudo.region;
          there.partition = pseudo.partition;
        }
        const iam::Resolver next = [&ctx, &other, &there, depth](const Json& i) {
          return resolve_intrinsic(ctx, other, there, i, depth + 1);
        };
        return iam::policy_value_text(*value, there, next);
      }
    }
    return std::nullopt;
  } else if (fn != "Ref") {
    return std::nullopt;
  }
  auto r = ctx.resolve(t, v);
  if (!r) return std::nullopt;
  // A resource of another template (through an export) lives in that template's account.
  if (r->tmpl != &t) return attribute(*r, attr, template_request(*r->tmpl));
  return attribute(*r, attr, pseudo);
}

}  // namespace

iam::Resolver resource_resolver(const Context& ctx, const Template& t, const iam::Request& pseudo) {
  return [&ctx, &t, pseudo](const Json& v) { return resolve_intrinsic(ctx, t, pseudo, v, 0); };
}

std::optional<std::string> resolved_text(const Context& ctx, const Template& t, const Json& value) {
  const iam::Request pseudo = template_request(t);
  return iam::policy_value_text(value, pseudo, resource_resolver(ctx, t, pseudo));
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
    // A value resolved from an intrinsic (PolicyDoc::policy) names an unknown
    // account as the text "${AWS::AccountId}" (template_request).
    if (t.account_id.empty() && (text == "${AWS::AccountId}" || sub_self.matches(text))) return std::string("self");
    if (root.matches(text)) {
      std::string id = root_account(text);
      return id == t.account_id ? std::string("self") : id;
    }
    if (bare.matches(text)) return text == t.account_id ? std::string("self") : text;
    return std::nullopt;
  }
  if (principal.is_object()) {
    // Ref AWS::AccountId, Fn::Sub and Fn::Join (as the AWS CDK writes the
    // account root) read with the account as the text "${AWS::AccountId}".
    iam::Request self = template_request(t);
    self.account_id = "${AWS::AccountId}";
    auto text = iam::policy_value_text(principal, self);
    if (!text) return std::nullopt;
    if (*text == "${AWS::AccountId}" || sub_self.matches(*text)) return std::string("self");
    if (root.matches(*text)) {
      std::string id = root_account(*text);
      return id == t.account_id ? std::string("self") : id;
    }
    if (bare.matches(*text)) return *text == t.account_id ? std::string("self") : *text;
  }
  return std::nullopt;
}

std::string principal_text(const Json& principal) {
  return principal.is_string() ? principal.get<std::string>() : principal.dump();
}

}  // namespace aip::lint
