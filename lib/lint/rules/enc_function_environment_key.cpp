// AIP-ENC-046: a Lambda function with environment variables and no
// customer-managed KMS key for them (checkov CKV_AWS_173).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_function_environment_key {

void check(Context& ctx) {
  for (const char* type : {"AWS::Lambda::Function", "AWS::Serverless::Function"}) {
    for (const ResourceRef& f : ctx.resources(type)) {
      const Json* vars = member_path(f.properties(), {"Environment", "Variables"});
      // As checkov: only a function that has variables to protect.
      if (vars == nullptr || (vars->is_object() && vars->empty())) continue;
      const Json* key = member(f.properties(), "KmsKeyArn");
      if (key != nullptr && !(key->is_string() && key->get<std::string>().empty())) continue;
      ctx.report(f, {"Properties", "Environment"},
                 fmt::format("function {} has environment variables and no KMS key (KmsKeyArn): they are encrypted "
                             "with the AWS-managed key aws/lambda, whose key policy you cannot narrow",
                             f.display()));
    }
  }
}

}  // namespace enc_function_environment_key

const Rule& rule_enc_function_environment_key() {
  static const Rule rule{
      {"AIP-ENC-046", "Lambda environment variables without a KMS key", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "Lambda encrypts environment variables at rest; without KmsKeyArn it uses the AWS-managed key "
       "aws/lambda, whose key policy you cannot change: who may see the values is decided by Lambda permissions "
       "alone, and the key cannot be disabled to make them unreadable. A "
       "customer-managed key puts them under a key policy you control (checkov CKV_AWS_173, for functions with "
       "variables only; NIST 800-53 SC-28). aip gives every function it renders with variables the stack's "
       "OperationsKey, and its role kms:Decrypt on it through Lambda.",
       "Set KmsKeyArn to a customer-managed key, and allow the execution role kms:Decrypt on it (condition "
       "kms:ViaService lambda.REGION.amazonaws.com). Secrets do not belong in variables at all: read them from "
       "Secrets Manager."},
      &enc_function_environment_key::check};
  return rule;
}

}  // namespace aip::lint
