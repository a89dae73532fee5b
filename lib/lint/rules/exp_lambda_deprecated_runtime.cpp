// AIP-EXP-035: a Lambda function on a runtime AWS has deprecated (checkov
// CKV_AWS_363).
#include <string_view>

#include <fmt/format.h>

#include "lint/rules/lambda_runtime_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_lambda_deprecated_runtime {

void check(Context& ctx) {
  lambda_runtimes::for_each_function_runtime(ctx, [&](const lambda_runtimes::FunctionRuntime& r) {
    if (!aws::lambda_runtime_deprecated(r.name)) return;
    ctx.report(r.function, {"Properties", "Runtime"},
               fmt::format("function {} runs on {}, a runtime AWS has deprecated: it gets no security patches, "
                           "and Lambda stops accepting updates to it; move to {}",
                           r.function.display(), r.name,
                           r.newest.empty() ? std::string("the language's current runtime") : std::string(r.newest)));
  });
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
       "Set Runtime to the newest runtime of the language (the finding names it) and test the function on "
       "it; aip's `functions:` area renders the newest python when a function names no runtime. Container-image "
       "functions (PackageType Image) have no Runtime and are not checked."},
      &exp_lambda_deprecated_runtime::check};
  return rule;
}

}  // namespace aip::lint
