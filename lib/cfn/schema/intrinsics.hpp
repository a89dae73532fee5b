#pragma once
// Recognising intrinsic functions and pseudo parameters in template values.
#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace aip::cfn {

using JsonPath = std::vector<std::string>;

// AWS::Region, AWS::AccountId, ... (AWS::NoValue included).
const std::vector<std::string>& pseudo_parameters();
bool is_pseudo_parameter(std::string_view name);

// An object with a single key "Ref" or "Fn::<Something>": CloudFormation
// evaluates it, so its result type is unknown until deploy time. The key is
// returned ("" when `v` is not an intrinsic).
std::string_view intrinsic_name(const nlohmann::json& v);
bool is_known_function(std::string_view name);  // Ref, Fn::GetAtt, Fn::Sub, ...
// The functions only the Rules section may use: Fn::Contains, Fn::EachMemberEquals,
// Fn::EachMemberIn, Fn::RefAll, Fn::ValueOf, Fn::ValueOfAll.
bool is_rule_function(std::string_view name);

// {"Ref": "AWS::NoValue"}: the property is removed.
bool is_no_value(const nlohmann::json& v);

// The ${...} references inside an Fn::Sub template string, trimmed, without
// the ${!Literal} escapes.
std::vector<std::string> sub_references(std::string_view text);

// Splits a GetAtt target "A.B.C" into {"A", "B.C"}; no dot -> {"A", ""}.
std::pair<std::string, std::string> split_getatt(std::string_view dotted);

// Calls `fn(name, args, path)` for every intrinsic function object under `v`
// (path points at the function's key, e.g. {..., "Fn::GetAtt"}), outermost first,
// recursing into the function arguments too.
void for_each_intrinsic(const nlohmann::json& v, JsonPath& path,
                        const std::function<void(std::string_view, const nlohmann::json&, const JsonPath&)>& fn);
// The same walk for callers that need no path: it copies no keys (the path's
// strings were most of the walk's time).
void for_each_intrinsic(const nlohmann::json& v, const std::function<void(std::string_view, const nlohmann::json&)>& fn);

}  // namespace aip::cfn
