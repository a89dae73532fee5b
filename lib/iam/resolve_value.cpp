// Turning a policy value into the string IAM would compare: CloudFormation
// intrinsics first (pseudo parameters from the request, the rest through the
// caller's resolver), then IAM policy variables such as ${aws:PrincipalTag/team}.
#include "iam/eval_context.hpp"

#include "base/aws_regions.hpp"

namespace aip::iam {

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

std::optional<std::string> policy_value_text(const Json& value, const Request& request, const Resolver& resolver) {
  return EvalContext(request, resolver, false).value(value);
}

std::optional<std::string> EvalContext::value(const Json& v) const {
  std::optional<std::string> s;
  if (v.is_string()) s = v.get<std::string>();
  else if (v.is_boolean()) s = v.get<bool>() ? "true" : "false";
  else if (v.is_number()) s = v.dump();
  else s = intrinsic(v);
  if (!s || !variables_) return s;
  return variables(*s);
}

std::optional<std::string> EvalContext::intrinsic(const Json& v) const {
  if (v.is_string()) return v.get<std::string>();
  if (!v.is_object() || v.size() != 1) return std::nullopt;
  const std::string& fn = v.begin().key();
  const Json& args = v.begin().value();
  if (fn == "Ref" && args.is_string()) {
    const std::string& name = args.get_ref<const std::string&>();
    const Request& r = request_;
    if (name == "AWS::Partition") return r.partition;
    if (name == "AWS::Region") return r.region.empty() ? std::nullopt : std::optional(r.region);
    if (name == "AWS::AccountId") return r.account_id.empty() ? std::nullopt : std::optional(r.account_id);
    if (name == "AWS::URLSuffix") return aws::dns_suffix(r.partition);
  }
  if (fn == "Fn::Sub") return sub(args);
  if (fn == "Fn::Join" && args.is_array() && args.size() == 2 && args[0].is_string() && args[1].is_array()) {
    std::string out;
    for (std::size_t i = 0; i < args[1].size(); ++i) {
      auto piece = intrinsic(args[1][i]);
      if (!piece) return std::nullopt;
      if (i != 0) out += args[0].get<std::string>();
      out += *piece;
    }
    return out;
  }
  if (resolver_) return resolver_(v);
  return std::nullopt;
}

// Fn::Sub: "${Name}" is a Ref, "${Name.Attr}" a GetAtt, "${!Text}" the literal
// "${Text}" (how IAM policy variables are written inside Fn::Sub).
std::optional<std::string> EvalContext::sub(const Json& args) const {
  const Json* text = &args;
  const Json* vars = nullptr;
  if (args.is_array() && args.size() == 2 && args[1].is_object()) {
    text = &args[0];
    vars = &args[1];
  }
  if (!text->is_string()) return std::nullopt;
  const std::string& s = text->get_ref<const std::string&>();
  std::string out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    const auto open = s.find("${", pos);
    const auto close = open == std::string::npos ? open : s.find('}', open);
    if (close == std::string::npos) {
      out += s.substr(pos);
      break;
    }
    out += s.substr(pos, open - pos);
    const std::string name = s.substr(open + 2, close - open - 2);
    pos = close + 1;
    if (name.starts_with("!")) {
      out += "${" + name.substr(1) + "}";
      continue;
    }
    std::optional<std::string> piece;
    if (vars && vars->contains(name)) {
      piece = intrinsic((*vars)[name]);
    } else if (const auto dot = name.find('.'); dot != std::string::npos && !name.starts_with("AWS::")) {
      piece = intrinsic(Json{{"Fn::GetAtt", Json::array({name.substr(0, dot), name.substr(dot + 1)})}});
    } else {
      piece = intrinsic(Json{{"Ref", name}});
    }
    if (!piece) return std::nullopt;
    out += *piece;
  }
  return out;
}

// ${key} and ${key, 'default'}; ${*}, ${?} and ${$} are the literal characters.
// A key with no single value leaves the whole value unknown.
std::optional<std::string> EvalContext::variables(const std::string& s) const {
  std::string out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    const auto open = s.find("${", pos);
    const auto close = open == std::string::npos ? open : s.find('}', open);
    if (close == std::string::npos) {
      out += s.substr(pos);
      break;
    }
    out += s.substr(pos, open - pos);
    std::string inner = s.substr(open + 2, close - open - 2);
    pos = close + 1;
    if (inner == "*" || inner == "?" || inner == "$") {
      out += inner;
      continue;
    }
    std::optional<std::string> fallback;
    if (const auto comma = inner.find(','); comma != std::string::npos) {
      std::string d = trim(std::string_view(inner).substr(comma + 1));
      if (d.size() >= 2 && d.front() == '\'' && d.back() == '\'') fallback = d.substr(1, d.size() - 2);
      inner = trim(std::string_view(inner).substr(0, comma));
    }
    const KeyValues kv = lookup(inner);
    if (kv.state == KeyValues::State::Present && kv.values.size() == 1) {
      out += kv.values.front();
    } else if (kv.state == KeyValues::State::Absent && fallback) {
      out += *fallback;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace aip::iam
