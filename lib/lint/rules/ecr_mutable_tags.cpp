// AIP-ECR-002: an ECR repository whose image tags can be overwritten.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace ecr_mutable_tags {

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::ECR::Repository")) {
    const Json* mutability = member(r.properties(), "ImageTagMutability");
    if (mutability != nullptr && mutability->is_string() && mutability->get<std::string>().rfind("IMMUTABLE", 0) == 0) {
      continue;
    }
    ctx.report(r, mutability != nullptr ? Path{"Properties", "ImageTagMutability"} : Path{},
               fmt::format("ECR repository {} has mutable tags: pushing again replaces what a tag such as 1.0.0 "
                           "runs",
                           r.display()));
  }
}

}  // namespace ecr_mutable_tags

const Rule& rule_ecr_mutable_tags() {
  static const Rule rule{
      {"AIP-ECR-002", "ECR repository with mutable image tags", Severity::warning,
       {"resilience", "nist-800-53", "soc2"},
       "With mutable tags, a push can replace the image a tag names: a task definition that pins 1.0.0 then starts "
       "different code on its next deployment or scaling event, a rollback may not return to what ran before, and "
       "a compromised pipeline can swap an image without changing any template (checkov CKV_AWS_51 checks the "
       "same).",
       "Set ImageTagMutability: IMMUTABLE (`immutable_tags: true`, the default of an aip repository) and give "
       "every release a new tag."},
      &ecr_mutable_tags::check};
  return rule;
}

}  // namespace aip::lint
