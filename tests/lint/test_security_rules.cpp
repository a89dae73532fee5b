// The security rules (AIP-SEC-*) and the compliance packs' two sides: the
// lint rules tagged with a pack and the AWS Config rules it deploys.
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "lint/reporters/reporters.hpp"
#include "lint_test_support.hpp"
#include "spec/compliance.hpp"

using aip::lint::test::lint_template;

namespace test_security_rules {

std::string sec_tpl(const std::string& resources) { return "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n" + resources; }

std::string sec_read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace test_security_rules


TEST_CASE("AIP-SEC-003 trails without log file validation") {
  CHECK(lint_template(test_security_rules::sec_tpl("  T: {Type: AWS::CloudTrail::Trail, Properties: {IsLogging: true, S3BucketName: b}}\n"),
                      "AIP-SEC-003")
            .count("AIP-SEC-003") == 1);
  auto off = lint_template(
      test_security_rules::sec_tpl("  T: {Type: AWS::CloudTrail::Trail, Properties: {IsLogging: true, S3BucketName: b, EnableLogFileValidation: "
          "false}}\n"),
      "AIP-SEC-003");
  REQUIRE(off.count("AIP-SEC-003") == 1);
  CHECK(off.findings[0].location.line == 3);
  CHECK(lint_template(test_security_rules::sec_tpl("  T: {Type: AWS::CloudTrail::Trail, Properties: {IsLogging: true, S3BucketName: b, "
                          "EnableLogFileValidation: true}}\n"),
                      "AIP-SEC-003")
            .findings.empty());
}

TEST_CASE("AIP-SEC-004 trails without a KMS key run with a compliance pack only") {
  const std::string plain = test_security_rules::sec_tpl("  T: {Type: AWS::CloudTrail::Trail, Properties: {IsLogging: true, S3BucketName: b}}\n");
  CHECK(lint_template(plain, "AIP-SEC-004").count("AIP-SEC-004") == 1);  // --enable names the rule
  // A tag does not turn on a pack-only rule; any compliance pack does.
  auto selected = [](const aip::lint::Selection& sel) {
    auto rules = aip::lint::select_rules(sel, nullptr);
    return std::count(rules.begin(), rules.end(), aip::lint::find_rule("AIP-SEC-004"));
  };
  CHECK(selected({{"encryption"}, {}, {}}) == 0);
  CHECK(selected({{}, {}, {"sox"}}) == 1);
  CHECK(selected({{}, {}, {"gdpr"}}) == 1);
  CHECK(lint_template(test_security_rules::sec_tpl("  T: {Type: AWS::CloudTrail::Trail, Properties: {IsLogging: true, S3BucketName: b, "
                          "KMSKeyId: alias/trail}}\n"),
                      "AIP-SEC-004")
            .findings.empty());
}

TEST_CASE("AIP-SEC-005 Config recorders that leave resource types out") {
  auto recorder = [](const std::string& group) {
    return test_security_rules::sec_tpl("  R: {Type: AWS::Config::ConfigurationRecorder, Properties: {RoleARN: arn:aws:iam::1:role/r" +
               (group.empty() ? std::string() : ", RecordingGroup: " + group) + "}}\n");
  };
  CHECK(lint_template(recorder("{AllSupported: false, ResourceTypes: [AWS::S3::Bucket]}"), "AIP-SEC-005")
            .count("AIP-SEC-005") == 1);
  CHECK(lint_template(recorder("{ResourceTypes: [AWS::S3::Bucket]}"), "AIP-SEC-005").count("AIP-SEC-005") == 1);
  CHECK(lint_template(recorder("{ExclusionByResourceTypes: {ResourceTypes: [AWS::EC2::Volume]}, RecordingStrategy: "
                               "{UseOnly: EXCLUSION_BY_RESOURCE_TYPES}}"),
                      "AIP-SEC-005")
            .count("AIP-SEC-005") == 1);
  CHECK(lint_template(recorder("{AllSupported: true, IncludeGlobalResourceTypes: true}"), "AIP-SEC-005").findings.empty());
  CHECK(lint_template(recorder(""), "AIP-SEC-005").findings.empty());
}

TEST_CASE("AIP-SEC-006 disabled GuardDuty detectors") {
  CHECK(lint_template(test_security_rules::sec_tpl("  D: {Type: AWS::GuardDuty::Detector, Properties: {Enable: false}}\n"), "AIP-SEC-006")
            .count("AIP-SEC-006") == 1);
  CHECK(lint_template(test_security_rules::sec_tpl("  D: {Type: AWS::GuardDuty::Detector, Properties: {Enable: true}}\n"), "AIP-SEC-006")
            .findings.empty());
}

TEST_CASE("AIP-SEC-007 compliance packs without a Config recorder") {
  const std::string head = "aip: 1\nname: t\ncompliance: [sox, hipaa]\naccounts:\n  dev: {id: \"111111111111\", region: us-east-1}\n";
  auto bare = aip::lint::test::lint_spec(head, "AIP-SEC-007");
  REQUIRE(bare.count("AIP-SEC-007") == 1);
  CHECK(bare.findings[0].location.line == 3);
  CHECK(bare.findings[0].message.find("compliance packs sox, hipaa are checked at review time only") == 0);
  auto recorded = aip::lint::test::lint_spec(
      head + "storage:\n  buckets:\n    audit: {preset: logs, receives: [config]}\nsecurity:\n  config: {bucket: audit}\n",
      "AIP-SEC-007");
  CHECK(recorded.findings.empty());
  CHECK(aip::lint::test::lint_spec("aip: 1\nname: t\naccounts:\n  dev: {id: \"111111111111\", region: us-east-1}\n",
                                   "AIP-SEC-007")
            .findings.empty());
}

TEST_CASE("every Config rule of a pack names real lint rules, tagged with a pack that deploys it") {
  for (const aip::spec::ConfigManagedRule& c : aip::spec::config_rules()) {
    INFO(c.identifier);
    CHECK_FALSE(c.packs.empty());
    for (const std::string& p : c.packs) {
      const auto& packs = aip::spec::compliance_packs();
      CHECK(std::find(packs.begin(), packs.end(), p) != packs.end());
    }
    for (const std::string& id : c.lint) {
      const aip::lint::Rule* r = aip::lint::find_rule(id);
      REQUIRE(r != nullptr);
      bool shared = std::any_of(c.packs.begin(), c.packs.end(), [&](const std::string& p) {
        return std::find(r->info.tags.begin(), r->info.tags.end(), p) != r->info.tags.end();
      });
      CHECK(shared);
    }
  }
  // Identifiers are unique: one rule per account however many packs name it.
  std::set<std::string> seen;
  for (const auto& c : aip::spec::config_rules()) CHECK(seen.insert(c.identifier).second);
}

TEST_CASE("a pack shows its lint rules next to the Config rules that check the same at runtime") {
  std::string md = aip::lint::pack_markdown("hipaa");
  CHECK(md.find("| AIP-ENC-002 | Bucket does not enforce TLS | `S3_BUCKET_SSL_REQUESTS_ONLY` |") != std::string::npos);
  CHECK(md.find("| AIP-ENC-005 | SQS queue without encryption | review time only |") != std::string::npos);
  CHECK(md.find("| runtime only | a root user without MFA | `ROOT_ACCOUNT_MFA_ENABLED` |") != std::string::npos);
  // sox has no SQS rule, and its log retention rule maps to the one-year Config check.
  std::string sox = aip::lint::pack_markdown("sox");
  CHECK(sox.find("AIP-ENC-005") == std::string::npos);
  CHECK(sox.find("| AIP-LOG-005 |") != std::string::npos);
  CHECK(sox.find("`CW_LOGGROUP_RETENTION_PERIOD_CHECK`") != std::string::npos);
  auto pci = aip::lint::pack_json("pci-dss");
  CHECK(pci["pack"] == "pci-dss");
  CHECK(pci["config"].size() == aip::spec::config_rules_of({"pci-dss"}).size());
}

TEST_CASE("docs/compliance-packs.md is the generated pack table") {
  CHECK(test_security_rules::sec_read(std::string(AIP_SOURCE_DIR) + "/docs/compliance-packs.md") == aip::lint::packs_markdown());
}
