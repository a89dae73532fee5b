// AIP-EXP-038: an EKS cluster whose Kubernetes API endpoint is public
// (cdk-nag AwsSolutions-EKS1), or a managed node group that opens SSH to
// every address (checkov CKV_AWS_100).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace exp_eks_public_access {

// EndpointPublicAccess defaults to true: only an explicit false (or an
// intrinsic, which cannot be judged) keeps the endpoint private.
void check_endpoint(Context& ctx, const ResourceRef& c, const Path& at, const Json* vpc_config, const char* key) {
  const Json* open = vpc_config != nullptr && vpc_config->is_object() ? member(*vpc_config, key) : nullptr;
  if (open != nullptr && (is_false(*open) || (!open->is_boolean() && !open->is_string()))) return;
  Path p = at;
  if (open != nullptr) p.push_back(key);
  ctx.report(c, vpc_config != nullptr ? p : Path{},
             fmt::format("EKS cluster {} exposes its Kubernetes API endpoint to the internet ({} is not false): "
                         "anyone with a stolen kubeconfig or token reaches the control plane from anywhere",
                         c.display(), key));
}

void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::EKS::Cluster")) {
    check_endpoint(ctx, c, {"Properties", "ResourcesVpcConfig"}, member(c.properties(), "ResourcesVpcConfig"),
                   "EndpointPublicAccess");
  }
  // The AWS CDK's eks.Cluster creates the cluster through a custom resource.
  for (const ResourceRef& c : ctx.resources("Custom::AWSCDK-EKS-Cluster")) {
    check_endpoint(ctx, c, {"Properties", "Config", "resourcesVpcConfig"},
                   member_path(c.properties(), {"Config", "resourcesVpcConfig"}), "endpointPublicAccess");
  }
  for (const ResourceRef& g : ctx.resources("AWS::EKS::Nodegroup")) {
    const Json* remote = member(g.properties(), "RemoteAccess");
    if (remote == nullptr || !remote->is_object() || member(*remote, "Ec2SshKey") == nullptr) continue;
    const Json* sources = member(*remote, "SourceSecurityGroups");
    if (sources != nullptr && !(sources->is_array() && sources->empty())) continue;
    ctx.report(g, {"Properties", "RemoteAccess"},
               fmt::format("node group {} allows SSH with its key pair from 0.0.0.0/0: RemoteAccess names no "
                           "SourceSecurityGroups, so EKS opens port 22 of every node to the internet",
                           g.display()));
  }
}

}  // namespace exp_eks_public_access

const Rule& rule_exp_eks_public_access() {
  static const Rule rule{
      {"AIP-EXP-038", "EKS API endpoint public or node group SSH open to the internet", Severity::warning,
       {"exposure", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "An EKS cluster's API endpoint is public unless ResourcesVpcConfig.EndpointPublicAccess is false: the "
       "Kubernetes control plane (and every RBAC or authenticator mistake) is then reachable from the internet, "
       "protected only by credentials that leak with a laptop or a CI log (cdk-nag AwsSolutions-EKS1, for "
       "AWS::EKS::Cluster and the AWS CDK's Custom::AWSCDK-EKS-Cluster). A managed node group with an SSH key pair "
       "and no SourceSecurityGroups gets a security group rule admitting port 22 from 0.0.0.0/0 (checkov "
       "CKV_AWS_100).",
       "Set EndpointPublicAccess: false and EndpointPrivateAccess: true, and reach the API from inside the VPC "
       "(a bastion, a VPN, SSM port forwarding); if a public endpoint is needed, restrict PublicAccessCidrs and "
       "suppress with that reason. Give a node group's RemoteAccess the SourceSecurityGroups that may connect, "
       "or drop the key pair and use SSM Session Manager."},
      &exp_eks_public_access::check};
  return rule;
}

}  // namespace aip::lint
