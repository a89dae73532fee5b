// OpenSearch Serverless collections (seeds 001 and 003). Per collection: the
// encryption policy (aip's customer-managed KMS key by default), the network
// policy (only the collection's VPC endpoint, unless `public: true`), the data
// access policy (named roles, read or write) and the IAM permission those roles
// need to call the collection at all (aoss:APIAccessAll on this collection).
// OpenSearch Serverless refuses a collection that no encryption policy covers,
// so the collection depends on its policies.
#include <fmt/format.h>

#include "base/arn.hpp"
#include "cfn/intrinsics.hpp"
#include "plan/functions.hpp"
#include "plan/group_rules.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"
#include "spec/placement.hpp"

namespace aip::plan {
namespace {

using cfn::Json;
namespace fn = cfn::intrinsic;

// Permissions of the data access policy per level. Never aoss:*.
const Json& read_index_permissions() {
  static const Json p = Json::array({"aoss:DescribeIndex", "aoss:ReadDocument"});
  return p;
}
const Json& write_index_permissions() {
  static const Json p = Json::array(
      {"aoss:CreateIndex", "aoss:DescribeIndex", "aoss:ReadDocument", "aoss:UpdateIndex", "aoss:WriteDocument"});
  return p;
}

struct Grantee {
  Json role_name;     // for AWS::IAM::Policy Roles
  std::string arn;    // in the access policy's Fn::Sub text
  Json arn_variable;  // the value of a ${Variable} in that text; null: none
  std::string variable;
};

struct CollectionPlan {
  const spec::Spec& spec;
  cfn::Assembly& assembly;
  const spec::SearchCollection& c;
  cfn::Stack& stack;
  std::string id;    // "KnowledgeCollection"
  std::string name;  // the AWS name of the collection and its policies

  cfn::Resource& add(const std::string& suffix, std::string type, Json properties, Location where = {}) {
    return add_resource(stack, id + suffix, std::move(type), std::move(properties), where.valid() ? where : c.location,
                        c.tags);
  }
};

Grantee grantee(CollectionPlan& p, const spec::Located<std::string>& who, std::size_t index) {
  const spec::Spec& spec = p.spec;
  if (const spec::IamRole* r = spec.iam.find(who.value)) {
    if (r->existing()) return {nullptr, r->existing_arn.value, nullptr, ""};  // docs/existing.md
    std::string role = iam_role_name(*r);
    // The role lives in the account's iam stack; deploy that first.
    const spec::Account& account = account_of(spec, spec::Located<std::string>{p.stack.account_name, {}});
    cfn::Stack& iam = stack_for(p.assembly, spec, kLayerIam, account, "");
    if (&iam != &p.stack) p.stack.dependencies.insert(iam.id);
    // Its aoss:APIAccessAll is part of its intent (plan/iam.cpp): no role_name here.
    return {nullptr, aws::arn(aws::kThisPartition, "iam", "", aws::kThisAccount, "role/" + role), nullptr, ""};
  }
  std::string variable = fmt::format("Principal{}", index + 1);
  if (const spec::Function* f = spec.functions.find(who.value)) {
    cfn::Stack& other = function_stack(spec, p.assembly, *f);
    return {p.assembly.ref(p.stack, other, function_role_id(f->name)), "${" + variable + "}",
            function_role_arn(spec, p.assembly, p.stack, *f), variable};
  }
  for (const spec::Service& svc : spec.compute.services) {
    if (svc.name != who.value) continue;
    for (const spec::EcsCluster& cl : spec.compute.clusters) {
      if (cl.name != svc.cluster.value) continue;
      const spec::Vpc& vpc = *spec.find_vpc(cl.vpc.value);
      cfn::Stack& compute = stack_for(p.assembly, spec, kLayerCompute, account_of(spec, vpc.account), vpc.region.value);
      const std::string role = cfn::pascal_case(svc.name) + "TaskRole";
      return {p.assembly.ref(p.stack, compute, role), "${" + variable + "}",
              p.assembly.get_att(p.stack, compute, role, "Arn"), variable};
    }
  }
  throw SpecLimit(who.location, fmt::format("'{}' is not a role aip can grant access to", who.value));
}

void plan_key(CollectionPlan& p) {
  Json policy = policy_doc(Json::array({account_administers_key()}));
  cfn::Resource& key = p.add("Key", "AWS::KMS::Key",
                             {{"Description", fmt::format("Encrypts OpenSearch Serverless collection {}", p.name)},
                              {"EnableKeyRotation", true},
                              {"KeyPolicy", policy}},
                             p.c.aws_owned_key.location);
  key.deletion_policy = "Retain";
}

void plan_collection(const spec::Spec& spec, cfn::Assembly& assembly, const spec::SearchCollection& c) {
  spec::Placement where;
  const spec::Vpc* vpc = c.vpc.value.empty() ? nullptr : spec.find_vpc(c.vpc.value);
  where = vpc != nullptr ? spec::place(spec, vpc->account, vpc->region) : spec::place(spec, c.account, c.region);
  cfn::Stack& stack = stack_for(assembly, spec, kLayerSearch, *where.account, where.region);
  CollectionPlan p{spec, assembly, c, stack, collection_id(c.name), spec::collection_name(spec, c)};
  std::vector<const spec::KnowledgeBase*> knowledge_bases;  // whose vector index is here (plan/bedrock.cpp)
  for (const spec::KnowledgeBase& kb : spec.bedrock.knowledge_bases) {
    if (kb.collection.value == c.name) knowledge_bases.push_back(&kb);
  }
  const Json resource = Json::array({"collection/" + p.name});

  // Encryption at rest.
  Json encryption = {{"Rules", Json::array({{{"ResourceType", "collection"}, {"Resource", resource}}})}};
  Json encryption_policy;
  if (c.aws_owned_key.value) {
    encryption["AWSOwnedKey"] = true;
    encryption_policy = encryption.dump();
  } else {
    // A classified collection is encrypted with its level's key, any other with its own.
    Json key_arn = c.classification.value.empty() ? fn::get_att(p.id + "Key", "Arn")
                                                  : classification_key_arn(spec, assembly, stack, c.classification.value);
    if (c.classification.value.empty()) plan_key(p);
    encryption["AWSOwnedKey"] = false;
    encryption["KmsARN"] = "${KeyArn}";
    encryption_policy = {{"Fn::Sub", Json::array({encryption.dump(), {{"KeyArn", key_arn}}})}};
  }
  p.add("EncryptionPolicy", "AWS::OpenSearchServerless::SecurityPolicy",
        {{"Name", p.name},
         {"Type", "encryption"},
         {"Description", c.aws_owned_key.value              ? "Encryption with an AWS-owned key (spec: aws_owned_key: true)"
                         : c.classification.value.empty() ? "Encryption with a customer-managed KMS key"
                                                          : "Encryption with the key of classification " +
                                                                c.classification.value},
         {"Policy", encryption_policy}},
        c.aws_owned_key.location);

  // Network access: the collection and its dashboards endpoint.
  Json network = {{"Rules", Json::array({{{"ResourceType", "collection"}, {"Resource", resource}},
                                         {{"ResourceType", "dashboard"}, {"Resource", resource}}})}};
  Json network_policy;
  if (c.public_access.value) {
    network["AllowFromPublic"] = true;
    network_policy = Json::array({network}).dump();
  } else {
    cfn::Stack& net = vpc_stack(spec, assembly, *vpc);
    const spec::Tier* home = nullptr;
    for (const spec::Tier& t : vpc->tiers) {
      if (home == nullptr && (c.subnets.value.empty() ? t.kind == spec::TierKind::private_ : t.name == c.subnets.value)) {
        home = &t;
      }
    }
    for (const spec::Tier& t : vpc->tiers) {
      if (home == nullptr && t.kind == spec::TierKind::isolated) home = &t;
    }
    Json subnets = Json::array();
    for (int az = 1; az <= vpc->azs.value; ++az) {
      subnets.push_back(assembly.ref(stack, net, subnet_id(vpc->name, home->name, az)));
    }
    Json group;
    if (!c.security_group.value.empty()) {
      group = assembly.get_att(stack, net, security_group_id(c.security_group.value), "GroupId");
    } else {
      p.add("EndpointSecurityGroup", "AWS::EC2::SecurityGroup",
            {{"GroupDescription", fmt::format("OpenSearch Serverless endpoint of collection {}", p.name)},
             {"VpcId", assembly.ref(stack, net, vpc_logical_id(*vpc))},
             {"SecurityGroupIngress", Json::array({{{"IpProtocol", "tcp"},
                                                    {"FromPort", 443},
                                                    {"ToPort", 443},
                                                    {"CidrIp", vpc->cidr.value.str()},
                                                    {"Description", "HTTPS from the VPC to the collection endpoint"}}})},
             {"SecurityGroupEgress", deny_all_egress()}},
            c.vpc.location);
      group = fn::get_att(p.id + "EndpointSecurityGroup", "GroupId");
    }
    p.add("VpcEndpoint", "AWS::OpenSearchServerless::VpcEndpoint",
          {{"Name", p.name},
           {"VpcId", assembly.ref(stack, net, vpc_logical_id(*vpc))},
           {"SubnetIds", subnets},
           {"SecurityGroupIds", Json::array({group})}},
          c.vpc.location);
    network["AllowFromPublic"] = false;
    network["SourceVPCEs"] = Json::array({"${VpcEndpoint}"});
    // Bedrock reaches the index of a knowledge base from its own network.
    if (!knowledge_bases.empty()) network["SourceServices"] = Json::array({"bedrock.amazonaws.com"});
    network_policy = {{"Fn::Sub", Json::array({Json::array({network}).dump(),
                                               {{"VpcEndpoint", fn::ref(p.id + "VpcEndpoint")}}})}};
  }
  p.add("NetworkPolicy", "AWS::OpenSearchServerless::SecurityPolicy",
        {{"Name", p.name},
         {"Type", "network"},
         {"Description", c.public_access.value ? "Reachable from the internet (spec: public: true)"
                                               : "Reachable only through the collection's VPC endpoint"},
         {"Policy", network_policy}},
        c.public_access.value ? c.public_access.location : c.vpc.location);

  // Data access: one rule set per level, each naming its roles.
  Json entries = Json::array();
  Json variables = Json::object();
  Json roles = Json::array();
  std::size_t index = 0;
  for (const auto& [level, list, permissions] :
       {std::tuple{"write", &c.access.write, &write_index_permissions()},
        std::tuple{"read", &c.access.read, &read_index_permissions()}}) {
    if (list->empty()) continue;
    Json principals = Json::array();
    for (const auto& who : *list) {
      Grantee g = grantee(p, who, index++);
      principals.push_back(g.arn);
      if (!g.variable.empty()) variables[g.variable] = g.arn_variable;
      if (!g.role_name.is_null()) roles.push_back(g.role_name);
    }
    entries.push_back(
        {{"Description", fmt::format("{} access to collection {}", level, p.name)},
         {"Rules", Json::array({{{"ResourceType", "collection"},
                                 {"Resource", resource},
                                 {"Permission", Json::array({"aoss:DescribeCollectionItems"})}},
                                {{"ResourceType", "index"},
                                 {"Resource", Json::array({fmt::format("index/{}/*", p.name)})},
                                 {"Permission", *permissions}}})},
         {"Principal", principals}});
  }
  // Each knowledge base's service role writes and reads its own index; the
  // CDK execution role (CloudFormation) creates it (AWS::OpenSearchServerless::Index
  // calls the data plane as the deploying principal).
  for (const spec::KnowledgeBase* kb : knowledge_bases) {
    const std::string role = aws::arn(aws::kThisPartition, "iam", "", aws::kThisAccount,
                                      "role/" + spec::knowledge_base_role_name(spec, *kb));
    const std::string deployer = aws::arn(aws::kThisPartition, "iam", "", aws::kThisAccount,
                                          "role/cdk-hnb659fds-cfn-exec-role-${AWS::AccountId}-${AWS::Region}");
    entries.push_back(
        {{"Description", fmt::format("knowledge base {}: index {}", kb->name, kb->index.name.value)},
         {"Rules", Json::array({{{"ResourceType", "collection"},
                                 {"Resource", resource},
                                 {"Permission", Json::array({"aoss:DescribeCollectionItems"})}},
                                {{"ResourceType", "index"},
                                 {"Resource", Json::array({fmt::format("index/{}/{}", p.name, kb->index.name.value)})},
                                 {"Permission", write_index_permissions()}}})},
         {"Principal", Json::array({role, deployer})}});
  }
  Json access_text = entries.dump();
  p.add("AccessPolicy", "AWS::OpenSearchServerless::AccessPolicy",
        {{"Name", p.name},
         {"Type", "data"},
         {"Description", fmt::format("Data access to collection {}: named roles only", p.name)},
         {"Policy", variables.empty() ? fn::sub(access_text)
                                      : Json{{"Fn::Sub", Json::array({access_text, variables})}}}},
        !c.access.write.empty() ? c.access.write.front().location
        : !c.access.read.empty() ? c.access.read.front().location
                                 : knowledge_bases.front()->collection.location);

  Json props = {{"Name", p.name}, {"Type", spec::collection_type(c)},
                {"StandbyReplicas", c.standby_replicas.value ? "ENABLED" : "DISABLED"}};
  if (!c.description.value.empty()) props["Description"] = c.description.value;
  cfn::Resource& collection = add_resource(stack, p.id, "AWS::OpenSearchServerless::Collection", props, c.location,
                                           c.tags);
  collection.depends_on = {p.id + "EncryptionPolicy", p.id + "NetworkPolicy", p.id + "AccessPolicy"};
  classify(collection, c.classification);

  // Function and service roles also need IAM permission to call this
  // collection's data plane (roles of the iam area have it in their intent).
  if (roles.empty()) return;
  p.add("ApiAccessPolicy", "AWS::IAM::Policy",
        {{"PolicyName", fmt::format("{}-api-access", p.name)},
         {"Roles", roles},
         {"PolicyDocument",
          policy_doc(Json::array({allow("CollectionApiAccess", "aoss:APIAccessAll", fn::get_att(p.id, "Arn"))}))}});
}

}  // namespace

void plan_search(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::SearchCollection& c : spec.search.collections) plan_collection(spec, assembly, c);
}

}  // namespace aip::plan
