#include "cfn/overrides.hpp"

#include <fmt/format.h>

namespace aip::cfn {

std::string apply_override(nlohmann::json& properties, const std::vector<std::string>& path,
                           const nlohmann::json& value) {
  nlohmann::json* at = &properties;
  std::string where = "Properties";
  for (std::size_t i = 0; i < path.size(); ++i) {
    const std::string& seg = path[i];
    bool last = i + 1 == path.size();
    if (!seg.empty() && seg.front() == '[') {
      std::size_t index = std::stoul(seg.substr(1, seg.size() - 2));
      if (!at->is_array()) {
        return fmt::format("{} is {}, not a list", where, at->is_null() ? "not set" : "not a list here");
      }
      if (index >= at->size()) {
        return fmt::format("index {} is past the end of {} ({} item{})", index, where, at->size(),
                           at->size() == 1 ? "" : "s");
      }
      if (last) {
        if (value.is_null()) {
          at->erase(index);
        } else {
          (*at)[index] = value;
        }
        return "";
      }
      at = &(*at)[index];
    } else {
      if (at->is_null()) *at = nlohmann::json::object();
      if (!at->is_object()) return fmt::format("{} is not an object here", where);
      if (at->size() == 1 && at->begin().key().rfind("Fn::", 0) == 0) {
        return fmt::format("{} is the CloudFormation function {} here; patch the whole value", where,
                           at->begin().key());
      }
      if (last) {
        if (value.is_null()) {
          at->erase(seg);
        } else {
          (*at)[seg] = value;
        }
        return "";
      }
      at = &(*at)[seg];
    }
    where += (seg.front() == '[' ? "" : ".") + seg;
  }
  return "";
}

}  // namespace aip::cfn
