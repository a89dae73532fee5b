// The IAM action catalog: the embedded data and the queries over it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "iam/action_catalog.hpp"

using namespace aip::iam;

namespace {

const ActionCatalog& catalog() { return ActionCatalog::embedded(); }

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("catalog: the embedded data matches data/iam-actions.json") {
  std::ifstream in(std::string(AIP_SOURCE_DIR) + "/data/iam-actions.json");
  const auto doc = nlohmann::json::parse(in);
  CHECK(catalog().services().size() == doc.at("serviceCount").get<std::size_t>());
  CHECK(catalog().source() == doc.at("source").get<std::string>() + "@" + doc.at("version").get<std::string>() +
                                  " (data of " + doc.at("dataUpdated").get<std::string>() + ")");
  CHECK(catalog().expand("*").size() == doc.at("actionCount").get<std::size_t>());
}

TEST_CASE("catalog: every service aip renders policies for is known") {
  for (const char* s : {"s3", "kms", "logs", "bedrock", "sagemaker", "iam", "sts", "ec2", "ecs", "ecr",
                        "secretsmanager", "events", "sqs", "sns", "lambda", "rds", "rds-db", "cognito-idp",
                        "cognito-identity", "cloudwatch", "xray", "ssm", "execute-api", "apigateway", "aoss", "es",
                        "dynamodb", "glue", "athena", "states", "cloudformation", "codebuild"}) {
    INFO(s);
    CHECK(catalog().known_service(s));
  }
  CHECK(catalog().known_service("S3"));
  CHECK_FALSE(catalog().known_service("s4"));
  CHECK(catalog().service_name("s3") == "Amazon S3");
  CHECK(catalog().service_name("nope").empty());
}

TEST_CASE("catalog: actions, case-insensitively") {
  CHECK(catalog().known_action("s3:GetObject"));
  CHECK(catalog().known_action("S3:getobject"));
  CHECK(catalog().known_action("bedrock:InvokeModel"));
  CHECK(catalog().known_action("sts:AssumeRoleWithWebIdentity"));
  CHECK_FALSE(catalog().known_action("s3:GetObjects"));
  CHECK_FALSE(catalog().known_action("s3"));
  CHECK_FALSE(catalog().known_action("nope:GetObject"));
  const CatalogAction* a = catalog().find("s3:getobject");
  REQUIRE(a);
  CHECK(a->full_name() == "s3:GetObject");
  CHECK(a->access == "Read");
  CHECK(catalog().find("iam:AttachRolePolicy")->access == "Permissions management, Write");
}

TEST_CASE("catalog: expand") {
  const auto gets = catalog().expand("s3:Get*");
  CHECK(contains(gets, "s3:GetObject"));
  CHECK(contains(gets, "s3:GetBucketPolicy"));
  CHECK_FALSE(contains(gets, "s3:PutObject"));
  CHECK(std::is_sorted(gets.begin(), gets.end()));
  CHECK(std::all_of(gets.begin(), gets.end(), [](const std::string& s) { return s.starts_with("s3:Get"); }));
  CHECK(catalog().expand("S3:GETOBJECT") == std::vector<std::string>{"s3:GetObject"});
  CHECK(catalog().expand("kms:?ecrypt") == std::vector<std::string>{"kms:Decrypt"});
  CHECK(catalog().expand("s3:NoSuchAction*").empty());
  CHECK(catalog().expand("nope:*").empty());
  CHECK(catalog().expand("nonsense").empty());
  const auto describes = catalog().expand("*:DescribeKey");
  CHECK(contains(describes, "kms:DescribeKey"));
  CHECK(catalog().expand("sts:*").size() > 5);
}

TEST_CASE("catalog: resource-level permissions and ARN formats") {
  CHECK(catalog().supports_resource_level("s3:GetObject"));
  CHECK_FALSE(catalog().supports_resource_level("s3:ListAllMyBuckets"));
  CHECK_FALSE(catalog().supports_resource_level("sts:GetCallerIdentity"));
  CHECK_FALSE(catalog().supports_resource_level("s3:NoSuchAction"));
  CHECK(catalog().resource_arn_formats("s3:ListAllMyBuckets").empty());
  const auto formats = catalog().resource_arn_formats("s3:GetObject");
  CHECK(contains(formats, "arn:${Partition}:s3:::${BucketName}/${ObjectName}"));
  CHECK(catalog().resource_arn_formats("s3:ListBucket") ==
        std::vector<std::string>{"arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}",
                                 "arn:${Partition}:s3:::${BucketName}"});
  CHECK(contains(catalog().resource_arn_formats("bedrock:InvokeModel"),
                 "arn:${Partition}:bedrock:${Region}::foundation-model/${ResourceId}"));
  CHECK(catalog().resource_arn_format("s3", "bucket") == "arn:${Partition}:s3:::${BucketName}");
  CHECK(catalog().resource_arn_format("s3", "nope").empty());
}

TEST_CASE("catalog: built from a document") {
  const ActionCatalog small(nlohmann::json::parse(R"({"source": "test", "version": "1", "dataUpdated": "2026-01-01",
      "services": {"demo": {"name": "Demo", "resources": {"thing": "arn:${Partition}:demo:::thing/${Name}"},
                            "actions": {"GetThing": {"access": "Read", "resources": ["thing"], "required": ["thing"]},
                                        "ListThings": {"access": "List"}}}}})"));
  CHECK(small.source() == "test@1 (data of 2026-01-01)");
  CHECK(small.services() == std::vector<std::string>{"demo"});
  CHECK(small.expand("demo:*") == std::vector<std::string>{"demo:GetThing", "demo:ListThings"});
  CHECK(small.find("demo:getthing")->required_resource_types == std::vector<std::string>{"thing"});
  CHECK(small.supports_resource_level("demo:GetThing"));
  CHECK_FALSE(small.supports_resource_level("demo:ListThings"));
  CHECK_FALSE(small.known_service("s3"));
}
