// The arguments of intrinsic functions beyond their reference targets
// (validate_references.cpp): Fn::FindInMap keys, Fn::GetAZs, Fn::Select
// bounds, Fn::Split / Fn::Join / Fn::Base64 / Fn::Cidr shapes,
// Fn::GetStackOutput, the functions of AWS::LanguageExtensions, and Fn::Sub's
// variable map (unused variables, a Sub with nothing to substitute). Only
// literal arguments are judged: an intrinsic in their place is computed at
// deploy time.
#include "base/did_you_mean.hpp"
#include "cfn/schema/checks.hpp"

#include <cmath>

namespace aip::cfn::detail {

namespace validate_functions {

bool is_intrinsic(const nlohmann::json& v) { return !intrinsic_name(v).empty(); }

// A string, or an intrinsic that gives one at deploy time.
bool string_like(const nlohmann::json& v) { return v.is_string() || is_intrinsic(v); }

JsonPath at(const JsonPath& path, std::string_view segment) {
  JsonPath p = path;
  p.emplace_back(segment);
  return p;
}

// A mapping key as written: FindInMap keys may be numbers in YAML.
std::optional<std::string> literal_key(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return v.dump();
  return std::nullopt;
}

std::vector<std::string> keys_of(const nlohmann::json& obj) {
  std::vector<std::string> out;
  for (const auto& [k, _] : obj.items()) out.push_back(k);
  return out;
}

void check_find_in_map_keys(const Context& ctx, const nlohmann::json& args, const JsonPath& path) {
  if (!args.is_array() || args.size() < 3) return;  // malformed-intrinsic, reported with the map name
  if (args.size() > 4) {
    ctx.add(path, "malformed-intrinsic", "Fn::FindInMap must be [MapName, TopLevelKey, SecondLevelKey] (and, with AWS::LanguageExtensions, {DefaultValue: ...})");
    return;
  }
  bool has_default = false;
  if (args.size() == 4) {
    const auto& opt = args[3];
    if (!opt.is_object() || opt.size() != 1 || !opt.contains("DefaultValue")) {
      ctx.add(at(path, "3"), "malformed-intrinsic", "the fourth argument of Fn::FindInMap must be {DefaultValue: Value}");
      return;
    }
    if (!ctx.language_extensions) {
      ctx.add(at(path, "3"), "needs-language-extensions",
              "Fn::FindInMap with a DefaultValue needs \"Transform: AWS::LanguageExtensions\"");
    }
    has_default = true;
  }
  if (has_default || !args[0].is_string()) return;
  const auto* mappings = ctx.section("Mappings");
  if (!mappings) return;
  auto map = mappings->find(args[0].get_ref<const std::string&>());
  if (map == mappings->end() || !map->is_object()) return;  // unknown-mapping / mapping-shape
  const auto top = literal_key(args[1]);
  if (!top) return;
  auto level1 = map->find(*top);
  if (level1 == map->end()) {
    ctx.add(at(path, "1"), "mapping-key",
            "mapping \"" + map.key() + "\" has no top-level key \"" + *top + "\"" + did_you_mean(*top, keys_of(*map), Quote::double_));
    return;
  }
  const auto second = literal_key(args[2]);
  if (!second || !level1->is_object()) return;
  if (!level1->contains(*second)) {
    ctx.add(at(path, "2"), "mapping-key",
            "mapping \"" + map.key() + "\" has no key \"" + *second + "\" under \"" + *top + "\"" +
                did_you_mean(*second, keys_of(*level1), Quote::double_));
  }
}

void check_select(const Context& ctx, const nlohmann::json& args, const JsonPath& path) {
  if (!args.is_array() || args.size() != 2) {
    ctx.add(path, "malformed-intrinsic", "Fn::Select must be [Index, List]");
    return;
  }
  const auto& index = args[0];
  const auto& list = args[1];
  if (!list.is_array() && !is_intrinsic(list)) {
    ctx.add(at(path, "1"), "malformed-intrinsic", "Fn::Select takes a list to select from, got " + describe_value(list));
    return;
  }
  if (is_intrinsic(index)) return;
  const auto n = number_value(index);
  if (!n || *n < 0 || std::floor(*n) != *n) {
    ctx.add(at(path, "0"), "select-index", "Fn::Select index must be a non-negative integer, got " + describe_value(index));
    return;
  }
  if (!list.is_array()) return;
  // An Fn::If or a list-valued intrinsic item may stand for any number of items.
  for (const auto& item : list) {
    const auto fn = intrinsic_name(item);
    if (fn == "Fn::If" || fn == "Fn::Split" || fn == "Fn::GetAZs" || fn == "Fn::Cidr") return;
  }
  if (*n >= static_cast<double>(list.size())) {
    ctx.add(at(path, "0"), "select-index",
            "Fn::Select index " + value_as_text(index) + " is out of range: the list has " + std::to_string(list.size()) +
                (list.size() == 1 ? " item" : " items"));
  }
}

// [Delimiter, Value]: the delimiter is a literal string (CloudFormation takes
// no function there).
void check_delimited(const Context& ctx, std::string_view fn, const nlohmann::json& args, const JsonPath& path) {
  const bool join = fn == "Fn::Join";
  if (!args.is_array() || args.size() != 2) {
    ctx.add(path, "malformed-intrinsic", std::string(fn) + (join ? " must be [Delimiter, [Values]]" : " must be [Delimiter, String]"));
    return;
  }
  if (!args[0].is_string()) {
    ctx.add(at(path, "0"), "malformed-intrinsic", std::string(fn) + " delimiter must be a literal string, got " + describe_value(args[0]));
  }
  const auto& value = args[1];
  if (join ? !(value.is_array() || is_intrinsic(value)) : !string_like(value)) {
    ctx.add(at(path, "1"), "malformed-intrinsic",
            std::string(fn) + (join ? " takes a list of values to join, got " : " takes a string to split, got ") + describe_value(value));
  }
}

void check_get_azs(const Context& ctx, const nlohmann::json& args, const JsonPath& path) {
  if (args.is_string()) return;  // "" (this region) or a region name
  if (const auto fn = intrinsic_name(args); fn == "Ref" || fn == "Fn::FindInMap" || fn == "Fn::Sub" || fn == "Fn::If") return;
  ctx.add(path, "malformed-intrinsic", "Fn::GetAZs takes a region name, \"\" or a Ref to AWS::Region, got " + describe_value(args));
}

void check_get_stack_output(const Context& ctx, const nlohmann::json& args, const JsonPath& path) {
  static const std::vector<std::string> kKeys = {"OutputName", "Region", "RoleArn", "StackName"};
  if (!args.is_object()) {
    ctx.add(path, "malformed-intrinsic", "Fn::GetStackOutput must be {StackName, OutputName, Region, RoleArn}, got " + describe_value(args));
    return;
  }
  for (const auto& [key, value] : args.items()) {
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
      ctx.add(at(path, key), "malformed-intrinsic",
              "unknown Fn::GetStackOutput argument \"" + key + "\"" + did_you_mean(key, kKeys, Quote::double_));
    } else if (!string_like(value)) {
      ctx.add(at(path, key), "malformed-intrinsic", key + " must be a string, got " + describe_value(value));
    }
  }
  for (const char* required : {"StackName", "OutputName"}) {
    if (!args.contains(required)) ctx.add(path, "malformed-intrinsic", std::string("Fn::GetStackOutput needs ") + required);
  }
}

void check_sub_variables(const Context& ctx, const nlohmann::json& args, const JsonPath& path) {
  const nlohmann::json* text = nullptr;
  const nlohmann::json* vars = nullptr;
  if (args.is_string()) {
    text = &args;
  } else if (args.is_array() && args.size() == 2 && args[0].is_string() && args[1].is_object()) {
    text = &args[0];
    vars = &args[1];
  } else {
    return;  // malformed-intrinsic (validate_references.cpp) or a computed template string
  }
  const auto& s = text->get_ref<const std::string&>();
  if (s.find("${") == std::string::npos) {
    ctx.add(vars ? at(path, "0") : path, "sub-not-needed",
            "Fn::Sub string has no ${...} to substitute; a plain string does the same");
  }
  if (!vars || vars->empty()) return;
  const std::vector<std::string> refs = sub_references(s);
  for (const auto& [name, _] : vars->items()) {
    bool used = false;
    for (const auto& r : refs) used = used || r == name || split_getatt(r).first == name;
    if (!used) {
      JsonPath p = at(path, "1");
      p.push_back(name);
      ctx.add(std::move(p), "unused-sub-variable", "Fn::Sub variable \"" + name + "\" is not used in the string");
    }
  }
}

}  // namespace validate_functions

void check_function_arguments(const Context& ctx, std::string_view name, const nlohmann::json& args, const JsonPath& path) {
  using namespace validate_functions;
  if (name == "Fn::FindInMap") return check_find_in_map_keys(ctx, args, path);
  if (name == "Fn::Select") return check_select(ctx, args, path);
  if (name == "Fn::Join" || name == "Fn::Split") return check_delimited(ctx, name, args, path);
  if (name == "Fn::GetAZs") return check_get_azs(ctx, args, path);
  if (name == "Fn::GetStackOutput") return check_get_stack_output(ctx, args, path);
  if (name == "Fn::Sub") return check_sub_variables(ctx, args, path);
  if (name == "Fn::Base64") {
    if (!string_like(args)) ctx.add(path, "malformed-intrinsic", "Fn::Base64 takes a string, got " + describe_value(args));
    return;
  }
  if (name == "Fn::Cidr") {
    if (!args.is_array() || args.size() != 3) ctx.add(path, "malformed-intrinsic", "Fn::Cidr must be [IpBlock, Count, CidrBits]");
    return;
  }
  if (name == "Fn::ToJsonString" || name == "Fn::Length") {
    if (!ctx.language_extensions) {
      ctx.add(path, "needs-language-extensions", std::string(name) + " needs \"Transform: AWS::LanguageExtensions\"");
    }
    if (name == "Fn::Length" ? !(args.is_array() || is_intrinsic(args)) : !(args.is_object() || args.is_array())) {
      ctx.add(path, "malformed-intrinsic",
              std::string(name) + (name == "Fn::Length" ? " takes a list, got " : " takes an object or a list, got ") + describe_value(args));
    }
  }
}

}  // namespace aip::cfn::detail
