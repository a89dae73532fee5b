// ECR repositories (registries:): scanning, immutable tags, lifecycle, KMS,
// cross-account pull, and services that name a repository and a tag.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::plan_text;

namespace {

const char* kRegistryAccounts =
    "aip: 1\n"
    "name: test\n"
    "accounts:\n"
    "  tools: {id: \"111111111111\", region: us-east-1}\n"
    "  dev: {id: \"123456789012\", region: us-east-1}\n";

// Line 6 on: a VPC and a cluster in dev, then the registries.
const char* kRegistriesBase =
    "network:\n"
    "  vpcs:\n"
    "    main: {account: dev, cidr: 10.0.0.0/16, azs: 2, tiers: {private: 24}}\n"
    "compute:\n"
    "  clusters:\n"
    "    apps: {vpc: main}\n"
    "registries:\n"
    "  repositories:\n";

const Json* registry_statement(const Json& policies, const std::string& sid) {
  for (const Json& st : policies[0]["PolicyDocument"]["Statement"]) {
    if (st["Sid"] == sid) return &st;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a repository scans on push, keeps tags immutable, expires old images, has its own key") {
  auto p = plan_text(std::string(kRegistryAccounts) + kRegistriesBase +
                     "    api: {account: tools, keep_images: 20, untagged_days: 3, pull_accounts: [dev]}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-tools-registries");
  const auto& repo = *s.find("ApiRepository");
  CHECK(repo.type == "AWS::ECR::Repository");
  CHECK(repo.deletion_policy == "Retain");
  CHECK(repo.properties["RepositoryName"] == "test/api");
  CHECK(repo.properties["ImageScanningConfiguration"] == Json::parse(R"({"ScanOnPush": true})"));
  CHECK(repo.properties["ImageTagMutability"] == "IMMUTABLE");
  CHECK(repo.properties["EncryptionConfiguration"] ==
        Json::parse(R"({"EncryptionType": "KMS", "KmsKey": {"Fn::GetAtt": ["ApiRepositoryKey", "Arn"]}})"));
  CHECK(s.find("ApiRepositoryKey")->properties["EnableKeyRotation"] == true);
  Json lifecycle = Json::parse(repo.properties["LifecyclePolicy"]["LifecyclePolicyText"].get<std::string>());
  REQUIRE(lifecycle["rules"].size() == 2);
  CHECK(lifecycle["rules"][0]["selection"] ==
        Json::parse(R"({"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 3})"));
  CHECK(lifecycle["rules"][1]["selection"] ==
        Json::parse(R"({"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 20})"));
  // Exactly the named account may pull, and only pull.
  const Json& policy = repo.properties["RepositoryPolicyText"]["Statement"];
  REQUIRE(policy.size() == 1);
  CHECK(policy[0]["Principal"]["AWS"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:iam::123456789012:root"}])"));
  CHECK(policy[0]["Action"] ==
        Json::parse(R"(["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"])"));
}

TEST_CASE("repository options: mutable tags, no scanning, AES256, no pull accounts") {
  auto p = plan_text(std::string(kRegistryAccounts) + kRegistriesBase +
                     "    tool: {account: dev, repository_name: team/tool, scan_on_push: false, immutable_tags: false,\n"
                     "           aws_managed_key: true}\n");
  const auto& repo = *p.stack("test-dev-registries").find("ToolRepository");
  CHECK(repo.properties["RepositoryName"] == "team/tool");
  CHECK(repo.properties["ImageScanningConfiguration"]["ScanOnPush"] == false);
  CHECK(repo.properties["ImageTagMutability"] == "MUTABLE");
  CHECK(repo.properties["EncryptionConfiguration"] == Json::parse(R"({"EncryptionType": "AES256"})"));
  CHECK_FALSE(repo.properties.contains("RepositoryPolicyText"));
  CHECK_FALSE(p.has("ToolRepositoryKey"));
}

TEST_CASE("a service that names a repository pulls exactly that repository") {
  auto q = plan_text(std::string(kRegistryAccounts) +
                     "network:\n"
                     "  vpcs:\n"
                     "    main: {account: dev, cidr: 10.0.0.0/16, azs: 2, tiers: {private: 24}}\n"
                     "registries:\n"
                     "  repositories:\n"
                     "    api: {account: tools, pull_accounts: [dev]}\n"
                     "    cli: {account: dev}\n"
                     "compute:\n"
                     "  clusters:\n"
                     "    apps: {vpc: main}\n"
                     "  services:\n"
                     "    api:\n"
                     "      cluster: apps\n"
                     "      repository: api\n"
                     "      tag: 1.4.2\n"
                     "      sidecars:\n"
                     "        cli: {repository: cli, tag: 0.3.0}\n");
  CHECK(q.schema_findings().empty());
  const auto& task = *q.stack("test-dev-compute").find("ApiTaskDefinition");
  // Another account: the URI from its id; the same account and region: imported.
  CHECK(task.properties["ContainerDefinitions"][0]["Image"] ==
        Json::parse(R"({"Fn::Sub": "111111111111.dkr.ecr.us-east-1.${AWS::URLSuffix}/test/api:1.4.2"})"));
  CHECK(task.properties["ContainerDefinitions"][1]["Image"] ==
        Json::parse(R"({"Fn::Join": ["", [{"Fn::ImportValue": "test-dev-registries:CliRepositoryRepositoryUri"}, ":0.3.0"]]})"));
  const auto& exec = *q.stack("test-dev-compute").find("ApiExecutionRole");
  const Json* pull = registry_statement(exec.properties["Policies"], "PullImages");
  REQUIRE(pull != nullptr);
  CHECK((*pull)["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:ecr:us-east-1:111111111111:repository/test/api"},
                        {"Fn::ImportValue": "test-dev-registries:CliRepositoryArn"}])"));
  const Json* login = registry_statement(exec.properties["Policies"], "RegistryLogin");
  REQUIRE(login != nullptr);
  CHECK((*login)["Resource"] == "*");
}

TEST_CASE("repository errors point at the spec") {
  auto errors = [](const std::string& body) { return errors_of(body, kRegistryAccounts); };
  // kRegistriesBase: the repositories start at line 14.
  CHECK(errors(std::string(kRegistriesBase) + "    api: {account: tools, pull_accounts: [dve]}\n") ==
        "spec.yaml:14:43: repository 'api' lets account 'dve' pull, which is not an account of the spec; did you "
        "mean 'dev'?\n");
  CHECK(errors(std::string(kRegistriesBase) + "    api: {account: tools, pull_accounts: [tools]}\n") ==
        "spec.yaml:14:43: repository 'api' lives in account 'tools'; its own account pulls without being listed in "
        "'pull_accounts'\n");
  CHECK(errors(std::string(kRegistriesBase) + "    api: {account: tools, repository_name: Api}\n") ==
        "spec.yaml:14:44: repository name 'Api' must be lowercase letters and digits, separated by '.', '_', '-' or "
        "'/' (ECR's rule)\n");
  CHECK(errors(std::string(kRegistriesBase) + "    api: {account: tools, pull_accounts: [dev, dev]}\n") ==
        "spec.yaml:14:48: repository 'api' lists account 'dev' twice in 'pull_accounts'\n");
  CHECK(errors(std::string(kRegistriesBase) + "    api: {account: tols}\n") ==
        "spec.yaml:14:20: repository 'api' refers to account 'tols', which is not defined; did you mean 'tools'?\n");
  CHECK(errors(std::string(kRegistriesBase) + "    api: {pull_accounts: [dev]}\n") ==
        "spec.yaml:14:5: repository 'api' needs 'account': the spec has 2 accounts\n");
  CHECK(errors(std::string(kRegistriesBase) + "    api: {account: tools, keep_images: 0}\n")
            .find("'keep_images' must be between 1 and 10000") != std::string::npos);
  CHECK(errors(std::string(kRegistriesBase) + "    a: {account: dev, repository_name: x/y}\n    b: {account: dev, repository_name: x/y}\n") ==
        "spec.yaml:15:5: repositories 'a' and 'b' would both be named 'x/y' in account dev, us-east-1\n");

  auto service_errors = [&](const std::string& service) {
    return errors_of(std::string(
                         "network:\n"
                         "  vpcs:\n"
                         "    main: {account: dev, cidr: 10.0.0.0/16, azs: 2, tiers: {private: 24}}\n"
                         "registries:\n"
                         "  repositories:\n"
                         "    api: {account: tools}\n"
                         "    own: {account: dev}\n"
                         "compute:\n"
                         "  clusters:\n"
                         "    apps: {vpc: main}\n"
                         "  services:\n"
                         "    web:\n"
                         "      cluster: apps\n") +
                         service,
                     kRegistryAccounts);
  };
  // The service's keys start at line 19.
  CHECK(service_errors("      repository: ownn\n      tag: 1.0.0\n") ==
        "spec.yaml:19:19: container 'web' refers to repository 'ownn', which is not defined; did you mean 'own'?\n");
  CHECK(service_errors("      repository: own\n") ==
        "spec.yaml:19:19: container 'web' names repository 'own' without a 'tag'; name the image's tag (immutable "
        "tags make a release reproducible)\n");
  CHECK(service_errors("      image: nginx:1.27\n      tag: 1.0.0\n") ==
        "spec.yaml:20:12: 'tag' of container 'web' needs 'repository' (an image URI carries its own tag)\n");
  CHECK(service_errors("      image: nginx:1.27\n      repository: own\n      tag: 1.0.0\n") ==
        "spec.yaml:20:19: container 'web' names both 'image' and 'repository'; use one\n");
  CHECK(service_errors("      port: 80\n") == "spec.yaml:17:5: container 'web' needs 'image' (a URI) or 'repository' and 'tag'\n");
  CHECK(service_errors("      repository: api\n      tag: 1.0.0\n") ==
        "spec.yaml:19:19: service 'web' runs in account 'dev', which repository 'api' does not let pull; add 'dev' "
        "to its 'pull_accounts'\n");
  CHECK(service_errors("      repository: own\n      tag: 'x y'\n") ==
        "spec.yaml:20:12: 'tag' must be an image tag such as 1.0.0, got 'x y'\n");
}
