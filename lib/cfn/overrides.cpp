#include "cfn/overrides.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/did_you_mean.hpp"

namespace aip::cfn {

std::string apply_override(nlohmann::json& properties, const std::vector<std::string>& path,
                           const nlohmann::json& value) {
  nlohmann::json* at = &properties;
  std::string where = "Properties";
  for (std::size_t i = 0; i < path.size(); ++i) {
    const std::string& seg = path[i];
    bool last = i + 1 == path.size();
    if (!seg.empty() && seg.front() == '[') {
      std::string inside = seg.substr(1, seg.size() - 2);
      if (inside == "+" && at->is_null()) *at = nlohmann::json::array();
      if (!at->is_array()) {
        return fmt::format("{} is {}, not a list", where, at->is_null() ? "not set" : "not a list here");
      }
      if (inside == "+") {  // the parser keeps [+] last
        if (value.is_null()) return fmt::format("[+] appends a value to {}; null appends nothing", where);
        at->push_back(value);
        return "";
      }
      std::size_t index = 0;
      std::size_t eq = inside.find('=');
      if (eq != std::string::npos) {
        std::string key = inside.substr(0, eq);
        std::string wanted = inside.substr(eq + 1);
        std::vector<std::string> names;
        std::size_t found = 0;
        for (std::size_t k = 0; k < at->size(); ++k) {
          const nlohmann::json& item = (*at)[k];
          if (!item.is_object() || !item.contains(key) || !item[key].is_string()) continue;
          names.push_back(item[key].get<std::string>());
          if (names.back() == wanted) {
            index = k;
            ++found;
          }
        }
        if (found == 0) {
          return fmt::format("no item of {} has {} '{}'{}{}", where, key, wanted, did_you_mean(wanted, names),
                             names.empty() ? fmt::format(" (no item has a {})", key)
                                           : fmt::format(" (they have {})", fmt::join(names, ", ")));
        }
        if (found > 1) return fmt::format("{} items of {} have {} '{}'; use an index", found, where, key, wanted);
      } else {
        index = std::stoul(inside);
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
