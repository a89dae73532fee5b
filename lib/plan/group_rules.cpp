#include "plan/group_rules.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace aip::plan {

bool written_in_spec(const SecurityGroupRef& target, const SecurityGroupRef& peer, bool ingress, int port) {
  if (target.spec == nullptr || peer.spec == nullptr) return false;
  const auto& rules = ingress ? target.spec->ingress : target.spec->egress.value_or(std::vector<spec::SecurityGroupRule>{});
  return std::any_of(rules.begin(), rules.end(), [&](const spec::SecurityGroupRule& r) {
    return r.peer.kind == spec::Peer::Kind::security_group && r.peer.name == peer.spec->name &&
           (r.protocol.value == "all" || (r.protocol.value == "tcp" && r.from_port <= port && port <= r.to_port));
  });
}

void add_group_rule(cfn::Assembly& assembly, cfn::Stack& stack, const SecurityGroupRef& target, const SecurityGroupRef& peer, bool ingress,
                    int port, const std::string& description, Location where) {
  if (written_in_spec(target, peer, ingress, port)) return;
  std::string id = fmt::format("{}{}{}{}", target.id, ingress ? "IngressFrom" : "EgressTo", peer.id, port);
  if (stack.find(id) != nullptr) return;
  cfn::Resource r;
  r.logical_id = id;
  r.type = ingress ? "AWS::EC2::SecurityGroupIngress" : "AWS::EC2::SecurityGroupEgress";
  r.provenance = where;
  r.properties = {{"IpProtocol", "tcp"},
                  {"FromPort", port},
                  {"ToPort", port},
                  {"Description", description},
                  {"GroupId", assembly.get_att(stack, *target.stack, target.id, "GroupId")},
                  {ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId",
                   assembly.get_att(stack, *peer.stack, peer.id, "GroupId")}};
  stack.add(std::move(r));
}

cfn::Json deny_all_egress() {
  return cfn::Json::array({{{"IpProtocol", "icmp"},
                       {"FromPort", 252},
                       {"ToPort", 86},
                       {"CidrIp", "255.255.255.255/32"},
                       {"Description", "Disallow all traffic"}}});
}

}  // namespace aip::plan
