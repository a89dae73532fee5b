// AIP-EXP-035: a Lambda function on a runtime AWS has deprecated (checkov
// CKV_AWS_363).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_lambda_deprecated_runtime {

// checkov's list (DeprecatedLambdaRuntime.py at 03d5fdad) and the runtimes AWS
// deprecated since (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html):
// nodejs18.x on 2025-09-01, python3.9 on 2025-12-15.
bool deprecated(const std::string& runtime) {
  static const char* kDeprecated[] = {
      "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet5.0",  "dotnet6",   "dotnet7",
      "go1.x",         "java8",         "nodejs",        "nodejs4.3",     "nodejs4.3-edge", "nodejs6.10", "nodejs8.10",
      "nodejs10.x",    "nodejs12.x",    "nodejs14.x",    "nodejs16.x",    "nodejs18.x", "provided",  "python2.7",
      "python3.6",     "python3.7",     "python3.8",     "python3.9",     "ruby2.5",    "ruby2.7"};
  for (const char* d : kDeprecated) {
    if (runtime == d) return true;
  }
  return false;
}

void check(Context& ctx) {
  for (const char* type : {"AWS::Lambda::Function", "AWS::Serverless::Function"}) {
    for (const ResourceRef& f : ctx.resources(type)) {
      const Json* runtime = member(f.properties(), "Runtime");
      if (runtime == nullptr || !runtime->is_string() || !deprecated(runtime->get<std::string>())) continue;
      ctx.report(f, {"Properties", "Runtime"},
                 fmt::format("function {} runs on {}, a runtime AWS has deprecated: it gets no security patches, "
                             "and Lambda stops accepting updates to it; move to the language's current runtime",
                             f.display(), runtime->get<std::string>()));
    }
  }
}

}  // namespace exp_lambda_deprecated_runtime

const Rule& rule_exp_lambda_deprecated_runtime() {
  static const Rule rule{
      {"AIP-EXP-035", "Lambda function on a deprecated runtime", Severity::warning,
       {"exposure", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "When AWS deprecates a Lambda runtime it stops patching the language runtime and the operating system "
       "beneath it, so newly found vulnerabilities stay open in every function that uses it; some time later "
       "Lambda refuses to create functions on it, then to update them, and a fix can no longer be deployed "
       "without also migrating the runtime (checkov CKV_AWS_363; NIST SI-2, PCI DSS 6.3.3).",
       "Set Runtime to the language's current version (python3.13, nodejs22.x, java21, ...) and test the "
       "function on it; aip's `functions:` area renders python3.12. Container-image functions (PackageType "
       "Image) have no Runtime and are not checked."},
      &exp_lambda_deprecated_runtime::check};
  return rule;
}

}  // namespace aip::lint
