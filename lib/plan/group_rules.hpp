// Security group rules that areas add between groups (a service and its
// database proxy, a load balancer and its targets), shared by compute and data.
#pragma once

#include <string>

#include "cfn/model.hpp"
#include "spec/spec.hpp"

namespace aip::plan {

// A security group either named in the network area or created by an area.
struct SecurityGroupRef {
  const spec::SecurityGroup* spec = nullptr;  // set when named in the network area
  cfn::Stack* stack = nullptr;
  std::string id;
};

// True when the network area already has this rule; adding it again would fail the deployment.
bool written_in_spec(const SecurityGroupRef& target, const SecurityGroupRef& peer, bool ingress, int port);

// A tcp rule between two groups as its own resource in `stack`, once.
void add_group_rule(cfn::Assembly& assembly, cfn::Stack& stack, const SecurityGroupRef& target,
                    const SecurityGroupRef& peer, bool ingress, int port, const std::string& description,
                    Location where);

// "Disallow all": an egress list that matches nothing replaces CloudFormation's default allow-all.
cfn::Json deny_all_egress();

}  // namespace aip::plan
