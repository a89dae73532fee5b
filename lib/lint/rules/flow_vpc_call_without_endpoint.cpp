// AIP-FLOW-002: a function or ECS service in subnets with no route to the internet whose role
// calls an AWS service that has no VPC endpoint there: the calls time out (issue #21 item 3:
// "a service that cannot reach what it calls — no endpoint in a NAT-less VPC"). Followed across
// stacks: subnets, route tables, endpoints and roles are resolved through Ref, GetAtt and
// Fn::ImportValue, and the rule stays quiet where the template does not say (a subnet passed as a
// parameter, a subnet on the VPC's main route table).
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace flow_vpc_call_without_endpoint {

// The endpoint (com.amazonaws.<region>.<suffix>) an action needs from inside a VPC; "" for an
// action the workload does not send itself or that needs no endpoint of this kind.
struct ActionEndpoint {
  std::string_view action_prefix;  // "bedrock:InvokeModel" matches InvokeModelWithResponseStream too
  std::string_view endpoint;
};
const std::vector<ActionEndpoint> kEndpoints = {
    {"bedrock:InvokeModel", "bedrock-runtime"},   {"bedrock:Converse", "bedrock-runtime"},
    {"bedrock:ApplyGuardrail", "bedrock-runtime"}, {"bedrock:Retrieve", "bedrock-agent-runtime"},
    {"s3:", "s3"},                                {"dynamodb:", "dynamodb"},
    {"secretsmanager:", "secretsmanager"},        {"sqs:", "sqs"},
    {"sns:", "sns"},                              {"states:", "states"},
    {"events:PutEvents", "events"},               {"sagemaker:InvokeEndpoint", "sagemaker.runtime"},
    {"ssm:GetParameter", "ssm"},                  {"sts:AssumeRole", "sts"},
    {"lambda:InvokeFunction", "lambda"},          {"kinesis:", "kinesis-streams"},
    {"kms:Encrypt", "kms"},                       {"execute-api:", "execute-api"},
    {"ecr:GetAuthorizationToken", "ecr.api"},     {"ecr:BatchGetImage", "ecr.dkr"},
    {"ecr:GetDownloadUrlForLayer", "s3"},         {"logs:", "logs"},
    {"cloudwatch:PutMetricData", "monitoring"},   {"glue:", "glue"},
    {"athena:", "athena"},
};

// A call of KMS on the workload's behalf by another service (kms:ViaService) leaves from that
// service, not from the VPC. (Decrypt and GenerateDataKey are what S3, Secrets Manager and SQS
// call for the workload; only kms:Encrypt counts as a call of its own.)
bool through_another_service(const iam::Statement& s) {
  return std::any_of(s.condition.begin(), s.condition.end(),
                     [](const auto& op) { return op.second.count("kms:ViaService") > 0; });
}

// endpoint -> the first action that needs it, over the Allow statements of the roles.
using Needs = std::map<std::string, std::string>;

// `by_lambda`: what Lambda itself reaches for the function (its dead-letter target, the queues
// and streams its event source mappings poll); statements only on those need no endpoint.
// The identity documents that give `role` its permissions: its own, and those of the
// AWS::IAM::Policy resources that name it (in any stack: seed 001's knowledge-base grant).
std::vector<const PolicyDoc*> documents_of(const Context& ctx, const ResourceRef& role) {
  std::vector<const PolicyDoc*> out;
  for (const PolicyDoc& d : policy_documents(ctx)) {
    if (d.kind != PolicyKind::identity) continue;
    if (d.owner.is(role)) {
      out.push_back(&d);
      continue;
    }
    const Json* roles = d.owner.type() == "AWS::IAM::Policy" ? member(d.owner.properties(), "Roles") : nullptr;
    if (roles == nullptr || !roles->is_array()) continue;
    for (const Json& r : *roles) {
      std::optional<ResourceRef> named = ctx.resolve(*d.owner.tmpl, r);
      if (named && named->is(role)) {
        out.push_back(&d);
        break;
      }
    }
  }
  return out;
}

void add_needs(const Context& ctx, const ResourceRef& role, bool lambda, const std::set<std::string>& by_lambda,
               Needs& needs) {
  for (const PolicyDoc* doc : documents_of(ctx, role)) {
    for (const iam::Statement& s : doc->policy.statements) {
      if (s.effect != iam::Effect::Allow || !s.action || through_another_service(s)) continue;
      if (s.resource && !s.resource->empty() && std::all_of(s.resource->begin(), s.resource->end(), [&](const Json& r) {
            return r.is_string() && by_lambda.count(r.get<std::string>()) > 0;
          })) {
        continue;
      }
      for (const std::string& action : *s.action) {
        // Lambda delivers a function's logs and traces itself; ECS tasks send theirs from the task.
        if (lambda && (action.rfind("logs:", 0) == 0 || action.rfind("xray:", 0) == 0)) continue;
        for (const ActionEndpoint& e : kEndpoints) {
          if (action.rfind(e.action_prefix, 0) == 0) needs.emplace(std::string(e.endpoint), action);
        }
      }
    }
  }
}

// What a subnet's routing says: its route table (when an association names it) and whether a
// default route leaves the VPC (NAT, internet gateway, transit gateway, instance), or leaves only
// through a Network Firewall whose allowed domains are known.
struct Routing {
  std::optional<ResourceRef> table;
  bool internet = false;
  std::optional<ResourceRef> firewall;  // the only way out, filtering by `allowed` domains
  std::vector<std::string> allowed;     // ".amazonaws.com" (and subdomains) or "api.github.com"
};

// The firewall a route's VpcEndpointId names: `Fn::GetAtt [FIREWALL, EndpointIds]` anywhere inside
// the Select/Split that picks its AZ's endpoint.
std::optional<ResourceRef> firewall_of_endpoint(const Context& ctx, const Template& t, const Json& v) {
  if (v.is_object()) {
    if (const Json* att = member(v, "Fn::GetAtt"); att != nullptr && att->is_array() && att->size() == 2 &&
                                                   (*att)[1] == "EndpointIds") {
      std::optional<ResourceRef> f = ctx.resolve(t, v);
      if (f && f->type() == "AWS::NetworkFirewall::Firewall") return f;
      return std::nullopt;
    }
    for (const auto& [k, child] : v.items()) {
      if (auto f = firewall_of_endpoint(ctx, t, child)) return f;
    }
  } else if (v.is_array()) {
    for (const Json& child : v) {
      if (auto f = firewall_of_endpoint(ctx, t, child)) return f;
    }
  }
  return std::nullopt;
}

bool lists_action(const Json* actions, std::string_view action) {
  if (actions == nullptr || !actions->is_array()) return false;
  return std::any_of(actions->begin(), actions->end(), [&](const Json& a) { return a == action; });
}

// The domains a firewall lets out, when its policy and every rule group are in the templates and
// nothing else passes traffic to the internet; nullopt when the firewall may pass anything.
std::optional<std::vector<std::string>> allowed_domains(const Context& ctx, const ResourceRef& firewall) {
  const Json* arn = member(firewall.properties(), "FirewallPolicyArn");
  std::optional<ResourceRef> policy = arn != nullptr ? ctx.resolve(*firewall.tmpl, *arn) : std::nullopt;
  if (!policy || policy->type() != "AWS::NetworkFirewall::FirewallPolicy") return std::nullopt;
  const Json* body = member(policy->properties(), "FirewallPolicy");
  if (body == nullptr || lists_action(member(*body, "StatelessDefaultActions"), "aws:pass")) return std::nullopt;
  const Json* order = member_path(*body, {"StatefulEngineOptions", "RuleOrder"});
  const Json* defaults = member(*body, "StatefulDefaultActions");
  if (order != nullptr && *order == "STRICT_ORDER" && !lists_action(defaults, "aws:drop_strict") &&
      !lists_action(defaults, "aws:drop_established")) {
    return std::nullopt;
  }
  if (member(*body, "StatelessRuleGroupReferences") != nullptr) return std::nullopt;  // may pass by rule
  const Json* groups = member(*body, "StatefulRuleGroupReferences");
  if (groups == nullptr || !groups->is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const Json& ref : *groups) {
    const Json* group_arn = member(ref, "ResourceArn");
    std::optional<ResourceRef> group = group_arn != nullptr ? ctx.resolve(*policy->tmpl, *group_arn) : std::nullopt;
    if (!group || group->type() != "AWS::NetworkFirewall::RuleGroup") return std::nullopt;
    const Json* source = member_path(group->properties(), {"RuleGroup", "RulesSource"});
    if (source == nullptr) return std::nullopt;
    if (const Json* list = member(*source, "RulesSourceList")) {
      const Json* type = member(*list, "GeneratedRulesType");
      const Json* targets = member(*list, "Targets");
      if (type == nullptr || *type != "ALLOWLIST") continue;  // a deny list passes nothing
      if (targets == nullptr || !targets->is_array()) return std::nullopt;
      for (const Json& d : *targets) {
        if (!d.is_string()) return std::nullopt;
        out.push_back(d.get<std::string>());
      }
    } else if (const Json* rules = member(*source, "StatefulRules"); rules != nullptr && rules->is_array()) {
      // A pass rule counts when it keeps to addresses (aip's within-VPC rule); one to anywhere may
      // let the call through.
      for (const Json& r : *rules) {
        const Json* action = member(r, "Action");
        const Json* to = member_path(r, {"Header", "Destination"});
        if (action == nullptr || *action != "PASS") continue;
        if (to == nullptr || !to->is_string() || *to == "ANY" || *to == "$EXTERNAL_NET" || *to == "0.0.0.0/0") {
          return std::nullopt;
        }
      }
    } else {
      return std::nullopt;  // Suricata rule strings: not read
    }
  }
  return out;
}

Routing routing_of(const Context& ctx, const ResourceRef& subnet) {
  Routing out;
  for (const ResourceRef& a : ctx.resources("AWS::EC2::SubnetRouteTableAssociation")) {
    const Json* s = member(a.properties(), "SubnetId");
    const Json* t = member(a.properties(), "RouteTableId");
    if (s == nullptr || t == nullptr) continue;
    std::optional<ResourceRef> named = ctx.resolve(*a.tmpl, *s);
    if (!named || !named->is(subnet)) continue;
    out.table = ctx.resolve(*a.tmpl, *t);
    break;
  }
  if (!out.table) return out;
  for (const ResourceRef& r : ctx.resources("AWS::EC2::Route")) {
    const Json* t = member(r.properties(), "RouteTableId");
    const Json* cidr = member(r.properties(), "DestinationCidrBlock");
    if (t == nullptr || cidr == nullptr || *cidr != "0.0.0.0/0") continue;
    std::optional<ResourceRef> table = ctx.resolve(*r.tmpl, *t);
    if (!table || !table->is(*out.table)) continue;
    const Json* endpoint = member(r.properties(), "VpcEndpointId");
    std::optional<ResourceRef> firewall = endpoint != nullptr ? firewall_of_endpoint(ctx, *r.tmpl, *endpoint)
                                                              : std::nullopt;
    std::optional<std::vector<std::string>> allowed = firewall ? allowed_domains(ctx, *firewall) : std::nullopt;
    if (!allowed) {
      out.internet = true;
      continue;
    }
    out.firewall = firewall;
    out.allowed = std::move(*allowed);
  }
  return out;
}

// The host an SDK calls for an endpoint service, with `*` for a label aip cannot know (the
// region, a bucket, an account, an API id).
std::string host_of(std::string_view endpoint) {
  if (endpoint == "s3") return "*.s3.*.amazonaws.com";
  if (endpoint == "sagemaker.runtime") return "runtime.sagemaker.*.amazonaws.com";
  if (endpoint == "kinesis-streams") return "kinesis.*.amazonaws.com";
  if (endpoint == "execute-api") return "*.execute-api.*.amazonaws.com";
  if (endpoint == "ecr.api") return "api.ecr.*.amazonaws.com";
  if (endpoint == "ecr.dkr") return "*.dkr.ecr.*.amazonaws.com";
  return fmt::format("{}.*.amazonaws.com", endpoint);
}

std::vector<std::string_view> labels_of(std::string_view name) {
  std::vector<std::string_view> out;
  while (true) {
    std::size_t dot = name.find('.');
    out.push_back(name.substr(0, dot));
    if (dot == std::string_view::npos) break;
    name.remove_prefix(dot + 1);
  }
  return out;
}

// Does the domain-list entry let `host` out? A leading dot covers the domain and its subdomains;
// a `*` label of the host matches any label (aip gives the benefit of the doubt).
bool domain_allows(std::string_view entry, const std::string& host) {
  const bool subdomains = !entry.empty() && entry.front() == '.';
  if (subdomains) entry.remove_prefix(1);
  const std::vector<std::string_view> want = labels_of(entry);
  const std::vector<std::string_view> have = labels_of(host);
  if (want.size() > have.size() || (!subdomains && want.size() != have.size())) return false;
  for (std::size_t i = 1; i <= want.size(); ++i) {
    const std::string_view h = have[have.size() - i];
    if (h != "*" && h != want[want.size() - i]) return false;
  }
  return true;
}

// The endpoint services of a VPC that reach `routing`'s subnet: interface endpoints with private
// DNS (without it the SDKs still resolve the public name), gateway endpoints on its route table.
std::set<std::string> endpoints_of(const Context& ctx, const ResourceRef& vpc, const Routing& routing) {
  std::set<std::string> out;
  for (const ResourceRef& e : ctx.resources("AWS::EC2::VPCEndpoint")) {
    const Json& p = e.properties();
    const Json* vpc_id = member(p, "VpcId");
    const Json* service = member(p, "ServiceName");
    if (vpc_id == nullptr || service == nullptr) continue;
    std::optional<ResourceRef> in = ctx.resolve(*e.tmpl, *vpc_id);
    if (!in || !in->is(vpc)) continue;
    std::optional<std::string> name = resolved_text(ctx, *e.tmpl, *service);
    if (!name) continue;
    // com.amazonaws.<region>.<service>: the service is everything after the region.
    std::size_t dots = 0;
    std::size_t at = 0;
    for (; at < name->size() && dots < 3; ++at) dots += (*name)[at] == '.';
    if (dots < 3) continue;
    const std::string suffix = name->substr(at);
    const Json* type = member(p, "VpcEndpointType");
    const bool gateway = type != nullptr ? *type == "Gateway" : true;  // CloudFormation's default
    if (gateway) {
      const Json* tables = member(p, "RouteTableIds");
      if (tables == nullptr || !tables->is_array() || !routing.table) continue;
      for (const Json& t : *tables) {
        std::optional<ResourceRef> table = ctx.resolve(*e.tmpl, t);
        if (table && table->is(*routing.table)) out.insert(suffix);
      }
    } else {
      const Json* dns = member(p, "PrivateDnsEnabled");
      if (dns != nullptr && *dns == true) out.insert(suffix);
    }
  }
  return out;
}

// The first subnet of the list that has no way out, with its VPC and routing.
struct Isolated {
  ResourceRef subnet;
  ResourceRef vpc;
  Routing routing;
};

std::optional<Isolated> isolated_subnet(const Context& ctx, const Template& t, const Json* subnets) {
  if (subnets == nullptr || !subnets->is_array()) return std::nullopt;
  for (const Json& s : *subnets) {
    std::optional<ResourceRef> subnet = ctx.resolve(t, s);
    if (!subnet || subnet->type() != "AWS::EC2::Subnet") continue;
    const Json* vpc_id = member(subnet->properties(), "VpcId");
    if (vpc_id == nullptr) continue;
    std::optional<ResourceRef> vpc = ctx.resolve(*subnet->tmpl, *vpc_id);
    if (!vpc) continue;
    Routing routing = routing_of(ctx, *subnet);
    if (!routing.table || routing.internet) continue;  // unknown, or a way out
    return Isolated{*subnet, *vpc, routing};
  }
  return std::nullopt;
}

void report_missing(Context& ctx, const ResourceRef& workload, const Path& path, const Isolated& where,
                    const Needs& needs) {
  const std::set<std::string> have = endpoints_of(ctx, where.vpc, where.routing);
  std::string missing;
  for (const auto& [endpoint, action] : needs) {
    if (have.count(endpoint) > 0) continue;
    const std::string host = host_of(endpoint);
    if (where.routing.firewall && std::any_of(where.routing.allowed.begin(), where.routing.allowed.end(),
                                              [&](const std::string& d) { return domain_allows(d, host); })) {
      continue;
    }
    missing += fmt::format("{}{} ({})", missing.empty() ? "" : ", ", endpoint, action);
  }
  if (missing.empty()) return;
  if (where.routing.firewall) {
    ctx.report(workload, path,
               fmt::format("{} runs in subnet {}, whose only way out of VPC {} is firewall {}, and neither its "
                           "allowed domains nor an endpoint of the VPC cover {}: the firewall drops those calls",
                           workload.display(), where.subnet.display(), where.vpc.display(),
                           where.routing.firewall->display(), missing))
        .note(ctx.locate(*where.routing.firewall, {}), "the firewall is declared here");
    return;
  }
  ctx.report(workload, path,
             fmt::format("{} runs in subnet {}, which has no route out of VPC {}, and the VPC has no endpoint for "
                         "{}: those calls time out",
                         workload.display(), where.subnet.display(), where.vpc.display(), missing));
}

void check(Context& ctx) {
  for (const ResourceRef& fn : ctx.resources("AWS::Lambda::Function")) {
    const Json* role = member(fn.properties(), "Role");
    if (role == nullptr) continue;
    std::optional<Isolated> where = isolated_subnet(ctx, *fn.tmpl, member_path(fn.properties(), {"VpcConfig", "SubnetIds"}));
    if (!where) continue;
    std::optional<ResourceRef> r = ctx.resolve(*fn.tmpl, *role);
    if (!r) continue;
    std::set<std::string> by_lambda;
    if (const Json* dlq = member_path(fn.properties(), {"DeadLetterConfig", "TargetArn"})) {
      if (auto arn = resolved_text(ctx, *fn.tmpl, *dlq)) by_lambda.insert(*arn);
    }
    for (const ResourceRef& m : ctx.resources("AWS::Lambda::EventSourceMapping")) {
      const Json* name = member(m.properties(), "FunctionName");
      const Json* source = member(m.properties(), "EventSourceArn");
      if (name == nullptr || source == nullptr) continue;
      std::optional<ResourceRef> target = ctx.resolve(*m.tmpl, *name);
      if (!target || !target->is(fn)) continue;
      if (auto arn = resolved_text(ctx, *m.tmpl, *source)) by_lambda.insert(*arn);
    }
    Needs needs;
    add_needs(ctx, *r, true, by_lambda, needs);
    report_missing(ctx, fn, Path{"Properties", "VpcConfig", "SubnetIds"}, *where, needs);
  }
  for (const ResourceRef& svc : ctx.resources("AWS::ECS::Service")) {
    const Json* subnets = member_path(svc.properties(), {"NetworkConfiguration", "AwsvpcConfiguration", "Subnets"});
    std::optional<Isolated> where = isolated_subnet(ctx, *svc.tmpl, subnets);
    if (!where) continue;
    const Json* task = member(svc.properties(), "TaskDefinition");
    std::optional<ResourceRef> def = task != nullptr ? ctx.resolve(*svc.tmpl, *task) : std::nullopt;
    if (!def) continue;
    Needs needs;
    for (const char* key : {"TaskRoleArn", "ExecutionRoleArn"}) {
      const Json* arn = member(def->properties(), key);
      if (arn == nullptr) continue;
      if (std::optional<ResourceRef> r = ctx.resolve(*def->tmpl, *arn)) add_needs(ctx, *r, false, {}, needs);
    }
    report_missing(ctx, svc, Path{"Properties", "NetworkConfiguration", "AwsvpcConfiguration", "Subnets"}, *where,
                   needs);
  }
}

}  // namespace flow_vpc_call_without_endpoint

const Rule& rule_flow_vpc_call_without_endpoint() {
  static const Rule rule{
      {"AIP-FLOW-002", "workload in subnets without a way out calls an AWS service that has no VPC endpoint there",
       Severity::error,
       {"flow", "network"},
       "A Lambda function or ECS task in subnets whose route table has no default route (no NAT gateway, internet "
       "gateway or transit gateway) reaches AWS services only through VPC endpoints: interface endpoints "
       "with private DNS, or gateway endpoints (S3, DynamoDB) on the subnet's route table. Every call its role "
       "allows to a service without one (Bedrock, Secrets Manager, STS, S3, ECR image pulls, CloudWatch Logs for "
       "ECS) times out at run time; nothing fails at deploy time. What other services do on the workload's behalf "
       "needs no endpoint: KMS decryption for S3, Secrets Manager or SQS, the logs and traces Lambda delivers, and "
       "the messages Lambda sends to a function's dead-letter queue and the queues and streams its event source "
       "mappings poll. A default route through a Network Firewall whose policy and rule groups are in the "
       "templates counts as a way out only to the domains its allow-lists pass (a leading dot for subdomains).",
       "Add the endpoint to the VPC (`network.vpcs.NAME.endpoints` in a spec: an interface endpoint with private "
       "DNS, or a gateway endpoint on the workload's route tables), or give the subnets a NAT route, or allow the service's domain on the firewall (e.g. "
       "bedrock-runtime.eu-west-1.amazonaws.com, or .amazonaws.com for all of AWS)."},
      &flow_vpc_call_without_endpoint::check};
  return rule;
}

}  // namespace aip::lint
