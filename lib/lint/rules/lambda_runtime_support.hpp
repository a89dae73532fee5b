// What the two Lambda runtime rules (AIP-EXP-035 deprecated, AIP-EXP-045 not
// the newest) share: every function whose Runtime is a literal, with the
// runtime's entry in data/lambda-runtimes.json and its family's newest runtime.
#pragma once

#include <string>
#include <string_view>

#include "base/lambda_runtimes.hpp"
#include "lint/rule_support.hpp"

namespace aip::lint::lambda_runtimes {

struct FunctionRuntime {
  const ResourceRef& function;
  const std::string& name;              // as written
  const aws::LambdaRuntime* known;      // null when the data does not list it
  std::string_view newest;              // of its family; empty when unknown
};

// Container-image functions have no Runtime, and an intrinsic cannot be judged
// here: both are skipped.
template <typename Visit>
void for_each_function_runtime(Context& ctx, Visit&& visit) {
  for (const char* type : {"AWS::Lambda::Function", "AWS::Serverless::Function"}) {
    for (const ResourceRef& f : ctx.resources(type)) {
      const Json* runtime = member(f.properties(), "Runtime");
      if (runtime == nullptr || !runtime->is_string()) continue;
      const std::string& name = runtime->get_ref<const std::string&>();
      const aws::LambdaRuntime* known = aws::find_lambda_runtime(name);
      visit(FunctionRuntime{f, name, known, known != nullptr ? aws::newest_lambda_runtime(known->family) : std::string_view{}});
    }
  }
}

}  // namespace aip::lint::lambda_runtimes
