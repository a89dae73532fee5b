#include "driver/environments.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include <fmt/format.h>

namespace aip::driver {
namespace environments {

// Properties that name a resource in its account (and region): two resources
// with one such name cannot both exist. `Name` counts only for the types below.
const std::set<std::string> kNameProperties = {
    "BucketName",   "RoleName",      "ManagedPolicyName", "QueueName",          "TopicName",
    "FunctionName", "LogGroupName",  "AliasName",         "DBProxyName",        "DBClusterIdentifier",
    "TableName",    "BudgetName",    "AlarmName",         "StackSetName",       "TrailName",
    "DBInstanceIdentifier", "DBClusterParameterGroupName", "DBSubnetGroupName",};
const std::set<std::string> kNamedTypes = {
    "AWS::Events::EventBus", "AWS::Events::Rule", "AWS::WAFv2::WebACL", "AWS::OpenSearchServerless::Collection",
    "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::TargetGroup",
    "AWS::SecretsManager::Secret", "AWS::OpenSearchServerless::SecurityPolicy",
    "AWS::OpenSearchServerless::AccessPolicy", "AWS::OpenSearchServerless::VpcEndpoint"};

// Where a name must be unique: S3 bucket names everywhere, IAM and budget
// names in their account, everything else in its account and region.
std::string scope_of(const std::string& type, const cfn::Stack& stack) {
  if (type == "AWS::S3::Bucket") return "";
  if (type.rfind("AWS::IAM::", 0) == 0 || type == "AWS::Budgets::Budget") return stack.account_id;
  return stack.account_id + "/" + stack.region;
}

struct Seen {
  std::size_t environment;
  Location where;
  std::string stack;
};

}  // namespace environments

bool check_environments(const std::vector<spec::Spec>& specs, const std::vector<cfn::Assembly>& assemblies,
                        Diagnostics& diags) {
  bool ok = true;
  if (specs.size() < 2) return ok;
  std::map<std::string, environments::Seen> stacks;
  std::map<std::tuple<std::string, std::string, std::string>, environments::Seen> names;
  for (std::size_t i = 0; i < assemblies.size() && i < specs.size(); ++i) {
    for (const cfn::Stack& stack : assemblies[i].stacks) {
      // Shared accounts' stacks are the same in every environment (shared_accounts.hpp).
      if (std::find(specs[i].shared_accounts.begin(), specs[i].shared_accounts.end(), stack.account_name) !=
          specs[i].shared_accounts.end()) {
        continue;
      }
      auto [it, fresh] = stacks.emplace(stack.id, environments::Seen{i, specs[i].environment_location, stack.id});
      if (!fresh && it->second.environment != i) {
        ok = false;
        diags.error(specs[i].environment_location,
                    fmt::format("environments '{}' and '{}' would both write stack {}", specs[it->second.environment].environment,
                                specs[i].environment, stack.id))
            .note(it->second.where, fmt::format("environment '{}' is declared here", specs[it->second.environment].environment));
      }
      for (const cfn::Resource& r : stack.resources) {
        for (const auto& [key, value] : r.properties.items()) {
          if (!value.is_string()) continue;
          if (environments::kNameProperties.count(key) == 0 &&
              !(key == "Name" && environments::kNamedTypes.count(r.type) != 0)) {
            continue;
          }
          auto id = std::make_tuple(r.type, environments::scope_of(r.type, stack), value.get<std::string>());
          auto [n, first] = names.emplace(id, environments::Seen{i, r.provenance, stack.id + "/" + r.logical_id});
          if (first || n->second.environment == i) continue;
          ok = false;
          diags.error(r.provenance, fmt::format("environments '{}' and '{}' would both create {} {} '{}' ({} and {}); "
                                                "name it per environment in an overlay",
                                                specs[n->second.environment].environment, specs[i].environment, r.type,
                                                key, value.get<std::string>(), n->second.stack,
                                                stack.id + "/" + r.logical_id))
              .note(specs[i].environment_location, fmt::format("environment '{}' is declared here", specs[i].environment));
        }
      }
    }
  }
  return ok;
}

}  // namespace aip::driver
