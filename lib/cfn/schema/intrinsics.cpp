#include "cfn/schema/intrinsics.hpp"

#include <algorithm>
#include <iterator>

namespace aip::cfn {

const std::vector<std::string>& pseudo_parameters() {
  static const std::vector<std::string> names = {
      "AWS::AccountId", "AWS::NoValue", "AWS::NotificationARNs", "AWS::Partition",
      "AWS::Region",    "AWS::StackId", "AWS::StackName",        "AWS::URLSuffix",
  };
  return names;
}

bool is_pseudo_parameter(std::string_view name) {
  const auto& p = pseudo_parameters();
  return std::find(p.begin(), p.end(), name) != p.end();
}

bool is_known_function(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "Ref",          "Fn::And",    "Fn::Base64",      "Fn::Cidr",          "Fn::Equals",   "Fn::FindInMap",
      "Fn::ForEach",  "Fn::GetAtt", "Fn::GetAZs",      "Fn::If",            "Fn::ImportValue", "Fn::Join",
      "Fn::Length",   "Fn::Not",    "Fn::Or",          "Fn::Select",        "Fn::Split",    "Fn::Sub",
      "Fn::ToJsonString", "Fn::Transform", "Fn::GetStackOutput", "Condition",
  };
  if (name.rfind("Fn::ForEach::", 0) == 0) return true;  // language extensions loop key
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

bool is_rule_function(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "Fn::Contains", "Fn::EachMemberEquals", "Fn::EachMemberIn", "Fn::RefAll", "Fn::ValueOf", "Fn::ValueOfAll",
  };
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

std::string_view intrinsic_name(const nlohmann::json& v) {
  if (!v.is_object() || v.size() != 1) return {};
  const std::string& key = v.begin().key();
  if (key == "Ref" || key.rfind("Fn::", 0) == 0) return key;
  return {};
}

bool is_no_value(const nlohmann::json& v) {
  if (!v.is_object() || v.size() != 1) return false;
  auto it = v.find("Ref");
  return it != v.end() && it->is_string() && it->get_ref<const std::string&>() == "AWS::NoValue";
}

std::vector<std::string> sub_references(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = text.find("${", pos)) != std::string_view::npos) {
    const auto end = text.find('}', pos + 2);
    if (end == std::string_view::npos) break;
    std::string_view inner = text.substr(pos + 2, end - pos - 2);
    pos = end + 1;
    if (!inner.empty() && inner.front() == '!') continue;  // ${!Literal} is emitted verbatim
    while (!inner.empty() && inner.front() == ' ') inner.remove_prefix(1);
    while (!inner.empty() && inner.back() == ' ') inner.remove_suffix(1);
    if (!inner.empty()) out.emplace_back(inner);
  }
  return out;
}

std::pair<std::string, std::string> split_getatt(std::string_view dotted) {
  const auto dot = dotted.find('.');
  if (dot == std::string_view::npos) return {std::string(dotted), std::string()};
  return {std::string(dotted.substr(0, dot)), std::string(dotted.substr(dot + 1))};
}

void for_each_intrinsic(const nlohmann::json& v, JsonPath& path,
                        const std::function<void(std::string_view, const nlohmann::json&, const JsonPath&)>& fn) {
  if (v.is_object()) {
    const std::string_view name = intrinsic_name(v);
    if (!name.empty()) {
      path.emplace_back(name);
      fn(name, v.begin().value(), path);
      for_each_intrinsic(v.begin().value(), path, fn);
      path.pop_back();
      return;
    }
    for (const auto& [key, child] : v.get_ref<const nlohmann::json::object_t&>()) {
      path.push_back(key);
      for_each_intrinsic(child, path, fn);
      path.pop_back();
    }
  } else if (v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      path.push_back(std::to_string(i));
      for_each_intrinsic(v[i], path, fn);
      path.pop_back();
    }
  }
}

void for_each_intrinsic(const nlohmann::json& v, const std::function<void(std::string_view, const nlohmann::json&)>& fn) {
  if (v.is_object()) {
    const std::string_view name = intrinsic_name(v);
    if (!name.empty()) {
      fn(name, v.begin().value());
      for_each_intrinsic(v.begin().value(), fn);
      return;
    }
    for (const auto& [key, child] : v.get_ref<const nlohmann::json::object_t&>()) for_each_intrinsic(child, fn);
  } else if (v.is_array()) {
    for (const auto& item : v.get_ref<const nlohmann::json::array_t&>()) for_each_intrinsic(item, fn);
  }
}

}  // namespace aip::cfn
