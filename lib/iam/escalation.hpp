// The privilege-escalation catalogue (data/escalation-paths.json, embedded at
// build time): each path a principal could take to raise its own permissions,
// as the steps it needs. AIP-IAM-005 evaluates it over a principal's policies.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace aip::iam {

struct EscalationStep {
  std::vector<std::string> actions;  // any one of them
  // The resource a request names when a grant says Resource "*" (an ARN
  // template with ${AWS::Partition}, ${AWS::Region}, ${AWS::AccountId}).
  std::string resource = "*";
  // true: only a grant on resources with a wildcard counts; a grant that names
  // exact resources is a reviewed choice.
  bool wildcard_only = false;
  // Grants only on resources inside these patterns cannot be used (AWS
  // managed policies, which nobody can change).
  std::vector<std::string> defeated_by;
  std::map<std::string, std::string> context;  // request keys, e.g. iam:PassedToService
};

struct EscalationPath {
  std::string id;    // "passrole-lambda-invoke"
  std::string name;  // "new Lambda function with a passed role, invoked"
  std::vector<EscalationStep> requires_;  // all of them
  std::string source;
};

// Every path, sorted by id. Parsed once; throws std::logic_error when the
// embedded data is malformed (a bug in aip, caught by the tests).
const std::vector<EscalationPath>& escalation_paths();

}  // namespace aip::iam
