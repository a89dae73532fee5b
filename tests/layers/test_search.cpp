// OpenSearch Serverless collections (search:): encryption, network and data
// access policies before the collection, the VPC endpoint, IAM API access.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::kHeader;
using aip::test::plan_text;

namespace {

const char* kBase =
    "network:\n"
    "  vpcs:\n"
    "    main: {cidr: 10.0.0.0/16, azs: 2, tiers: {public: 24, private: 24, data: {kind: isolated, size: 24}}}\n"
    "iam:\n"
    "  personas:\n"
    "    reader: {role_name: ReaderRole, trust: {identity_center: Reader}, cloudwatch: read}\n"
    "search:\n"
    "  collections:\n";

// The policy text (the first argument of Fn::Sub, or the string), parsed.
Json policy_of(const aip::cfn::Resource& r) {
  const Json& p = r.properties["Policy"];
  if (p.is_string()) return Json::parse(p.get<std::string>());
  const Json& sub = p["Fn::Sub"];
  return Json::parse((sub.is_array() ? sub[0] : sub).get<std::string>());
}

}  // namespace

TEST_CASE("a collection gets its three policies first, a customer key and a VPC endpoint") {
  auto p = plan_text(std::string(kHeader) + kBase + "    docs: {vpc: main, access: {read: [reader]}}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-search");
  const auto& c = *s.find("DocsCollection");
  CHECK(c.properties["Name"] == "test-docs");
  CHECK(c.properties["Type"] == "VECTORSEARCH");
  CHECK(c.properties["StandbyReplicas"] == "ENABLED");
  CHECK(c.depends_on == std::vector<std::string>{"DocsCollectionEncryptionPolicy", "DocsCollectionNetworkPolicy",
                                                 "DocsCollectionAccessPolicy"});
  Json enc = policy_of(*s.find("DocsCollectionEncryptionPolicy"));
  CHECK(enc == Json::parse(R"({"Rules":[{"ResourceType":"collection","Resource":["collection/test-docs"]}],
                              "AWSOwnedKey":false,"KmsARN":"${KeyArn}"})"));
  CHECK(s.find("DocsCollectionEncryptionPolicy")->properties["Policy"]["Fn::Sub"][1]["KeyArn"] ==
        Json::parse(R"({"Fn::GetAtt": ["DocsCollectionKey", "Arn"]})"));
  CHECK(s.find("DocsCollectionKey")->properties["EnableKeyRotation"] == true);
  Json net = policy_of(*s.find("DocsCollectionNetworkPolicy"));
  CHECK(net[0]["AllowFromPublic"] == false);
  CHECK(net[0]["SourceVPCEs"] == Json::parse(R"(["${VpcEndpoint}"])"));
  CHECK(net[0]["Rules"].size() == 2);
  // The endpoint sits in the first private tier, one subnet per AZ.
  const auto& endpoint = *s.find("DocsCollectionVpcEndpoint");
  CHECK(endpoint.properties["Name"] == "test-docs");
  CHECK(endpoint.properties["SubnetIds"].size() == 2);
  CHECK(endpoint.properties["SubnetIds"][0] ==
        Json::parse(R"({"Fn::ImportValue": "test-dev-network:MainVpcPrivateSubnet1Ref"})"));
  Json access = policy_of(*s.find("DocsCollectionAccessPolicy"));
  REQUIRE(access.size() == 1);
  CHECK(access[0]["Principal"] == Json::parse(R"(["arn:${AWS::Partition}:iam::${AWS::AccountId}:role/ReaderRole"])"));
  CHECK(access[0]["Rules"][1]["Permission"] == Json::parse(R"(["aoss:DescribeIndex","aoss:ReadDocument"])"));
  CHECK(access[0]["Rules"][1]["Resource"] == Json::parse(R"(["index/test-docs/*"])"));
  // A role of the iam area gets aoss:APIAccessAll in its intent (and boundary), for this collection only.
  CHECK(s.find("DocsCollectionApiAccessPolicy") == nullptr);
  CHECK(s.dependencies.count("test-dev-iam") == 1);
  const auto& role = p.resource("ReaderRole");
  bool granted = false;
  for (const Json& st : role.properties["Policies"][0]["PolicyDocument"]["Statement"]) {
    if (st["Sid"] != "SearchCollections") continue;
    granted = true;
    CHECK(st["Action"] == Json::parse(R"(["aoss:APIAccessAll"])"));
    CHECK(st["Resource"] == Json::parse(R"(["arn:aws:aoss:us-east-1:123456789012:collection/*"])"));
    CHECK(st["Condition"] == Json::parse(R"({"StringEquals": {"aoss:collection": ["test-docs"]}})"));
  }
  CHECK(granted);
}

TEST_CASE("collection options: subnets, AWS-owned key, public, write access") {
  auto p = plan_text(std::string(kHeader) + kBase +
                     "    docs: {vpc: main, subnets: data, aws_owned_key: true, standby_replicas: false, type: search,\n"
                     "           collection_name: my-docs, access: {write: [reader]}}\n"
                     "    open: {public: true, access: {read: [reader]}}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-search");
  CHECK(s.find("DocsCollectionKey") == nullptr);
  CHECK(policy_of(*s.find("DocsCollectionEncryptionPolicy"))["AWSOwnedKey"] == true);
  CHECK(s.find("DocsCollection")->properties["Name"] == "my-docs");
  CHECK(s.find("DocsCollection")->properties["Type"] == "SEARCH");
  CHECK(s.find("DocsCollection")->properties["StandbyReplicas"] == "DISABLED");
  CHECK(s.find("DocsCollectionVpcEndpoint")->properties["SubnetIds"][1] ==
        Json::parse(R"({"Fn::ImportValue": "test-dev-network:MainVpcDataSubnet2Ref"})"));
  CHECK(policy_of(*s.find("DocsCollectionAccessPolicy"))[0]["Rules"][1]["Permission"].size() == 5);
  CHECK(policy_of(*s.find("OpenCollectionNetworkPolicy"))[0]["AllowFromPublic"] == true);
  CHECK(s.find("OpenCollectionVpcEndpoint") == nullptr);
}

TEST_CASE("functions and services that a collection names get aoss:APIAccessAll on it") {
  auto p = plan_text(std::string(kHeader) + kBase +
                     "    docs: {vpc: main, access: {write: [ingest], read: [reader]}}\n"
                     "functions:\n"
                     "  ingest: {runtime: python3.12, handler: app.handler, vpc: main,\n"
                     "           code: {inline: \"def handler(event, context):\\n    return None\\n\"}}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-search");
  const auto& api = *s.find("DocsCollectionApiAccessPolicy");
  CHECK(api.properties["Roles"] == Json::parse(R"([{"Fn::ImportValue": "test-dev-functions:IngestFunctionRoleRef"}])"));
  CHECK(api.properties["PolicyDocument"]["Statement"][0]["Action"] == "aoss:APIAccessAll");
  CHECK(api.properties["PolicyDocument"]["Statement"][0]["Resource"] ==
        Json::parse(R"({"Fn::GetAtt": ["DocsCollection", "Arn"]})"));
  const Json& access = s.find("DocsCollectionAccessPolicy")->properties["Policy"]["Fn::Sub"];
  CHECK(access[1]["Principal1"] == Json::parse(R"({"Fn::ImportValue": "test-dev-functions:IngestFunctionRoleArn"})"));
  Json doc = Json::parse(access[0].get<std::string>());
  CHECK(doc[0]["Principal"] == Json::parse(R"(["${Principal1}"])"));
  CHECK(doc[1]["Principal"] == Json::parse(R"(["arn:${AWS::Partition}:iam::${AWS::AccountId}:role/ReaderRole"])"));
}

TEST_CASE("collection errors point at the spec") {
  auto errors = [](const std::string& c) { return errors_of(std::string(kBase) + c); };
  CHECK(errors("    docs: {vpc: mian, access: {read: [reader]}}\n") ==
        "spec.yaml:13:17: collection 'docs' refers to vpc 'mian', which is not defined; did you mean 'main'?\n");
  CHECK(errors("    docs: {vpc: main, access: {read: [raeder]}}\n") ==
        "spec.yaml:13:39: collection 'docs' grants access to 'raeder', which is not a role of the iam area, a "
        "function or a service; did you mean 'reader'?\n");
  CHECK(errors("    docs: {access: {read: [reader]}}\n") ==
        "spec.yaml:13:5: collection 'docs' needs a 'vpc' whose endpoint may reach it, or `public: true` to allow "
        "access from the internet on purpose\n");
  CHECK(errors("    docs: {vpc: main, subnets: public, access: {read: [reader]}}\n") ==
        "spec.yaml:13:32: the endpoint of collection 'docs' belongs in a private or isolated tier, not the public "
        "tier 'public'\n");
  CHECK(errors("    docs: {vpc: main, collection_name: Docs, access: {read: [reader]}}\n") ==
        "spec.yaml:13:40: collection name 'Docs' must be 3 to 32 lowercase letters, digits and '-', starting with a "
        "letter (OpenSearch Serverless's limit)\n");
  CHECK(errors("    a-very-long-collection-name-here: {vpc: main, access: {read: [reader]}}\n") ==
        "spec.yaml:13:5: collection 'a-very-long-collection-name-here' would be named "
        "'test-a-very-long-collection-name-here', which OpenSearch Serverless refuses (3 to 32 lowercase letters, "
        "digits and '-'); set 'collection_name'\n");
  CHECK(errors("    docs: {vpc: main}\n") ==
        "spec.yaml:13:5: collection 'docs' grants no data access: name roles under 'access: {read: [...], write: "
        "[...]}'\n");
  CHECK(errors("    docs: {vpc: main, access: {read: [reader], write: [reader]}}\n") ==
        "spec.yaml:13:39: collection 'docs' names 'reader' twice in 'access'; write includes read\n");
  CHECK(errors("    docs: {vpc: main, public: true, access: {read: [reader]}}\n") ==
        "spec.yaml:13:31: collection 'docs' is either reached through the endpoint in vpc 'main' or public; remove "
        "one of 'vpc' and 'public'\n");
  CHECK(errors("    docs: {vpc: main, acess: {read: [reader]}}\n")
            .find("unknown key 'acess' in collection 'docs'; did you mean 'access'?") != std::string::npos);
}
