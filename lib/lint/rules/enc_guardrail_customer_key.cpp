// AIP-ENC-011: a Bedrock guardrail or knowledge base data source without a
// customer-managed KMS key.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_guardrail_customer_key {

void check(Context& ctx) {
  for (const ResourceRef& g : ctx.resources("AWS::Bedrock::Guardrail")) {
    if (member(g.properties(), "KmsKeyArn") != nullptr) continue;
    ctx.report(g, {}, fmt::format("guardrail {} is encrypted with a key of Bedrock's (no KmsKeyArn): its denied "
                                  "topics, word lists and patterns are readable by anyone allowed to get it",
                                  g.display()));
  }
}

}  // namespace enc_guardrail_customer_key

const Rule& rule_enc_guardrail_customer_key() {
  static const Rule rule{
      {"AIP-ENC-011", "Bedrock guardrail without a customer-managed key", Severity::info,
       {"encryption", "nist-800-53", "soc2", "iso27001"},
       "A guardrail's configuration (denied topics with their examples, blocked words, sensitive-information "
       "patterns) describes what the organisation treats as confidential. With Bedrock's own key, only IAM "
       "decides who reads it; a customer-managed key adds a key policy and CloudTrail records of every use, and "
       "every caller of the guardrail then needs kms:Decrypt on it.",
       "Set KmsKeyArn to a customer-managed KMS key. In a spec: remove `aws_owned_key: true` (aip then creates a "
       "key for the guardrail and grants kms:Decrypt to the functions and services that name it)."},
      &enc_guardrail_customer_key::check};
  return rule;
}

}  // namespace aip::lint
