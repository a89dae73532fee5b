// AIP-LOG-036: an EKS cluster that does not publish all five control plane
// log types (cdk-nag AwsSolutions-EKS2).
#include <set>
#include <string>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_eks_control_plane {

const std::vector<std::string>& required() {
  static const std::vector<std::string> types = {"api", "audit", "authenticator", "controllerManager", "scheduler"};
  return types;
}

void report_missing(Context& ctx, const ResourceRef& c, const Path& at, const std::set<std::string>& enabled) {
  std::string missing;
  for (const std::string& t : required()) {
    if (enabled.count(t) != 0) continue;
    missing += (missing.empty() ? "" : ", ") + t;
  }
  if (missing.empty()) return;
  ctx.report(c, at,
             fmt::format("EKS cluster {} does not publish the control plane logs {}: who called the Kubernetes API "
                         "and what it authorised is not recorded",
                         c.display(), missing));
}

void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::EKS::Cluster")) {
    const Json* types = member_path(c.properties(), {"Logging", "ClusterLogging", "EnabledTypes"});
    if (types != nullptr && !types->is_array()) continue;  // an intrinsic
    std::set<std::string> enabled;
    if (types != nullptr) {
      for (const Json& t : *types) {
        const Json* name = member(t, "Type");
        if (name != nullptr && name->is_string()) enabled.insert(name->get<std::string>());
      }
    }
    report_missing(ctx, c, types != nullptr ? Path{"Properties", "Logging", "ClusterLogging", "EnabledTypes"} : Path{},
                   enabled);
  }
  // The AWS CDK's eks.Cluster: Config.logging.clusterLogging is [{enabled, types}].
  for (const ResourceRef& c : ctx.resources("Custom::AWSCDK-EKS-Cluster")) {
    const Json* logging = member_path(c.properties(), {"Config", "logging", "clusterLogging"});
    if (logging != nullptr && !logging->is_array()) continue;
    std::set<std::string> enabled;
    if (logging != nullptr) {
      for (const Json& entry : *logging) {
        const Json* on = member(entry, "enabled");
        const Json* types = member(entry, "types");
        if (on == nullptr || !is_true(*on) || types == nullptr || !types->is_array()) continue;
        for (const Json& t : *types) {
          if (t.is_string()) enabled.insert(t.get<std::string>());
        }
      }
    }
    report_missing(ctx, c, {}, enabled);
  }
}

}  // namespace log_eks_control_plane

const Rule& rule_log_eks_control_plane() {
  static const Rule rule{
      {"AIP-LOG-036", "EKS cluster without all control plane logs", Severity::warning,
       {"logging", "nist-800-53", "pci-dss", "hipaa", "soc2", "iso27001"},
       "EKS writes nothing from the control plane unless the cluster enables its log types. The api and audit "
       "logs say who called the Kubernetes API and what changed, authenticator who was mapped to which RBAC "
       "identity, controllerManager and scheduler why workloads moved; without them an incident in the cluster "
       "(a leaked service account token, a privileged pod) cannot be reconstructed (cdk-nag AwsSolutions-EKS2).",
       "Set Logging.ClusterLogging.EnabledTypes to api, audit, authenticator, controllerManager and scheduler "
       "(the AWS CDK: clusterLogging with all five ClusterLoggingTypes), and give the log group "
       "/aws/eks/NAME/cluster a retention."},
      &log_eks_control_plane::check};
  return rule;
}

}  // namespace aip::lint
