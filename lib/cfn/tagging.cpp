#include "cfn/tagging.hpp"

#include <mutex>

#include "cfn/schema/schema_db.hpp"

namespace aip::cfn {

namespace {

TagPlacement tag_placement_of_schema(std::string_view type) {
  // The resource schemas say which types take tags, in which property and
  // shape. Auto Scaling groups' tags need PropagateAtLaunch, which aip does
  // not model yet, so they get none rather than invalid ones.
  const std::optional<TagInfo> tagging = SchemaDb::builtin().tagging(type);
  if (!tagging) return {};
  if (tagging->variant == "standard") return {tagging->property, TagStyle::list};
  if (tagging->variant == "map") return {tagging->property, TagStyle::map};
  return {};
}

}  // namespace

TagPlacement tag_placement(std::string_view type) {
  // Asked once per rendered resource, and a platform has few types: each
  // type's answer is kept, so a schema lookup is made once per type.
  static std::mutex mutex;
  static std::map<std::string, TagPlacement, std::less<>> known;
  {
    std::lock_guard lock(mutex);
    if (auto it = known.find(type); it != known.end()) return it->second;
  }
  // Outside the lock: stacks render on two threads, and the other one should
  // not wait for this type's schema to be parsed. Both would find the same.
  const TagPlacement placement = tag_placement_of_schema(type);
  std::lock_guard lock(mutex);
  return known.emplace(std::string(type), placement).first->second;
}

nlohmann::json tags_property(const std::map<std::string, std::string>& tags, TagStyle style) {
  if (style == TagStyle::map) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : tags) out[k] = v;
    return out;
  }
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [k, v] : tags) out.push_back({{"Key", k}, {"Value", v}});
  return out;
}

}  // namespace aip::cfn
