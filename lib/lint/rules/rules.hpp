// Every rule, one per file in this directory. Add a rule: write rules/<name>.cpp
// defining `const Rule& rule_<name>()` (CONTRIBUTING.md has the checklist);
// CMake finds the file and the registry lists it. A rule file keeps its helpers
// in a namespace named after the file, not an anonymous one: unity builds
// compile several rule files as one.
#pragma once

#include <set>
#include <string_view>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "lint/lint.hpp"

namespace aip::lint {

// One `const Rule& rule_<name>()` per rules/<name>.cpp; the list is made by
// CMake from the directory (lint/rule_list.inc in the build tree).
#define AIP_RULE(name) const Rule& rule_##name();
#include "lint/rule_list.inc"
#undef AIP_RULE

// AIP-LINT-002 runs after suppressions are applied: the engine records which
// suppressions covered a finding and calls this when the rule is selected.
struct SuppressionUse {
  std::set<std::size_t> spec;  // indexes into Spec::lint_suppressions
  std::set<std::tuple<const Template*, std::string, std::size_t>> resource;  // template, logical id, index
};
void report_stale_suppressions(Context& ctx, const std::vector<const Rule*>& selected, const SuppressionUse& use);

// Shared between rules.
bool is_full_wildcard(const std::string& action);  // "*" or "service:*" (iam_wildcard_action.cpp)
const std::vector<std::pair<int, const char*>>& sensitive_ports();  // SSH, RDP, databases (exp_sg_admin_ports.cpp)
// An Elastic Beanstalk environment's option setting: the environment's own
// OptionSettings first, then those of the configuration template it names
// (TemplateName as a Ref to the template's AWS::ElasticBeanstalk::ConfigurationTemplate).
// Its Value, or nullptr when neither sets it (exp_beanstalk_vpc.cpp).
const Json* beanstalk_option(const Context& ctx, const ResourceRef& env, std::string_view ns, std::string_view name);
namespace cicd_plaintext_credentials {
bool credential_name(std::string name);  // PASSWORD, TOKEN, API_KEY, ... (cicd_plaintext_credentials.cpp)
}

}  // namespace aip::lint
