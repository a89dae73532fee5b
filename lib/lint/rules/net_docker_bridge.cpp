// AIP-NET-005: a VPC range collides with Docker's default bridge 172.17.0.0/16.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace net_docker_bridge {

void check(Context& ctx) {
  static const net::Prefix bridge = *net::Prefix::parse("172.17.0.0/16", nullptr);
  for (const ResourceRef& v : ctx.resources("AWS::EC2::VPC")) {
    const Json* cidr = member(v.properties(), "CidrBlock");
    auto p = cidr != nullptr ? literal_cidr(*cidr) : std::nullopt;
    if (!p || !p->overlaps(bridge)) continue;
    ctx.report(v, {"Properties", "CidrBlock"},
               fmt::format("VPC {} ({}) overlaps Docker's default bridge network 172.17.0.0/16; containers using "
                           "bridge networking (build agents, EC2 container hosts, local tooling) cannot reach "
                           "addresses in the overlap",
                           v.display(), p->str()));
  }
}

}  // namespace net_docker_bridge

const Rule& rule_net_docker_bridge() {
  static const Rule rule{
      {"AIP-NET-005", "VPC range collides with Docker's default bridge 172.17.0.0/16", Severity::warning,
       {"network"},
       "Docker gives its default bridge network 172.17.0.0/16. A host running containers with bridge networking "
       "(ECS on EC2, CodeBuild, CI runners, SageMaker notebooks, developers' laptops on the VPN) routes that range "
       "to the bridge, so VPC addresses in it are unreachable from inside the containers. The failures are "
       "intermittent and hard to diagnose.",
       "Keep VPC ranges out of 172.17.0.0/16 (e.g. use 10.x.0.0/16), or configure every Docker daemon with a "
       "different `bip` / `default-address-pools`."},
      &net_docker_bridge::check};
  return rule;
}

}  // namespace aip::lint
