// AIP-ENC-007 (packs hipaa, pci-dss): data encrypted with an AWS-managed or
// service-owned key instead of a customer-managed KMS key.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_customer_managed_key {

bool aws_managed_alias(const Json& key) {
  return key.is_string() && lower(key.get<std::string>()).find("alias/aws/") != std::string::npos;
}

void check_buckets(Context& ctx) {
  for (const ResourceRef& b : ctx.resources("AWS::S3::Bucket")) {
    const Json* rules = member_path(b.properties(), {"BucketEncryption", "ServerSideEncryptionConfiguration"});
    if (rules == nullptr || !rules->is_array()) continue;  // no encryption at all: AIP-ENC-001
    for (std::size_t i = 0; i < rules->size(); ++i) {
      const Json* by_default = member((*rules)[i], "ServerSideEncryptionByDefault");
      if (by_default == nullptr) continue;
      const Json* algorithm = member(*by_default, "SSEAlgorithm");
      const Json* key = member(*by_default, "KMSMasterKeyID");
      bool s3_managed = algorithm != nullptr && algorithm->is_string() && *algorithm == "AES256";
      bool kms_default = algorithm != nullptr && algorithm->is_string() && algorithm->get<std::string>() != "AES256" &&
                         (key == nullptr || aws_managed_alias(*key));
      if (!s3_managed && !kms_default) continue;
      ctx.report(b,
                 {"Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", std::to_string(i),
                  "ServerSideEncryptionByDefault"},
                 fmt::format("bucket {} is encrypted with {}, not a customer-managed KMS key", b.display(),
                             s3_managed ? "S3-managed keys (SSE-S3)" : "the AWS-managed key aws/s3"));
    }
  }
}

void check_queues_and_topics(Context& ctx) {
  for (const ResourceRef& q : ctx.resources("AWS::SQS::Queue")) {
    const Json* key = member(q.properties(), "KmsMasterKeyId");
    if (key != nullptr && !aws_managed_alias(*key)) continue;
    const Json* managed = member(q.properties(), "SqsManagedSseEnabled");
    if (key == nullptr && managed != nullptr && is_false(*managed)) continue;  // unencrypted: AIP-ENC-005
    ctx.report(q, key != nullptr ? Path{"Properties", "KmsMasterKeyId"} : Path{},
               fmt::format("queue {} is encrypted with {}, not a customer-managed KMS key", q.display(),
                           key != nullptr ? "the AWS-managed key aws/sqs" : "SQS-owned keys (SSE-SQS)"));
  }
  for (const ResourceRef& t : ctx.resources("AWS::SNS::Topic")) {
    const Json* key = member(t.properties(), "KmsMasterKeyId");
    if (key == nullptr || !aws_managed_alias(*key)) continue;  // none: AIP-ENC-004
    ctx.report(t, {"Properties", "KmsMasterKeyId"},
               fmt::format("topic {} is encrypted with the AWS-managed key aws/sns, not a customer-managed KMS key",
                           t.display()));
  }
}

// DynamoDB tables (checkov CKV_AWS_119), ECR repositories (CKV_AWS_136), Secrets
// Manager secrets (CKV_AWS_149) and Bedrock agents (CKV_AWS_373).
void check_ai_platform_stores(Context& ctx) {
  for (const ResourceRef& t : ctx.resources("AWS::DynamoDB::Table")) {
    const Json* sse = member(t.properties(), "SSESpecification");
    const Json* enabled = sse != nullptr ? member(*sse, "SSEEnabled") : nullptr;
    const Json* key = sse != nullptr ? member(*sse, "KMSMasterKeyId") : nullptr;
    const bool kms = enabled != nullptr && is_true(*enabled);
    if (kms && key != nullptr && !aws_managed_alias(*key)) continue;
    ctx.report(t, sse != nullptr ? Path{"Properties", "SSESpecification"} : Path{},
               fmt::format("table {} is encrypted with {}, not a customer-managed KMS key", t.display(),
                           kms ? "the AWS-managed key aws/dynamodb" : "a DynamoDB-owned key"));
  }
  for (const ResourceRef& r : ctx.resources("AWS::ECR::Repository")) {
    const Json* config = member(r.properties(), "EncryptionConfiguration");
    const Json* type = config != nullptr ? member(*config, "EncryptionType") : nullptr;
    const Json* key = config != nullptr ? member(*config, "KmsKey") : nullptr;
    const bool kms = type != nullptr && type->is_string() && type->get<std::string>().rfind("KMS", 0) == 0;
    if (type != nullptr && !type->is_string()) continue;  // an intrinsic
    if (kms && key != nullptr && !aws_managed_alias(*key)) continue;
    ctx.report(r, config != nullptr ? Path{"Properties", "EncryptionConfiguration"} : Path{},
               fmt::format("repository {} is encrypted with {}, not a customer-managed KMS key", r.display(),
                           kms ? "the AWS-managed key aws/ecr" : "S3-managed keys (AES256)"));
  }
  for (const ResourceRef& s : ctx.resources("AWS::SecretsManager::Secret")) {
    const Json* key = member(s.properties(), "KmsKeyId");
    if (key != nullptr && !aws_managed_alias(*key)) continue;
    ctx.report(s, key != nullptr ? Path{"Properties", "KmsKeyId"} : Path{},
               fmt::format("secret {} is encrypted with the AWS-managed key aws/secretsmanager, not a "
                           "customer-managed KMS key",
                           s.display()));
  }
  for (const ResourceRef& a : ctx.resources("AWS::Bedrock::Agent")) {
    if (member(a.properties(), "CustomerEncryptionKeyArn") != nullptr) continue;
    ctx.report(a, {},
               fmt::format("Bedrock agent {} is encrypted with an AWS-owned key: set CustomerEncryptionKeyArn",
                           a.display()));
  }
  // Timestream databases (cdk-nag TS3, checkov CKV_AWS_160): the aws/timestream key without KmsKeyId.
  for (const ResourceRef& d : ctx.resources("AWS::Timestream::Database")) {
    const Json* key = member(d.properties(), "KmsKeyId");
    if (key != nullptr && !aws_managed_alias(*key)) continue;
    ctx.report(d, key != nullptr ? Path{"Properties", "KmsKeyId"} : Path{},
               fmt::format("Timestream database {} is encrypted with the AWS-managed key aws/timestream, not a "
                           "customer-managed KMS key",
                           d.display()));
  }
}

void check(Context& ctx) {
  check_buckets(ctx);
  check_queues_and_topics(ctx);
  check_ai_platform_stores(ctx);
}

}  // namespace enc_customer_managed_key

const Rule& rule_enc_customer_managed_key() {
  static const Rule rule{
      {"AIP-ENC-007", "Data encrypted without a customer-managed key (pack: hipaa, pci-dss)", Severity::warning,
       {"encryption", "hipaa", "pci-dss"},
       "S3-managed keys, SQS- and DynamoDB-owned keys and the AWS-managed aws/* KMS keys encrypt data at rest "
       "(buckets, queues, topics, tables, image repositories, secrets, Bedrock agents, Timestream databases), but "
       "their key "
       "policies cannot be changed: every principal the service lets in can decrypt, and the key cannot be disabled "
       "or revoked to cut access. HIPAA (164.312(a)(2)(iv)) and PCI DSS (3.6, 3.7) ask for documented control over "
       "the keys that protect regulated data (checkov CKV_AWS_119, CKV_AWS_136, CKV_AWS_149 and CKV_AWS_373 "
       "check tables, repositories, secrets and agents the same way; cdk-nag AwsSolutions-TS3 and checkov "
       "CKV_AWS_160 Timestream databases). This rule runs only when the hipaa or pci-dss "
       "pack is on.",
       "Encrypt with a customer-managed KMS key whose policy names who may decrypt. In a spec: buckets use one by "
       "default (`encryption: kms`); S3 server access log buckets must use SSE-S3 (S3 cannot deliver the logs "
       "otherwise), so suppress this rule there with that reason.",
       {"hipaa", "pci-dss"}},  // pack-only
      &enc_customer_managed_key::check};
  return rule;
}

}  // namespace aip::lint
