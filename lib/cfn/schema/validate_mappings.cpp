// The Mappings section's shape (every mapping maps top-level keys to objects
// of second-level keys whose values are strings, numbers, booleans or lists),
// and ${Name} written in a plain string where only Fn::Sub would replace it.
#include "cfn/schema/checks.hpp"

namespace aip::cfn::detail {

namespace validate_mappings {

bool is_scalar_or_list(const nlohmann::json& v) {
  if (v.is_string() || v.is_number() || v.is_boolean()) return true;
  if (!v.is_array()) return false;
  for (const auto& item : v) {
    if (!(item.is_string() || item.is_number() || item.is_boolean())) return false;
  }
  return true;
}

// Properties whose ${Name} another engine substitutes: Step Functions from
// DefinitionSubstitutions, a StackSet's template body in each stack instance.
bool substitutes_itself(std::string_view type, std::string_view property) {
  if (type == "AWS::StepFunctions::StateMachine") return property.starts_with("Definition");
  if (type == "AWS::CloudFormation::StackSet") return property == "TemplateBody";
  return false;
}

// One step of the way down the template, kept as views so walking allocates
// nothing; a JsonPath is built only for a finding.
struct Step {
  std::string_view key;
  std::size_t index = 0;
  bool is_index = false;
};

class SubNeededWalker {
 public:
  explicit SubNeededWalker(const Context& ctx) : ctx_(ctx) {}

  void walk(const nlohmann::json& v) {
    if (v.is_string()) return check_string(v.get_ref<const std::string&>());
    if (v.is_array()) {
      for (std::size_t i = 0; i < v.size(); ++i) {
        steps_.push_back({{}, i, true});
        walk(v[i]);
        steps_.pop_back();
      }
      return;
    }
    if (!v.is_object()) return;
    const std::string_view fn = intrinsic_name(v);
    if (!fn.empty()) {
      const auto& args = v.begin().value();
      // Fn::Sub's own string is substituted; a macro's parameters and a loop's
      // body are the macro's and the loop's to read.
      if (fn == "Fn::Transform" || fn.starts_with("Fn::ForEach")) return;
      steps_.push_back({fn});
      if (fn == "Fn::Sub") {
        if (args.is_array() && args.size() == 2) {
          steps_.push_back({{}, 1, true});
          walk(args[1]);
          steps_.pop_back();
        }
      } else {
        walk(args);
      }
      steps_.pop_back();
      return;
    }
    for (const auto& [key, child] : v.items()) {
      if (key.starts_with("Fn::ForEach::")) continue;
      steps_.push_back({key});
      walk(child);
      steps_.pop_back();
    }
  }

  std::vector<Step> steps_;

 private:
  bool known_name(std::string_view name) const {
    if (ctx_.parameters.count(name) || ctx_.resources.count(name) || is_pseudo_parameter(name)) return true;
    const auto dot = name.find('.');
    return dot != std::string_view::npos && ctx_.resources.count(name.substr(0, dot));
  }

  void check_string(const std::string& s) {
    for (std::size_t pos = s.find("${"); pos != std::string::npos; pos = s.find("${", pos + 2)) {
      const auto end = s.find('}', pos + 2);
      if (end == std::string::npos) return;
      std::string_view inner = std::string_view(s).substr(pos + 2, end - pos - 2);
      if (inner.empty() || inner.front() == '!') continue;  // ${!Literal}
      if (!known_name(inner)) continue;  // IAM policy variables, shell and template syntax of other tools
      JsonPath path;
      for (const Step& st : steps_) path.push_back(st.is_index ? std::to_string(st.index) : std::string(st.key));
      ctx_.add(std::move(path), "sub-needed",
               "\"${" + std::string(inner) + "}\" in a plain string is not replaced; CloudFormation substitutes it only inside Fn::Sub");
      return;
    }
  }

  const Context& ctx_;
};

}  // namespace validate_mappings

void check_mappings(const Context& ctx) {
  using namespace validate_mappings;
  const auto* mappings = ctx.section("Mappings");
  if (!mappings) return;
  for (const auto& [name, map] : mappings->items()) {
    if (!map.is_object() || map.empty()) {
      ctx.add({"Mappings", name}, "mapping-shape",
              map.is_object() ? std::string("mapping has no top-level keys")
                              : "mapping must be an object of top-level keys, got " + describe_value(map));
      continue;
    }
    for (const auto& [top, entry] : map.items()) {
      if (!entry.is_object() || entry.empty()) {
        ctx.add({"Mappings", name, top}, "mapping-shape",
                entry.is_object() ? "top-level key \"" + top + "\" has no second-level keys"
                                  : "top-level key \"" + top + "\" must map to an object of second-level keys, got " + describe_value(entry));
        continue;
      }
      for (const auto& [second, value] : entry.items()) {
        if (!is_scalar_or_list(value)) {
          ctx.add({"Mappings", name, top, second}, "mapping-shape",
                  "a mapping value must be a string, a number, a boolean or a list of them, got " + describe_value(value));
        }
      }
    }
  }
}

void check_sub_needed(const Context& ctx) {
  using namespace validate_mappings;
  SubNeededWalker walker(ctx);
  for (const char* section : {"Resources", "Outputs", "Conditions"}) {
    const auto* s = ctx.section(section);
    if (!s) continue;
    walker.steps_.push_back({section});
    for (const auto& [id, entry] : s->items()) {
      walker.steps_.push_back({id});
      if (std::string_view(section) == "Resources" && entry.is_object()) {
        auto type = ctx.resource_types.find(id);
        const std::string_view type_name = type != ctx.resource_types.end() ? std::string_view(type->second) : "";
        if (auto props = entry.find("Properties"); props != entry.end() && props->is_object()) {
          walker.steps_.push_back({"Properties"});
          for (const auto& [key, value] : props->items()) {
            if (substitutes_itself(type_name, key)) continue;
            walker.steps_.push_back({key});
            walker.walk(value);
            walker.steps_.pop_back();
          }
          walker.steps_.pop_back();
        }
      } else {
        walker.walk(entry);
      }
      walker.steps_.pop_back();
    }
    walker.steps_.pop_back();
  }
}

}  // namespace aip::cfn::detail
