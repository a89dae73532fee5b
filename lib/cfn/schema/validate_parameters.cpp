// The Parameters section: types CloudFormation knows, attributes of the right
// shape, a Default that satisfies the parameter's own constraints, and
// parameters nothing uses. (The object-with-a-Type shape is template_shape.cpp's.)
#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "cfn/schema/checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace aip::cfn::detail {

namespace validate_parameters {

const std::vector<std::string>& attribute_names() {
  static const std::vector<std::string> names = {"AllowedPattern", "AllowedValues", "ConstraintDescription", "Default",
                                                 "Description",    "MaxLength",     "MaxValue",              "MinLength",
                                                 "MinValue",       "NoEcho",        "Type"};
  return names;
}

// The AWS-specific parameter types; each may also be a List<...>.
const std::vector<std::string>& aws_types() {
  static const std::vector<std::string> types = {
      "AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id",     "AWS::EC2::Instance::Id",
      "AWS::EC2::KeyPair::KeyName",       "AWS::EC2::SecurityGroup::GroupName", "AWS::EC2::SecurityGroup::Id",
      "AWS::EC2::Subnet::Id",             "AWS::EC2::VPC::Id",       "AWS::EC2::Volume::Id",
      "AWS::Route53::HostedZone::Id"};
  return types;
}

bool known_type(std::string_view t) {
  if (t == "String" || t == "Number" || t == "List<Number>" || t == "CommaDelimitedList" || t == "AWS::SSM::Parameter::Name") {
    return true;
  }
  // SSM parameter types wrap any other type: AWS::SSM::Parameter::Value<List<String>>.
  constexpr std::string_view ssm = "AWS::SSM::Parameter::Value<";
  if (t.starts_with(ssm) && t.ends_with(">")) return !t.substr(ssm.size(), t.size() - ssm.size() - 1).empty();
  if (t.starts_with("List<") && t.ends_with(">")) t = t.substr(5, t.size() - 6);
  const auto& aws = aws_types();
  return std::find(aws.begin(), aws.end(), t) != aws.end();
}

std::vector<std::string> type_candidates() {
  std::vector<std::string> c = {"String", "Number", "List<Number>", "CommaDelimitedList", "AWS::SSM::Parameter::Name"};
  for (const auto& t : aws_types()) {
    c.push_back(t);
    c.push_back("List<" + t + ">");
  }
  return c;
}


// Every name a Ref, an Fn::Sub ${Name} or a rule's Fn::ValueOf mentions outside the Parameters section.
void collect_used_names(const nlohmann::json& tmpl, std::set<std::string, std::less<>>& used) {
  for (const auto& [section, value] : tmpl.items()) {
    if (section == "Parameters" || section == "Metadata") continue;  // the Interface metadata lists, not uses
    for_each_intrinsic(value, [&](std::string_view fn, const nlohmann::json& args) {
      if (fn == "Ref" && args.is_string()) used.insert(args.get<std::string>());
      if (fn == "Fn::ValueOf" && args.is_array() && !args.empty() && args[0].is_string()) used.insert(args[0].get<std::string>());
      if (fn != "Fn::Sub") return;
      const nlohmann::json* text = args.is_string() ? &args : (args.is_array() && !args.empty() ? &args[0] : nullptr);
      if (text && text->is_string()) {
        for (const auto& ref : sub_references(text->get<std::string>())) used.insert(split_getatt(ref).first);
      }
    });
  }
}

void check_default(const Context& ctx, const nlohmann::json& p, const std::string& type, const JsonPath& at) {
  auto def = p.find("Default");
  if (def == p.end() || def->is_object() || def->is_array()) return;
  const std::string value = value_as_text(*def);
  JsonPath path = at;
  path.push_back("Default");
  // List types: each comma-separated item must satisfy AllowedValues; others the whole value.
  const bool is_list = type == "CommaDelimitedList" || type.starts_with("List<");
  if (auto allowed = p.find("AllowedValues"); allowed != p.end() && allowed->is_array()) {
    std::vector<std::string> values;
    for (const auto& a : *allowed) values.push_back(value_as_text(a));
    std::vector<std::string> items;
    if (is_list) {
      for (std::size_t start = 0;;) {
        const std::size_t comma = value.find(',', start);
        std::string item = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        items.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else {
      items.push_back(value);
    }
    for (const auto& item : items) {
      if (std::find(values.begin(), values.end(), item) == values.end()) {
        ctx.add(path, "parameter-default",
                "Default \"" + item + "\" is not one of the AllowedValues" + did_you_mean(item, values, Quote::double_));
      }
    }
  }
  if (type == "String") {
    if (auto pattern = p.find("AllowedPattern"); pattern != p.end() && pattern->is_string()) {
      const std::string& text = pattern->get_ref<const std::string&>();
      // AllowedPattern must match the whole value (CloudFormation anchors it).
      if (schema_pattern_supported(text) && !Pattern(text).matches(value)) {
        ctx.add(path, "parameter-default", "Default \"" + value + "\" does not match the AllowedPattern " + text);
      }
    }
    auto min = p.find("MinLength"), max = p.find("MaxLength");
    const auto n = static_cast<double>(value.size());
    if (min != p.end()) {
      if (auto m = number_value(*min); m && n < *m) {
        ctx.add(path, "parameter-default", "Default is " + std::to_string(value.size()) + " characters long; MinLength is " + value_as_text(*min));
      }
    }
    if (max != p.end()) {
      if (auto m = number_value(*max); m && n > *m) {
        ctx.add(path, "parameter-default", "Default is " + std::to_string(value.size()) + " characters long; MaxLength is " + value_as_text(*max));
      }
    }
  }
  if (type == "Number") {
    const auto d = number_value(*def);
    if (!d) {
      ctx.add(path, "parameter-default", "Default \"" + value + "\" of a Number parameter is not a number");
      return;
    }
    if (auto min = p.find("MinValue"); min != p.end()) {
      if (auto m = number_value(*min); m && *d < *m) ctx.add(path, "parameter-default", "Default " + value + " is below MinValue " + value_as_text(*min));
    }
    if (auto max = p.find("MaxValue"); max != p.end()) {
      if (auto m = number_value(*max); m && *d > *m) ctx.add(path, "parameter-default", "Default " + value + " is above MaxValue " + value_as_text(*max));
    }
  }
}

}  // namespace validate_parameters

void check_parameters(const Context& ctx) {
  using namespace validate_parameters;
  const auto* parameters = ctx.section("Parameters");
  if (!parameters) return;
  std::set<std::string, std::less<>> used;
  collect_used_names(ctx.tmpl, used);
  for (const auto& [name, p] : parameters->items()) {
    if (!p.is_object()) continue;  // parameter-shape
    const JsonPath at{"Parameters", name};
    for (const auto& [key, value] : p.items()) {
      JsonPath path = at;
      path.push_back(key);
      const auto& known = attribute_names();
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        ctx.add(path, "parameter-attribute", "unknown parameter attribute \"" + key + "\"" + did_you_mean(key, known, Quote::double_));
      } else if (key == "AllowedValues" && !value.is_array()) {
        ctx.add(path, "parameter-attribute", "AllowedValues must be a list, got " + describe_value(value));
      } else if (key == "NoEcho" && !(value.is_boolean() || (value.is_string() && (value == "true" || value == "false")))) {
        ctx.add(path, "parameter-attribute", "NoEcho must be true or false, got " + describe_value(value));
      } else if ((key == "MinLength" || key == "MaxLength" || key == "MinValue" || key == "MaxValue") && !number_value(value)) {
        ctx.add(path, "parameter-attribute", key + " must be a number, got " + describe_value(value));
      }
    }
    std::string type;
    if (auto t = p.find("Type"); t != p.end() && t->is_string()) {
      type = t->get<std::string>();
      if (!known_type(type)) {
        ctx.add({"Parameters", name, "Type"}, "parameter-type",
                "unknown parameter type \"" + type + "\"" + did_you_mean(type, type_candidates(), Quote::double_));
      }
    }
    check_default(ctx, p, type, at);
    if (!ctx.names_may_be_generated && !used.count(name)) {
      ctx.add(at, "unused-parameter", "parameter \"" + name + "\" is declared but never used (no Ref or ${" + name + "})");
    }
  }
}

}  // namespace aip::cfn::detail
