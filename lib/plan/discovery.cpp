// Cloud Map private DNS namespaces (seed 004's app-dw.internal), each in its
// VPC. The services that register in one get their Cloud Map service in the
// compute stack, next to the ECS service (plan/compute.cpp).
#include <fmt/format.h>

#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/registries.hpp"
#include "plan/resource_helpers.hpp"

namespace aip::plan {

cfn::Stack& namespace_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Namespace& ns) {
  const spec::Vpc& vpc = *spec.find_vpc(ns.vpc.value);
  return stack_for(assembly, spec, kLayerDiscovery, account_of(spec, vpc.account), vpc.region.value);
}

void plan_discovery(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::Namespace& ns : spec.discovery.namespaces) {
    const spec::Vpc& vpc = *spec.find_vpc(ns.vpc.value);
    cfn::Stack& stack = namespace_stack(spec, assembly, ns);
    const std::string description =
        ns.description.value.empty() ? fmt::format("Services of platform {} by name in vpc {}", spec.name.value, vpc.name)
                                     : ns.description.value;
    add_resource(stack, namespace_id(ns.name), "AWS::ServiceDiscovery::PrivateDnsNamespace",
                 {{"Name", ns.domain.value},
                  {"Description", description},
                  {"Vpc", assembly.ref(stack, vpc_stack(spec, assembly, vpc), vpc_logical_id(vpc))}},
                 ns.location, ns.tags);
  }
}

}  // namespace aip::plan
