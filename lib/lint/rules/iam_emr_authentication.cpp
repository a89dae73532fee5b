// AIP-IAM-019: an EMR cluster with neither Kerberos nor an EC2 key pair, so
// nothing authenticates who connects to its nodes (cdk-nag AwsSolutions-EMR6).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace iam_emr_authentication {

void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::EMR::Cluster")) {
    if (member(c.properties(), "KerberosAttributes") != nullptr) continue;
    if (member_path(c.properties(), {"Instances", "Ec2KeyName"}) != nullptr) continue;
    ctx.report(c, {},
               fmt::format("EMR cluster {} authenticates neither with Kerberos (KerberosAttributes) nor with an EC2 "
                           "key pair (Instances.Ec2KeyName): its applications' interfaces trust whoever reaches them",
                           c.display()));
  }
}

}  // namespace iam_emr_authentication

const Rule& rule_iam_emr_authentication() {
  static const Rule rule{
      {"AIP-IAM-019", "EMR cluster without Kerberos or EC2 key pair authentication", Severity::warning,
       {"iam", "nist-800-53", "pci-dss", "soc2", "iso27001"},
       "Hadoop, YARN, Hive and Spark on EMR trust the user name a client claims unless the cluster uses Kerberos; "
       "with neither Kerberos (KerberosAttributes and a security configuration with an authentication "
       "configuration) nor an EC2 key pair for SSH, there is no authenticated way in and every job runs as "
       "whoever says so (cdk-nag AwsSolutions-EMR6).",
       "Enable Kerberos: a security configuration with AuthenticationConfiguration.KerberosConfiguration and "
       "the cluster's KerberosAttributes (Realm, KdcAdminPassword from Secrets Manager); at the least, name an "
       "Instances.Ec2KeyName and keep SSH to a bastion's security group."},
      &iam_emr_authentication::check};
  return rule;
}

}  // namespace aip::lint
