// Policy evaluation for one request: Allow, ImplicitDeny or ExplicitDeny, and
// the statement that decided. Follows AWS's logic for identity policies, a
// permissions boundary and resource policies (explicit Deny wins; otherwise an
// Allow is needed, capped by the boundary; cross-account needs both sides).
//
// Conservative rule: whatever cannot be evaluated (a condition key the request
// does not describe, an intrinsic nobody can resolve, an unparseable value) is
// "unknown". An Allow statement whose match is unknown does not apply; a Deny
// statement whose match is unknown does. Unknowns never widen access.
// Set Request::context_complete to say "keys not given are absent", which
// turns on AWS's rules for missing keys (IfExists, ForAllValues, Null, ...).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "iam/policy.hpp"

namespace aip::iam {

struct Request {
  // An IAM ARN (role, user, root, or an sts assumed-role session), or a
  // service / federated / canonical-user principal ("lambda.amazonaws.com").
  std::string principal;
  std::map<std::string, std::string> principal_tags;  // aws:PrincipalTag/<key>
  std::string action;                                  // "bedrock:InvokeModel"
  std::string resource = "*";                          // an ARN, or "*" for actions without resources
  std::map<std::string, std::string> resource_tags;    // aws:ResourceTag/<key>
  std::string resource_account;                        // "" = take it from the resource ARN
  // Other condition keys (aws:SourceAccount, aws:PrincipalOrgID, sts:ExternalId,
  // aws:SourceIp, aws:TagKeys, ...); names match case-insensitively.
  std::map<std::string, std::vector<std::string>> context;
  bool context_complete = false;  // true: keys not described above are absent, not unknown
  // Pseudo parameters for Fn::Sub / Ref in policies rendered into templates.
  std::string partition = "aws";  // aws::partition_of(region) when the region is known
  std::string region;
  std::string account_id;
};

// Resolves a CloudFormation intrinsic ({"Ref": X}, {"Fn::GetAtt": [X, A]},
// {"Fn::ImportValue": ...}) to its value; nullopt when it cannot. ${X} and
// ${X.A} inside Fn::Sub arrive as the equivalent Ref / GetAtt.
using Resolver = std::function<std::optional<std::string>(const Json& intrinsic)>;

struct NamedPolicy {
  std::string name;
  Policy policy;
};

struct PolicySet {
  std::vector<NamedPolicy> identity;     // attached to the principal; Principal elements ignored
  std::optional<NamedPolicy> boundary;   // permissions boundary
  std::vector<NamedPolicy> resource;     // on the resource (bucket, key, trust policy, ...)
};

enum class Decision { Allow, ImplicitDeny, ExplicitDeny };

struct StatementRef {
  std::string policy;   // NamedPolicy::name
  std::string sid;      // "" when the statement has none
  std::size_t index = 0;
  std::string describe() const;  // "policy/Sid" or "policy/Statement/3"
  bool operator==(const StatementRef&) const = default;
};

struct Evaluation {
  Decision decision = Decision::ImplicitDeny;
  std::optional<StatementRef> by;  // the Deny that applied, or the Allow that granted
  std::string reason;              // one line, for messages
  // Allow statements that might apply with more context; empty = the answer
  // does not depend on anything unknown on the Allow side.
  std::vector<StatementRef> undecided;
  bool conservative = false;  // the deciding Deny applied only because of an unknown
};

Evaluation evaluate(const PolicySet& policies, const Request& request, const Resolver& resolver = {});

const char* to_string(Decision d);

// A policy value (a principal, a resource, a condition value) as the string
// IAM compares: intrinsics resolved with the request's pseudo parameters and
// the resolver, policy variables left as written; nullopt when it cannot.
std::optional<std::string> policy_value_text(const Json& value, const Request& request, const Resolver& resolver = {});

}  // namespace aip::iam
