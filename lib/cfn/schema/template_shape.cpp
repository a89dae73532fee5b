// Top-level template structure and per-resource attributes (Type, DependsOn,
// DeletionPolicy...). Property values are checked in validate_properties.cpp.
#include "cfn/schema/checks.hpp"
#include "base/did_you_mean.hpp"

#include <algorithm>

namespace aip::cfn::detail {

namespace {

const std::vector<std::string> kSections = {
    "AWSTemplateFormatVersion", "Conditions", "Description", "Hooks",     "Mappings",
    "Metadata",                 "Outputs",    "Parameters",  "Resources", "Rules", "Transform",
};

const std::vector<std::string> kResourceAttributes = {
    "Condition", "CreationPolicy", "DeletionPolicy", "DependsOn", "Metadata",
    "Properties", "Type", "UpdatePolicy", "UpdateReplacePolicy",
};

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Types outside the AWS namespaces (third-party or private registry types,
// modules) cannot be known from the public schemas, so they are not flagged.
// AWS::CDK::Metadata is not a registry type but CloudFormation accepts it:
// every template that `cdk synth` writes by default carries one.
bool is_checkable_type(std::string_view type) {
  if (type.size() > 8 && type.substr(type.size() - 8) == "::MODULE") return false;
  if (type == "AWS::CDK::Metadata") return false;
  return type.rfind("AWS::", 0) == 0 || type.rfind("Alexa::", 0) == 0 || type.find("::") == std::string_view::npos;
}

void check_policy(const Context& ctx, const nlohmann::json& v, JsonPath path, const std::vector<std::string>& allowed) {
  if (!intrinsic_name(v).empty()) return;  // Fn::If / Ref to a parameter are allowed
  if (v.is_string() && contains(allowed, v.get<std::string>())) return;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  ctx.add(std::move(path), "invalid-enum",
          "value " + describe_value(v) + " is not allowed; expected one of: " + list +
              (v.is_string() ? did_you_mean(v.get<std::string>(), allowed, Quote::double_) : std::string()));
}

void check_resource(const Context& ctx, const std::string& id, const nlohmann::json& res) {
  const JsonPath base{"Resources", id};
  if (!res.is_object()) {
    ctx.add(base, "template-shape", "resource must be an object, got " + describe_value(res));
    return;
  }
  for (const auto& [key, value] : res.items()) {
    if (!contains(kResourceAttributes, key)) {
      ctx.add({"Resources", id, key}, "unknown-resource-attribute",
              "unknown resource attribute \"" + key + "\"" + did_you_mean(key, kResourceAttributes, Quote::double_));
    }
  }
  auto type = res.find("Type");
  if (type == res.end()) {
    ctx.add(base, "missing-type", "resource has no Type");
  } else if (!type->is_string()) {
    ctx.add({"Resources", id, "Type"}, "type-mismatch", "expected a string, got " + describe_value(*type));
  } else {
    const auto& name = type->get_ref<const std::string&>();
    if (name.rfind("Custom::", 0) != 0 && is_checkable_type(name) && !ctx.db.contains(name)) {
      // Error path only: building the 1,828-name list here costs nothing on valid templates.
      ctx.add({"Resources", id, "Type"}, "unknown-resource-type",
              "unknown resource type \"" + name + "\"" + did_you_mean(name, ctx.db.type_names(), Quote::double_));
    }
  }
  if (auto p = res.find("Properties"); p != res.end() && !p->is_object()) {
    ctx.add({"Resources", id, "Properties"}, "type-mismatch", "expected an object, got " + describe_value(*p));
  }
  if (auto d = res.find("DeletionPolicy"); d != res.end()) {
    check_policy(ctx, *d, {"Resources", id, "DeletionPolicy"}, {"Delete", "Retain", "RetainExceptOnCreate", "Snapshot"});
  }
  if (auto d = res.find("UpdateReplacePolicy"); d != res.end()) {
    check_policy(ctx, *d, {"Resources", id, "UpdateReplacePolicy"}, {"Delete", "Retain", "Snapshot"});
  }
}

}  // namespace

void check_template_shape(const Context& ctx) {
  if (!ctx.tmpl.is_object()) {
    ctx.add({}, "template-shape", "template must be an object, got " + describe_value(ctx.tmpl));
    return;
  }
  for (const auto& [key, value] : ctx.tmpl.items()) {
    if (!contains(kSections, key) && !(key == "Globals" && ctx.sam)) {
      ctx.add({key}, "unknown-section", "unknown template section \"" + key + "\"" + did_you_mean(key, kSections, Quote::double_));
    } else if (!value.is_object() && key != "AWSTemplateFormatVersion" && key != "Description" && key != "Transform") {
      ctx.add({key}, "template-shape", "section " + key + " must be an object, got " + describe_value(value));
    }
  }
  if (auto v = ctx.tmpl.find("AWSTemplateFormatVersion"); v != ctx.tmpl.end()) {
    // YAML may read an unquoted 2010-09-09 as a date; the loader keeps it a string.
    if (!v->is_string() || v->get<std::string>() != "2010-09-09") {
      ctx.add({"AWSTemplateFormatVersion"}, "template-shape",
              "AWSTemplateFormatVersion must be \"2010-09-09\", got " + describe_value(*v));
    }
  }
  if (const auto* parameters = ctx.section("Parameters")) {
    for (const auto& [name, p] : parameters->items()) {
      if (!p.is_object()) {
        ctx.add({"Parameters", name}, "parameter-shape", "parameter must be an object, got " + describe_value(p));
      } else if (auto ty = p.find("Type"); ty == p.end() || !ty->is_string()) {
        ctx.add({"Parameters", name}, "parameter-shape", "parameter has no Type");
      }
    }
  }
  const auto* resources = ctx.section("Resources");
  if (!resources || resources->empty()) {
    ctx.add({"Resources"}, "no-resources", "template must declare at least one resource");
    return;
  }
  for (const auto& [id, res] : resources->items()) {
    if (id.rfind("Fn::ForEach::", 0) == 0) continue;
    check_resource(ctx, id, res);
  }
}

}  // namespace aip::cfn::detail
