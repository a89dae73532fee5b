// Outputs: shape (a string Value required, Export needs a valid Name) and export names that
// must be unique within the template and, via check_unique_exports, across
// the stacks of one account/region.
#include "cfn/schema/checks.hpp"
#include "base/did_you_mean.hpp"

#include <algorithm>
#include <cctype>

namespace aip::cfn {

namespace detail {

namespace {

// Same value in every stack of one environment, so comparable as text.
bool is_env_constant(std::string_view ref) {
  return ref == "AWS::Region" || ref == "AWS::AccountId" || ref == "AWS::Partition" || ref == "AWS::URLSuffix";
}

std::string substitute(const std::string& text, const nlohmann::json* vars, std::string_view stack, bool& ok) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const auto open = text.find("${", pos);
    if (open == std::string::npos) break;
    const auto close = text.find('}', open);
    if (close == std::string::npos) break;
    out += text.substr(pos, open - pos);
    const std::string name = text.substr(open + 2, close - open - 2);
    pos = close + 1;
    if (!name.empty() && name[0] == '!') {
      out += "${" + name.substr(1) + "}";
    } else if (vars && vars->contains(name) && (*vars)[name].is_string()) {
      out += (*vars)[name].get<std::string>();
    } else if (name == "AWS::StackName") {
      out += stack;
    } else if (is_env_constant(name)) {
      out += "${" + name + "}";
    } else {
      ok = false;
    }
  }
  return out + text.substr(pos);
}

}  // namespace

std::string resolve_export_name(const nlohmann::json& name, std::string_view stack) {
  if (name.is_string()) return name.get<std::string>();
  const std::string_view fn = intrinsic_name(name);
  const auto& args = fn.empty() ? name : name.begin().value();
  bool ok = true;
  std::string out;
  if (fn == "Ref" && args.is_string()) {
    const auto& ref = args.get_ref<const std::string&>();
    if (ref == "AWS::StackName") return std::string(stack);
    if (is_env_constant(ref)) return "${" + ref + "}";
    return {};
  }
  if (fn == "Fn::Sub") {
    if (args.is_string()) {
      out = substitute(args.get<std::string>(), nullptr, stack, ok);
    } else if (args.is_array() && args.size() == 2 && args[0].is_string() && args[1].is_object()) {
      out = substitute(args[0].get<std::string>(), &args[1], stack, ok);
    } else {
      return {};
    }
    return ok ? out : std::string();
  }
  if (fn == "Fn::Join" && args.is_array() && args.size() == 2 && args[0].is_string() && args[1].is_array()) {
    const auto& sep = args[0].get_ref<const std::string&>();
    for (std::size_t i = 0; i < args[1].size(); ++i) {
      const std::string part = resolve_export_name(args[1][i], stack);
      if (part.empty() && !(args[1][i].is_string())) return {};
      out += (i ? sep : "") + part;
    }
    return out;
  }
  return {};
}

void check_outputs(const Context& ctx) {
  const auto* outputs = ctx.section("Outputs");
  if (!outputs) return;
  static const std::vector<std::string> kOutputKeys = {"Condition", "Description", "Export", "Value"};
  std::map<std::string, std::string> first_by_export;  // export name -> output (outputs in sorted order)
  for (const auto& [name, out] : outputs->items()) {
    if (name.rfind("Fn::ForEach::", 0) == 0) continue;
    if (!out.is_object()) {
      ctx.add({"Outputs", name}, "output-shape", "output must be an object, got " + describe_value(out));
      continue;
    }
    for (const auto& [key, _] : out.items()) {
      if (std::find(kOutputKeys.begin(), kOutputKeys.end(), key) == kOutputKeys.end()) {
        ctx.add({"Outputs", name, key}, "output-shape",
                "unknown output attribute \"" + key + "\"" + did_you_mean(key, kOutputKeys, Quote::double_));
      }
    }
    auto value = out.find("Value");
    if (value == out.end()) {
      ctx.add({"Outputs", name}, "output-shape", "output has no Value");
    } else if (value->is_null()) {
      ctx.add({"Outputs", name, "Value"}, "null-value", "null values are not allowed in templates");
    } else if (const auto fn = intrinsic_name(*value);
               (fn.empty() && (value->is_object() || value->is_array())) || fn == "Fn::GetAZs" || fn == "Fn::Split" ||
               fn == "Fn::Cidr") {
      // An output is a string; a list-valued function needs an Fn::Join around it.
      ctx.add({"Outputs", name, "Value"}, "output-shape",
              "an output Value must be a string, got " + (fn.empty() ? describe_value(*value) : "the list " + std::string(fn) + " returns") +
                  (fn.empty() ? "" : "; join it with Fn::Join"));
    }
    auto exp = out.find("Export");
    if (exp == out.end()) continue;
    if (!exp->is_object() || !exp->contains("Name") || (*exp)["Name"].is_null()) {
      ctx.add({"Outputs", name, "Export"}, "output-shape", "Export must be an object with a Name");
      continue;
    }
    if (const auto& literal = (*exp)["Name"]; literal.is_string()) {
      const auto& text = literal.get_ref<const std::string&>();
      const bool valid = !text.empty() && text.size() <= 255 && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '-';
      });
      if (!valid) {
        ctx.add({"Outputs", name, "Export", "Name"}, "output-shape",
                "export name \"" + text + "\" must be 1 to 255 characters of A-Z, a-z, 0-9, ':' and '-'");
      }
    }
    const std::string export_name = resolve_export_name((*exp)["Name"], "${AWS::StackName}");
    if (export_name.empty()) continue;
    auto [it, inserted] = first_by_export.emplace(export_name, name);
    if (!inserted) {
      ctx.add({"Outputs", name, "Export", "Name"}, "duplicate-export",
              "export name \"" + export_name + "\" is also exported by output \"" + it->second + "\"");
    }
  }
}

}  // namespace detail

std::vector<SchemaFinding> check_unique_exports(
    const std::vector<std::pair<std::string, nlohmann::json>>& stacks_in_one_env) {
  struct Origin {
    std::string stack;
    std::string output;
  };
  std::map<std::string, Origin> first;
  std::vector<SchemaFinding> findings;
  for (const auto& [stack, tmpl] : stacks_in_one_env) {
    if (!tmpl.is_object()) continue;
    auto outputs = tmpl.find("Outputs");
    if (outputs == tmpl.end() || !outputs->is_object()) continue;
    for (const auto& [name, out] : outputs->items()) {
      if (!out.is_object()) continue;
      auto exp = out.find("Export");
      if (exp == out.end() || !exp->is_object() || !exp->contains("Name")) continue;
      const std::string export_name = detail::resolve_export_name((*exp)["Name"], stack);
      if (export_name.empty()) continue;
      auto [it, inserted] = first.emplace(export_name, Origin{stack, name});
      // Repeats inside one template are validate_template's to report.
      if (inserted || it->second.stack == stack) continue;
      findings.push_back({{"Outputs", name, "Export", "Name"},
                          "export name \"" + export_name + "\" is also exported by stack \"" + it->second.stack +
                              "\" (output \"" + it->second.output + "\")",
                          "duplicate-export",
                          stack});
    }
  }
  sort_findings(findings);
  return findings;
}

}  // namespace aip::cfn
