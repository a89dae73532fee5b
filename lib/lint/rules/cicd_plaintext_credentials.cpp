// AIP-CICD-002: a CodeBuild project with credentials in
// plaintext environment variables (cdk-nag CodeBuildProjectEnvVarAwsCred, and
// beyond AWS keys: passwords, tokens, API keys).
#include <cctype>
#include <string>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace cicd_plaintext_credentials {

// Variable names that hold a credential: AWS keys, passwords, tokens, API and
// private keys, secrets. Names are compared in upper case.
bool credential_name(std::string name) {
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (name == "AWS_ACCESS_KEY_ID" || name == "AWS_SECRET_ACCESS_KEY" || name == "AWS_SESSION_TOKEN") return true;
  static const char* kWords[] = {"PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY",
                                 "CREDENTIAL"};
  for (const char* w : kWords) {
    if (name.find(w) != std::string::npos) return true;
  }
  return false;
}

// Variables of type PLAINTEXT (the default) with a credential's name and a literal value.
void check_variables(Context& ctx, const ResourceRef& r, const Json* list, const Path& at) {
  if (list == nullptr || !list->is_array()) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& v = (*list)[i];
    const Json* name = member(v, "Name");
    const Json* type = member(v, "Type");
    const Json* value = member(v, "Value");
    if (name == nullptr || !name->is_string() || value == nullptr) continue;
    if (type != nullptr && !(type->is_string() && type->get<std::string>() == "PLAINTEXT")) continue;
    if (!credential_name(name->get<std::string>())) continue;
    Path here = at;
    here.push_back(std::to_string(i));
    ctx.report(r, here,
               fmt::format("{} sets {} as a plaintext environment variable: the value is stored in the project "
                           "definition, readable by everyone who may describe it, and printed in build logs",
                           r.display(), name->get<std::string>()));
  }
}

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::CodeBuild::Project")) {
    check_variables(ctx, r, member_path(r.properties(), {"Environment", "EnvironmentVariables"}),
                    {"Properties", "Environment", "EnvironmentVariables"});
  }
}

}  // namespace cicd_plaintext_credentials

const Rule& rule_cicd_plaintext_credentials() {
  static const Rule rule{
      {"AIP-CICD-002", "CodeBuild credentials in plaintext environment variables", Severity::error,
       {"security", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001", "gdpr"},
       "An environment variable of type PLAINTEXT is part of the project definition: anyone with "
       "codebuild:BatchGetProjects sees it, it is in the template and its history, and builds print it whenever a "
       "command echoes the environment. A variable named like a credential (AWS access keys, passwords, tokens, "
       "API or private keys, secrets) with a plaintext value is a leaked credential (cdk-nag "
       "CodeBuildProjectEnvVarAwsCred checks the AWS keys). AWS keys have no place in a build at "
       "all: the project's role provides credentials.",
       "Keep the value in Secrets Manager and reference it as a variable of type SECRETS_MANAGER (`secrets: {NAME: "
       "<secret>}` of an aip build stage, which also grants the role exactly that secret), or in Parameter Store "
       "as type PARAMETER_STORE; drop AWS keys and let the service role sign."},
      &cicd_plaintext_credentials::check};
  return rule;
}

}  // namespace aip::lint
