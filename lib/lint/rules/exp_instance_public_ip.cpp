// AIP-EXP-031: an EC2 instance or launch template that gives an instance a public
// IP address (checkov CKV_AWS_88).
#include <fmt/format.h>

#include <string>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_instance_public_ip {

bool public_ip(const Json& nic) {
  const Json* a = member(nic, "AssociatePublicIpAddress");
  return a != nullptr && ((a->is_boolean() && a->get<bool>()) || (a->is_string() && a->get<std::string>() == "true"));
}

void report_interfaces(Context& ctx, const ResourceRef& r, const Json* nics, const Path& prefix,
                       const char* what, const char* verb) {
  if (nics == nullptr || !nics->is_array()) return;
  for (std::size_t i = 0; i < nics->size(); ++i) {
    if (!public_ip((*nics)[i])) continue;
    Path path = prefix;
    path.push_back(std::to_string(i));
    path.emplace_back("AssociatePublicIpAddress");
    ctx.report(r, path,
               fmt::format("{} {} {} a public IP address (network interface {}): launch in a "
                           "private subnet without AssociatePublicIpAddress and reach the instances through a load "
                           "balancer or Session Manager",
                           what, r.display(), verb, i));
  }
}

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::EC2::Instance")) {
    report_interfaces(ctx, r, member(r.properties(), "NetworkInterfaces"), Path{"Properties", "NetworkInterfaces"},
                      "EC2 instance", "gets");
  }
  for (const ResourceRef& r : ctx.resources("AWS::EC2::LaunchTemplate")) {
    const Json* data = member(r.properties(), "LaunchTemplateData");
    if (data == nullptr) continue;
    report_interfaces(ctx, r, member(*data, "NetworkInterfaces"),
                      Path{"Properties", "LaunchTemplateData", "NetworkInterfaces"}, "launch template",
                      "gives its instances");
  }
}

}  // namespace exp_instance_public_ip

const Rule& rule_exp_instance_public_ip() {
  static const Rule rule{
      {"AIP-EXP-031", "EC2 instance with a public IP address", Severity::warning,
       {"exposure", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "An instance with a public IP address is reachable from the internet on every port its security groups "
       "open, and one rule added to a group later (or one group shared with another workload) exposes it. An "
       "instance in a private subnet can be reached only through what is put in front of it on purpose (checkov "
       "CKV_AWS_88).",
       "Remove AssociatePublicIpAddress from the network interfaces, launch the instance in a private subnet, and "
       "reach it through a load balancer, Session Manager or an instance connect endpoint; outbound traffic goes "
       "through a NAT gateway or VPC endpoints. A bastion or public service that must have an address takes a "
       "suppression saying so."},
      &exp_instance_public_ip::check};
  return rule;
}

}  // namespace aip::lint
