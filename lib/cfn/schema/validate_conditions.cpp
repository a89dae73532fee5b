// The Conditions section: each condition is a condition function with the
// arguments CloudFormation accepts (Fn::Equals two values, Fn::Not one
// condition, Fn::And / Fn::Or 2 to 10), {"Condition": Name} names a condition
// that exists, and every condition is used somewhere.
#include "base/did_you_mean.hpp"
#include "cfn/schema/checks.hpp"

namespace aip::cfn::detail {

namespace validate_conditions {

bool is_condition_function(std::string_view key) {
  return key == "Fn::Equals" || key == "Fn::Not" || key == "Fn::And" || key == "Fn::Or" || key == "Condition";
}

class ConditionChecker {
 public:
  ConditionChecker(const Context& ctx, std::set<std::string, std::less<>>& used) : ctx_(ctx), used_(used) {}

  // `v` must evaluate to a boolean: a condition function, or an Fn::If / Ref
  // only where CloudFormation allows values (inside Fn::Equals).
  void check_condition(const nlohmann::json& v, JsonPath& path) {
    if (!v.is_object() || v.size() != 1 || !is_condition_function(v.begin().key())) {
      ctx_.add(path, "condition-shape",
               "expected a condition (Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition), got " + describe_value(v));
      return;
    }
    const std::string& fn = v.begin().key();
    const nlohmann::json& args = v.begin().value();
    path.push_back(fn);
    if (fn == "Condition") {
      check_condition_name(args, path);
    } else if (fn == "Fn::Equals") {
      if (!args.is_array() || args.size() != 2) {
        ctx_.add(path, "condition-shape", "Fn::Equals takes a list of exactly two values, got " + count_of(args));
      }
    } else {
      const std::size_t min = fn == "Fn::Not" ? 1 : 2, max = fn == "Fn::Not" ? 1 : 10;
      if (!args.is_array() || args.size() < min || args.size() > max) {
        const std::string wanted = fn == "Fn::Not" ? "exactly one condition" : "2 to 10 conditions";
        ctx_.add(path, "condition-shape", fn + " takes a list of " + wanted + ", got " + count_of(args));
      } else {
        for (std::size_t i = 0; i < args.size(); ++i) {
          path.push_back(std::to_string(i));
          check_condition(args[i], path);
          path.pop_back();
        }
      }
    }
    path.pop_back();
  }

 private:
  void check_condition_name(const nlohmann::json& name, const JsonPath& path) {
    if (!name.is_string()) {
      ctx_.add(path, "condition-shape", "Condition must name a condition, got " + describe_value(name));
      return;
    }
    const std::string& n = name.get_ref<const std::string&>();
    used_.insert(n);
    if (ctx_.conditions.count(n)) return;
    ctx_.add(path, "unknown-condition",
             "condition \"" + n + "\" is not defined in Conditions" +
                 did_you_mean(n, std::vector<std::string>(ctx_.conditions.begin(), ctx_.conditions.end()), Quote::double_));
  }

  static std::string count_of(const nlohmann::json& args) {
    if (!args.is_array()) return describe_value(args);
    return std::to_string(args.size()) + (args.size() == 1 ? " item" : " items");
  }

  const Context& ctx_;
  std::set<std::string, std::less<>>& used_;
};

// Conditions named by a Condition attribute of a resource or output, or by an
// Fn::If, anywhere in the template.
void collect_used_conditions(const Context& ctx, std::set<std::string, std::less<>>& used) {
  for (const char* section : {"Resources", "Outputs"}) {
    if (const auto* s = ctx.section(section)) {
      for (const auto& [_, entry] : s->items()) {
        if (!entry.is_object()) continue;
        if (auto c = entry.find("Condition"); c != entry.end() && c->is_string()) used.insert(c->get<std::string>());
      }
    }
  }
  for_each_intrinsic(ctx.tmpl, [&](std::string_view fn, const nlohmann::json& args) {
    if (fn == "Fn::If" && args.is_array() && !args.empty() && args[0].is_string()) used.insert(args[0].get<std::string>());
  });
}

}  // namespace validate_conditions

void check_conditions(const Context& ctx) {
  using namespace validate_conditions;
  const auto* conditions = ctx.section("Conditions");
  if (!conditions) return;
  std::set<std::string, std::less<>> used;
  ConditionChecker checker(ctx, used);
  for (const auto& [name, condition] : conditions->items()) {
    if (name.rfind("Fn::ForEach::", 0) == 0) continue;  // expanded by AWS::LanguageExtensions
    JsonPath path{"Conditions", name};
    checker.check_condition(condition, path);
  }
  collect_used_conditions(ctx, used);
  if (ctx.names_may_be_generated) return;
  for (const auto& [name, _] : conditions->items()) {
    if (!used.count(name)) {
      ctx.add({"Conditions", name}, "unused-condition",
              "condition \"" + name + "\" is declared but never used (no Condition attribute, Fn::If or Condition reference)");
    }
  }
}

}  // namespace aip::cfn::detail
