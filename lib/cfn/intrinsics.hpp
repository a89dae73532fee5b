// CloudFormation intrinsic functions as JSON values.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace aip::cfn::intrinsic {

using Json = nlohmann::json;

inline Json ref(const std::string& id) { return Json{{"Ref", id}}; }
inline Json get_att(const std::string& id, const std::string& attribute) {
  return Json{{"Fn::GetAtt", Json::array({id, attribute})}};
}
inline Json sub(const std::string& text) { return Json{{"Fn::Sub", text}}; }
inline Json import_value(const std::string& name) { return Json{{"Fn::ImportValue", name}}; }
// The AZ at `index` of the stack's region, resolved at deploy time.
inline Json availability_zone(int index) {
  return Json{{"Fn::Select", Json::array({index, Json{{"Fn::GetAZs", ""}}})}};
}

}  // namespace aip::cfn::intrinsic
