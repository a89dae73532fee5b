// AIP-SEC-005: an AWS Config recorder that does not record every resource type.
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace sec_config_all_resources {

void check(Context& ctx) {
  for (const ResourceRef& r : ctx.resources("AWS::Config::ConfigurationRecorder")) {
    const Json* group = member(r.properties(), "RecordingGroup");
    if (group == nullptr) continue;  // absent: every supported type
    const Json* all = member(*group, "AllSupported");
    const Json* strategy = member_path(*group, {"RecordingStrategy", "UseOnly"});
    const Json* excluded = member(*group, "ExclusionByResourceTypes");
    std::string why;
    Path path = {"Properties", "RecordingGroup"};
    if (excluded != nullptr) {
      why = "excludes resource types";
      path.push_back("ExclusionByResourceTypes");
    } else if (strategy != nullptr && strategy->is_string() && *strategy != "ALL_SUPPORTED_RESOURCE_TYPES") {
      why = fmt::format("records only {}", strategy->get<std::string>());
      path.insert(path.end(), {"RecordingStrategy", "UseOnly"});
    } else if (all == nullptr || !is_true(*all)) {
      why = "records only the listed resource types";
      if (all != nullptr) path.push_back("AllSupported");
    } else {
      continue;
    }
    ctx.report(r, path,
               fmt::format("Config recorder {} {}: changes to the others go unrecorded and no Config rule sees them",
                           r.display(), why));
  }
}

}  // namespace sec_config_all_resources

const Rule& rule_sec_config_all_resources() {
  static const Rule rule{
      {"AIP-SEC-005", "AWS Config recorder that does not record every resource type", Severity::warning,
       {"security", "logging", "sox", "pci-dss", "hipaa", "nist-800-53", "soc2", "iso27001"},
       "Config rules, conformance packs and Security Hub controls evaluate only what the recorder records. A recorder "
       "limited to some types leaves the rest without configuration history and without compliance results, "
       "silently: the dashboards show no failure for a resource nobody looks at. CIS 3.5 and continuous compliance "
       "for every framework expect every supported type to be recorded.",
       "Set RecordingGroup to {AllSupported: true, IncludeGlobalResourceTypes: true} (global types in one region of "
       "each account). aip's recorder (`security: config:`) records everything."},
      &sec_config_all_resources::check};
  return rule;
}

}  // namespace aip::lint
