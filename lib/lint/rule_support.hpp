// Helpers rules share: reading CloudFormation values, tags, policy documents.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iam/documents.hpp"
#include "iam/evaluate.hpp"
#include "iam/policy.hpp"
#include "lint/lint.hpp"
#include "net/cidr.hpp"

namespace aip::lint {

// A literal CIDR string, or nullopt (intrinsics, malformed text).
std::optional<net::Prefix> literal_cidr(const Json& value);
// true / "true" (CloudFormation accepts both).
bool is_true(const Json& value);
bool is_false(const Json& value);
// The value at `key` of an object, or nullptr.
const Json* member(const Json& object, std::string_view key);
const Json* member_path(const Json& object, const std::vector<std::string>& keys);
// A resource's tag (Properties.Tags as a list of {Key, Value} or a map), or "".
std::string tag_value(const ResourceRef& r, std::string_view key);
// Whether a resource looks like production: tag Environment / env / Stage is
// prod, production, prd or live (case-insensitive).
bool is_production(const ResourceRef& r);
// Port range of a security group rule: [from, to]; all ports for protocol -1 / "all".
struct PortRange {
  int from = 0;
  int to = 65535;
  bool all_traffic = false;  // IpProtocol -1
  bool covers(int port) const { return all_traffic || (from <= port && port <= to); }
  std::string str() const;
};
std::optional<PortRange> port_range(const Json& rule);

// Security group rules: inline (SecurityGroupIngress / SecurityGroupEgress of
// AWS::EC2::SecurityGroup) and standalone AWS::EC2::SecurityGroupIngress / Egress.
struct SgRule {
  ResourceRef owner;  // the group, or the standalone rule resource
  Path path;          // to the rule object inside `owner`
  const Json* rule = nullptr;
  // CidrIp 0.0.0.0/0 or CidrIpv6 ::/0, also written with host bits set (1.0.0.0/0, ff::/0)
  bool open_to_world() const;
  std::string source() const;  // "0.0.0.0/0" / "::/0" / ...
};
std::vector<SgRule> ingress_rules(const Context& ctx);
std::vector<SgRule> egress_rules(const Context& ctx);

// Policy documents in templates, where iam/documents.hpp says they live:
// identity policies (roles, users, groups, AWS::IAM::Policy / ManagedPolicy /
// RolePolicy / UserPolicy / GroupPolicy), trust policies, resource policies,
// and permissions boundaries (a policy that a role of the input names as its
// PermissionsBoundary: it caps, it grants nothing).
enum class PolicyKind { identity, trust, resource, boundary };
struct PolicyDoc {
  ResourceRef owner;
  Path path;               // to the document inside the resource, e.g. {"Properties", "PolicyDocument"}
  PolicyKind kind = PolicyKind::identity;
  iam::DocumentSite site;  // where the table found it (label, PolicyName, form)
  // best effort when the document has errors. Principals, resources and
  // condition values that are intrinsics (Ref, Fn::GetAtt, Fn::Sub, Fn::Join,
  // Fn::ImportValue) of the input's own resources are resolved to the text
  // CloudFormation would give (resource_resolver below), so every rule decides
  // on "arn:aws:iam::${AWS::AccountId}:root" rather than on a Fn::Join; what
  // cannot be known (parameters, unknown attributes) stays as written.
  iam::Policy policy;
  iam::Policy written;     // the document as written, intrinsics untouched
  std::vector<iam::PolicyError> errors;
  // Path of statement i in the document (a list or one object).
  Path statement_path(std::size_t i) const;
  bool statements_are_list = true;
};

// Every document of an input, found and parsed once per lint::run (the
// engine builds it before the rules run; Context::policies() hands it out).
class PolicyCache {
 public:
  explicit PolicyCache(const Context& ctx);
  const std::vector<PolicyDoc>& all() const { return docs_; }
  // The documents of one resource, in table order (a role's trust policy first).
  std::vector<const PolicyDoc*> of(const ResourceRef& r) const;

 private:
  std::vector<PolicyDoc> docs_;
  // (template, logical id) -> [first, last) in docs_: a resource's documents are adjacent.
  std::map<std::pair<const Template*, std::string>, std::pair<std::size_t, std::size_t>> by_resource_;
};
inline const std::vector<PolicyDoc>& policy_documents(const Context& ctx) { return ctx.policies().all(); }

// Intrinsics in policies (principals, resources, condition values) resolved to
// the same template's or assembly's resources before a rule decides: Ref /
// Fn::GetAtt of a role, user, group, managed policy, OIDC or SAML provider,
// function, bucket, topic, queue or key give the ARN or name CloudFormation
// would (a generated name stands as the logical id); Fn::ImportValue follows
// the export of another template of the input. nullopt for what cannot be known.
// ARNs are written with `pseudo`'s partition, region and account.
iam::Resolver resource_resolver(const Context& ctx, const Template& t, const iam::Request& pseudo);
// Resolves a document's principals, resources and condition values in place,
// as PolicyCache does for every document it finds.
void resolve_policy_values(const Context& ctx, const Template& t, iam::Policy& policy);
// The pseudo parameters of a template for the evaluator: its partition,
// region and account, or "${AWS::Region}" / "${AWS::AccountId}" as text when
// unknown (template files), so a value still reads as "this account".
iam::Request template_request(const Template& t);
// A value as text through resource_resolver and template_request: a literal
// as written, Fn::Sub / Fn::Join / Ref / Fn::GetAtt / Fn::ImportValue resolved.
std::optional<std::string> resolved_text(const Context& ctx, const Template& t, const Json& value);

// A CIDR as AWS reads it: a strict prefix, or one with host bits set
// (1.0.0.0/0 is 0.0.0.0/0) with `host_bits` set; nullopt when not a CIDR.
struct ReadCidr {
  net::Prefix prefix;
  bool host_bits = false;
};
std::optional<ReadCidr> read_cidr(std::string_view text);

// Statement helpers. Keys and actions match case-insensitively.
bool has_condition_key(const iam::Statement& s, std::string_view key);
std::vector<std::string> condition_values(const iam::Statement& s, std::string_view key);
bool resource_is_any(const iam::Statement& s);  // Resource includes "*"
// The 12-digit account an AWS principal names as a whole (root ARN, a bare id);
// "self" for the template's own account (${AWS::AccountId}); nullopt otherwise.
std::optional<std::string> whole_account(const Json& principal, const Template& t);
std::string principal_text(const Json& principal);  // for messages
std::string lower(std::string_view s);

}  // namespace aip::lint
