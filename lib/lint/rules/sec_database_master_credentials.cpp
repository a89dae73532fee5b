// AIP-SEC-009: a database's master credentials written into the template
// instead of read from Secrets Manager (DocumentDB, cdk-nag AwsSolutions-DOC3),
// or a well-known master user name (Redshift's "awsuser", cdk-nag AwsSolutions-RS3).
#include <string>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace sec_database_master_credentials {

// A {{resolve:secretsmanager:...}} dynamic reference anywhere in the value (also inside Fn::Sub or Fn::Join).
bool from_secrets_manager(const Json& value) {
  return value.dump().find("{{resolve:secretsmanager:") != std::string::npos;
}

void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::DocDB::DBCluster")) {
    const Json* managed = member(c.properties(), "ManageMasterUserPassword");
    const bool managed_password = managed != nullptr && is_true(*managed);
    for (const char* key : {"MasterUsername", "MasterUserPassword"}) {
      const Json* v = member(c.properties(), key);
      if (v == nullptr || from_secrets_manager(*v)) continue;  // none: restored from a snapshot, or managed
      if (std::string(key) == "MasterUserPassword" && managed_password) continue;
      ctx.report(c, {"Properties", key},
                 fmt::format("DocumentDB cluster {} takes its {} from the template, not from Secrets Manager: it is "
                             "readable in the template, its parameters and the stack's history",
                             c.display(),
                             std::string(key) == "MasterUsername" ? "master user name" : "master password"));
    }
  }
  for (const ResourceRef& c : ctx.resources("AWS::Redshift::Cluster")) {
    const Json* user = member(c.properties(), "MasterUsername");
    if (user == nullptr || *user != "awsuser") continue;
    ctx.report(c, {"Properties", "MasterUsername"},
               fmt::format("Redshift cluster {} keeps the default master user name awsuser: a password spray needs "
                           "to guess only the password",
                           c.display()));
  }
}

}  // namespace sec_database_master_credentials

const Rule& rule_sec_database_master_credentials() {
  static const Rule rule{
      {"AIP-SEC-009", "Database master credentials in the template or a default master user name", Severity::warning,
       {"iam", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "A master user name and password written into a template (or passed as a parameter) are visible to "
       "everyone who can read the template, the stack's parameters or its change history, and never rotate. A "
       "{{resolve:secretsmanager:...}} dynamic reference keeps them in Secrets Manager, where access is logged and "
       "rotation possible (cdk-nag AwsSolutions-DOC3 for DocumentDB clusters). A well-known master user name "
       "(Redshift's default awsuser) halves what an attacker must guess (cdk-nag AwsSolutions-RS3).",
       "Create an AWS::SecretsManager::Secret with GenerateSecretString and set MasterUsername and "
       "MasterUserPassword to {{resolve:secretsmanager:SECRET:SecretString:username}} and "
       "...:password}} (DocumentDB can also set ManageMasterUserPassword: true); give Redshift a master user name "
       "of its own."},
      &sec_database_master_credentials::check};
  return rule;
}

}  // namespace aip::lint
