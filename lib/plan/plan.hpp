// Spec -> template model. One file per platform area; each adds its resources
// to the stack of its layer and environment.
#pragma once

#include <optional>

#include "base/diagnostics.hpp"
#include "cfn/model.hpp"
#include "spec/spec.hpp"

namespace aip::plan {

// Plans the whole platform. Returns nullopt (with diagnostics at the spec's
// locations) when two elements would get the same logical id or a reference
// cannot be expressed.
std::optional<cfn::Assembly> plan_platform(const spec::Spec& spec, Diagnostics& diags);

// The stack of `layer` for an account (and region, when not the account's
// default): "<platform>-<account>[-<region>]-<layer>". Created on first use.
cfn::Stack& stack_for(cfn::Assembly& assembly, const spec::Spec& spec, const std::string& layer,
                      const spec::Account& account, const std::string& region);

// The account an element belongs to: the one it names, or the only one.
const spec::Account& account_of(const spec::Spec& spec, const spec::Located<std::string>& named);

// Copies the spec's `lint:` suppressions into the Metadata of the resources
// rendered from those elements (lint_suppressions.cpp).
void attach_lint_suppressions(const spec::Spec& spec, cfn::Assembly& assembly);

// After every area, before raw resources (operations_key.cpp): each stack
// whose log groups or function environments have no KMS key of their own gets
// one OperationsKey, and they get it.
void plan_operations_keys(const spec::Spec& spec, cfn::Assembly& assembly);

// The raw resources of `resources:` (resources.cpp), after every area, then the
// references in functions' and services' `environment:` (which may name raw
// resources); and the elements' `overrides:` (overrides.cpp), last. Both report spec errors.
void plan_raw_resources(const spec::Spec& spec, cfn::Assembly& assembly, Diagnostics& diags);
void apply_overrides(const spec::Spec& spec, cfn::Assembly& assembly, Diagnostics& diags);

// After overrides (stack_dependencies.cpp): a long-form Fn::ImportValue of an
// aip export becomes a stack dependency (an error when nothing exports it), and
// stacks that import from each other are an error. False when it reported one.
bool complete_stack_dependencies(const spec::Spec& spec, cfn::Assembly& assembly, Diagnostics& diags);

// Data classification (plan/classification.cpp). The key of `level`, in the
// keys stack of `from`'s account and region (created there on first use), as
// a reference from `from`; its alias name.
cfn::Json classification_key_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                                 const std::string& level);
// The same for an element of stack `at` (its account and region), referenced from `from`.
cfn::Json classification_key_arn_at(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                                    const cfn::Stack& at, const std::string& level);
std::string classification_alias(const spec::Spec& spec, const std::string& level);
// Tags a resource with its level (aip:classification), a role with the level it
// is cleared for (aip:clearance); nothing when empty.
// Lets an AWS service (EventBridge delivering to a queue or topic) use the key of `level` in `at`'s
// account and region: one statement `sid`, added once.
void level_key_admits_service(const spec::Spec& spec, cfn::Assembly& assembly, const cfn::Stack& at,
                              const std::string& level, const std::string& sid, const std::string& service);
void classify(cfn::Resource& resource, const spec::Located<std::string>& level);
void clear_role(cfn::Resource& role, const std::string& level);
// The key that encrypts bucket `b` (of `storage`), as a reference from `from`:
// its level's key when classified, else its own.
cfn::Json bucket_key_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from, cfn::Stack& storage,
                         const spec::Bucket& b);

// Areas.
void plan_vpcs(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_security_groups(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_identity(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_data(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_compute(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_edge(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_finops(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_storage(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_observability(const spec::Spec& spec, cfn::Assembly& assembly);
// Parts of observability: dashboards (dashboards.cpp), X-Ray and saved queries (xray.cpp).
void plan_dashboards(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_xray(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_events(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_iam(const spec::Spec& spec, cfn::Assembly& assembly);

// The IAM name of a role of the iam: area (its role_name, or PascalCase(name) + "Role").
std::string iam_role_name(const spec::IamRole& role);

// A spec that would exceed an AWS quota; reported at the element.
struct SpecLimit : std::runtime_error {
  SpecLimit(Location at, const std::string& message) : std::runtime_error(message), where(at) {}
  Location where;
};
void plan_functions(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_api(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_vpns(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_search(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_sagemaker(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_glue(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_registries(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_secrets(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_discovery(const spec::Spec& spec, cfn::Assembly& assembly);
// dns: zones and certificates (plan/dns.cpp), CloudFront distributions
// (plan/cdn.cpp), then the alias records in their targets' stacks.
void plan_dns(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_cdn(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_dns_records(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_tables(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_workflows(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_security(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_guardrails(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_knowledge_bases(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_backup(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_network_acls(const spec::Spec& spec, cfn::Assembly& assembly);
void plan_pipelines(const spec::Spec& spec, cfn::Assembly& assembly);

// Where a VPC's resources live, so other areas can reference them.
cfn::Stack& vpc_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Vpc& vpc);
std::string vpc_logical_id(const spec::Vpc& vpc);

}  // namespace aip::plan
