// Policy templates: the data in templates/iam/ (intents, restrictions, service
// roles) that the iam: area fills in. The spec reader asks it which intents
// exist; the planner asks it for statements. Compiled into the binary.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "iam/policy.hpp"

namespace aip::iam {

// A statement with ${Partition}, ${Region}, ${Account}, ${Platform}, ${Role}
// and ${ServiceRole} placeholders in its resources and condition values.
struct TemplateStatement {
  std::string sid;
  std::vector<std::string> actions;
  std::vector<std::string> resources;
  nlohmann::json condition = nlohmann::json::object();  // {operator: {key: [values]}}
};

struct IntentTemplate {
  std::string service;       // "sagemaker"
  std::string level;         // "develop"
  std::string summary;
  std::string service_role;  // a ServiceRoleTemplate name, or ""
  std::vector<TemplateStatement> statements;
};

// A request a restriction must refuse (checked by the tests).
struct Probe {
  std::string action;
  std::string resource;
  std::map<std::string, std::string> resource_tags;
};

struct RestrictionTemplate {
  std::string name;  // "iam-changes"
  std::string summary;
  std::vector<TemplateStatement> statements;  // Deny
  std::vector<Probe> probes;
};

struct ServiceRoleTemplate {
  std::string name;     // "sagemaker-execution"
  std::string service;  // "sagemaker.amazonaws.com"
  std::string suffix;   // appended to the owning role's IAM name
  std::vector<TemplateStatement> statements;
};

class PolicyTemplates {
 public:
  static const PolicyTemplates& embedded();
  PolicyTemplates(const nlohmann::json& intents, const nlohmann::json& restrictions,
                  const nlohmann::json& service_roles);

  std::vector<std::string> services() const;                         // sorted
  std::vector<std::string> levels(std::string_view service) const;   // sorted; empty if unknown
  const IntentTemplate* intent(std::string_view service, std::string_view level) const;
  std::vector<std::string> restrictions() const;                      // sorted
  const RestrictionTemplate* restriction(std::string_view name) const;
  const ServiceRoleTemplate* service_role(std::string_view name) const;
  std::vector<const IntentTemplate*> all_intents() const;

 private:
  std::map<std::string, std::map<std::string, IntentTemplate, std::less<>>, std::less<>> intents_;
  std::map<std::string, RestrictionTemplate, std::less<>> restrictions_;
  std::map<std::string, ServiceRoleTemplate, std::less<>> service_roles_;
};

using Placeholders = std::map<std::string, std::string>;  // "Region" -> "us-east-1"

// Replaces ${Name} for every Name in `values`; other ${...} (IAM policy
// variables such as ${aws:PrincipalTag/TenantId}) stay as written.
std::string fill(std::string_view text, const Placeholders& values);

// The statement with placeholders filled, as a policy Statement.
Statement instantiate(const TemplateStatement& t, Effect effect, const Placeholders& values);

// Actions whose resource types in the Service Authorization Reference are all
// optional extras that ordinary calls never name (cloudwatch:GetMetricData's
// "dataset", ce:GetCostAndUsage's "billingview"): such a call is authorized
// against "*", so Resource "*" is the only grant that works. Each has a reason
// in templates.cpp; docs/areas/iam.md lists them.
bool needs_any_resource(std::string_view action);
struct WildcardException {
  const char* action;
  const char* reason;
};
std::vector<WildcardException> wildcard_exceptions();

}  // namespace aip::iam
