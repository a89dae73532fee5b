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
// default route leaves the VPC (NAT, internet gateway, transit gateway, firewall, instance).
struct Routing {
  std::optional<ResourceRef> table;
  bool internet = false;
};

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
    if (table && table->is(*out.table)) out.internet = true;
  }
  return out;
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
    missing += fmt::format("{}{} ({})", missing.empty() ? "" : ", ", endpoint, action);
  }
  if (missing.empty()) return;
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
       "gateway, transit gateway or firewall) reaches AWS services only through VPC endpoints: interface endpoints "
       "with private DNS, or gateway endpoints (S3, DynamoDB) on the subnet's route table. Every call its role "
       "allows to a service without one (Bedrock, Secrets Manager, STS, S3, ECR image pulls, CloudWatch Logs for "
       "ECS) times out at run time; nothing fails at deploy time. What other services do on the workload's behalf "
       "needs no endpoint: KMS decryption for S3, Secrets Manager or SQS, the logs and traces Lambda delivers, and "
       "the messages Lambda sends to a function's dead-letter queue and the queues and streams its event source "
       "mappings poll.",
       "Add the endpoint to the VPC (`network.vpcs.NAME.endpoints` in a spec: an interface endpoint with private "
       "DNS, or a gateway endpoint on the workload's route tables), or give the subnets a NAT route."},
      &flow_vpc_call_without_endpoint::check};
  return rule;
}

}  // namespace aip::lint
