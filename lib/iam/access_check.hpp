// "Can this role do that?" over rendered templates: the role's inline and
// attached policies (AWS::IAM::Policy resources naming it, in any stack), its
// permissions boundary and, for an S3 ARN, the bucket's policy (for a model
// package or group, the registry's), decided by evaluate(). Backs `aip can`.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "iam/evaluate.hpp"

namespace aip::iam {

struct StackTemplate {
  std::string stack;       // stack name, used in "decided by" references
  std::string account_id;
  std::string region;
  const nlohmann::json* tmpl = nullptr;
  // false: the stack only answers for its resources (another environment's
  // role trust or bucket policy a cross-account request needs); its roles are
  // not candidates for the question's principal.
  bool principals = true;
};

struct AccessQuestion {
  std::string principal;  // IAM role name, logical id, or role ARN
  Request request;        // action, resource, tags, context; principal is filled in
};

struct AccessAnswer {
  std::string error;               // non-empty: the question could not be asked (unknown or ambiguous role)
  std::string principal_arn;
  Evaluation evaluation;
  std::vector<std::string> policies;  // what was evaluated, "stack/LogicalId.label"
};

AccessAnswer check_access(const std::vector<StackTemplate>& templates, const AccessQuestion& question);

}  // namespace aip::iam
