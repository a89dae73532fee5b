// AIP-IAM-017: a Cognito user pool whose password policy is weaker than 8
// characters with upper case, numbers and symbols (cdk-nag AwsSolutions-COG1).
#include <cctype>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_user_pool_password_policy {

void check(Context& ctx) {
  for (const ResourceRef& pool : ctx.resources("AWS::Cognito::UserPool")) {
    // Without a PasswordPolicy Cognito applies its default: 8 characters, upper and lower case, numbers, symbols.
    const Json* policy = member_path(pool.properties(), {"Policies", "PasswordPolicy"});
    if (policy == nullptr || !policy->is_object()) continue;
    std::vector<std::string> weak;
    const Json* length = member(*policy, "MinimumLength");
    if (length == nullptr || (length->is_number_integer() && length->get<long long>() < 8) ||
        (length->is_string() && !length->get<std::string>().empty() &&
         std::isdigit(static_cast<unsigned char>(length->get<std::string>()[0])) &&
         std::stoi(length->get<std::string>()) < 8)) {
      weak.push_back("a minimum length below 8");
    }
    for (const char* key : {"RequireUppercase", "RequireNumbers", "RequireSymbols"}) {
      const Json* v = member(*policy, key);
      if (v != nullptr && (is_true(*v) || (!v->is_boolean() && !v->is_string()))) continue;
      weak.push_back(fmt::format("{} not true", key));
    }
    if (weak.empty()) continue;
    std::string list;
    for (std::size_t i = 0; i < weak.size(); ++i) {
      list += (i == 0 ? "" : i + 1 == weak.size() ? " and " : ", ") + weak[i];
    }
    ctx.report(pool, {"Properties", "Policies", "PasswordPolicy"},
               fmt::format("user pool {} accepts weak passwords: its password policy has {}", pool.display(), list));
  }
}

}  // namespace iam_user_pool_password_policy

const Rule& rule_iam_user_pool_password_policy() {
  static const Rule rule{
      {"AIP-IAM-017", "Cognito user pool with a weak password policy", Severity::warning,
       {"iam", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "A user pool that accepts short passwords or passwords of letters only lets credential stuffing and "
       "guessing succeed against the people who sign in to the platform's portal, and each account taken over "
       "holds that user's access to chats, documents and data. A policy written into the template replaces "
       "Cognito's default (8 characters with upper and lower case, numbers and symbols), and every requirement "
       "it leaves out is off (cdk-nag AwsSolutions-COG1; PCI DSS 8.3.6, NIST IA-5).",
       "Set Policies.PasswordPolicy {MinimumLength: 12, RequireUppercase: true, RequireLowercase: true, "
       "RequireNumbers: true, RequireSymbols: true}, or leave PasswordPolicy out for Cognito's default (aip's "
       "`identity:` area renders the first). Better still, require MFA."},
      &iam_user_pool_password_policy::check};
  return rule;
}

}  // namespace aip::lint
