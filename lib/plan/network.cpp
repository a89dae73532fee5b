// VPCs: subnets per tier and AZ, internet and NAT gateways, route tables,
// VPC endpoints and flow logs.
#include <algorithm>

#include <fmt/format.h>

#include "cfn/intrinsics.hpp"
#include "cfn/logical_id.hpp"
#include "plan/group_rules.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/policy_builder.hpp"
#include "spec/subnet_layout.hpp"

namespace aip::plan {
namespace {

using cfn::Json;
namespace fn = cfn::intrinsic;
using spec::TierKind;

// Security group rules may carry only these characters in a Description.
constexpr const char* kEndpointRuleDescription = "HTTPS from the VPC to the interface endpoints";

struct VpcPlan {
  const spec::Spec& spec;
  const spec::Vpc& vpc;
  cfn::Stack& stack;
  std::string id;  // logical id prefix, e.g. "MainVpc"
  std::vector<spec::PlannedSubnet> subnets;

  cfn::Resource& add(std::string logical_id, std::string type, Json properties, Location where = {}) {
    cfn::Resource r;
    r.logical_id = std::move(logical_id);
    r.type = std::move(type);
    r.properties = std::move(properties);
    r.provenance = where.valid() ? where : vpc.location;
    for (const auto& [k, v] : vpc.tags) r.tags[k] = v.value;
    return stack.add(std::move(r));
  }
  std::string name_tag(std::string_view suffix) const {
    return suffix.empty() ? fmt::format("{}-{}", spec.name.value, vpc.name)
                          : fmt::format("{}-{}-{}", spec.name.value, vpc.name, suffix);
  }
  static std::string subnet_id(const std::string& prefix, const spec::PlannedSubnet& s) {
    return fmt::format("{}{}Subnet{}", prefix, cfn::pascal_case(s.tier->name), s.az + 1);
  }
  static std::string route_table_id(const std::string& prefix, const spec::PlannedSubnet& s) {
    return fmt::format("{}{}RouteTable{}", prefix, cfn::pascal_case(s.tier->name), s.az + 1);
  }
  // Ref of one of the VPC's own resources, or the id of an existing one.
  Json local(const std::string& logical_id) const {
    auto it = stack.existing.find(logical_id);
    return it != stack.existing.end() ? it->second : fn::ref(logical_id);
  }
  bool has(TierKind kind) const {
    return std::any_of(subnets.begin(), subnets.end(), [&](const auto& s) { return s.tier->kind == kind; });
  }
};

void set_name(cfn::Resource& r, std::string name) {
  if (r.tags.count("Name") == 0) r.tags["Name"] = std::move(name);
}

void plan_vpc_and_subnets(VpcPlan& p) {
  cfn::Resource& vpc = p.add(p.id, "AWS::EC2::VPC",
                             {{"CidrBlock", p.vpc.cidr.value.str()},
                              {"EnableDnsHostnames", true},
                              {"EnableDnsSupport", true},
                              {"InstanceTenancy", "default"}});
  set_name(vpc, p.name_tag(""));
  for (const spec::PlannedSubnet& s : p.subnets) {
    std::string suffix = fmt::format("{}-{}", s.tier->name, s.az + 1);
    cfn::Resource& subnet = p.add(VpcPlan::subnet_id(p.id, s), "AWS::EC2::Subnet",
                                  {{"VpcId", fn::ref(p.id)},
                                   {"CidrBlock", s.cidr.str()},
                                   {"AvailabilityZone", fn::availability_zone(s.az)},
                                   // Off even in public tiers: load balancers and NAT gateways
                                   // get their addresses explicitly; instances should not.
                                   {"MapPublicIpOnLaunch", false}},
                                  s.tier->location);
    set_name(subnet, p.name_tag(suffix));
    subnet.tags["aip:tier"] = s.tier->name;
    if (s.tier->zone) subnet.tags["aip:zone"] = s.tier->name;
    cfn::Resource& table = p.add(VpcPlan::route_table_id(p.id, s), "AWS::EC2::RouteTable",
                                 {{"VpcId", fn::ref(p.id)}}, s.tier->location);
    set_name(table, p.name_tag(suffix));
    p.add(VpcPlan::subnet_id(p.id, s) + "RouteTableAssociation", "AWS::EC2::SubnetRouteTableAssociation",
          {{"SubnetId", fn::ref(VpcPlan::subnet_id(p.id, s))}, {"RouteTableId", fn::ref(VpcPlan::route_table_id(p.id, s))}},
          s.tier->location);
  }
}

// An existing VPC renders nothing of its own: its logical ids stand for its
// ids, so every reference to it or its subnets becomes the literal id.
void plan_existing_vpc(VpcPlan& p) {
  p.stack.existing[p.id] = p.vpc.existing_id.value;
  for (const spec::Tier& tier : p.vpc.tiers) {
    for (std::size_t az = 0; az < tier.existing_subnets.size(); ++az) {
      p.stack.existing[subnet_id(p.vpc.name, tier.name, static_cast<int>(az) + 1)] = tier.existing_subnets[az].value;
    }
  }
}

void plan_gateways_and_routes(VpcPlan& p) {
  if (!p.has(TierKind::public_)) return;
  const std::string igw = p.id + "InternetGateway";
  const std::string attachment = igw + "Attachment";
  set_name(p.add(igw, "AWS::EC2::InternetGateway", Json::object()), p.name_tag("igw"));
  p.add(attachment, "AWS::EC2::VPCGatewayAttachment", {{"VpcId", fn::ref(p.id)}, {"InternetGatewayId", fn::ref(igw)}});

  std::vector<const spec::PlannedSubnet*> public_subnets;
  for (const spec::PlannedSubnet& s : p.subnets) {
    if (s.tier->kind != TierKind::public_) continue;
    cfn::Resource& route = p.add(VpcPlan::route_table_id(p.id, s) + "DefaultRoute", "AWS::EC2::Route",
                                 {{"RouteTableId", fn::ref(VpcPlan::route_table_id(p.id, s))},
                                  {"DestinationCidrBlock", "0.0.0.0/0"},
                                  {"GatewayId", fn::ref(igw)}},
                                 s.tier->location);
    route.depends_on.push_back(attachment);
    // The first public tier hosts the NAT gateways.
    if (public_subnets.size() < static_cast<std::size_t>(p.vpc.azs.value) &&
        (public_subnets.empty() || public_subnets.front()->tier == s.tier)) {
      public_subnets.push_back(&s);
    }
  }

  const spec::NatMode nat = p.vpc.nat.value;
  if (nat == spec::NatMode::none) return;
  const int gateways = nat == spec::NatMode::single ? 1 : static_cast<int>(public_subnets.size());
  for (int i = 0; i < gateways; ++i) {
    std::string eip = fmt::format("{}NatEip{}", p.id, i + 1);
    std::string gateway = fmt::format("{}NatGateway{}", p.id, i + 1);
    cfn::Resource& address = p.add(eip, "AWS::EC2::EIP", {{"Domain", "vpc"}}, p.vpc.nat.location);
    address.depends_on.push_back(attachment);
    set_name(address, p.name_tag(fmt::format("nat-{}", i + 1)));
    const spec::PlannedSubnet& host = *public_subnets[static_cast<std::size_t>(i)];
    cfn::Resource& natgw = p.add(gateway, "AWS::EC2::NatGateway",
                                 {{"SubnetId", fn::ref(VpcPlan::subnet_id(p.id, host))},
                                  {"AllocationId", fn::get_att(eip, "AllocationId")}},
                                 p.vpc.nat.location);
    set_name(natgw, p.name_tag(fmt::format("nat-{}", i + 1)));
  }
  for (const spec::PlannedSubnet& s : p.subnets) {
    if (s.tier->kind != TierKind::private_) continue;
    int which = nat == spec::NatMode::single ? 0 : std::min(s.az, gateways - 1);
    p.add(VpcPlan::route_table_id(p.id, s) + "DefaultRoute", "AWS::EC2::Route",
          {{"RouteTableId", fn::ref(VpcPlan::route_table_id(p.id, s))},
           {"DestinationCidrBlock", "0.0.0.0/0"},
           {"NatGatewayId", fn::ref(fmt::format("{}NatGateway{}", p.id, which + 1))}},
          s.tier->location);
  }
}

void plan_endpoints(VpcPlan& p) {
  if (!p.vpc.interface_endpoints.empty()) {
    // Interface endpoints live in the first private tier (else the first isolated one).
    const spec::Tier* home = nullptr;
    for (TierKind kind : {TierKind::private_, TierKind::isolated}) {
      for (const spec::Tier& t : p.vpc.tiers) {
        if (home == nullptr && t.kind == kind) home = &t;
      }
    }
    Json subnet_ids = Json::array();
    for (int az = 1; home != nullptr && az <= p.vpc.azs.value; ++az) {
      subnet_ids.push_back(p.local(subnet_id(p.vpc.name, home->name, az)));
    }
    const std::string sg = p.id + "EndpointSecurityGroup";
    cfn::Resource& group = p.add(
        sg, "AWS::EC2::SecurityGroup",
        {{"GroupDescription", fmt::format("Interface endpoints of VPC {}", p.vpc.name)},
         {"VpcId", p.local(p.id)},
         {"SecurityGroupIngress", Json::array({{{"IpProtocol", "tcp"},
                                                {"FromPort", 443},
                                                {"ToPort", 443},
                                                {"CidrIp", p.vpc.cidr.value.str()},
                                                {"Description", kEndpointRuleDescription}}})},
         // Endpoints answer, they never start connections: no egress at all. A
         // rule that matches nothing replaces CloudFormation's default allow-all.
         {"SecurityGroupEgress", deny_all_egress()}},
        p.vpc.interface_endpoints.front().location);
    set_name(group, p.name_tag("endpoints"));
    for (const auto& service : p.vpc.interface_endpoints) {
      cfn::Resource& e = p.add(p.id + cfn::pascal_case(service.value) + "Endpoint", "AWS::EC2::VPCEndpoint",
                               {{"VpcId", p.local(p.id)},
                                {"ServiceName", fn::sub("com.amazonaws.${AWS::Region}." + service.value)},
                                {"VpcEndpointType", "Interface"},
                                {"PrivateDnsEnabled", true},
                                {"SubnetIds", subnet_ids},
                                {"SecurityGroupIds", Json::array({fn::get_att(sg, "GroupId")})}},
                               service.location);
      set_name(e, p.name_tag(service.value));
    }
  }
  Json route_tables = Json::array();
  for (const spec::PlannedSubnet& s : p.subnets) {
    if (s.tier->kind != TierKind::public_) route_tables.push_back(fn::ref(VpcPlan::route_table_id(p.id, s)));
  }
  for (const auto& table : p.vpc.existing_route_tables) route_tables.push_back(table.value);
  for (const auto& service : p.vpc.gateway_endpoints) {
    cfn::Resource& e = p.add(p.id + cfn::pascal_case(service.value) + "Endpoint", "AWS::EC2::VPCEndpoint",
                             {{"VpcId", p.local(p.id)},
                              {"ServiceName", fn::sub("com.amazonaws.${AWS::Region}." + service.value)},
                              {"VpcEndpointType", "Gateway"},
                              {"RouteTableIds", route_tables}},
                             service.location);
    set_name(e, p.name_tag(service.value));
  }
}

void plan_flow_logs(VpcPlan& p) {
  const spec::FlowLogs& logs = p.vpc.flow_logs;
  if (!logs.enabled) return;
  Location where = logs.location.valid() ? logs.location : p.vpc.location;
  const std::string group = p.id + "FlowLogGroup";
  const std::string role = p.id + "FlowLogRole";
  cfn::Resource& log_group =
      p.add(group, "AWS::Logs::LogGroup", {{"RetentionInDays", logs.retention_days.value}}, where);
  // Flow logs are audit evidence: keep them when the stack or the group goes away.
  log_group.deletion_policy = "Retain";
  // Confused-deputy guard: only flow logs of this account.
  Json trust = policy_doc(Json::array({service_assumes_role("vpc-flow-logs.amazonaws.com").from_this_account()}));
  Json policy = policy_doc(Json::array({PolicyStatement::allow()
                                            .action(Json::array({"logs:CreateLogStream", "logs:DescribeLogStreams",
                                                                 "logs:PutLogEvents"}))
                                            .resource(fn::get_att(group, "Arn"))}));
  p.add(role, "AWS::IAM::Role",
        {{"AssumeRolePolicyDocument", trust},
         {"Description", fmt::format("Lets VPC flow logs of {} write to their log group", p.vpc.name)},
         {"Policies", Json::array({{{"PolicyName", "flow-logs-delivery"}, {"PolicyDocument", policy}}})}},
        where);
  p.add(p.id + "FlowLog", "AWS::EC2::FlowLog",
        {{"ResourceId", fn::ref(p.id)},
         {"ResourceType", "VPC"},
         {"TrafficType", logs.traffic.value},
         {"LogDestinationType", "cloud-watch-logs"},
         {"LogGroupName", fn::ref(group)},
         {"DeliverLogsPermissionArn", fn::get_att(role, "Arn")}},
        where);
}

}  // namespace

std::string vpc_logical_id(const spec::Vpc& vpc) { return cfn::pascal_case(vpc.name) + "Vpc"; }

cfn::Stack& vpc_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Vpc& vpc) {
  return stack_for(assembly, spec, "network", account_of(spec, vpc.account), vpc.region.value);
}

void plan_vpcs(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::Vpc& vpc : spec.network.vpcs) {
    std::vector<spec::LayoutError> errors;  // none: check_spec already passed
    VpcPlan p{spec, vpc, vpc_stack(spec, assembly, vpc), vpc_logical_id(vpc), spec::layout_subnets(vpc, &errors)};
    if (vpc.existing()) {
      plan_existing_vpc(p);
      plan_endpoints(p);
      continue;
    }
    plan_vpc_and_subnets(p);
    plan_gateways_and_routes(p);
    plan_endpoints(p);
    plan_flow_logs(p);
  }
}

}  // namespace aip::plan
