// AIP-EXP-045: a Lambda function on a supported runtime that is not the newest
// of its family (cdk-nag AwsSolutions-L1).
#include <string_view>

#include <fmt/format.h>

#include "lint/rules/lambda_runtime_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_lambda_runtime_not_latest {

void check(Context& ctx) {
  lambda_runtimes::for_each_function_runtime(ctx, [&](const lambda_runtimes::FunctionRuntime& r) {
    // A deprecated runtime is AIP-EXP-035's finding; one newer than the
    // table (or unknown to it) cannot be judged.
    if (aws::lambda_runtime_deprecated(r.name) || r.known == nullptr) return;
    if (r.newest.empty() || r.newest == r.name) return;
    ctx.report(r.function, {"Properties", "Runtime"},
               fmt::format("function {} runs on {}, and the newest {} runtime is {}: an older one reaches end of "
                           "support sooner and lacks the newer language, SDK and operating system fixes",
                           r.function.display(), r.name, r.known->family, r.newest));
  });
}

}  // namespace exp_lambda_runtime_not_latest

const Rule& rule_exp_lambda_runtime_not_latest() {
  static const Rule rule{
      {"AIP-EXP-045", "Lambda function not on the newest runtime of its language", Severity::warning,
       {"exposure", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "Lambda supports each language version for a fixed period and deprecates the oldest as new ones arrive; "
       "a function left on an older one is the next to lose its security patches, and the migration then comes "
       "under deadline instead of as routine. The newest runtime also carries the current language, AWS SDK and "
       "operating system fixes (cdk-nag AwsSolutions-L1; NIST SI-2, PCI DSS 6.3.3). The newest runtime of each "
       "family is data: aws-cdk-lib's runtime list, in data/lambda-runtimes.json.",
       "Set Runtime to the newest runtime of the language (the finding names it) and test the function on it; "
       "aip's `functions:` area renders the newest python when a function names no runtime. Deprecated runtimes "
       "are AIP-EXP-035's finding, not this rule's; container-image functions (PackageType Image) have no Runtime "
       "and are not checked. A function that must stay on an older version (a library not yet ported) takes a "
       "suppression saying why."},
      &exp_lambda_runtime_not_latest::check};
  return rule;
}

}  // namespace aip::lint
