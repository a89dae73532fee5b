// IAM policy documents as plain structs: what the parser reads, the renderer
// writes and the evaluator decides on. Values that CloudFormation may fill in
// (resources, principals, condition values) stay JSON so intrinsics such as
// {"Fn::Sub": "..."} survive untouched.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace aip::iam {

using Json = nlohmann::json;

enum class Effect { Allow, Deny };

// "Principal": "*" is `any`; {"AWS": "*"} is by_kind["AWS"] == ["*"]. IAM
// treats them alike for access, but they are different text, so both are kept.
struct Principals {
  bool any = false;
  std::map<std::string, std::vector<Json>> by_kind;  // AWS, Service, Federated, CanonicalUser
  bool operator==(const Principals&) const = default;
};

// Condition block: operator (as written, e.g. "ForAnyValue:StringLike") ->
// condition key -> values (strings, booleans, numbers or intrinsics).
using Conditions = std::map<std::string, std::map<std::string, std::vector<Json>>>;

// An absent element is nullopt; the parser guarantees exactly one of
// action / not_action and at most one of each other pair.
struct Statement {
  std::string sid;  // "" when absent
  Effect effect = Effect::Allow;
  std::optional<Principals> principal;
  std::optional<Principals> not_principal;
  std::optional<std::vector<std::string>> action;
  std::optional<std::vector<std::string>> not_action;
  std::optional<std::vector<Json>> resource;
  std::optional<std::vector<Json>> not_resource;
  Conditions condition;
  bool operator==(const Statement&) const = default;
};

struct Policy {
  std::string version;  // "2012-10-17", "2008-10-17" or "" when absent
  std::string id;       // "" when absent
  std::vector<Statement> statements;
  bool operator==(const Policy&) const = default;
};

// One grammar error; `path` is the JSON path of the offending value, keys and
// list indexes joined by '/', e.g. "Statement/2/Action" ("" for the document).
struct PolicyError {
  std::string path;
  std::string message;
  bool operator==(const PolicyError&) const = default;
};

struct ParseResult {
  Policy policy;                    // best effort when there are errors
  std::vector<PolicyError> errors;  // in a stable order (keys alphabetically)
  bool ok() const { return errors.empty(); }
};

// Raised by parse_policy_or_throw; what() lists every error as "path: message".
struct PolicyParseError : std::runtime_error {
  explicit PolicyParseError(std::vector<PolicyError> errs);
  std::vector<PolicyError> errors;
};

// Reads a policy document: standalone JSON or the value of a CloudFormation
// PolicyDocument / AssumeRolePolicyDocument property. Reports every error.
ParseResult parse_policy(const Json& doc);
Policy parse_policy_or_throw(const Json& doc);

// The canonical form of a policy (see render_policy.cpp for the rules).
// Idempotent; equivalent policies have equal canonical forms.
Policy canonical(const Policy& p);

// Canonical JSON: render(p) == render(canonical(p)) and
// parse_policy(render(p)).policy == canonical(p). Lists are always lists, even
// of one element; "Principal": "*" stays a string.
Json render_policy(const Policy& p);

// One statement in the same JSON shape, as it is (no canonicalisation).
Json render_statement(const Statement& s);

const char* to_string(Effect e);

// "s3:GetObject" -> "s3"; "*" -> "*"; no colon -> "".
std::string service_prefix(const std::string& action);

}  // namespace aip::iam
