// The Rules section: every rule is {RuleCondition?, Assertions: [{Assert,
// AssertDescription?}]}, written with the rule functions (Fn::And,
// Fn::Contains, Fn::EachMemberEquals, Fn::EachMemberIn, Fn::Equals, Fn::Not,
// Fn::Or, Fn::RefAll, Fn::ValueOf, Fn::ValueOfAll, Ref), and a Ref or
// Fn::ValueOf names a parameter (or a pseudo parameter).
#include "base/did_you_mean.hpp"
#include "cfn/schema/checks.hpp"

namespace aip::cfn::detail {

namespace validate_rules {

bool is_rule_condition_function(std::string_view fn) {
  return fn == "Fn::And" || fn == "Fn::Or" || fn == "Fn::Not" || fn == "Fn::Equals" || fn == "Fn::Contains" ||
         fn == "Fn::EachMemberEquals" || fn == "Fn::EachMemberIn";
}

bool is_rule_value_function(std::string_view fn) {
  return fn == "Ref" || fn == "Fn::ValueOf" || fn == "Fn::ValueOfAll" || fn == "Fn::RefAll";
}

std::string items_text(const nlohmann::json& args) {
  if (!args.is_array()) return describe_value(args);
  return std::to_string(args.size()) + (args.size() == 1 ? " item" : " items");
}

class RuleChecker {
 public:
  explicit RuleChecker(const Context& ctx) : ctx_(ctx) {}

  // A position that must hold a condition (RuleCondition, Assert, Fn::And ...).
  void condition(const nlohmann::json& v, JsonPath& path) {
    const std::string_view fn = intrinsic_name(v);
    if (fn.empty() || !is_rule_condition_function(fn)) {
      ctx_.add(path, "rule-function",
               "expected a rule condition (Fn::And, Fn::Contains, Fn::EachMemberEquals, Fn::EachMemberIn, Fn::Equals, Fn::Not or Fn::Or), got " +
                   (fn.empty() ? describe_value(v) : std::string(fn)));
      return;
    }
    const auto& args = v.begin().value();
    path.emplace_back(fn);
    if (fn == "Fn::And" || fn == "Fn::Or" || fn == "Fn::Not") {
      const bool is_not = fn == "Fn::Not";
      const std::size_t min = is_not ? 1 : 2, max = is_not ? 1 : 10;
      if (!args.is_array() || args.size() < min || args.size() > max) {
        ctx_.add(path, "rule-function", std::string(fn) + " takes a list of " + (is_not ? "exactly one condition" : "2 to 10 conditions") +
                                            ", got " + items_text(args));
      } else {
        for_each_item(args, path, [this](const nlohmann::json& item, JsonPath& p) { condition(item, p); });
      }
    } else if (!args.is_array() || args.size() != 2) {
      ctx_.add(path, "rule-function", std::string(fn) + " takes a list of exactly two values, got " + items_text(args));
    } else {
      for_each_item(args, path, [this](const nlohmann::json& item, JsonPath& p) { value(item, p); });
      // Fn::Contains / Fn::EachMember*: the first argument is a list of values.
      if (fn != "Fn::Equals") list_argument(args[0], fn, path, "0");
      if (fn == "Fn::EachMemberIn") list_argument(args[1], fn, path, "1");
    }
    path.pop_back();
  }

 private:
  template <class Fn>
  static void for_each_item(const nlohmann::json& args, JsonPath& path, Fn&& fn) {
    for (std::size_t i = 0; i < args.size(); ++i) {
      path.push_back(std::to_string(i));
      fn(args[i], path);
      path.pop_back();
    }
  }

  void list_argument(const nlohmann::json& v, std::string_view fn, JsonPath& path, const char* index) {
    if (v.is_array() || !intrinsic_name(v).empty()) return;
    path.emplace_back(index);
    ctx_.add(path, "rule-function", std::string(fn) + " takes a list here, got " + describe_value(v));
    path.pop_back();
  }

  // A value: a literal, a list of values, or a rule value function.
  void value(const nlohmann::json& v, JsonPath& path) {
    if (v.is_array()) {
      for_each_item(v, path, [this](const nlohmann::json& item, JsonPath& p) { value(item, p); });
      return;
    }
    const std::string_view fn = intrinsic_name(v);
    if (fn.empty()) {
      if (v.is_object()) ctx_.add(path, "rule-function", "expected a value or a rule function, got an object");
      return;
    }
    const auto& args = v.begin().value();
    path.emplace_back(fn);
    if (!is_rule_value_function(fn)) {
      if (is_rule_condition_function(fn)) {
        path.pop_back();
        condition(v, path);  // Fn::Equals [true, {Fn::Contains: ...}] and the like
        return;
      }
      ctx_.add(path, "rule-function", std::string(fn) + " cannot be used in Rules; the rule functions are Fn::And, Fn::Contains, "
                                                        "Fn::EachMemberEquals, Fn::EachMemberIn, Fn::Equals, Fn::Not, Fn::Or, "
                                                        "Fn::RefAll, Fn::ValueOf, Fn::ValueOfAll and Ref");
    } else if (fn == "Ref") {
      if (!args.is_string()) {
        ctx_.add(path, "rule-function", "Ref must be a parameter name, got " + describe_value(args));
      } else {
        parameter_name(args.get_ref<const std::string&>(), path, "Ref");
      }
    } else if (fn == "Fn::ValueOf") {
      if (!args.is_array() || args.size() != 2 || !args[1].is_string()) {
        ctx_.add(path, "rule-function", "Fn::ValueOf must be [ParameterName, Attribute]");
      } else if (!args[0].is_string()) {
        if (intrinsic_name(args[0]).empty()) ctx_.add(path, "rule-function", "Fn::ValueOf must be [ParameterName, Attribute]");
      } else {
        path.emplace_back("0");
        parameter_name(args[0].get_ref<const std::string&>(), path, "Fn::ValueOf");
        path.pop_back();
      }
    } else if (fn == "Fn::ValueOfAll") {
      if (!args.is_array() || args.size() != 2 || !args[0].is_string() || !args[1].is_string()) {
        ctx_.add(path, "rule-function", "Fn::ValueOfAll must be [ParameterType, Attribute]");
      }
    } else if (!args.is_string()) {  // Fn::RefAll
      ctx_.add(path, "rule-function", "Fn::RefAll takes a parameter type, got " + describe_value(args));
    }
    path.pop_back();
  }

  void parameter_name(const std::string& name, const JsonPath& path, const char* fn) {
    if (ctx_.parameters.count(name) || is_pseudo_parameter(name) || ctx_.names_may_be_generated) return;
    std::string message = std::string(fn) + " \"" + name + "\" in Rules must name a parameter";
    if (ctx_.resources.count(name)) {
      message += "; \"" + name + "\" is a resource";
    } else {
      message += did_you_mean(name, std::vector<std::string>(ctx_.parameters.begin(), ctx_.parameters.end()), Quote::double_);
    }
    ctx_.add(path, "ref-in-rules", std::move(message));
  }

  const Context& ctx_;
};

}  // namespace validate_rules

void check_rules(const Context& ctx) {
  using namespace validate_rules;
  const auto* rules = ctx.section("Rules");
  if (!rules) return;
  static const std::vector<std::string> kRuleKeys = {"Assertions", "RuleCondition"};
  static const std::vector<std::string> kAssertionKeys = {"Assert", "AssertDescription"};
  RuleChecker checker(ctx);
  for (const auto& [name, rule] : rules->items()) {
    JsonPath path{"Rules", name};
    if (!rule.is_object()) {
      ctx.add(path, "rule-shape", "rule must be an object with Assertions, got " + describe_value(rule));
      continue;
    }
    for (const auto& [key, _] : rule.items()) {
      if (std::find(kRuleKeys.begin(), kRuleKeys.end(), key) == kRuleKeys.end()) {
        ctx.add({"Rules", name, key}, "rule-shape", "unknown rule attribute \"" + key + "\"" + did_you_mean(key, kRuleKeys, Quote::double_));
      }
    }
    if (auto c = rule.find("RuleCondition"); c != rule.end()) {
      path.emplace_back("RuleCondition");
      checker.condition(*c, path);
      path.pop_back();
    }
    auto assertions = rule.find("Assertions");
    if (assertions == rule.end()) {
      ctx.add(path, "rule-shape", "rule has no Assertions");
      continue;
    }
    path.emplace_back("Assertions");
    if (!assertions->is_array() || assertions->empty()) {
      ctx.add(path, "rule-shape", "Assertions must be a non-empty list of {Assert, AssertDescription}, got " + describe_value(*assertions));
      continue;
    }
    for (std::size_t i = 0; i < assertions->size(); ++i) {
      const auto& a = (*assertions)[i];
      path.push_back(std::to_string(i));
      if (!a.is_object()) {
        ctx.add(path, "rule-shape", "an assertion must be an object with Assert, got " + describe_value(a));
      } else {
        for (const auto& [key, value] : a.items()) {
          JsonPath p = path;
          p.push_back(key);
          if (std::find(kAssertionKeys.begin(), kAssertionKeys.end(), key) == kAssertionKeys.end()) {
            ctx.add(std::move(p), "rule-shape",
                    "unknown assertion attribute \"" + key + "\"" + did_you_mean(key, kAssertionKeys, Quote::double_));
          } else if (key == "AssertDescription" && !value.is_string()) {
            ctx.add(std::move(p), "rule-shape", "AssertDescription must be a string, got " + describe_value(value));
          }
        }
        if (auto assert = a.find("Assert"); assert == a.end()) {
          ctx.add(path, "rule-shape", "assertion has no Assert");
        } else {
          path.emplace_back("Assert");
          checker.condition(*assert, path);
          path.pop_back();
        }
      }
      path.pop_back();
    }
  }
}

}  // namespace aip::cfn::detail
