// AIP-ENC-037: Glue Data Catalog encryption settings without metadata or
// connection password encryption (checkov CKV_AWS_94), and Glue security
// configurations that leave S3, CloudWatch Logs or job bookmarks unencrypted
// (checkov CKV_AWS_99).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_glue_catalog {

bool disabled_mode(const Json* mode) {
  return mode == nullptr || (mode->is_string() && mode->get<std::string>() == "DISABLED");
}

void check_catalogs(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::Glue::DataCatalogEncryptionSettings")) {
    const Json* settings = member(r.properties(), "DataCatalogEncryptionSettings");
    if (settings == nullptr) continue;  // required
    const Path at{"Properties", "DataCatalogEncryptionSettings"};
    const Json* mode = member_path(*settings, {"EncryptionAtRest", "CatalogEncryptionMode"});
    if (mode == nullptr || (mode->is_string() && mode->get<std::string>() == "DISABLED")) {
      ctx.report(r, at,
                 fmt::format("{} leaves the Data Catalog's metadata unencrypted: set EncryptionAtRest "
                             "CatalogEncryptionMode: SSE-KMS with SseAwsKmsKeyId",
                             r.display()));
    }
    const Json* passwords =
        member_path(*settings, {"ConnectionPasswordEncryption", "ReturnConnectionPasswordEncrypted"});
    if (passwords == nullptr || is_false(*passwords)) {
      ctx.report(r, at,
                 fmt::format("{} returns connection passwords in clear text to every caller of GetConnection: set "
                             "ConnectionPasswordEncryption ReturnConnectionPasswordEncrypted: true",
                             r.display()));
    }
  }
}

void check_security_configurations(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::Glue::SecurityConfiguration")) {
    const Json* config = member(r.properties(), "EncryptionConfiguration");
    if (config == nullptr || !config->is_object()) continue;
    std::vector<std::string> off;
    bool s3 = false;
    const Json* s3s = member(*config, "S3Encryptions");
    if (s3s != nullptr && s3s->is_array()) {
      for (const Json& e : *s3s) s3 = s3 || !disabled_mode(member(e, "S3EncryptionMode"));
    } else if (s3s != nullptr && s3s->is_object()) {
      s3 = !disabled_mode(member(*s3s, "S3EncryptionMode"));
    }
    if (!s3) off.push_back("S3 data");
    if (disabled_mode(member_path(*config, {"CloudWatchEncryption", "CloudWatchEncryptionMode"}))) {
      off.push_back("CloudWatch logs");
    }
    if (disabled_mode(member_path(*config, {"JobBookmarksEncryption", "JobBookmarksEncryptionMode"}))) {
      off.push_back("job bookmarks");
    }
    if (off.empty()) continue;
    std::string list;
    for (std::size_t i = 0; i < off.size(); ++i) list += (i == 0 ? "" : i + 1 == off.size() ? " and " : ", ") + off[i];
    ctx.report(r, {"Properties", "EncryptionConfiguration"},
               fmt::format("Glue security configuration {} does not encrypt {}: give each a KMS mode (SSE-KMS, "
                           "CSE-KMS for bookmarks) and key",
                           r.display(), list));
  }
}

void check(Context& ctx) {
  check_catalogs(ctx);
  check_security_configurations(ctx);
}

}  // namespace enc_glue_catalog

const Rule& rule_enc_glue_catalog() {
  static const Rule rule{
      {"AIP-ENC-037", "Glue Data Catalog or security configuration without encryption", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "soc2", "gdpr"},
       "The Data Catalog holds table schemas, S3 locations and connection definitions, including database "
       "passwords: unencrypted, anyone with glue:GetConnection reads those passwords in clear text. A security "
       "configuration is what encrypts a job's or crawler's S3 output, CloudWatch logs and job bookmarks; one that "
       "leaves any of them DISABLED writes that data with no key of yours (checkov CKV_AWS_94 for "
       "AWS::Glue::DataCatalogEncryptionSettings, CKV_AWS_99 for AWS::Glue::SecurityConfiguration; AIP-ENC-009 "
       "checks that jobs and crawlers name a security configuration at all).",
       "Catalog: EncryptionAtRest {CatalogEncryptionMode: SSE-KMS, SseAwsKmsKeyId: KEY} and "
       "ConnectionPasswordEncryption {ReturnConnectionPasswordEncrypted: true, KmsKeyId: KEY}. Security "
       "configuration: S3Encryptions [{S3EncryptionMode: SSE-KMS, KmsKeyArn}], CloudWatchEncryption SSE-KMS and "
       "JobBookmarksEncryption CSE-KMS (aip's `glue:` area renders this configuration)."},
      &enc_glue_catalog::check};
  return rule;
}

}  // namespace aip::lint
