// Security groups. Rules to CIDRs and prefix lists are inline; rules that name
// another group are separate resources, so groups may refer to each other (and
// to themselves) without a dependency cycle.
#include <fmt/format.h>

#include "cfn/intrinsics.hpp"
#include "cfn/logical_id.hpp"
#include "plan/group_rules.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"

namespace aip::plan {
namespace {

using cfn::Json;
namespace fn = cfn::intrinsic;

std::string group_id(std::string_view name) { return security_group_id(name); }

std::string ports_text(const spec::SecurityGroupRule& rule) {
  if (rule.protocol.value == "all") return "all traffic";
  if (rule.protocol.value == "icmp") return "icmp";
  if (rule.from_port == rule.to_port) return fmt::format("{} {}", rule.protocol.value, rule.from_port);
  return fmt::format("{} {}-{}", rule.protocol.value, rule.from_port, rule.to_port);
}

std::string peer_text(const spec::Peer& peer, const spec::Vpc& vpc) {
  switch (peer.kind) {
    case spec::Peer::Kind::cidr: return peer.cidr.str();
    case spec::Peer::Kind::prefix_list: return peer.name;
    case spec::Peer::Kind::security_group: return "sg " + peer.name;
    case spec::Peer::Kind::vpc_cidr: return fmt::format("vpc {} {}", vpc.name, vpc.cidr.value.str());
  }
  return "";
}

// IpProtocol, ports and description shared by inline and standalone rules.
Json rule_basics(const spec::SecurityGroupRule& rule, bool ingress, const spec::Vpc& vpc) {
  Json r = Json::object();
  const std::string& protocol = rule.protocol.value;
  r["IpProtocol"] = protocol == "all" ? "-1" : protocol;
  if (protocol == "tcp" || protocol == "udp") {
    r["FromPort"] = rule.from_port;
    r["ToPort"] = rule.to_port;
  } else if (protocol == "icmp") {
    r["FromPort"] = -1;
    r["ToPort"] = -1;
  }
  r["Description"] = !rule.description.value.empty()
                         ? rule.description.value
                         : fmt::format("{} {} {}", ports_text(rule), ingress ? "from" : "to", peer_text(rule.peer, vpc));
  return r;
}

// Fills in the peer of an inline rule; false for group peers (standalone).
bool inline_peer(const spec::SecurityGroupRule& rule, bool ingress, const spec::Vpc& vpc, Json& r) {
  const spec::Peer& peer = rule.peer;
  switch (peer.kind) {
    case spec::Peer::Kind::cidr:
      r[peer.cidr.family() == net::Family::v4 ? "CidrIp" : "CidrIpv6"] = peer.cidr.str();
      return true;
    case spec::Peer::Kind::vpc_cidr:
      r["CidrIp"] = vpc.cidr.value.str();
      return true;
    case spec::Peer::Kind::prefix_list:
      r[ingress ? "SourcePrefixListId" : "DestinationPrefixListId"] = peer.name;
      return true;
    case spec::Peer::Kind::security_group:
      return false;
  }
  return false;
}

std::string standalone_rule_id(const std::string& group, const spec::SecurityGroupRule& rule, bool ingress) {
  std::string ports = rule.protocol.value == "tcp" || rule.protocol.value == "udp"
                          ? (rule.from_port == rule.to_port ? std::to_string(rule.from_port)
                                                            : fmt::format("{}to{}", rule.from_port, rule.to_port))
                          : "";
  return fmt::format("{}{}{}{}{}", group, ingress ? "IngressFrom" : "EgressTo", cfn::pascal_case(rule.peer.name),
                     cfn::pascal_case(rule.protocol.value), ports);
}

// A standalone rule: to another group, or any rule of an existing group.
cfn::Resource standalone_rule(cfn::Assembly& assembly, cfn::Stack& stack, const std::string& id, std::string logical_id,
                              const spec::SecurityGroupRule& rule, bool ingress, const spec::Vpc& vpc) {
  cfn::Resource r;
  r.logical_id = std::move(logical_id);
  r.type = ingress ? "AWS::EC2::SecurityGroupIngress" : "AWS::EC2::SecurityGroupEgress";
  r.provenance = rule.location;
  r.properties = rule_basics(rule, ingress, vpc);
  r.properties["GroupId"] = assembly.get_att(stack, stack, id, "GroupId");
  if (!inline_peer(rule, ingress, vpc, r.properties)) {
    r.properties[ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId"] =
        assembly.get_att(stack, stack, group_id(rule.peer.name), "GroupId");
  }
  return r;
}

// An existing group: nothing of it is rendered but its rules, each its own
// resource; references to it are its id.
void plan_existing_group(cfn::Assembly& assembly, cfn::Stack& stack, const spec::SecurityGroup& sg,
                         const spec::Vpc& vpc) {
  const std::string id = group_id(sg.name);  // registered as existing by plan_security_groups
  auto add_rules = [&](const std::vector<spec::SecurityGroupRule>& rules, bool ingress) {
    for (std::size_t i = 0; i < rules.size(); ++i) {
      stack.add(standalone_rule(assembly, stack, id, fmt::format("{}{}{}", id, ingress ? "Ingress" : "Egress", i + 1),
                                rules[i], ingress, vpc));
    }
  };
  add_rules(sg.ingress, true);
  if (sg.egress) add_rules(*sg.egress, false);
}

void plan_group(const spec::Spec& spec, cfn::Assembly& assembly, const spec::SecurityGroup& sg) {
  const spec::Vpc& vpc = *spec.find_vpc(sg.vpc.value);
  cfn::Stack& stack = vpc_stack(spec, assembly, vpc);
  const std::string id = group_id(sg.name);

  Json ingress = Json::array();
  Json egress = Json::array();
  std::vector<std::pair<std::vector<std::string>, Location>> rule_provenance;
  std::vector<std::pair<const spec::SecurityGroupRule*, bool>> standalone;
  for (const auto& rule : sg.ingress) {
    Json r = rule_basics(rule, true, vpc);
    if (inline_peer(rule, true, vpc, r)) {
      rule_provenance.push_back({{"SecurityGroupIngress", std::to_string(ingress.size())}, rule.location});
      ingress.push_back(std::move(r));
    } else {
      standalone.emplace_back(&rule, true);
    }
  }
  if (sg.egress) {
    for (const auto& rule : *sg.egress) {
      Json r = rule_basics(rule, false, vpc);
      if (inline_peer(rule, false, vpc, r)) {
        rule_provenance.push_back({{"SecurityGroupEgress", std::to_string(egress.size())}, rule.location});
        egress.push_back(std::move(r));
      } else {
        standalone.emplace_back(&rule, false);
      }
    }
  } else {
    // No egress written: traffic may leave only towards the VPC itself.
    egress.push_back({{"IpProtocol", "-1"},
                      {"CidrIp", vpc.cidr.value.str()},
                      {"Description", fmt::format("all traffic to vpc {} (aip default)", vpc.name)}});
  }
  if (egress.empty()) {
    // An empty list would leave CloudFormation's default allow-all in place.
    egress = deny_all_egress();
  }

  cfn::Resource group;
  group.logical_id = id;
  group.type = "AWS::EC2::SecurityGroup";
  group.provenance = sg.location;
  group.property_provenance = std::move(rule_provenance);
  std::string description = !sg.description.value.empty()
                                ? sg.description.value
                                : fmt::format("Security group {} of platform {}", sg.name, spec.name.value);
  group.properties = {{"GroupDescription", description},
                      {"VpcId", assembly.ref(stack, stack, vpc_logical_id(vpc))},
                      {"SecurityGroupEgress", egress}};
  if (!ingress.empty()) group.properties["SecurityGroupIngress"] = ingress;
  for (const auto& [k, v] : sg.tags) group.tags[k] = v.value;
  // The zone travels with the group, so lint (AIP-NET-007) sees it in any template.
  if (!sg.zone.value.empty()) group.tags["aip:zone"] = sg.zone.value;
  group.tags["Name"] = group.tags.count("Name") ? group.tags["Name"] : fmt::format("{}-{}", spec.name.value, sg.name);
  stack.add(std::move(group));

  for (const auto& [rule, is_ingress] : standalone) {
    stack.add(standalone_rule(assembly, stack, id, standalone_rule_id(id, *rule, is_ingress), *rule, is_ingress, vpc));
  }
}

}  // namespace

void plan_security_groups(const spec::Spec& spec, cfn::Assembly& assembly) {
  // Existing groups first: a rule of a new group may name one as its peer.
  for (const spec::SecurityGroup& sg : spec.network.security_groups) {
    if (!sg.existing()) continue;
    const spec::Vpc& vpc = *spec.find_vpc(sg.vpc.value);
    cfn::Stack& stack = vpc_stack(spec, assembly, vpc);
    stack.existing[group_id(sg.name)] = sg.existing_id.value;
    stack.existing_attributes[{group_id(sg.name), "GroupId"}] = sg.existing_id.value;
  }
  for (const spec::SecurityGroup& sg : spec.network.security_groups) {
    if (sg.existing()) {
      const spec::Vpc& vpc = *spec.find_vpc(sg.vpc.value);
      plan_existing_group(assembly, vpc_stack(spec, assembly, vpc), sg, vpc);
    } else {
      plan_group(spec, assembly, sg);
    }
  }
}

}  // namespace aip::plan
