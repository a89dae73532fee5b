// AIP-ENC-025: EBS volumes created unencrypted: AWS::EC2::Volume, and the
// block device mappings of instances, launch templates and launch
// configurations (cdk-nag EC26, checkov CKV_AWS_3 / CKV_AWS_8); WorkSpaces
// root and user volumes (checkov CKV_AWS_155 / CKV_AWS_156).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_ebs_volume {

// Each mapping with an Ebs block that does not say Encrypted: true. A mapping
// restored from a snapshot (SnapshotId) takes the snapshot's encryption, and a
// device without an Ebs block (ephemeral, NoDevice) creates no EBS volume.
void check_mappings(Context& ctx, const ResourceRef& r, const Path& at, const Json* mappings) {
  if (mappings == nullptr || !mappings->is_array()) return;
  for (std::size_t i = 0; i < mappings->size(); ++i) {
    const Json* ebs = member((*mappings)[i], "Ebs");
    if (ebs == nullptr || !ebs->is_object() || member(*ebs, "SnapshotId") != nullptr) continue;
    const Json* on = member(*ebs, "Encrypted");
    if (on != nullptr && is_true(*on)) continue;
    Path p = at;
    p.push_back(std::to_string(i));
    p.push_back("Ebs");
    if (on != nullptr) p.push_back("Encrypted");
    const Json* device = member((*mappings)[i], "DeviceName");
    ctx.report(r, p,
               fmt::format("{} creates the EBS volume {} unencrypted (Ebs.Encrypted is not true)", r.display(),
                           device != nullptr && device->is_string() ? device->get<std::string>() : std::to_string(i)));
  }
}

void check(Context& ctx) {
  for (const ResourceRef& v : ctx.resources("AWS::EC2::Volume")) {
    if (member(v.properties(), "SnapshotId") != nullptr) continue;
    const Json* on = member(v.properties(), "Encrypted");
    if (on != nullptr && is_true(*on)) continue;
    ctx.report(v, on != nullptr ? Path{"Properties", "Encrypted"} : Path{},
               fmt::format("EBS volume {} is not encrypted (Encrypted is not true)", v.display()));
  }
  for (const ResourceRef& i : ctx.resources("AWS::EC2::Instance")) {
    check_mappings(ctx, i, {"Properties", "BlockDeviceMappings"}, member(i.properties(), "BlockDeviceMappings"));
  }
  for (const ResourceRef& lc : ctx.resources("AWS::AutoScaling::LaunchConfiguration")) {
    check_mappings(ctx, lc, {"Properties", "BlockDeviceMappings"}, member(lc.properties(), "BlockDeviceMappings"));
  }
  for (const ResourceRef& lt : ctx.resources("AWS::EC2::LaunchTemplate")) {
    check_mappings(ctx, lt, {"Properties", "LaunchTemplateData", "BlockDeviceMappings"},
                   member_path(lt.properties(), {"LaunchTemplateData", "BlockDeviceMappings"}));
  }
  // A WorkSpace's two volumes are unencrypted unless each is asked for (both default to false).
  for (const ResourceRef& w : ctx.resources("AWS::WorkSpaces::Workspace")) {
    for (const auto& [key, what] : {std::pair<const char*, const char*>{"RootVolumeEncryptionEnabled", "root"},
                                    std::pair<const char*, const char*>{"UserVolumeEncryptionEnabled", "user"}}) {
      const Json* on = member(w.properties(), key);
      if (on != nullptr && (is_true(*on) || (!on->is_boolean() && !on->is_string()))) continue;
      ctx.report(w, on != nullptr ? Path{"Properties", key} : Path{},
                 fmt::format("WorkSpace {} keeps its {} volume unencrypted ({} is not true)", w.display(), what, key));
    }
  }
}

}  // namespace enc_ebs_volume

const Rule& rule_enc_ebs_volume() {
  static const Rule rule{
      {"AIP-ENC-025", "EBS volume or WorkSpace volume created unencrypted", Severity::warning,
       {"encryption", "hipaa", "pci-dss", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "An EBS volume (a standalone AWS::EC2::Volume, or one an instance, launch template or launch configuration "
       "creates from a block device mapping) is unencrypted unless it says Encrypted: true or the account has EBS "
       "encryption by default turned on, which a template cannot see. Its snapshots and every volume restored "
       "from them are unencrypted too (cdk-nag EC26, checkov CKV_AWS_3 and CKV_AWS_8; NIST 800-53 SC-28, PCI DSS "
       "3.5). Mappings restored from a snapshot take the snapshot's encryption and are not reported. A "
       "WorkSpace's root and user volumes are encrypted only with RootVolumeEncryptionEnabled and "
       "UserVolumeEncryptionEnabled (checkov CKV_AWS_156 and CKV_AWS_155).",
       "Set Encrypted: true on the volume or on each mapping's Ebs block (KmsKeyId for a customer-managed key), "
       "and turn on EBS encryption by default in every account and region. A WorkSpace takes "
       "RootVolumeEncryptionEnabled and UserVolumeEncryptionEnabled: true with a VolumeEncryptionKey."},
      &enc_ebs_volume::check};
  return rule;
}

}  // namespace aip::lint
