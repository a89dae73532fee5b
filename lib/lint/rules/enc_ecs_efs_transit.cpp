// AIP-ENC-036: an ECS task definition that mounts an EFS volume without
// encryption in transit (checkov CKV_AWS_97).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_ecs_efs_transit {

void check(Context& ctx) {
  for (const ResourceRef& td : ctx.resources("AWS::ECS::TaskDefinition")) {
    const Json* volumes = member(td.properties(), "Volumes");
    if (volumes == nullptr || !volumes->is_array()) continue;
    for (std::size_t i = 0; i < volumes->size(); ++i) {
      const Json* efs = member((*volumes)[i], "EFSVolumeConfiguration");
      if (efs == nullptr || !efs->is_object()) continue;
      const Json* transit = member(*efs, "TransitEncryption");
      if (transit != nullptr && (!transit->is_string() || transit->get<std::string>() == "ENABLED")) continue;
      const Json* name = member((*volumes)[i], "Name");
      Path at{"Properties", "Volumes", std::to_string(i), "EFSVolumeConfiguration"};
      if (transit != nullptr) at.push_back("TransitEncryption");
      ctx.report(td, at,
                 fmt::format("task definition {} mounts EFS volume {} without TLS: set TransitEncryption: ENABLED",
                             td.display(),
                             name != nullptr && name->is_string() ? name->get<std::string>() : std::to_string(i)));
    }
  }
}

}  // namespace enc_ecs_efs_transit

const Rule& rule_enc_ecs_efs_transit() {
  static const Rule rule{
      {"AIP-ENC-036", "ECS task mounts EFS without encryption in transit", Severity::warning,
       {"encryption", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "An EFS file system encrypted at rest still serves NFS in clear text to a client that does not ask for TLS. "
       "An ECS task definition's EFS volume mounts without TLS unless TransitEncryption is ENABLED, so every file "
       "a task reads or writes (model weights, documents, checkpoints) crosses the VPC unencrypted, and a file "
       "system policy that requires aws:SecureTransport refuses the mount outright (checkov CKV_AWS_97).",
       "Set EFSVolumeConfiguration TransitEncryption: ENABLED (and AuthorizationConfig Iam: ENABLED with an "
       "access point, so the task role's IAM policy decides what it may mount)."},
      &enc_ecs_efs_transit::check};
  return rule;
}

}  // namespace aip::lint
