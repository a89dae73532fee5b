// The `compute:` area rendered into its stack: ECS clusters with their Fargate
// capacity providers; per service a log group, execution and task roles that
// grant only what the service names, a task definition, a security group, the
// ECS service with circuit breaker, target tracking scaling; application load
// balancers with an HTTPS listener, an HTTP redirect and a rule per routed
// service. `database:` wires a service to its database by name.
#include <algorithm>

#include <fmt/format.h>

#include "base/arn.hpp"
#include "base/aws_regions.hpp"
#include "base/pattern.hpp"
#include "cfn/intrinsics.hpp"
#include "cfn/logical_id.hpp"
#include "plan/bedrock.hpp"
#include "plan/group_rules.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/registries.hpp"
#include "plan/resource_helpers.hpp"
#include "spec/dns_placement.hpp"
#include "plan/tables.hpp"
#include "spec/load.hpp"

namespace aip::plan {
namespace {

using cfn::Json;
namespace fn = cfn::intrinsic;

using Group = SecurityGroupRef;

Group named_group(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Vpc& vpc, const std::string& name) {
  return Group{spec.find_security_group(name), &vpc_stack(spec, assembly, vpc), security_group_id(name)};
}

cfn::Stack& compute_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Vpc& vpc) {
  return stack_for(assembly, spec, kLayerCompute, account_of(spec, vpc.account), vpc.region.value);
}

// Subnets of a tier (named, or the first of `kind`) of a VPC, referenced from `from`.
Json tier_subnets(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from, const spec::Vpc& vpc,
                  const std::string& named, spec::TierKind kind) {
  const spec::Tier* tier = nullptr;
  for (const spec::Tier& t : vpc.tiers) {
    if (tier == nullptr && (named.empty() ? t.kind == kind : t.name == named)) tier = &t;
  }
  Json subnets = Json::array();
  if (tier == nullptr) return subnets;  // unreachable: check_compute guarantees the tier
  cfn::Stack& net = vpc_stack(spec, assembly, vpc);
  for (int az = 1; az <= vpc.azs.value; ++az) subnets.push_back(assembly.ref(from, net, subnet_id(vpc.name, tier->name, az)));
  return subnets;
}

Json capacity_strategy(const spec::CapacityMix& mix) {
  Json items = Json::array();
  if (mix.fargate.value > 0 || mix.base.value > 0) {
    Json item = {{"CapacityProvider", "FARGATE"}, {"Weight", mix.fargate.value}};
    if (mix.base.value > 0) item["Base"] = mix.base.value;
    items.push_back(item);
  }
  if (mix.fargate_spot.value > 0) items.push_back({{"CapacityProvider", "FARGATE_SPOT"}, {"Weight", mix.fargate_spot.value}});
  return items;
}

Json trust_ecs_tasks() {
  // Confused-deputy guard: only ECS tasks of this account and region.
  return policy_doc(Json::array({service_assumes_role("ecs-tasks.amazonaws.com")
                                     .from_this_account()
                                     .condition("ArnLike", "aws:SourceArn", stack_arn("ecs", "*"))}));
}

// ---- clusters ----

void plan_cluster(const spec::Spec& spec, cfn::Assembly& assembly, const spec::EcsCluster& c) {
  const spec::Vpc& vpc = *spec.find_vpc(c.vpc.value);
  cfn::Stack& stack = compute_stack(spec, assembly, vpc);
  const std::string id = ecs_cluster_id(c.name);
  cfn::Resource& cluster = add_resource(stack, id, "AWS::ECS::Cluster",
                               {{"ClusterSettings", Json::array({{{"Name", "containerInsights"},
                                                                  {"Value", c.container_insights.value ? "enabled" : "disabled"}}})}},
                               c.location, c.tags);
  cluster.tags["Name"] = fmt::format("{}-{}", spec.name.value, c.name);
  // Another environment's pipeline promotes into this cluster and names it.
  if (spec::cluster_promoted_here(spec, c.name)) cluster.properties["ClusterName"] = fmt::format("{}-{}", spec.name.value, c.name);
  add_resource(stack, id + "CapacityProviders", "AWS::ECS::ClusterCapacityProviderAssociations",
      {{"Cluster", fn::ref(id)},
       {"CapacityProviders", Json::array({"FARGATE", "FARGATE_SPOT"})},
       {"DefaultCapacityProviderStrategy", capacity_strategy(c.capacity)}},
      c.capacity.location.valid() ? c.capacity.location : c.location);
}

// ---- load balancers ----

std::string https_listener_id(std::string_view lb) { return load_balancer_id(lb) + "HttpsListener"; }

Group load_balancer_group(const spec::Spec& spec, cfn::Assembly& assembly, const spec::LoadBalancer& lb) {
  const spec::Vpc& vpc = *spec.find_vpc(lb.vpc.value);
  if (!lb.security_group.value.empty()) return named_group(spec, assembly, vpc, lb.security_group.value);
  return Group{nullptr, &compute_stack(spec, assembly, vpc), load_balancer_id(lb.name) + "SecurityGroup"};
}

void plan_load_balancer(const spec::Spec& spec, cfn::Assembly& assembly, const spec::LoadBalancer& lb) {
  const spec::Vpc& vpc = *spec.find_vpc(lb.vpc.value);
  cfn::Stack& stack = compute_stack(spec, assembly, vpc);
  cfn::Stack& net = vpc_stack(spec, assembly, vpc);
  const std::string id = load_balancer_id(lb.name);
  Group group = load_balancer_group(spec, assembly, lb);
  if (group.spec == nullptr) {
    std::string from = lb.internal.value ? vpc.cidr.value.str() : "0.0.0.0/0";
    std::string who = lb.internal.value ? "the VPC" : "the internet";
    Json ingress = Json::array({{{"IpProtocol", "tcp"}, {"FromPort", 443}, {"ToPort", 443}, {"CidrIp", from},
                                 {"Description", "HTTPS from " + who}}});
    if (lb.http_redirect.value) {
      ingress.push_back({{"IpProtocol", "tcp"}, {"FromPort", 80}, {"ToPort", 80}, {"CidrIp", from},
                         {"Description", "HTTP from " + who + ", redirected to HTTPS"}});
    }
    cfn::Resource& sg = add_resource(stack, group.id, "AWS::EC2::SecurityGroup",
                            {{"GroupDescription", fmt::format("Load balancer {} of platform {}", lb.name, spec.name.value)},
                             {"VpcId", assembly.ref(stack, net, vpc_logical_id(vpc))},
                             {"SecurityGroupIngress", ingress},
                             // Egress only to the services it routes to (rules added per service).
                             {"SecurityGroupEgress", deny_all_egress()}},
                            lb.location, lb.tags);
    sg.tags["Name"] = fmt::format("{}-{}-alb", spec.name.value, lb.name);
  }

  Json attributes = Json::array({{{"Key", "routing.http.drop_invalid_header_fields.enabled"}, {"Value", "true"}},
                                 {{"Key", "idle_timeout.timeout_seconds"}, {"Value", std::to_string(lb.idle_timeout.value)}},
                                 {{"Key", "deletion_protection.enabled"}, {"Value", lb.deletion_protection.value ? "true" : "false"}}});
  if (!lb.access_logs_bucket.value.empty()) {
    attributes.push_back({{"Key", "access_logs.s3.enabled"}, {"Value", "true"}});
    // A reference (not just the name) so the bucket and its log-delivery policy exist first.
    const spec::Bucket& b = *spec.storage.find(lb.access_logs_bucket.value);
    cfn::Stack& storage = stack_for(assembly, spec, kLayerStorage, account_of(spec, b.account), stack.region);
    attributes.push_back({{"Key", "access_logs.s3.bucket"}, {"Value", assembly.ref(stack, storage, bucket_id(b.name))}});
    if (!lb.access_logs_prefix.value.empty()) {
      attributes.push_back({{"Key", "access_logs.s3.prefix"}, {"Value", lb.access_logs_prefix.value}});
    }
  }
  cfn::Resource& alb = add_resource(stack, id, "AWS::ElasticLoadBalancingV2::LoadBalancer",
                           {{"Type", "application"},
                            {"Scheme", lb.internal.value ? "internal" : "internet-facing"},
                            {"IpAddressType", "ipv4"},
                            {"Subnets", tier_subnets(spec, assembly, stack, vpc, lb.tier.value,
                                                     lb.internal.value ? spec::TierKind::private_ : spec::TierKind::public_)},
                            {"SecurityGroups", Json::array({assembly.get_att(stack, *group.stack, group.id, "GroupId")})},
                            {"LoadBalancerAttributes", attributes}},
                           lb.location, lb.tags);
  alb.tags["Name"] = fmt::format("{}-{}", spec.name.value, lb.name);

  // A certificate of dns.certificates lives in the dns stack of this account and region (plan/dns.cpp).
  Json certificate = lb.certificate.value;
  if (!spec::is_certificate_arn(lb.certificate.value)) {
    cfn::Stack& dns = stack_for(assembly, spec, kLayerDns, account_of(spec, vpc.account), vpc.region.value);
    certificate = assembly.ref(stack, dns, certificate_id(lb.certificate.value));
  }
  add_resource(stack, https_listener_id(lb.name), "AWS::ElasticLoadBalancingV2::Listener",
      {{"LoadBalancerArn", fn::ref(id)},
       {"Port", 443},
       {"Protocol", "HTTPS"},
       {"SslPolicy", lb.ssl_policy.value},
       {"Certificates", Json::array({{{"CertificateArn", certificate}}})},
       // Requests that match no rule get a plain 404.
       {"DefaultActions", Json::array({{{"Type", "fixed-response"},
                                        {"FixedResponseConfig",
                                         {{"StatusCode", "404"}, {"ContentType", "text/plain"}, {"MessageBody", "Not found"}}}}})}},
      lb.certificate.location.valid() ? lb.certificate.location : lb.location, lb.tags);
  if (lb.http_redirect.value) {
    add_resource(stack, id + "HttpListener", "AWS::ElasticLoadBalancingV2::Listener",
        {{"LoadBalancerArn", fn::ref(id)},
         {"Port", 80},
         {"Protocol", "HTTP"},
         {"DefaultActions", Json::array({{{"Type", "redirect"},
                                          {"RedirectConfig",
                                           {{"Protocol", "HTTPS"},
                                            {"Port", "443"},
                                            {"Host", "#{host}"},
                                            {"Path", "/#{path}"},
                                            {"Query", "#{query}"},
                                            {"StatusCode", "HTTP_301"}}}}})}},
        lb.http_redirect.location.valid() ? lb.http_redirect.location : lb.location, lb.tags);
  }
}

// ---- services ----

struct ServicePlan {
  const spec::Spec& spec;
  cfn::Assembly& assembly;
  const spec::Service& svc;
  const spec::EcsCluster& cluster;
  const spec::Vpc& vpc;
  cfn::Stack& stack;
  std::string id;  // PascalCase(service name)

  cfn::Resource& add_resource(const std::string& suffix, std::string type, Json properties, Location where = {}) {
    return aip::plan::add_resource(stack, id + suffix, std::move(type), std::move(properties), where.valid() ? where : svc.location,
               svc.tags);
  }
};

// The data stack and groups of the database a service uses.
struct DbLink {
  const spec::Database* db = nullptr;
  cfn::Stack* stack = nullptr;
  Group target;  // the proxy's group, or the cluster's when there is no proxy
};

DbLink database_link(ServicePlan& p) {
  DbLink link;
  if (p.svc.database.value.empty()) return link;
  link.db = p.spec.data.find_database(p.svc.database.value);
  const spec::Vpc& vpc = *p.spec.find_vpc(link.db->vpc.value);
  link.stack = &stack_for(p.assembly, p.spec, kLayerData, account_of(p.spec, vpc.account), vpc.region.value);
  const auto& named = link.db->proxy.enabled ? link.db->proxy.security_group : link.db->security_group;
  if (!named.value.empty()) {
    link.target = named_group(p.spec, p.assembly, vpc, named.value);
  } else {
    link.target = Group{nullptr, link.stack,
                        link.db->proxy.enabled ? db_proxy_security_group_id(link.db->name) : db_security_group_id(link.db->name)};
  }
  return link;
}

// `123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag` -> the repository ARN; empty for other registries.
std::string ecr_repository_arn(const std::string& image) {
  static const Pattern ecr(R"(([0-9]{12})\.dkr\.ecr(-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?/([a-z0-9._/-]+)([:@].*)?)");
  if (!ecr.matches(image)) return "";
  // ACCOUNT.dkr.ecr[-fips].REGION.amazonaws.com[.cn]/REPO[:tag|@digest]
  const std::string account = image.substr(0, 12);
  const std::size_t region_start = image.find('.', image.find(".ecr") + 1) + 1;
  const std::string region = image.substr(region_start, image.find('.', region_start) - region_start);
  const std::size_t slash = image.find('/');
  const std::string repo = image.substr(slash + 1, image.find_first_of(":@", slash) - slash - 1);
  return aws::arn(aws::kThisPartition, "ecr", region, account, "repository/" + repo);
}

Json named_secret_arn(const std::string& name) {
  // Secrets Manager appends six random characters to a secret's ARN.
  return stack_arn("secretsmanager", "secret:" + name + "-??????");
}

Json secret_value_from(const spec::SecretRef& ref) {
  // A partial ARN (without the random suffix) names the secret; ":key::" picks a JSON key.
  std::string arn = aws::arn(aws::kThisPartition, "secretsmanager", aws::kThisRegion, aws::kThisAccount,
                             "secret:" + ref.secret.value);
  if (!ref.key.value.empty()) arn += ":" + ref.key.value + "::";
  return fn::sub(arn);
}

Json join(Json parts) { return Json{{"Fn::Join", Json::array({"", std::move(parts)})}}; }

// The database's proxy lets clients in with IAM tokens instead of the master password.
bool iam_auth(const DbLink& link) {
  return link.db != nullptr && link.db->proxy.enabled && link.db->proxy.iam_auth.value;
}

Json image_of(ServicePlan& p, const spec::Container& c) {
  if (c.repository.value.empty()) return c.image.value;
  return repository_image(p.spec, p.assembly, p.stack, *p.spec.registries.find(c.repository.value), c.tag.value);
}

// The security group of a service, named or the one aip creates for it (service_group).
Group group_of_service(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Vpc& vpc, cfn::Stack& stack,
                       const spec::Service& s) {
  if (!s.security_group.value.empty()) return named_group(spec, assembly, vpc, s.security_group.value);
  return Group{nullptr, &stack, cfn::pascal_case(s.name) + "ServiceSecurityGroup"};
}

const spec::Service* service_named(const spec::Spec& spec, const std::string& name) {
  for (const spec::Service& s : spec.compute.services) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

Json container_definition(ServicePlan& p, const spec::Container& c, const DbLink& link, Json& volumes) {
  Json d = {{"Name", c.name},
            {"Image", image_of(p, c)},
            {"Essential", c.essential.value},
            {"ReadonlyRootFilesystem", c.read_only.value},
            {"LogConfiguration",
             {{"LogDriver", "awslogs"},
              {"Options",
               {{"awslogs-group", fn::ref(p.id + "LogGroup")},
                {"awslogs-region", fn::ref("AWS::Region")},
                {"awslogs-stream-prefix", c.name}}}}}};
  if (!c.command.empty()) {
    Json command = Json::array();
    for (const auto& part : c.command) command.push_back(part.value);
    d["Command"] = command;
  }
  if (c.port) d["PortMappings"] = Json::array({{{"ContainerPort", c.port->value}, {"Protocol", "tcp"}}});
  if (c.cpu) d["Cpu"] = c.cpu->value;
  if (c.memory) d["MemoryReservation"] = c.memory->value;

  Json environment = Json::array();
  // A reference is resolved after the raw resources (plan/resources.cpp).
  for (const auto& [k, v] : c.environment) environment.push_back({{"Name", k.value}, {"Value", v.written()}});
  Json secrets = Json::array();
  for (const auto& ref : c.secrets) {
    Json from = secret_value_from(ref);
    if (const spec::Secret* s = p.spec.secrets.find(ref.secret.value)) {
      from = plan::secret_arn(p.spec, p.assembly, p.stack, *s);
      if (!ref.key.value.empty()) from = join(Json::array({from, ":" + ref.key.value + "::"}));
    }
    secrets.push_back({{"Name", ref.env.value}, {"ValueFrom", from}});
  }
  if (&c == &p.svc.app) {
    // The secrets it reads at run time: SECRET_<NAME>_ARN, as for functions.
    for (const auto& name : p.svc.read_secrets) {
      const spec::Secret& s = *p.spec.secrets.find(name.value);
      environment.push_back({{"Name", spec::wired_variable("SECRET", s.name, "ARN")},
                             {"Value", plan::secret_arn(p.spec, p.assembly, p.stack, s)}});
    }
    // The services it calls by name: SERVICE_<NAME>_HOST.
    for (const auto& call : p.svc.calls) {
      const spec::Service& target = *service_named(p.spec, call.value);
      const spec::Namespace& ns = *p.spec.discovery.find(target.discovery.value);
      environment.push_back({{"Name", spec::wired_variable("SERVICE", target.name, "HOST")},
                             {"Value", target.name + "." + ns.domain.value}});
    }
  }
  if (link.db != nullptr && &c == &p.svc.app && iam_auth(link)) {
    // IAM authentication at the proxy: a token from rds-db:connect, no password.
    const spec::Database& db = *link.db;
    environment.push_back({{"Name", "DB_HOST"},
                           {"Value", p.assembly.get_att(p.stack, *link.stack, db_proxy_id(db.name), "Endpoint")}});
    environment.push_back({{"Name", "DB_PORT"}, {"Value", std::to_string(db.port())}});
    environment.push_back({{"Name", "DB_NAME"}, {"Value", db.effective_database_name()}});
    environment.push_back({{"Name", "DB_USERNAME"}, {"Value", db.master_username.value}});
    environment.push_back({{"Name", "DB_IAM_AUTH"}, {"Value", "true"}});
    if (db.proxy.read_only_endpoint.value) {
      environment.push_back({{"Name", "DB_READ_HOST"},
                             {"Value", p.assembly.get_att(p.stack, *link.stack, db_proxy_id(db.name) + "ReadOnlyEndpoint",
                                                          "Endpoint")}});
    }
  } else if (link.db != nullptr && &c == &p.svc.app) {
    const spec::Database& db = *link.db;
    cfn::Stack& data = *link.stack;
    Json host = db.proxy.enabled ? p.assembly.get_att(p.stack, data, db_proxy_id(db.name), "Endpoint")
                                 : p.assembly.get_att(p.stack, data, db_cluster_id(db.name), "Endpoint.Address");
    environment.push_back({{"Name", "DB_HOST"}, {"Value", host}});
    if (db.proxy.enabled && db.proxy.read_only_endpoint.value) {
      environment.push_back(
          {{"Name", "DB_READ_HOST"},
           {"Value", p.assembly.get_att(p.stack, data, db_proxy_id(db.name) + "ReadOnlyEndpoint", "Endpoint")}});
    }
    environment.push_back({{"Name", "DB_PORT"}, {"Value", std::to_string(db.port())}});
    environment.push_back({{"Name", "DB_NAME"}, {"Value", db.effective_database_name()}});
    Json secret = p.assembly.get_att(p.stack, data, db_cluster_id(db.name), "MasterUserSecret.SecretArn");
    secrets.push_back({{"Name", "DB_USERNAME"}, {"ValueFrom", join(Json::array({secret, ":username::"}))}});
    secrets.push_back({{"Name", "DB_PASSWORD"}, {"ValueFrom", join(Json::array({secret, ":password::"}))}});
  }
  if (!environment.empty()) d["Environment"] = environment;
  if (!secrets.empty()) d["Secrets"] = secrets;

  if (c.health_check) {
    const spec::HealthCheck& hc = *c.health_check;
    d["HealthCheck"] = {{"Command", Json::array({"CMD-SHELL", hc.command.value})},
                        {"Interval", hc.interval.value},
                        {"Timeout", hc.timeout.value},
                        {"Retries", hc.retries.value},
                        {"StartPeriod", hc.start_period.value}};
  }
  if (c.read_only.value && !c.writable_paths.empty()) {
    Json mounts = Json::array();
    int n = 0;
    for (const auto& path : c.writable_paths) {
      std::string volume = fmt::format("{}-scratch-{}", c.name, ++n);
      volumes.push_back({{"Name", volume}});
      mounts.push_back({{"SourceVolume", volume}, {"ContainerPath", path.value}, {"ReadOnly", false}});
    }
    d["MountPoints"] = mounts;
  }
  return d;
}

// Whether the security area turns on GuardDuty's ECS runtime monitoring, with
// automated agent management, in this account.
bool guardduty_manages_fargate_agent(const spec::Spec& spec, const std::string& account_name) {
  if (!spec.security.present() || !spec.security.guardduty.location.valid()) return false;
  for (const spec::Account* a : spec::security_accounts(spec)) {
    if (a->name != account_name) continue;
    std::vector<std::string> features = spec::guardduty_features(spec, *a);
    return std::find(features.begin(), features.end(), "ecs-runtime") != features.end();
  }
  return false;
}

void plan_roles(ServicePlan& p, const DbLink& link) {
  const spec::Service& s = p.svc;
  // Execution role: pull the images, write to the service's log group, read its secrets.
  Json exec = Json::array();
  Json repositories = Json::array();
  bool any_ecr = false;
  std::vector<const spec::Container*> containers{&s.app};
  for (const auto& c : s.sidecars) containers.push_back(&c);
  for (const spec::Container* c : containers) {
    if (!c->repository.value.empty()) {
      Json arn = repository_arn(p.spec, p.assembly, p.stack, *p.spec.registries.find(c->repository.value));
      any_ecr = true;
      if (std::find(repositories.begin(), repositories.end(), arn) == repositories.end()) repositories.push_back(arn);
      continue;
    }
    std::string arn = ecr_repository_arn(c->image.value);
    if (arn.empty()) continue;
    any_ecr = true;
    Json sub = fn::sub(arn);
    if (std::find(repositories.begin(), repositories.end(), sub) == repositories.end()) repositories.push_back(sub);
  }
  if (any_ecr) {
    exec.push_back(allow("PullImages",
                             Json::array({"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage",
                                          "ecr:GetDownloadUrlForLayer"}),
                             repositories));
    // GetAuthorizationToken has no resource-level permissions.
    exec.push_back(allow("RegistryLogin", "ecr:GetAuthorizationToken", "*"));
  }
  // GuardDuty Runtime Monitoring that manages the agent injects its sidecar
  // into every Fargate task of the account: the execution role pulls it from
  // GuardDuty's repository, or the task does not start monitored.
  std::string_view agent_account = aws::guardduty_fargate_agent_account(p.stack.region);
  if (guardduty_manages_fargate_agent(p.spec, p.stack.account_name) && !agent_account.empty()) {
    exec.push_back(allow("PullGuardDutyAgent",
                         Json::array({"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage",
                                      "ecr:GetDownloadUrlForLayer"}),
                         fn::sub(aws::arn(aws::kThisPartition, "ecr", p.stack.region, agent_account,
                                          "repository/aws-guardduty-agent-fargate"))));
    if (!any_ecr) exec.push_back(allow("RegistryLogin", "ecr:GetAuthorizationToken", "*"));
  }
  exec.push_back(allow("WriteLogs", Json::array({"logs:CreateLogStream", "logs:PutLogEvents"}),
                           fn::get_att(p.id + "LogGroup", "Arn")));
  Json secrets = Json::array();
  Json secret_keys = Json::array();
  auto add_unique = [](Json& list, Json value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
  };
  for (const spec::Container* c : containers) {
    for (const auto& ref : c->secrets) {
      if (const spec::Secret* secret = p.spec.secrets.find(ref.secret.value)) {
        // A secret of the spec: exactly its ARN, and its key through Secrets Manager.
        add_unique(secrets, plan::secret_arn(p.spec, p.assembly, p.stack, *secret));
        add_unique(secret_keys, secret_key_arn(p.spec, p.assembly, p.stack, *secret));
        continue;
      }
      add_unique(secrets, named_secret_arn(ref.secret.value));
    }
  }
  if (link.db != nullptr && !iam_auth(link)) {
    add_unique(secrets,
               p.assembly.get_att(p.stack, *link.stack, db_cluster_id(link.db->name), "MasterUserSecret.SecretArn"));
  }
  if (!secrets.empty()) exec.push_back(allow("ReadSecrets", "secretsmanager:GetSecretValue", secrets));
  if (link.db != nullptr && !iam_auth(link)) {
    exec.push_back(allow("DecryptDatabaseSecret", "kms:Decrypt",
                         p.assembly.get_att(p.stack, *link.stack, db_key_id(link.db->name), "Arn"))
                       .condition("StringEquals", "kms:ViaService", fn::sub("secretsmanager.${AWS::Region}.amazonaws.com")));
  }
  if (!secret_keys.empty()) {
    exec.push_back(allow("DecryptSecrets", "kms:Decrypt", secret_keys)
                       .condition("StringEquals", "kms:ViaService", fn::sub("secretsmanager.${AWS::Region}.amazonaws.com")));
  }
  p.add_resource("ExecutionRole", "AWS::IAM::Role",
                 {{"AssumeRolePolicyDocument", trust_ecs_tasks()},
                  {"Description", fmt::format("Starts the tasks of service {}: images, logs, secrets", s.name)},
                  {"Policies", Json::array({{{"PolicyName", "task-execution"}, {"PolicyDocument", policy_doc(exec)}}})}});

  // Task role: what the application itself may call.
  Json task = Json::array();
  auto bucket_refs = [&](const std::vector<spec::Located<std::string>>& names, Json& arns, Json& objects, Json& keys) {
    for (const auto& name : names) {
      // check_compute keeps buckets in the service's account and region.
      const spec::Bucket& b = *p.spec.storage.find(name.value);
      std::string arn = aws::arn(aws::kThisPartition, "s3", "", "", spec::s3_bucket_name(p.spec, b, p.stack.region));
      arns.push_back(fn::sub(arn));
      objects.push_back(fn::sub(arn + "/*"));
      if (b.encryption.value == "kms") {
        cfn::Stack& storage = stack_for(p.assembly, p.spec, kLayerStorage, account_of(p.spec, b.account), p.stack.region);
        keys.push_back(bucket_key_arn(p.spec, p.assembly, p.stack, storage, b));
      }
    }
  };
  Json read_arns = Json::array(), read_objects = Json::array(), read_keys = Json::array();
  bucket_refs(s.read_buckets, read_arns, read_objects, read_keys);
  if (!read_arns.empty()) {
    task.push_back(allow("ListBuckets", "s3:ListBucket", read_arns));
    task.push_back(allow("ReadObjects", "s3:GetObject", read_objects));
  }
  if (!read_keys.empty()) task.push_back(allow("DecryptObjects", "kms:Decrypt", read_keys));
  Json write_arns = Json::array(), write_objects = Json::array(), write_keys = Json::array();
  bucket_refs(s.write_buckets, write_arns, write_objects, write_keys);
  if (!write_arns.empty()) {
    task.push_back(allow("WriteObjects", Json::array({"s3:AbortMultipartUpload", "s3:DeleteObject", "s3:PutObject"}),
                             write_objects));
  }
  if (!write_keys.empty()) {
    task.push_back(allow("EncryptObjects", Json::array({"kms:Decrypt", "kms:GenerateDataKey"}), write_keys));
  }
  // Models, guardrails and a model guardrail (plan/bedrock.cpp).
  bedrock_caller_statements(p.spec, p.assembly, p.stack, s.models, s.guardrails, s.model_guardrail, task);
  if (iam_auth(link)) {
    // rds-db:connect as the database's user at this proxy only: arn:...:dbuser:prx-ID/USER,
    // the proxy's resource id being the last part of its ARN.
    Json proxy_arn = p.assembly.get_att(p.stack, *link.stack, db_proxy_id(link.db->name), "DBProxyArn");
    Json proxy_id = {{"Fn::Select", Json::array({6, {{"Fn::Split", Json::array({":", proxy_arn})}}})}};
    std::string user = aws::arn(aws::kThisPartition, "rds-db", aws::kThisRegion, aws::kThisAccount,
                                "dbuser:${ProxyId}/" + link.db->master_username.value);
    task.push_back(allow("ConnectToDatabase", "rds-db:connect",
                         Json{{"Fn::Sub", Json::array({user, {{"ProxyId", proxy_id}}})}}));
  }
  table_statements(p.spec, p.assembly, p.stack, s.tables, task);
  if (!s.read_secrets.empty()) {
    // Every version stage (AWSCURRENT, AWSPREVIOUS): a service checking a rotating key accepts both.
    Json arns = Json::array(), keys = Json::array();
    for (const auto& name : s.read_secrets) {
      const spec::Secret& secret = *p.spec.secrets.find(name.value);
      Json arn = plan::secret_arn(p.spec, p.assembly, p.stack, secret);
      Json key = secret_key_arn(p.spec, p.assembly, p.stack, secret);
      if (std::find(arns.begin(), arns.end(), arn) == arns.end()) arns.push_back(std::move(arn));
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
    }
    task.push_back(allow("ReadSecretsAtRunTime", "secretsmanager:GetSecretValue", arns));
    task.push_back(allow("DecryptSecretsAtRunTime", "kms:Decrypt", keys)
                       .condition("StringEquals", "kms:ViaService", fn::sub("secretsmanager.${AWS::Region}.amazonaws.com")));
  }
  if (s.polly.value) task.push_back(polly_statement());
  const bool telemetry =
      std::any_of(s.sidecars.begin(), s.sidecars.end(), [](const spec::Container& c) { return c.telemetry.value; });
  if (s.tracing.value || telemetry) {
    // X-Ray has no resource-level permissions.
    task.push_back(allow("SendTraces",
                             Json::array({"xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords",
                                          "xray:PutTraceSegments"}),
                             "*"));
  }
  if (telemetry) {
    // A collector's metrics exporter (ADOT's awsemf) writes embedded-metric-format
    // records with the task's own credentials: into the service's log group only.
    task.push_back(allow("WriteMetricRecords", Json::array({"logs:CreateLogStream", "logs:PutLogEvents"}),
                         fn::get_att(p.id + "LogGroup", "Arn")));
  }
  if (!s.metrics_namespace.value.empty()) task.push_back(put_metrics_statement(s.metrics_namespace.value));
  Json role = {{"AssumeRolePolicyDocument", trust_ecs_tasks()},
               {"Description", fmt::format("The identity of service {}'s containers", s.name)}};
  if (!task.empty()) {
    role["Policies"] = Json::array({{{"PolicyName", "service-access"}, {"PolicyDocument", policy_doc(task)}}});
  }
  clear_role(p.add_resource("TaskRole", "AWS::IAM::Role", role), s.clearance.value);
}

Group service_group(ServicePlan& p) {
  if (!p.svc.security_group.value.empty()) return named_group(p.spec, p.assembly, p.vpc, p.svc.security_group.value);
  const std::string id = p.id + "ServiceSecurityGroup";
  cfn::Resource& sg = p.add_resource(
      "ServiceSecurityGroup", "AWS::EC2::SecurityGroup",
      {{"GroupDescription", fmt::format("Service {} of platform {}", p.svc.name, p.spec.name.value)},
       {"VpcId", p.assembly.ref(p.stack, vpc_stack(p.spec, p.assembly, p.vpc), vpc_logical_id(p.vpc))},
       // Image pulls, logs, secrets and AWS APIs: HTTPS only (via NAT or VPC endpoints).
       {"SecurityGroupEgress", Json::array({{{"IpProtocol", "tcp"},
                                             {"FromPort", 443},
                                             {"ToPort", 443},
                                             {"CidrIp", "0.0.0.0/0"},
                                             {"Description", "HTTPS to AWS APIs and image registries"}}})}});
  sg.tags["Name"] = fmt::format("{}-{}", p.spec.name.value, p.svc.name);
  return Group{nullptr, &p.stack, id};
}

void plan_route(ServicePlan& p, const Group& group) {
  const spec::Route& r = *p.svc.route;
  const spec::LoadBalancer& lb = *p.spec.compute.find_load_balancer(r.load_balancer.value);
  const spec::TargetHealthCheck& hc = r.health_check;
  const int port = p.svc.app.port->value;
  const bool shifted = p.svc.deploy_strategy.value != "rolling";
  Json target_group = {{"TargetType", "ip"},
       {"Protocol", "HTTP"},
       {"Port", port},
       {"VpcId", p.assembly.ref(p.stack, vpc_stack(p.spec, p.assembly, p.vpc), vpc_logical_id(p.vpc))},
       {"HealthCheckEnabled", true},
       {"HealthCheckProtocol", "HTTP"},
       {"HealthCheckPath", hc.path.value},
       {"HealthCheckIntervalSeconds", hc.interval.value},
       {"HealthCheckTimeoutSeconds", hc.timeout.value},
       {"HealthyThresholdCount", hc.healthy.value},
       {"UnhealthyThresholdCount", hc.unhealthy.value},
       {"Matcher", {{"HttpCode", hc.codes.value}}},
       {"TargetGroupAttributes",
        Json::array({{{"Key", "deregistration_delay.timeout_seconds"}, {"Value", std::to_string(r.deregistration_delay.value)}}})}};
  add_resource(p.stack, target_group_id(p.svc.name), "AWS::ElasticLoadBalancingV2::TargetGroup", target_group,
               hc.location.valid() ? hc.location : r.location, p.svc.tags);
  // Blue-green and canary: ECS starts the new tasks in the other group and
  // shifts the rule's weights between the two.
  if (shifted) {
    add_resource(p.stack, alternate_target_group_id(p.svc.name), "AWS::ElasticLoadBalancingV2::TargetGroup",
                 target_group, p.svc.deploy_strategy.location, p.svc.tags);
  }
  Json conditions = Json::array();
  if (!r.hosts.empty()) {
    Json hosts = Json::array();
    for (const auto& h : r.hosts) hosts.push_back(h.value);
    conditions.push_back({{"Field", "host-header"}, {"HostHeaderConfig", {{"Values", hosts}}}});
  }
  if (!r.paths.empty()) {
    Json paths = Json::array();
    for (const auto& path : r.paths) paths.push_back(path.value);
    conditions.push_back({{"Field", "path-pattern"}, {"PathPatternConfig", {{"Values", paths}}}});
  }
  Json forward = {{"Type", "forward"}, {"TargetGroupArn", fn::ref(target_group_id(p.svc.name))}};
  if (shifted) {
    forward = {{"Type", "forward"},
               {"ForwardConfig",
                {{"TargetGroups", Json::array({{{"TargetGroupArn", fn::ref(target_group_id(p.svc.name))}, {"Weight", 100}},
                                               {{"TargetGroupArn", fn::ref(alternate_target_group_id(p.svc.name))},
                                                {"Weight", 0}}})}}}};
  }
  add_resource(p.stack, p.id + "ListenerRule", "AWS::ElasticLoadBalancingV2::ListenerRule",
      {{"ListenerArn", fn::ref(https_listener_id(lb.name))},
       {"Priority", r.priority.value},
       {"Conditions", conditions},
       {"Actions", Json::array({forward})}},
      r.location, p.svc.tags);

  Group lb_group = load_balancer_group(p.spec, p.assembly, lb);
  add_group_rule(p.assembly, p.stack, group, lb_group, true, port,
                 fmt::format("tcp {} from load balancer {}", port, lb.name), r.location);
  add_group_rule(p.assembly, p.stack, lb_group, group, false, port,
                 fmt::format("tcp {} to service {}", port, p.svc.name), r.location);
}

void plan_scaling(ServicePlan& p) {
  const spec::Scaling& sc = *p.svc.scaling;
  const std::string target = p.id + "ScalableTarget";
  p.add_resource("ScalableTarget", "AWS::ApplicationAutoScaling::ScalableTarget",
                 {{"ServiceNamespace", "ecs"},
                  {"ScalableDimension", "ecs:service:DesiredCount"},
                  {"ResourceId", Json{{"Fn::Join", Json::array({"/", Json::array({"service", fn::ref(ecs_cluster_id(p.cluster.name)),
                                                                                   fn::get_att(ecs_service_id(p.svc.name), "Name")})})}}},
                  {"MinCapacity", sc.min.value},
                  {"MaxCapacity", sc.max.value}},
                 sc.location);
  auto policy = [&](const char* suffix, const char* metric, const spec::Located<int>& value) {
    p.add_resource(suffix, "AWS::ApplicationAutoScaling::ScalingPolicy",
                   {{"PolicyName", fmt::format("{}-{}-{}", p.spec.name.value, p.svc.name,
                                               std::string(suffix) == "CpuScaling" ? "cpu" : "memory")},
                    {"PolicyType", "TargetTrackingScaling"},
                    {"ScalingTargetId", fn::ref(target)},
                    {"TargetTrackingScalingPolicyConfiguration",
                     {{"PredefinedMetricSpecification", {{"PredefinedMetricType", metric}}},
                      {"TargetValue", value.value},
                      {"ScaleInCooldown", sc.scale_in_cooldown.value},
                      {"ScaleOutCooldown", sc.scale_out_cooldown.value}}}},
                   value.location.valid() ? value.location : sc.location);
  };
  if (sc.cpu) policy("CpuScaling", "ECSServiceAverageCPUUtilization", *sc.cpu);
  if (sc.memory) policy("MemoryScaling", "ECSServiceAverageMemoryUtilization", *sc.memory);
}

// `deployment: {strategy, canary, bake_minutes, alarms}`: ECS's own strategies.
// ECS (not CodeDeploy) shifts the traffic, so a stack update or a pipeline's
// ECS deploy of a new task definition runs the strategy as it is; the role
// lets ECS move exactly this service's listener rule between its two groups.
void deployment_strategy(ServicePlan& p, Json& config) {
  const spec::Service& s = p.svc;
  if (!s.deploy_alarms.empty()) {
    Json names = Json::array();
    for (const auto& a : s.deploy_alarms) names.push_back(fmt::format("{}-{}", p.spec.name.value, a.value));
    config["Alarms"] = {{"AlarmNames", names}, {"Enable", true}, {"Rollback", true}};
  }
  const std::string& strategy = s.deploy_strategy.value;
  if (strategy == "rolling") return;
  config["Strategy"] = strategy == "canary" ? "CANARY" : "BLUE_GREEN";
  config["BakeTimeInMinutes"] = s.bake_minutes.value;
  if (strategy == "canary") {
    config["CanaryConfiguration"] = {{"CanaryPercent", s.canary_percent.value},
                                     {"CanaryBakeTimeInMinutes", s.canary_minutes.value}};
  }
  Json statements = Json::array(
      {allow("ShiftTraffic", "elasticloadbalancing:ModifyRule", fn::ref(p.id + "ListenerRule")),
       // Describe calls have no resource-level permissions.
       allow("DescribeLoadBalancing",
             Json::array({"elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules",
                          "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth"}),
             "*"),
       allow("RegisterTargets",
             Json::array({"elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:RegisterTargets"}),
             Json::array({fn::ref(target_group_id(s.name)), fn::ref(alternate_target_group_id(s.name))}))});
  p.add_resource("DeploymentRole", "AWS::IAM::Role",
                 {{"Description", fmt::format("ECS shifts traffic for service {} of platform {}", s.name, p.spec.name.value)},
                  {"AssumeRolePolicyDocument", trust_service("ecs.amazonaws.com")},
                  {"Policies", Json::array({{{"PolicyName", "deployment"}, {"PolicyDocument", policy_doc(statements)}}})}},
                 s.deploy_strategy.location);
}

void plan_service(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Service& s) {
  const spec::EcsCluster& cluster = *spec.compute.find_cluster(s.cluster.value);
  const spec::Vpc& vpc = *spec.find_vpc(cluster.vpc.value);
  ServicePlan p{spec, assembly, s, cluster, vpc, compute_stack(spec, assembly, vpc), cfn::pascal_case(s.name)};
  DbLink link = database_link(p);

  cfn::Resource& logs = p.add_resource("LogGroup", "AWS::Logs::LogGroup",
                                       {{"LogGroupName", fmt::format("/ecs/{}/{}", spec.name.value, s.name)},
                                        {"RetentionInDays", s.log_retention_days.value}},
                                       s.log_retention_days.location);
  (void)logs;
  plan_roles(p, link);

  Json volumes = Json::array();
  Json containers = Json::array({container_definition(p, s.app, link, volumes)});
  for (const auto& c : s.sidecars) containers.push_back(container_definition(p, c, link, volumes));
  Json task = {{"Family", fmt::format("{}-{}", spec.name.value, s.name)},
               {"Cpu", std::to_string(s.cpu.value)},
               {"Memory", std::to_string(s.memory.value)},
               {"NetworkMode", "awsvpc"},
               {"RequiresCompatibilities", Json::array({"FARGATE"})},
               {"RuntimePlatform", {{"CpuArchitecture", s.architecture.value}, {"OperatingSystemFamily", "LINUX"}}},
               {"ExecutionRoleArn", fn::get_att(p.id + "ExecutionRole", "Arn")},
               {"TaskRoleArn", fn::get_att(p.id + "TaskRole", "Arn")},
               {"ContainerDefinitions", containers}};
  if (!volumes.empty()) task["Volumes"] = volumes;
  p.add_resource("TaskDefinition", "AWS::ECS::TaskDefinition", task);

  Group group = service_group(p);
  if (s.route) plan_route(p, group);
  for (const auto& call : s.calls) {
    // Reach the service it calls by name: its port, between the two groups.
    const spec::Service& target = *service_named(spec, call.value);
    Group to = group_of_service(spec, assembly, vpc, p.stack, target);
    const int port = target.app.port->value;
    add_group_rule(assembly, p.stack, to, group, true, port, fmt::format("tcp {} from service {}", port, s.name),
                   call.location);
    add_group_rule(assembly, p.stack, group, to, false, port, fmt::format("tcp {} to service {}", port, target.name),
                   call.location);
  }
  if (link.db != nullptr) {
    const int port = link.db->port();
    add_group_rule(assembly, p.stack, link.target, group, true, port,
                   fmt::format("tcp {} from service {}", port, s.name), s.database.location);
    add_group_rule(assembly, p.stack, group, link.target, false, port,
                   fmt::format("tcp {} to database {}", port, link.db->name), s.database.location);
  }

  Json service = {{"Cluster", fn::ref(ecs_cluster_id(cluster.name))},
                  {"TaskDefinition", fn::ref(p.id + "TaskDefinition")},
                  {"EnableECSManagedTags", true},
                  {"PropagateTags", "SERVICE"},
                  {"EnableExecuteCommand", false},
                  {"NetworkConfiguration",
                   {{"AwsvpcConfiguration",
                     {{"AssignPublicIp", "DISABLED"},
                      {"SecurityGroups", Json::array({assembly.get_att(p.stack, *group.stack, group.id, "GroupId")})},
                      {"Subnets", tier_subnets(spec, assembly, p.stack, vpc, s.tier.value, spec::TierKind::private_)}}}}},
                  {"DeploymentConfiguration",
                   {{"MaximumPercent", s.max_percent.value},
                    {"MinimumHealthyPercent", s.min_healthy_percent.value},
                    {"DeploymentCircuitBreaker", {{"Enable", true}, {"Rollback", true}}}}}};
  deployment_strategy(p, service["DeploymentConfiguration"]);
  // With scaling, the count is Application Auto Scaling's to keep: a stack update
  // must not reset it (a new service starts with one task and scales to `min`).
  if (!s.scaling) service["DesiredCount"] = s.count.value;
  if (s.capacity) service["CapacityProviderStrategy"] = capacity_strategy(*s.capacity);
  if (s.route) {
    service["HealthCheckGracePeriodSeconds"] = s.grace_period.value;
    Json lb = {{"ContainerName", s.app.name},
               {"ContainerPort", s.app.port->value},
               {"TargetGroupArn", fn::ref(target_group_id(s.name))}};
    if (s.deploy_strategy.value != "rolling") {
      lb["AdvancedConfiguration"] = {{"AlternateTargetGroupArn", fn::ref(alternate_target_group_id(s.name))},
                                     {"ProductionListenerRule", fn::ref(p.id + "ListenerRule")},
                                     {"RoleArn", fn::get_att(p.id + "DeploymentRole", "Arn")}};
    }
    service["LoadBalancers"] = Json::array({lb});
  }
  if (!s.discovery.value.empty()) {
    // Registered by name: <service>.<domain>, one A record per task.
    const spec::Namespace& ns = *spec.discovery.find(s.discovery.value);
    p.add_resource("DiscoveryService", "AWS::ServiceDiscovery::Service",
                   {{"Name", s.name},
                    {"Description", fmt::format("Service {} of platform {}", s.name, spec.name.value)},
                    {"NamespaceId", assembly.get_att(p.stack, namespace_stack(spec, assembly, ns), namespace_id(ns.name), "Id")},
                    {"DnsConfig", {{"DnsRecords", Json::array({{{"Type", "A"}, {"TTL", ns.ttl.value}}})},
                                   {"RoutingPolicy", "MULTIVALUE"}}},
                    {"HealthCheckCustomConfig", {{"FailureThreshold", 1}}}},
                   s.discovery.location);
    service["ServiceRegistries"] = Json::array({{{"RegistryArn", fn::get_att(p.id + "DiscoveryService", "Arn")}}});
  }
  // Another environment's pipeline promotes into this service and names it.
  if (spec::promoted_here(p.spec, s.name)) service["ServiceName"] = fmt::format("{}-{}", p.spec.name.value, s.name);
  cfn::Resource& r = add_resource(p.stack, ecs_service_id(s.name), "AWS::ECS::Service", service, s.location, s.tags);
  // The cluster's capacity providers must be associated, and the target group
  // attached to a listener, before the service can start.
  r.depends_on.push_back(ecs_cluster_id(cluster.name) + "CapacityProviders");
  if (s.route) r.depends_on.push_back(p.id + "ListenerRule");
  if (s.scaling) plan_scaling(p);
}

}  // namespace

void plan_compute(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::EcsCluster& c : spec.compute.clusters) plan_cluster(spec, assembly, c);
  for (const spec::LoadBalancer& lb : spec.compute.load_balancers) plan_load_balancer(spec, assembly, lb);
  for (const spec::Service& s : spec.compute.services) plan_service(spec, assembly, s);
}

}  // namespace aip::plan
