// Reference targets: Ref, Fn::GetAtt (target and attribute), ${...} in
// Fn::Sub, Fn::If / Condition names, Fn::FindInMap map names, DependsOn, and
// unknown Fn:: function names.
#include "cfn/schema/checks.hpp"
#include "base/did_you_mean.hpp"

namespace aip::cfn::detail {

namespace {

bool is_custom_type(std::string_view type) {
  return type.rfind("Custom::", 0) == 0 || type == "AWS::CloudFormation::CustomResource";
}

class ReferenceChecker {
 public:
  explicit ReferenceChecker(const Context& ctx) : ctx_(ctx) {}

  // `in_conditions`: the Conditions section may only Ref parameters.
  void walk(const nlohmann::json& v, JsonPath path, bool in_conditions) {
    in_conditions_ = in_conditions;
    for_each_intrinsic(v, path, [this](std::string_view name, const nlohmann::json& args, const JsonPath& at) {
      visit(name, args, at);
    });
  }

  void check_condition_name(const nlohmann::json& v, const JsonPath& path) {
    if (!v.is_string()) {
      ctx_.add(path, "type-mismatch", "expected a condition name, got " + describe_value(v));
      return;
    }
    const auto& name = v.get_ref<const std::string&>();
    if (ctx_.conditions.count(name)) return;
    ctx_.add(path, "unknown-condition",
             "condition \"" + name + "\" is not defined in Conditions" + did_you_mean(name, names(ctx_.conditions), Quote::double_));
  }

  // Whether `attribute` can be read from resource `id`, adding a finding if not.
  void check_attribute(const std::string& id, const std::string& attribute, const JsonPath& path) {
    auto type_it = ctx_.resource_types.find(id);
    if (type_it == ctx_.resource_types.end()) return;
    const std::string& type = type_it->second;
    if (is_custom_type(type)) return;  // custom resources return whatever their provider sends
    if (type == "AWS::CloudFormation::Stack" && attribute.rfind("Outputs.", 0) == 0) return;
    const ResourceSchema* schema = ctx_.db.find(type);
    if (!schema || schema->has_attribute(attribute)) return;
    std::string message = "resource \"" + id + "\" (" + type + ") has no attribute \"" + attribute + "\"";
    if (schema->attributes.empty()) {
      message += "; it has no attributes";
    } else {
      message += did_you_mean(attribute, schema->attributes, Quote::double_);
    }
    ctx_.add(path, "invalid-attribute", std::move(message));
  }

 private:
  void visit(std::string_view name, const nlohmann::json& args, const JsonPath& path) {
    check_function_arguments(ctx_, name, args, path);
    if (name == "Ref") return check_ref(args, path);
    if (name == "Fn::GetAtt") return check_getatt(args, path);
    if (name == "Fn::Sub") return check_sub(args, path);
    if (name == "Fn::If") {
      if (args.is_array() && args.size() == 3) {
        JsonPath p = path;
        p.push_back("0");
        check_condition_name(args[0], p);
      } else {
        ctx_.add(path, "malformed-intrinsic", "Fn::If must be [ConditionName, ValueIfTrue, ValueIfFalse]");
      }
      return;
    }
    if (name == "Fn::FindInMap") return check_find_in_map(args, path);
    if (is_rule_function(name)) {
      ctx_.add(path, "unknown-function", std::string(name) + " is a rule function: only the Rules section may use it");
      return;
    }
    if (!is_known_function(name)) {
      static const std::vector<std::string> known = {
          "Fn::And", "Fn::Base64", "Fn::Cidr", "Fn::Equals", "Fn::FindInMap", "Fn::GetAZs", "Fn::GetAtt",
          "Fn::GetStackOutput", "Fn::If", "Fn::ImportValue", "Fn::Join", "Fn::Length", "Fn::Not", "Fn::Or",
          "Fn::Select", "Fn::Split", "Fn::Sub", "Fn::ToJsonString", "Fn::Transform"};
      ctx_.add(path, "unknown-function",
               "unknown intrinsic function \"" + std::string(name) + "\"" + did_you_mean(name, known, Quote::double_));
    }
  }

  void check_ref(const nlohmann::json& args, const JsonPath& path) {
    if (!args.is_string()) {
      if (intrinsic_name(args).empty()) ctx_.add(path, "malformed-intrinsic", "Ref must be a logical ID or parameter name");
      return;
    }
    const auto& target = args.get_ref<const std::string&>();
    if (ctx_.parameters.count(target) || is_pseudo_parameter(target)) return;
    if (ctx_.resources.count(target)) {
      if (in_conditions_) {
        ctx_.add(path, "ref-in-conditions", "Ref \"" + target + "\" in Conditions must name a parameter, not a resource");
      }
      return;
    }
    if (ctx_.names_may_be_generated) return;
    ctx_.add(path, "unresolved-ref",
             "Ref \"" + target + "\" is not a resource, parameter or pseudo parameter" +
                 did_you_mean(target, ref_candidates(), Quote::double_));
  }

  void check_getatt(const nlohmann::json& args, const JsonPath& path) {
    std::string id;
    std::string attribute;
    bool attribute_known = true;
    if (args.is_string()) {
      std::tie(id, attribute) = split_getatt(args.get<std::string>());
    } else if (args.is_array() && args.size() == 2 && args[0].is_string() &&
               (args[1].is_string() || !intrinsic_name(args[1]).empty())) {
      id = args[0].get<std::string>();
      if (args[1].is_string()) {
        attribute = args[1].get<std::string>();
      } else {
        attribute_known = false;  // chosen at deploy time (e.g. Ref to a parameter)
      }
    }
    if (id.empty() || (attribute_known && attribute.empty())) {
      ctx_.add(path, "malformed-intrinsic", "Fn::GetAtt must be [LogicalId, AttributeName] or \"LogicalId.AttributeName\"");
      return;
    }
    if (!ctx_.resources.count(id)) {
      if (ctx_.names_may_be_generated) return;
      ctx_.add(path, "unresolved-getatt",
               "Fn::GetAtt target \"" + id + "\" is not a resource" + did_you_mean(id, names(ctx_.resources), Quote::double_));
      return;
    }
    if (attribute_known) check_attribute(id, attribute, path);
  }

  void check_sub(const nlohmann::json& args, JsonPath path) {
    const nlohmann::json* text = nullptr;
    const nlohmann::json* vars = nullptr;
    if (args.is_string()) {
      text = &args;
    } else if (args.is_array() && args.size() == 2 && args[1].is_object()) {
      text = &args[0];
      vars = &args[1];
      path.push_back("0");
    } else {
      ctx_.add(path, "malformed-intrinsic", "Fn::Sub must be a string or [String, {Name: Value}]");
      return;
    }
    if (!text->is_string()) return;  // e.g. a nested intrinsic; only known at deploy time
    for (const auto& ref : sub_references(text->get<std::string>())) {
      if (vars && vars->contains(ref)) continue;
      if (ctx_.parameters.count(ref) || ctx_.resources.count(ref) || is_pseudo_parameter(ref)) continue;
      auto [id, attribute] = split_getatt(ref);
      if (!attribute.empty() && ctx_.resources.count(id)) {
        check_attribute(id, attribute, path);
        continue;
      }
      if (ctx_.names_may_be_generated) continue;
      std::vector<std::string> candidates = ref_candidates();
      if (vars) {
        for (const auto& [k, _] : vars->items()) candidates.push_back(k);
      }
      ctx_.add(path, "unresolved-sub",
               "Fn::Sub references \"${" + ref + "}\", which is not a resource, parameter, pseudo parameter or Sub variable" +
                   did_you_mean(ref, candidates, Quote::double_));
    }
  }

  void check_find_in_map(const nlohmann::json& args, const JsonPath& path) {
    if (!args.is_array() || args.size() < 3) {
      ctx_.add(path, "malformed-intrinsic", "Fn::FindInMap must be [MapName, TopLevelKey, SecondLevelKey]");
      return;
    }
    if (!args[0].is_string()) return;
    const auto& map = args[0].get_ref<const std::string&>();
    const auto* mappings = ctx_.section("Mappings");
    if (mappings && mappings->contains(map)) return;
    std::vector<std::string> candidates;
    if (mappings) {
      for (const auto& [k, _] : mappings->items()) candidates.push_back(k);
    }
    JsonPath p = path;
    p.push_back("0");
    ctx_.add(p, "unknown-mapping", "mapping \"" + map + "\" is not defined in Mappings" + did_you_mean(map, candidates, Quote::double_));
  }

  static std::vector<std::string> names(const std::set<std::string, std::less<>>& s) {
    return {s.begin(), s.end()};
  }

  std::vector<std::string> ref_candidates() const {
    std::vector<std::string> c(ctx_.resources.begin(), ctx_.resources.end());
    c.insert(c.end(), ctx_.parameters.begin(), ctx_.parameters.end());
    c.insert(c.end(), pseudo_parameters().begin(), pseudo_parameters().end());
    return c;
  }

  const Context& ctx_;
  bool in_conditions_ = false;
};

void check_depends_on(const Context& ctx, const std::string& id, const nlohmann::json& dep) {
  auto check_one = [&](const nlohmann::json& target, JsonPath path) {
    if (!target.is_string()) {
      ctx.add(std::move(path), "type-mismatch", "expected a logical ID, got " + describe_value(target));
      return;
    }
    const auto& name = target.get_ref<const std::string&>();
    if (ctx.resources.count(name) || ctx.names_may_be_generated) return;
    ctx.add(std::move(path), "unresolved-depends-on",
            "DependsOn target \"" + name + "\" is not a resource" +
                did_you_mean(name, std::vector<std::string>(ctx.resources.begin(), ctx.resources.end()), Quote::double_));
  };
  if (dep.is_array()) {
    for (std::size_t i = 0; i < dep.size(); ++i) check_one(dep[i], {"Resources", id, "DependsOn", std::to_string(i)});
  } else {
    check_one(dep, {"Resources", id, "DependsOn"});
  }
}

}  // namespace

void check_references(const Context& ctx) {
  ReferenceChecker refs(ctx);
  if (const auto* resources = ctx.section("Resources")) {
    for (const auto& [id, res] : resources->items()) {
      if (!res.is_object() || !ctx.resources.count(id) || !ctx.in_focus(id)) continue;
      refs.walk(res, {"Resources", id}, false);
      if (auto c = res.find("Condition"); c != res.end()) refs.check_condition_name(*c, {"Resources", id, "Condition"});
      if (auto d = res.find("DependsOn"); d != res.end()) check_depends_on(ctx, id, *d);
    }
  }
  if (const auto* outputs = ctx.section("Outputs")) {
    for (const auto& [name, out] : outputs->items()) {
      refs.walk(out, {"Outputs", name}, false);
      if (!out.is_object()) continue;
      if (auto c = out.find("Condition"); c != out.end()) refs.check_condition_name(*c, {"Outputs", name, "Condition"});
    }
  }
  if (const auto* conditions = ctx.section("Conditions")) refs.walk(*conditions, {"Conditions"}, true);
}

}  // namespace aip::cfn::detail
