// Network zones (seed 003's zero-trust segmentation): dmz, application, data
// and management, in this order. Traffic enters a zone only from the zone
// before it (dmz -> application -> data), from management (operations reach
// every zone) and from the zone itself. Shared by the spec checks and lint
// (AIP-NET-007), which reads a group's zone from its `aip:zone` tag.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace aip::spec {

inline const std::vector<std::string>& zone_names() {
  static const std::vector<std::string> names = {"dmz", "application", "data", "management"};
  return names;
}

inline bool is_zone(std::string_view name) {
  const auto& z = zone_names();
  return std::find(z.begin(), z.end(), name) != z.end();
}

// May traffic start in zone `from` and enter zone `to`?
inline bool zone_flow_allowed(std::string_view from, std::string_view to) {
  if (from == to || from == "management") return true;
  return (from == "dmz" && to == "application") || (from == "application" && to == "data");
}

// Why a flow is not allowed, for messages: "skips zone application", ...
inline std::string zone_flow_problem(std::string_view from, std::string_view to) {
  if (from == "dmz" && to == "data") return "skips zone application";
  if (to == "management") return "enters the management zone, which only operations leave from";
  return "goes outward, against dmz -> application -> data";
}

// The security group aip creates for a zone of a VPC: "<vpc>-<zone>".
inline std::string zone_group_name(std::string_view vpc, std::string_view zone) {
  return std::string(vpc) + "-" + std::string(zone);
}

}  // namespace aip::spec
