// AIP-EXP-030: a Lambda function URL with AuthType NONE (checkov CKV_AWS_258).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_function_url_no_auth {

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::Lambda::Url")) {
    const Json* auth = member(r.properties(), "AuthType");
    if (auth == nullptr || !auth->is_string() || auth->get<std::string>() != "NONE") continue;
    ctx.report(r, Path{"Properties", "AuthType"},
               fmt::format("Lambda function URL {} has AuthType NONE: anyone on the internet who learns the URL can "
                           "invoke the function; set AuthType to AWS_IAM",
                           r.display()));
  }
}

}  // namespace exp_function_url_no_auth

const Rule& rule_exp_function_url_no_auth() {
  static const Rule rule{
      {"AIP-EXP-030", "Lambda function URL without authentication", Severity::warning,
       {"exposure", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "A function URL with AuthType NONE is a public HTTPS endpoint: Lambda signs nothing and checks nothing, so "
       "every request from the internet runs the function with its role's permissions and is billed to the "
       "account. The function has to authenticate each caller itself, and nothing outside the code (no IAM policy, "
       "no WAF, no throttling per caller) stands in front of it (checkov CKV_AWS_258).",
       "Set AuthType: AWS_IAM and grant lambda:InvokeFunctionUrl to the callers that need it, or put the function "
       "behind an API Gateway or load balancer with authentication. A URL that is meant to be public (a webhook "
       "that verifies a signature itself) takes a suppression saying so."},
      &exp_function_url_no_auth::check};
  return rule;
}

}  // namespace aip::lint
