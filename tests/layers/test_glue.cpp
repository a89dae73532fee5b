// Glue (glue:): catalog databases, crawlers and jobs with roles scoped to
// their prefixes and database, the security configuration, triggers; every
// reader and check error.
#include <catch2/catch.hpp>

#include "support/plan_text.hpp"
#include "support/statement.hpp"

using aip::cfn::Json;
using aip::test::errors_of;
using aip::test::plan_text;
using aip::test::statement;

namespace {

const char* kGlueAccounts =
    "aip: 1\n"
    "name: test\n"
    "accounts:\n"
    "  dev: {id: \"123456789012\", region: us-east-1}\n"
    "  prod: {id: \"555555555555\", region: us-east-1}\n";

const char* kGlueBase = "storage:\n"
    "  buckets:\n"
    "    raw: {account: dev, access_logs: false}\n"
    "    curated: {account: dev, access_logs: false}\n"
    "    scripts: {account: dev, access_logs: false}\n"
    "    prod-data: {account: prod, access_logs: false}\n"
    "glue:\n"
    "  databases:\n"
    "    lake: {account: dev}\n"
    "    prod-lake: {account: prod}\n";

}  // namespace

TEST_CASE("a crawler and two jobs: scoped roles, one security configuration, schedule and after") {
  auto p = plan_text(std::string(kGlueAccounts) + kGlueBase +
                     "  crawlers:\n"
                     "    raw: {database: lake, targets: [{bucket: raw, prefix: sales/}], schedule: 'cron(15 * * * ? *)'}\n"
                     "  jobs:\n"
                     "    curate:\n"
                     "      database: lake\n"
                     "      script: {bucket: scripts, key: glue/curate.py}\n"
                     "      workers: 10\n"
                     "      read: [{bucket: raw, prefix: sales/}]\n"
                     "      write: [{bucket: curated, prefix: sales/}]\n"
                     "      schedule: cron(0 * * * ? *)\n"
                     "    publish: {script: {bucket: scripts, key: glue/publish.py}, bookmarks: false, read: [curated], "
                     "after: curate}\n");
  CHECK(p.schema_findings().empty());
  const auto& s = p.stack("test-dev-glue");
  CHECK(s.find("LakeGlueDatabase")->properties["DatabaseInput"]["Name"] == "test_lake");
  // One key and security configuration for the stack, named by every job and crawler.
  const Json& enc = s.find("GlueSecurityConfiguration")->properties["EncryptionConfiguration"];
  CHECK(enc["S3Encryptions"][0]["S3EncryptionMode"] == "SSE-KMS");
  CHECK(enc["CloudWatchEncryption"]["CloudWatchEncryptionMode"] == "SSE-KMS");
  CHECK(enc["JobBookmarksEncryption"]["JobBookmarksEncryptionMode"] == "CSE-KMS");
  CHECK(s.find("RawCrawler")->properties["CrawlerSecurityConfiguration"] == Json::parse(R"({"Ref": "GlueSecurityConfiguration"})"));
  CHECK(s.find("RawCrawler")->properties["Targets"]["S3Targets"][0]["Path"] == "s3://test-raw-123456789012-us-east-1/sales/");
  const Json& job = s.find("CurateGlueJob")->properties;
  CHECK(job["SecurityConfiguration"] == Json::parse(R"({"Ref": "GlueSecurityConfiguration"})"));
  CHECK(job["GlueVersion"] == "4.0");
  CHECK(job["NumberOfWorkers"] == 10);
  CHECK(job["Command"]["ScriptLocation"] == "s3://test-scripts-123456789012-us-east-1/glue/curate.py");
  CHECK(job["DefaultArguments"]["--job-bookmark-option"] == "job-bookmark-enable");
  CHECK(s.find("PublishGlueJob")->properties["DefaultArguments"]["--job-bookmark-option"] == "job-bookmark-disable");
  // The crawler's role: list and read under sales/ only, tables of its database only.
  const Json& crawler = s.find("RawCrawlerRole")->properties["Policies"][0]["PolicyDocument"];
  CHECK(statement(crawler, "ListPrefixes")["Condition"] == Json::parse(R"({"StringLike": {"s3:prefix": ["sales/*"]}})"));
  CHECK(statement(crawler, "ReadObjects")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:s3:::test-raw-123456789012-us-east-1/sales/*"}])"));
  CHECK(statement(crawler, "CatalogDatabase")["Resource"][2] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:table/test_lake/*"})"));
  // The job's role: its script exactly, writes only under its output prefix.
  const Json& role = s.find("CurateGlueJobRole")->properties["Policies"][0]["PolicyDocument"];
  CHECK(statement(role, "ReadObjects")["Resource"][0] ==
        Json::parse(R"({"Fn::Sub": "arn:${AWS::Partition}:s3:::test-scripts-123456789012-us-east-1/glue/curate.py"})"));
  CHECK(statement(role, "WriteObjects")["Resource"] ==
        Json::parse(R"([{"Fn::Sub": "arn:${AWS::Partition}:s3:::test-curated-123456789012-us-east-1/sales/*"}])"));
  // A job without a database touches no catalog.
  for (const Json& st : s.find("PublishGlueJobRole")->properties["Policies"][0]["PolicyDocument"]["Statement"]) {
    CHECK(st["Sid"] != "CatalogDatabase");
  }
  // Triggers: a schedule, and the success of another job.
  const Json& hourly = s.find("CurateGlueJobTrigger")->properties;
  CHECK(hourly["Type"] == "SCHEDULED");
  CHECK(hourly["Schedule"] == "cron(0 * * * ? *)");
  const Json& after = s.find("PublishGlueJobTrigger")->properties;
  CHECK(after["Type"] == "CONDITIONAL");
  CHECK(after["Predicate"]["Conditions"][0] ==
        Json::parse(R"({"JobName": {"Ref": "CurateGlueJob"}, "LogicalOperator": "EQUALS", "State": "SUCCEEDED"})"));
  CHECK(s.find("RawCrawler")->properties["Schedule"]["ScheduleExpression"] == "cron(15 * * * ? *)");
}

TEST_CASE("glue reader errors point at the key") {
  auto errors = [](const std::string& c) { return errors_of(std::string(kGlueBase) + c, kGlueAccounts); };
  CHECK(errors("    Lake: {account: dev, database_name: Lake}\n") ==
        "spec.yaml:16:41: Glue database names are lowercase letters, digits and '_'; got 'Lake'\n");
  CHECK(errors("  crawlers:\n    c: {database: lake}\n") ==
        "spec.yaml:17:5: crawler 'c' is missing required key 'targets'\n");
  CHECK(errors("  crawlers:\n    c: {database: lake, targets: [raw], schedule: 'rate(1 hour)'}\n") ==
        "spec.yaml:17:51: 'rate(1 hour)' is not a Glue schedule: cron(minutes hours day-of-month month day-of-week year), such as cron(0 * * * ? *)\n");
  CHECK(errors("  crawlers:\n    c: {database: lake, targets: [{prefix: x/}]}\n") ==
        "spec.yaml:17:35: 'targets' of crawler 'c' is missing required key 'bucket'\n");
  CHECK(errors("  jobs:\n    j: {database: lake, script: scripts}\n") ==
        "spec.yaml:17:33: 'script' of job 'j' needs {bucket: ..., key: ...}\n");
  CHECK(errors("  jobs:\n    j: {database: lake, script: {bucket: scripts}}\n") ==
        "spec.yaml:17:33: 'script' of job 'j' is missing required key 'key'\n");
  CHECK(errors("  jobs:\n    j: {database: lake}\n") ==
        "spec.yaml:17:5: job 'j' is missing required key 'script'\n");
  CHECK(errors("  jobs:\n    j: {database: lake, script: {bucket: scripts, key: j.py}, glue_version: '2.0'}\n") ==
        "spec.yaml:17:77: 'glue_version' must be one of 3.0, 4.0, 5.0, got '2.0'; did you mean '3.0'?\n");
  CHECK(errors("  jobs:\n    j: {database: lake, script: {bucket: scripts, key: j.py}, worker_type: G.025X}\n") ==
        "spec.yaml:17:76: 'worker_type' must be one of G.1X, G.2X, G.4X, G.8X, got 'G.025X'; did you mean 'G.2X'?\n");
  CHECK(errors("  jobs:\n    j: {database: lake, script: {bucket: scripts, key: j.py}, workers: 1}\n") ==
        "spec.yaml:17:72: 'workers' must be between 2 and 299, got 1\n");
  CHECK(errors("  jobs:\n    j: {database: lake, script: {bucket: scripts, key: j.py}, schedule: 'cron(0 * * * ? *)', after: k}\n") ==
        "spec.yaml:17:101: job 'j' runs on a 'schedule' or 'after' another job, not both\n");
  CHECK(errors("  jobs:\n    j: {database: lake, script: {bucket: scripts, key: j.py}, bookmark: true}\n") ==
        "spec.yaml:17:63: unknown key 'bookmark' in job 'j'; did you mean 'bookmarks'?\n");
}

TEST_CASE("glue check errors point at the element") {
  auto errors = [](const std::string& c) { return errors_of(std::string(kGlueBase) + c, kGlueAccounts); };
  CHECK(errors("  crawlers:\n    c: {database: laek, targets: [raw]}\n") ==
        "spec.yaml:17:19: crawler 'c' refers to database 'laek', which is not defined; did you mean 'lake'?\n");
  CHECK(errors("  crawlers:\n    c: {database: lake, targets: [{bucket: rwa}]}\n") ==
        "spec.yaml:17:44: crawler 'c' refers to bucket 'rwa', which is not defined; did you mean 'raw'?\n");
  CHECK(errors("  crawlers:\n    c: {database: lake, targets: [prod-data]}\n") ==
        "spec.yaml:17:35: crawler 'c' (account dev, us-east-1) refers to bucket 'prod-data' (account prod, us-east-1); Glue reaches buckets of its own account and region\n");
  CHECK(errors("  crawlers:\n    c: {database: lake, targets: [{bucket: raw, prefix: /sales}]}\n") ==
        "spec.yaml:17:57: prefix '/sales' of crawler 'c' is a key prefix such as sales/ (no leading '/', no wildcards)\n");
  CHECK(errors("  crawlers:\n    c: {database: lake, targets: []}\n") ==
        "spec.yaml:17:5: crawler 'c' has no 'targets': name buckets and prefixes to crawl\n");
  CHECK(errors("  jobs:\n    j: {database: lake, script: {bucket: scripst, key: j.py}}\n") ==
        "spec.yaml:17:42: the script of job 'j' refers to bucket 'scripst', which is not defined; did you mean 'scripts'?\n");
  CHECK(errors("  jobs:\n    j: {database: lake, script: {bucket: scripts, key: j.py}, write: [{bucket: curated, prefix: 'out/*'}]}\n") ==
        "spec.yaml:17:97: prefix 'out/*' of job 'j' is a key prefix such as sales/ (no leading '/', no wildcards)\n");
  CHECK(errors("  jobs:\n    j: {database: lake, script: {bucket: scripts, key: j.py}, after: k}\n") ==
        "spec.yaml:17:70: job 'j' runs after job 'k', which is not defined; did you mean 'j'?\n");
  CHECK(errors("  jobs:\n    j: {database: lake, script: {bucket: scripts, key: j.py}, after: j}\n") ==
        "spec.yaml:17:70: job 'j' cannot run after itself\n");
  CHECK(errors("  jobs:\n    j: {database: lake, script: {bucket: scripts, key: j.py}}\n    k: {database: prod-lake, script: {bucket: prod-data, key: k.py}, after: j}\n") ==
        "spec.yaml:18:77: job 'k' runs after job 'j', which runs in another account or region\n");
  CHECK(errors("    other: {account: dev, database_name: test_lake}\n") ==
        "spec.yaml:16:5: databases 'lake' and 'other' would both be named 'test_lake'\n");
}

