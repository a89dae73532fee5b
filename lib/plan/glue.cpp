// Glue (seed 001's ETL layer), in the glue stack of each account and region:
// catalog databases; per glue stack with crawlers or jobs one KMS key and one
// security configuration (S3 SSE-KMS, CloudWatch Logs SSE-KMS, job bookmarks
// CSE-KMS); per crawler and job a role that reaches exactly its buckets and
// prefixes, its catalog database and its own logs; jobs' triggers (a schedule,
// or the success of another job).
#include <algorithm>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "base/arn.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::plan {
namespace glue_plan {

using cfn::Json;
namespace fn = cfn::intrinsic;

cfn::Stack& glue_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Placement& at) {
  return stack_for(assembly, spec, kLayerGlue, *at.account, at.region);
}

std::string security_configuration_name(const spec::Spec& spec) { return spec.name.value + "-glue"; }

// The key and security configuration of a glue stack, once.
void ensure_security(const spec::Spec& spec, cfn::Stack& stack, Location where) {
  if (stack.find(kGlueSecurityConfigurationId) != nullptr) return;
  cfn::Resource& key = add_resource(
      stack, kGlueKeyId, "AWS::KMS::Key",
      {{"Description", fmt::format("Encrypts Glue output, logs and job bookmarks of platform {}", spec.name.value)},
       {"EnableKeyRotation", true},
       {"KeyPolicy",
        policy_doc(Json::array({account_administers_key(),
                                cloudwatch_logs_use_key(stack_arn("logs", "log-group:/aws-glue/*"), "ArnLike")}))}},
      where);
  key.deletion_policy = "Retain";  // output and bookmarks stay readable
  const Json key_arn = fn::get_att(kGlueKeyId, "Arn");
  add_resource(stack, kGlueSecurityConfigurationId, "AWS::Glue::SecurityConfiguration",
               {{"Name", security_configuration_name(spec)},
                {"EncryptionConfiguration",
                 {{"S3Encryptions", Json::array({{{"S3EncryptionMode", "SSE-KMS"}, {"KmsKeyArn", key_arn}}})},
                  {"CloudWatchEncryption", {{"CloudWatchEncryptionMode", "SSE-KMS"}, {"KmsKeyArn", key_arn}}},
                  {"JobBookmarksEncryption", {{"JobBookmarksEncryptionMode", "CSE-KMS"}, {"KmsKeyArn", key_arn}}}}}},
               where);
}

struct Grants {
  std::map<std::string, std::vector<std::string>> prefixes;  // bucket ARN -> prefixes it may list
  std::vector<std::string> order;                            // bucket ARNs, first use first
  Json read = Json::array();
  Json write = Json::array();
  Json read_keys = Json::array();
  Json write_keys = Json::array();
};

std::string bucket_name(const spec::Spec& spec, const spec::Bucket& b) {
  spec::Placement where = spec::place(spec, b.account, b.region);
  return spec::s3_bucket_name(spec, b, where.region);
}

std::string clean_prefix(std::string prefix) {
  while (!prefix.empty() && prefix.back() == '*') prefix.pop_back();
  return prefix;
}

void push_unique(Json& list, Json value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

// Objects under a prefix (or one object, `exact`); listing only under prefixes.
void grant_path(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& stack, const spec::BucketPath& path,
                bool write, bool exact, Grants& g) {
  const spec::Bucket& b = *spec.storage.find(path.bucket.value);
  const std::string arn = aws::arn(aws::kThisPartition, "s3", "", "", bucket_name(spec, b));
  const std::string prefix = clean_prefix(path.prefix.value);
  push_unique(write ? g.write : g.read, fn::sub(arn + "/" + prefix + (exact ? "" : "*")));
  if (!exact && !write) {
    if (g.prefixes.count(arn) == 0) g.order.push_back(arn);
    std::vector<std::string>& list = g.prefixes[arn];
    if (std::find(list.begin(), list.end(), prefix) == list.end()) list.push_back(prefix);
  }
  if (b.encryption.value == "kms") {
    spec::Placement where = spec::place(spec, b.account, b.region);
    cfn::Stack& storage = stack_for(assembly, spec, kLayerStorage, *where.account, where.region);
    push_unique(write ? g.write_keys : g.read_keys, bucket_key_arn(spec, assembly, stack, storage, b));
  }
}

Json catalog_statement(const std::string& database, bool crawler) {
  Json actions = Json::array({"glue:BatchCreatePartition", "glue:BatchGetPartition", "glue:CreatePartition",
                              "glue:CreateTable", "glue:GetDatabase", "glue:GetPartition", "glue:GetPartitions",
                              "glue:GetTable", "glue:GetTables", "glue:UpdatePartition", "glue:UpdateTable"});
  if (crawler) actions.push_back("glue:BatchUpdatePartition");
  std::sort(actions.begin(), actions.end());
  return allow("CatalogDatabase", actions,
               Json::array({stack_arn("glue", "catalog"), stack_arn("glue", "database/" + database),
                            stack_arn("glue", "table/" + database + "/*")}));
}

Json role_statements(const Grants& g, const std::string& log_groups) {
  Json st = Json::array();
  for (std::size_t i = 0; i < g.order.size(); ++i) {
    const std::vector<std::string>& prefixes = g.prefixes.at(g.order[i]);
    PolicyStatement s = allow(g.order.size() == 1 ? "ListPrefixes" : fmt::format("ListPrefixes{}", i + 1),
                              "s3:ListBucket", fn::sub(g.order[i]));
    if (std::find(prefixes.begin(), prefixes.end(), "") == prefixes.end()) {
      Json like = Json::array();
      for (const std::string& p : prefixes) like.push_back(p + "*");
      s.condition("StringLike", "s3:prefix", like);
    }
    st.push_back(s);
  }
  if (!g.read.empty()) st.push_back(allow("ReadObjects", "s3:GetObject", g.read));
  if (!g.write.empty()) {
    st.push_back(allow("WriteObjects", Json::array({"s3:AbortMultipartUpload", "s3:DeleteObject", "s3:PutObject"}),
                       g.write));
  }
  Json decrypt = Json::array();
  for (const Json& k : g.read_keys) {
    if (std::find(g.write_keys.begin(), g.write_keys.end(), k) == g.write_keys.end()) decrypt.push_back(k);
  }
  if (!decrypt.empty()) st.push_back(allow("DecryptInputs", "kms:Decrypt", decrypt));
  // Its own output (the security configuration's key, and written buckets' keys).
  Json keys = g.write_keys;
  keys.push_back(fn::get_att(kGlueKeyId, "Arn"));
  st.push_back(allow("EncryptOutputs", Json::array({"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"}), keys));
  st.push_back(allow("WriteLogs",
                     Json::array({"logs:AssociateKmsKey", "logs:CreateLogGroup", "logs:CreateLogStream",
                                  "logs:PutLogEvents"}),
                     Json::array({stack_arn("logs", "log-group:" + log_groups + "*"),
                                  stack_arn("logs", "log-group:" + log_groups + "*:log-stream:*")})));
  return st;
}

void plan_database(const spec::Spec& spec, cfn::Assembly& assembly, const spec::GlueDatabase& d) {
  spec::Placement at = spec::place(spec, d.account, d.region);
  cfn::Stack& stack = glue_stack(spec, assembly, at);
  Json input = {{"Name", spec::glue_database_name(spec, d)}};
  input["Description"] = d.description.value.empty()
                             ? fmt::format("Catalog database {} of platform {}", d.name, spec.name.value)
                             : d.description.value;
  add_resource(stack, glue_database_id(d.name), "AWS::Glue::Database",
               {{"CatalogId", fn::ref("AWS::AccountId")}, {"DatabaseInput", input}}, d.location, d.tags);
}

void plan_crawler(const spec::Spec& spec, cfn::Assembly& assembly, const spec::GlueCrawler& c) {
  const spec::GlueDatabase& d = *spec.glue.find_database(c.database.value);
  spec::Placement at = spec::place(spec, d.account, d.region);
  cfn::Stack& stack = glue_stack(spec, assembly, at);
  ensure_security(spec, stack, c.location);
  const std::string id = glue_crawler_id(c.name);
  const std::string database = spec::glue_database_name(spec, d);
  Grants g;
  Json targets = Json::array();
  for (const spec::BucketPath& p : c.targets) {
    grant_path(spec, assembly, stack, p, false, false, g);
    const spec::Bucket& b = *spec.storage.find(p.bucket.value);
    targets.push_back({{"Path", fmt::format("s3://{}/{}", bucket_name(spec, b), clean_prefix(p.prefix.value))}});
  }
  Json statements = role_statements(g, "/aws-glue/crawlers");
  statements.push_back(catalog_statement(database, true));
  add_resource(stack, id + "Role", "AWS::IAM::Role",
               {{"AssumeRolePolicyDocument", trust_service("glue.amazonaws.com")},
                {"Description", fmt::format("Crawler {}: its prefixes and catalog database only",
                                            spec::glue_crawler_name(spec, c))},
                {"Policies", Json::array({{{"PolicyName", "crawler"}, {"PolicyDocument", policy_doc(statements)}}})}},
               c.location, c.tags);
  Json props = {{"Name", spec::glue_crawler_name(spec, c)},
                {"Role", fn::get_att(id + "Role", "Arn")},
                {"DatabaseName", fn::ref(glue_database_id(d.name))},
                {"Targets", {{"S3Targets", targets}}},
                {"CrawlerSecurityConfiguration", fn::ref(kGlueSecurityConfigurationId)},
                {"SchemaChangePolicy", {{"UpdateBehavior", "UPDATE_IN_DATABASE"}, {"DeleteBehavior", "LOG"}}}};
  if (!c.table_prefix.value.empty()) props["TablePrefix"] = c.table_prefix.value;
  if (!c.schedule.value.empty()) props["Schedule"] = {{"ScheduleExpression", c.schedule.value}};
  add_resource(stack, id, "AWS::Glue::Crawler", props, c.location, c.tags);
}

void plan_job(const spec::Spec& spec, cfn::Assembly& assembly, const spec::GlueJob& j) {
  spec::Placement at = spec::glue_job_placement(spec, j);
  cfn::Stack& stack = glue_stack(spec, assembly, at);
  ensure_security(spec, stack, j.location);
  const std::string id = glue_job_id(j.name);
  const std::string name = spec::glue_job_name(spec, j);
  Grants g;
  grant_path(spec, assembly, stack, j.script, false, true, g);
  for (const spec::BucketPath& p : j.read) grant_path(spec, assembly, stack, p, false, false, g);
  for (const spec::BucketPath& p : j.write) {
    grant_path(spec, assembly, stack, p, false, false, g);
    grant_path(spec, assembly, stack, p, true, false, g);
  }
  Json statements = role_statements(g, "/aws-glue/jobs");
  if (const spec::GlueDatabase* d = spec.glue.find_database(j.database.value)) {
    statements.push_back(catalog_statement(spec::glue_database_name(spec, *d), false));
  }
  add_resource(stack, id + "Role", "AWS::IAM::Role",
               {{"AssumeRolePolicyDocument", trust_service("glue.amazonaws.com")},
                {"Description", fmt::format("Glue job {}: its script, prefixes and catalog database only", name)},
                {"Policies", Json::array({{{"PolicyName", "job"}, {"PolicyDocument", policy_doc(statements)}}})}},
               j.location, j.tags);
  const spec::Bucket& sb = *spec.storage.find(j.script.bucket.value);
  add_resource(stack, id, "AWS::Glue::Job",
               {{"Name", name},
                {"Role", fn::get_att(id + "Role", "Arn")},
                {"Command",
                 {{"Name", "glueetl"},
                  {"PythonVersion", "3"},
                  {"ScriptLocation", fmt::format("s3://{}/{}", bucket_name(spec, sb), j.script.prefix.value)}}},
                {"GlueVersion", j.glue_version.value},
                {"WorkerType", j.worker_type.value},
                {"NumberOfWorkers", j.workers.value},
                {"Timeout", j.timeout_minutes.value},
                {"MaxRetries", j.max_retries.value},
                {"ExecutionProperty", {{"MaxConcurrentRuns", 1}}},
                {"SecurityConfiguration", fn::ref(kGlueSecurityConfigurationId)},
                {"DefaultArguments",
                 {{"--job-language", "python"},
                  {"--job-bookmark-option", j.bookmarks.value ? "job-bookmark-enable" : "job-bookmark-disable"},
                  {"--enable-metrics", "true"},
                  {"--enable-continuous-cloudwatch-log", "true"}}}},
               j.location, j.tags);
  if (!j.schedule.value.empty()) {
    add_resource(stack, id + "Trigger", "AWS::Glue::Trigger",
                 {{"Name", name + "-schedule"},
                  {"Type", "SCHEDULED"},
                  {"Schedule", j.schedule.value},
                  {"StartOnCreation", true},
                  {"Actions", Json::array({{{"JobName", fn::ref(id)}}})}},
                 j.schedule.location, j.tags);
  } else if (!j.after.value.empty()) {
    const spec::GlueJob& other = *spec.glue.find_job(j.after.value);
    add_resource(stack, id + "Trigger", "AWS::Glue::Trigger",
                 {{"Name", name + "-after-" + other.name},
                  {"Type", "CONDITIONAL"},
                  {"StartOnCreation", true},
                  {"Predicate",
                   {{"Conditions", Json::array({{{"JobName", fn::ref(glue_job_id(other.name))},
                                                 {"LogicalOperator", "EQUALS"},
                                                 {"State", "SUCCEEDED"}}})}}},
                  {"Actions", Json::array({{{"JobName", fn::ref(id)}}})}},
                 j.after.location, j.tags);
  }
}

}  // namespace glue_plan

void plan_glue(const spec::Spec& spec, cfn::Assembly& assembly) {
  using namespace glue_plan;
  for (const spec::GlueDatabase& d : spec.glue.databases) plan_database(spec, assembly, d);
  for (const spec::GlueCrawler& c : spec.glue.crawlers) plan_crawler(spec, assembly, c);
  for (const spec::GlueJob& j : spec.glue.jobs) plan_job(spec, assembly, j);
}

}  // namespace aip::plan
