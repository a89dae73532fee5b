// AIP-NET-006: a subnet is too small for what is placed in it.
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace net_subnet_capacity {

constexpr int kReserved = 5;      // network, VPC router, DNS, future use, broadcast
constexpr int kAlbAddresses = 8;  // an ALB needs at least 8 free addresses per subnet to scale

struct Demand {
  std::map<std::string, long> by_kind;  // "interface endpoint ENIs" -> n
  long total() const {
    long t = 0;
    for (const auto& [k, n] : by_kind) t += n;
    return t;
  }
};

using Key = std::pair<const Template*, std::string>;

void refs_in(const Json& v, std::vector<std::string>& out) {
  if (std::string id = Context::referenced_id(v); !id.empty()) out.push_back(id);
  if (v.is_object() || v.is_array()) {
    for (const Json& child : v) refs_in(child, out);
  }
}

long number(const Json* v, long fallback) {
  if (v == nullptr) return fallback;
  if (v->is_number_integer()) return v->get<long>();
  if (v->is_string()) {
    try {
      return std::stol(v->get<std::string>());
    } catch (...) {
      return fallback;
    }
  }
  return fallback;
}

void check(Context& ctx) {
  std::map<Key, Demand> demand;
  auto add = [&](const ResourceRef& from, const Json* subnets, const std::string& kind, long per_subnet_total,
                 bool spread) {
    if (subnets == nullptr) return;
    std::vector<const Json*> items;
    if (subnets->is_array()) {
      for (const Json& s : *subnets) items.push_back(&s);
    } else {
      items.push_back(subnets);
    }
    if (items.empty()) return;
    long each = spread ? (per_subnet_total + static_cast<long>(items.size()) - 1) / static_cast<long>(items.size())
                       : per_subnet_total;
    for (const Json* s : items) {
      if (auto subnet = ctx.resolve(*from.tmpl, *s); subnet && subnet->type() == "AWS::EC2::Subnet") {
        demand[{subnet->tmpl, subnet->logical_id}].by_kind[kind] += each;
      }
    }
  };

  for (const ResourceRef& e : ctx.resources("AWS::EC2::VPCEndpoint")) {
    const Json* type = member(e.properties(), "VpcEndpointType");
    if (type == nullptr || !type->is_string() || type->get<std::string>() == "Gateway") continue;
    add(e, member(e.properties(), "SubnetIds"), "interface endpoint ENIs", 1, false);
  }
  for (const ResourceRef& n : ctx.resources("AWS::EC2::NatGateway")) {
    add(n, member(n.properties(), "SubnetId"), "NAT gateway", 1, false);
  }
  for (const ResourceRef& lb : ctx.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")) {
    const Json* type = member(lb.properties(), "Type");
    bool application = type == nullptr || (type->is_string() && type->get<std::string>() == "application");
    long n = application ? kAlbAddresses : 1;
    std::string kind = application ? "load balancer (8 free addresses to scale)" : "load balancer";
    add(lb, member(lb.properties(), "Subnets"), kind, n, false);
    if (const Json* mappings = member(lb.properties(), "SubnetMappings"); mappings != nullptr && mappings->is_array()) {
      for (const Json& m : *mappings) add(lb, member(m, "SubnetId"), kind, n, false);
    }
  }
  // ECS tasks with awsvpc networking: one ENI each, at the maximum scale, plus
  // the extra tasks a rolling deployment starts (MaximumPercent, default 200).
  std::map<Key, long> max_capacity;
  for (const ResourceRef& t : ctx.resources("AWS::ApplicationAutoScaling::ScalableTarget")) {
    const Json* dim = member(t.properties(), "ScalableDimension");
    if (dim == nullptr || *dim != "ecs:service:DesiredCount") continue;
    std::vector<std::string> ids;
    if (const Json* rid = member(t.properties(), "ResourceId")) refs_in(*rid, ids);
    for (const std::string& id : ids) {
      max_capacity[{t.tmpl, id}] = std::max(max_capacity[{t.tmpl, id}], number(member(t.properties(), "MaxCapacity"), 1));
    }
  }
  for (const ResourceRef& s : ctx.resources("AWS::ECS::Service")) {
    const Json* subnets = member_path(s.properties(), {"NetworkConfiguration", "AwsvpcConfiguration", "Subnets"});
    if (subnets == nullptr) continue;
    long tasks = number(member(s.properties(), "DesiredCount"), 1);
    if (auto it = max_capacity.find({s.tmpl, s.logical_id}); it != max_capacity.end()) tasks = it->second;
    long percent = number(member_path(s.properties(), {"DeploymentConfiguration", "MaximumPercent"}), 200);
    long peak = (tasks * std::max(percent, 100L) + 99) / 100;
    add(s, subnets, fmt::format("ECS tasks of {} at peak", s.logical_id), peak, true);
  }
  for (const ResourceRef& f : ctx.resources("AWS::Lambda::Function")) {
    add(f, member_path(f.properties(), {"VpcConfig", "SubnetIds"}), "Lambda ENIs", 1, false);
  }

  for (const ResourceRef& s : ctx.resources("AWS::EC2::Subnet")) {
    auto it = demand.find({s.tmpl, s.logical_id});
    if (it == demand.end()) continue;
    const Json* cidr = member(s.properties(), "CidrBlock");
    auto p = cidr != nullptr ? literal_cidr(*cidr) : std::nullopt;
    if (!p || p->family() != net::Family::v4) continue;
    long usable = static_cast<long>(p->size()) - kReserved;
    long needed = it->second.total();
    if (needed <= usable) continue;
    std::string parts;
    for (const auto& [kind, n] : it->second.by_kind) parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", n, kind);
    ctx.report(s, {"Properties", "CidrBlock"},
               fmt::format("subnet {} ({}) has {} usable addresses ({} minus the {} AWS reserves) but needs {}: {}",
                           s.logical_id, p->str(), usable, p->size(), kReserved, needed, parts));
  }
}

}  // namespace net_subnet_capacity

const Rule& rule_net_subnet_capacity() {
  static const Rule rule{
      {"AIP-NET-006", "Subnet too small for what is placed in it", Severity::error, {"network"},
       "AWS reserves five addresses in every subnet. Each interface endpoint takes one address per AZ subnet, "
       "each NAT gateway one, an Application Load Balancer needs at least eight free addresses per subnet to "
       "scale, and each ECS task with awsvpc networking one (at maximum scale, plus the extra tasks of a rolling "
       "deployment). When a subnet runs out, endpoints fail to create and tasks fail to start with "
       "'insufficient free addresses', usually during a scale-out.",
       "Make the subnet (tier) larger, e.g. /24 instead of /28, or move endpoints or services to a tier with room."},
      &net_subnet_capacity::check};
  return rule;
}

}  // namespace aip::lint
