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
#include "plan/resource_helpers.hpp"
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
  // With a firewall, the private tiers' egress goes through it instead
  // (plan_firewall); its own subnets go to the NAT gateways.
  if (p.vpc.firewall) return;
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
    // Interface endpoints live in `endpoints.tier`, else the first private tier (else the first isolated one).
    const spec::Tier* home = p.vpc.interface_endpoint_tier();
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

// The firewall endpoint's id of one AZ's firewall: EndpointIds is a list of
// "az:vpce-..." strings. Each AZ has a firewall of its own with one subnet,
// so the list has exactly one entry and no ordering is assumed.
Json firewall_endpoint(const std::string& firewall) {
  return Json{{"Fn::Select", Json::array({1, Json{{"Fn::Split", Json::array({":", Json{{"Fn::Select",
                                                   Json::array({0, fn::get_att(firewall, "EndpointIds")})}}})}}})}};
}

// AWS Network Firewall between the private tiers and the NAT gateways:
//   private subnet (AZ n)  0.0.0.0/0 -> firewall endpoint n; public CIDRs -> endpoint n
//   firewall subnet (AZ n) 0.0.0.0/0 -> NAT gateway of AZ n (or the single one)
//   public subnets         each private CIDR -> the endpoint of that subnet's AZ
// so both directions of every flow between a private subnet and the internet
// or a public subnet cross the same endpoint (stateful inspection needs that).
void plan_firewall(VpcPlan& p) {
  if (!p.vpc.firewall) return;
  const spec::Firewall& fw = *p.vpc.firewall;
  const Location where = fw.location;
  const std::string base = p.name_tag("");
  const std::string vpc_cidr = p.vpc.cidr.value.str();

  // The log groups and their key: CloudWatch Logs may use it for these two only.
  const std::string key = p.id + "FirewallLogKey";
  const std::string alert_name = fmt::format("/aip/{}/{}/network-firewall/alert", p.spec.name.value, p.vpc.name);
  const std::string flow_name = fmt::format("/aip/{}/{}/network-firewall/flow", p.spec.name.value, p.vpc.name);
  cfn::Resource& k = p.add(
      key, "AWS::KMS::Key",
      {{"Description", fmt::format("Encrypts the network firewall logs of VPC {} of platform {}", p.vpc.name,
                                   p.spec.name.value)},
       {"EnableKeyRotation", true},
       {"PendingWindowInDays", 30},
       {"KeyPolicy",
        policy_doc(Json::array({account_administers_key(),
                                cloudwatch_logs_use_key(Json::array({stack_arn("logs", "log-group:" + alert_name),
                                                                     stack_arn("logs", "log-group:" + flow_name)}))}))}},
      where);
  k.deletion_policy = "Retain";  // deleting it would make the logs unreadable
  const std::string alert_group = p.id + "FirewallAlertLogGroup";
  const std::string flow_group = p.id + "FirewallFlowLogGroup";
  for (const auto& [id, name] : {std::pair{alert_group, alert_name}, std::pair{flow_group, flow_name}}) {
    cfn::Resource& g = p.add(id, "AWS::Logs::LogGroup",
                             {{"LogGroupName", name},
                              {"RetentionInDays", fw.log_retention_days.value},
                              {"KmsKeyId", fn::get_att(key, "Arn")}},
                             where);
    g.deletion_policy = "Retain";  // audit evidence
  }

  // Domain allow-list: TLS SNI and HTTP Host of connections from the private
  // tiers. Strict order: what no rule passes falls to the policy's default
  // (drop established), after the TCP handshake has let the SNI be seen.
  Json home_net = Json::array();
  for (const spec::PlannedSubnet& s : p.subnets) {
    if (s.tier->kind == TierKind::private_) home_net.push_back(s.cidr.str());
  }
  Json targets = Json::array();
  for (const auto& d : fw.allow_domains) targets.push_back(d.value);
  const std::string domains = p.id + "FirewallDomainRuleGroup";
  p.add(domains, "AWS::NetworkFirewall::RuleGroup",
        {{"RuleGroupName", base + "-allowed-domains"},
         {"Type", "STATEFUL"},
         {"Capacity", std::max<int>(100, 4 * static_cast<int>(fw.allow_domains.size()))},
         {"Description", fmt::format("Domains the private tiers of VPC {} may reach", p.vpc.name)},
         {"RuleGroup",
          {{"RuleVariables", {{"IPSets", {{"HOME_NET", {{"Definition", home_net}}}}}}},
           {"RulesSource",
            {{"RulesSourceList",
              {{"Targets", targets},
               {"TargetTypes", Json::array({"TLS_SNI", "HTTP_HOST"})},
               {"GeneratedRulesType", "ALLOWLIST"}}}}},
           {"StatefulRuleOptions", {{"RuleOrder", "STRICT_ORDER"}}}}}},
        where);
  // Traffic inside the VPC that the routes send through the firewall (load
  // balancers in public tiers and their private targets) is the security
  // groups' business: passed.
  const std::string internal = p.id + "FirewallInternalRuleGroup";
  p.add(internal, "AWS::NetworkFirewall::RuleGroup",
        {{"RuleGroupName", base + "-within-vpc"},
         {"Type", "STATEFUL"},
         {"Capacity", 10},
         {"Description", fmt::format("Passes traffic between the subnets of VPC {}", p.vpc.name)},
         {"RuleGroup",
          {{"RulesSource",
            {{"StatefulRules",
              Json::array({{{"Action", "PASS"},
                            {"Header",
                             {{"Protocol", "IP"},
                              {"Source", vpc_cidr},
                              {"SourcePort", "ANY"},
                              {"Direction", "ANY"},
                              {"Destination", vpc_cidr},
                              {"DestinationPort", "ANY"}}},
                            {"RuleOptions", Json::array({{{"Keyword", "sid"}, {"Settings", Json::array({"1"})}}})}}})}}},
           {"StatefulRuleOptions", {{"RuleOrder", "STRICT_ORDER"}}}}}},
        where);
  const std::string policy = p.id + "FirewallPolicy";
  p.add(policy, "AWS::NetworkFirewall::FirewallPolicy",
        {{"FirewallPolicyName", base + "-egress"},
         {"Description", fmt::format("Egress of VPC {}: allowed domains only", p.vpc.name)},
         {"FirewallPolicy",
          {{"StatelessDefaultActions", Json::array({"aws:forward_to_sfe"})},
           {"StatelessFragmentDefaultActions", Json::array({"aws:forward_to_sfe"})},
           {"StatefulDefaultActions", Json::array({"aws:drop_established", "aws:alert_established"})},
           {"StatefulEngineOptions", {{"RuleOrder", "STRICT_ORDER"}}},
           {"StatefulRuleGroupReferences",
            Json::array({{{"ResourceArn", fn::get_att(internal, "RuleGroupArn")}, {"Priority", 1}},
                         {{"ResourceArn", fn::get_att(domains, "RuleGroupArn")}, {"Priority", 2}}})}}}},
        where);

  // One firewall per AZ, each in that AZ's firewall subnet.
  const spec::NatMode nat = p.vpc.nat.value;
  int gateways = 0;
  for (int i = 1; p.stack.find(fmt::format("{}NatGateway{}", p.id, i)) != nullptr; ++i) gateways = i;
  for (std::size_t i = 0; i < fw.subnets.cidrs.size(); ++i) {
    const int az = static_cast<int>(i);
    const Location at = fw.subnets.cidrs[i].location;
    const std::string subnet = fmt::format("{}FirewallSubnet{}", p.id, az + 1);
    const std::string table = fmt::format("{}FirewallRouteTable{}", p.id, az + 1);
    cfn::Resource& sn = p.add(subnet, "AWS::EC2::Subnet",
                              {{"VpcId", fn::ref(p.id)},
                               {"CidrBlock", fw.subnets.cidrs[i].value.str()},
                               {"AvailabilityZone", fn::availability_zone(az)},
                               {"MapPublicIpOnLaunch", false}},
                              at);
    set_name(sn, p.name_tag(fmt::format("firewall-{}", az + 1)));
    sn.tags["aip:tier"] = "firewall";
    set_name(p.add(table, "AWS::EC2::RouteTable", {{"VpcId", fn::ref(p.id)}}, at),
             p.name_tag(fmt::format("firewall-{}", az + 1)));
    p.add(subnet + "RouteTableAssociation", "AWS::EC2::SubnetRouteTableAssociation",
          {{"SubnetId", fn::ref(subnet)}, {"RouteTableId", fn::ref(table)}}, at);
    int which = nat == spec::NatMode::single ? 0 : std::min(az, gateways - 1);
    p.add(table + "DefaultRoute", "AWS::EC2::Route",
          {{"RouteTableId", fn::ref(table)},
           {"DestinationCidrBlock", "0.0.0.0/0"},
           {"NatGatewayId", fn::ref(fmt::format("{}NatGateway{}", p.id, which + 1))}},
          at);
    const std::string firewall = fmt::format("{}Firewall{}", p.id, az + 1);
    cfn::Resource& f = p.add(firewall, "AWS::NetworkFirewall::Firewall",
                             {{"FirewallName", fmt::format("{}-{}", base, az + 1)},
                              {"Description", fmt::format("Egress filter of VPC {}, AZ {}", p.vpc.name, az + 1)},
                              {"FirewallPolicyArn", fn::get_att(policy, "FirewallPolicyArn")},
                              {"VpcId", fn::ref(p.id)},
                              {"SubnetMappings", Json::array({{{"SubnetId", fn::ref(subnet)}}})},
                              {"DeleteProtection", fw.deletion_protection.value},
                              {"SubnetChangeProtection", false},
                              {"FirewallPolicyChangeProtection", false}},
                             at);
    set_name(f, p.name_tag(fmt::format("firewall-{}", az + 1)));
    Json destinations = Json::array();
    for (const auto& [type, group] : {std::pair{"ALERT", alert_group}, std::pair{"FLOW", flow_group}}) {
      destinations.push_back({{"LogType", type},
                              {"LogDestinationType", "CloudWatchLogs"},
                              {"LogDestination", {{"logGroup", fn::ref(group)}}}});
    }
    cfn::Resource& logging =
        p.add(firewall + "Logging", "AWS::NetworkFirewall::LoggingConfiguration",
              {{"FirewallArn", fn::ref(firewall)}, {"LoggingConfiguration", {{"LogDestinationConfigs", destinations}}}},
              at);
    logging.depends_on = {alert_group, flow_group};
  }

  // Routes: both directions of a flow through the endpoint of the private subnet's AZ.
  for (const spec::PlannedSubnet& s : p.subnets) {
    if (s.tier->kind != TierKind::private_) continue;
    const int az = std::min(s.az, static_cast<int>(fw.subnets.cidrs.size()) - 1);
    const Json endpoint = firewall_endpoint(fmt::format("{}Firewall{}", p.id, az + 1));
    const std::string table = VpcPlan::route_table_id(p.id, s);
    p.add(table + "DefaultRoute", "AWS::EC2::Route",
          {{"RouteTableId", fn::ref(table)}, {"DestinationCidrBlock", "0.0.0.0/0"}, {"VpcEndpointId", endpoint}},
          s.tier->location);
    for (const spec::PlannedSubnet& pub : p.subnets) {
      if (pub.tier->kind != TierKind::public_) continue;
      p.add(fmt::format("{}To{}{}", table, cfn::pascal_case(pub.tier->name), pub.az + 1), "AWS::EC2::Route",
            {{"RouteTableId", fn::ref(table)}, {"DestinationCidrBlock", pub.cidr.str()}, {"VpcEndpointId", endpoint}},
            s.tier->location);
      const std::string public_table = VpcPlan::route_table_id(p.id, pub);
      p.add(fmt::format("{}To{}{}", public_table, cfn::pascal_case(s.tier->name), s.az + 1), "AWS::EC2::Route",
            {{"RouteTableId", fn::ref(public_table)}, {"DestinationCidrBlock", s.cidr.str()}, {"VpcEndpointId", endpoint}},
            s.tier->location);
    }
  }
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
    plan_firewall(p);
    plan_endpoints(p);
    plan_flow_logs(p);
  }
}

}  // namespace aip::plan
