// AIP-ENC-041: an EMR cluster whose security configuration does not encrypt
// its instances' local disks (cdk-nag AwsSolutions-EMR4) or its traffic in
// transit (EMR5), or that has no security configuration at all.
#include <optional>
#include <string>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_emr_security_configuration {

// The security configuration a cluster names: by Ref, or by the Name of one in the same template.
std::optional<ResourceRef> find_config(const Context& ctx, const ResourceRef& cluster, const Json& name) {
  if (auto r = ctx.resolve(*cluster.tmpl, name); r && r->type() == "AWS::EMR::SecurityConfiguration") return r;
  if (!name.is_string()) return std::nullopt;
  for (const ResourceRef& c : ctx.resources("AWS::EMR::SecurityConfiguration")) {
    const Json* n = member(c.properties(), "Name");
    if (c.tmpl == cluster.tmpl && n != nullptr && *n == name) return c;
  }
  return std::nullopt;
}

// The EncryptionConfiguration block: an object, or JSON text. cdk-nag also reads its keys at the top level.
Json encryption_of(const ResourceRef& config) {
  const Json* body = member(config.properties(), "SecurityConfiguration");
  if (body == nullptr) return Json::object();
  Json doc = body->is_string() ? Json::parse(body->get<std::string>(), nullptr, false) : *body;
  if (!doc.is_object()) return Json::object();
  const Json* enc = member(doc, "EncryptionConfiguration");
  return enc != nullptr && enc->is_object() ? *enc : doc;
}

void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::EMR::Cluster")) {
    const Json* name = member(c.properties(), "SecurityConfiguration");
    if (name == nullptr) {
      ctx.report(c, {},
                 fmt::format("EMR cluster {} has no security configuration: its instances' local disks and the "
                             "traffic between its nodes are not encrypted",
                             c.display()));
      continue;
    }
    auto config = find_config(ctx, c, *name);
    if (!config) continue;  // defined outside the template: cannot be judged
    const Json enc = encryption_of(*config);
    const Json* rest = member(enc, "EnableAtRestEncryption");
    const Json* disk = member_path(enc, {"AtRestEncryptionConfiguration", "LocalDiskEncryptionConfiguration",
                                         "EncryptionKeyProviderType"});
    const Json* transit = member(enc, "EnableInTransitEncryption");
    const Json* certificates = member_path(enc, {"InTransitEncryptionConfiguration", "TLSCertificateConfiguration",
                                                 "CertificateProviderType"});
    std::string missing;
    if (rest == nullptr || !is_true(*rest) || disk == nullptr) missing = "local disks";
    if (transit == nullptr || !is_true(*transit) || certificates == nullptr) {
      missing += std::string(missing.empty() ? "" : " and ") + "traffic in transit";
    }
    if (missing.empty()) continue;
    Finding& f = ctx.report(c, {"Properties", "SecurityConfiguration"},
                            fmt::format("EMR cluster {} uses the security configuration {}, which does not encrypt {}",
                                        c.display(), config->display(), missing));
    f.note(ctx.locate(*config, {}), "security configuration declared here");
  }
}

}  // namespace enc_emr_security_configuration

const Rule& rule_enc_emr_security_configuration() {
  static const Rule rule{
      {"AIP-ENC-041", "EMR cluster without local disk or in-transit encryption", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "gdpr", "soc2", "iso27001"},
       "EMR encrypts nothing on its instances by itself: the HDFS blocks, shuffle files and spill on the "
       "instance store and EBS volumes, and the data Spark, Hadoop and Presto send between nodes, are "
       "encrypted only by a security configuration with EnableAtRestEncryption and a LocalDiskEncryptionConfiguration, "
       "and EnableInTransitEncryption with a TLS certificate provider (cdk-nag AwsSolutions-EMR4 and EMR5). A "
       "cluster that names a security configuration defined outside the template is not judged.",
       "Create an AWS::EMR::SecurityConfiguration whose EncryptionConfiguration sets EnableAtRestEncryption: true "
       "with AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration {EncryptionKeyProviderType: AwsKms, "
       "AwsKmsKey: ...} and EnableInTransitEncryption: true with InTransitEncryptionConfiguration."
       "TLSCertificateConfiguration, and name it in the cluster's SecurityConfiguration."},
      &enc_emr_security_configuration::check};
  return rule;
}

}  // namespace aip::lint
