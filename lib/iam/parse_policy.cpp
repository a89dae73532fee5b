// Policy grammar: the shapes IAM accepts, with one error per problem and the
// JSON path of the value at fault. Element names are case-sensitive, as in IAM.
#include <algorithm>
#include <cctype>
#include <fmt/format.h>

#include "iam/condition_operator.hpp"
#include "iam/policy.hpp"
#include "base/did_you_mean.hpp"

namespace aip::iam {

namespace {

const std::vector<std::string> kPolicyKeys = {"Version", "Id", "Statement"};
const std::vector<std::string> kStatementKeys = {"Sid",      "Effect",    "Principal",   "NotPrincipal", "Action",
                                                 "NotAction", "Resource", "NotResource", "Condition"};
const std::vector<std::string> kPrincipalKinds = {"AWS", "Service", "Federated", "CanonicalUser"};

std::string child(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "/" + std::string(key);
}
std::string child(const std::string& path, std::size_t index) { return child(path, std::to_string(index)); }

// {"Ref": ...} or {"Fn::Xxx": ...}: one key, so CloudFormation resolves it.
bool is_intrinsic(const Json& v) {
  if (!v.is_object() || v.size() != 1) return false;
  const std::string& key = v.begin().key();
  return key == "Ref" || key.starts_with("Fn::");
}

bool valid_action(const std::string& a) {
  if (a == "*") return true;
  const auto colon = a.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == a.size()) return false;
  const auto prefix_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; };
  const auto action_char = [&](char c) { return prefix_char(c) || c == '*' || c == '?'; };
  return std::all_of(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(colon), prefix_char) &&
         std::all_of(a.begin() + static_cast<std::ptrdiff_t>(colon) + 1, a.end(), action_char);
}

class Parser {
 public:
  explicit Parser(std::vector<PolicyError>& errors) : errors_(errors) {}

  Policy policy(const Json& doc) {
    Policy p;
    if (!doc.is_object()) {
      error("", "a policy document must be a JSON object");
      return p;
    }
    unknown_keys(doc, "", kPolicyKeys, "");
    if (auto it = doc.find("Version"); it != doc.end()) {
      if (!it->is_string()) {
        error("Version", "Version must be a string");
      } else if (*it != "2012-10-17" && *it != "2008-10-17") {
        error("Version", fmt::format("Version must be \"2012-10-17\" or \"2008-10-17\", got \"{}\"",
                                     it->get<std::string>()));
      } else {
        p.version = it->get<std::string>();
      }
    }
    if (auto it = doc.find("Id"); it != doc.end()) {
      if (it->is_string()) p.id = it->get<std::string>();
      else error("Id", "Id must be a string");
    }
    auto it = doc.find("Statement");
    if (it == doc.end()) {
      error("", "missing Statement");
    } else if (it->is_object()) {
      p.statements.push_back(statement(*it, "Statement"));
    } else if (it->is_array()) {
      if (it->empty()) error("Statement", "Statement must not be empty");
      for (std::size_t i = 0; i < it->size(); ++i) p.statements.push_back(statement((*it)[i], child("Statement", i)));
    } else {
      error("Statement", "Statement must be a statement object or a list of them");
    }
    duplicate_sids(p, it != doc.end() && it->is_object());
    return p;
  }

 private:
  void error(std::string path, std::string message) { errors_.push_back({std::move(path), std::move(message)}); }

  void unknown_keys(const Json& obj, const std::string& path, const std::vector<std::string>& known,
                    std::string_view where) {
    for (const auto& [key, value] : obj.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      error(child(path, key), fmt::format("unknown key \"{}\"{}{}", key, where, did_you_mean(key, known, Quote::double_)));
    }
  }

  Statement statement(const Json& s, const std::string& path) {
    Statement st;
    if (!s.is_object()) {
      error(path, "a statement must be a JSON object");
      return st;
    }
    unknown_keys(s, path, kStatementKeys, " in a statement");
    if (auto it = s.find("Sid"); it != s.end()) {
      if (it->is_string()) st.sid = it->get<std::string>();
      else error(child(path, "Sid"), "Sid must be a string");
    }
    if (auto it = s.find("Effect"); it == s.end()) {
      error(path, "missing Effect");
    } else if (*it == "Allow") {
      st.effect = Effect::Allow;
    } else if (*it == "Deny") {
      st.effect = Effect::Deny;
    } else {
      error(child(path, "Effect"),
            fmt::format("Effect must be \"Allow\" or \"Deny\", got {}", it->dump()));
    }
    exclusive(s, path, "Principal", "NotPrincipal");
    if (s.contains("Principal")) st.principal = principals(s["Principal"], child(path, "Principal"));
    if (s.contains("NotPrincipal")) st.not_principal = principals(s["NotPrincipal"], child(path, "NotPrincipal"));
    if (exclusive(s, path, "Action", "NotAction") && !s.contains("Action") && !s.contains("NotAction")) {
      error(path, "missing Action or NotAction");
    }
    if (s.contains("Action")) st.action = actions(s["Action"], child(path, "Action"), "Action");
    if (s.contains("NotAction")) st.not_action = actions(s["NotAction"], child(path, "NotAction"), "NotAction");
    exclusive(s, path, "Resource", "NotResource");
    if (s.contains("Resource")) st.resource = values(s["Resource"], child(path, "Resource"), "Resource", false);
    if (s.contains("NotResource")) {
      st.not_resource = values(s["NotResource"], child(path, "NotResource"), "NotResource", false);
    }
    if (s.contains("Condition")) st.condition = conditions(s["Condition"], child(path, "Condition"));
    return st;
  }

  // False (and an error) when both keys are present.
  bool exclusive(const Json& s, const std::string& path, const char* a, const char* b) {
    if (!s.contains(a) || !s.contains(b)) return true;
    error(path, fmt::format("{} and {} are mutually exclusive", a, b));
    return false;
  }

  std::vector<std::string> actions(const Json& v, const std::string& path, std::string_view name) {
    std::vector<std::string> out;
    const auto one = [&](const Json& a, const std::string& at) {
      if (!a.is_string()) {
        error(at, fmt::format("{} must be a string or a list of strings", name));
      } else if (!valid_action(a.get<std::string>())) {
        error(at, fmt::format("action \"{}\" is not of the form \"service:Action\" or \"*\"", a.get<std::string>()));
      } else {
        out.push_back(a.get<std::string>());
      }
    };
    if (v.is_array()) {
      if (v.empty()) error(path, fmt::format("{} must not be empty", name));
      for (std::size_t i = 0; i < v.size(); ++i) one(v[i], child(path, i));
    } else {
      one(v, path);
    }
    return out;
  }

  // A string, an intrinsic or a non-empty list of them; condition values may
  // also be booleans and numbers.
  std::vector<Json> values(const Json& v, const std::string& path, std::string_view name, bool scalars) {
    std::vector<Json> out;
    const auto one = [&](const Json& x, const std::string& at) {
      if ((x.is_string() && !x.get<std::string>().empty()) || is_intrinsic(x) ||
          (scalars && (x.is_boolean() || x.is_number()))) {
        out.push_back(x);
      } else if (x.is_string()) {
        error(at, fmt::format("{} must not be an empty string", name));
      } else {
        error(at, fmt::format("{} must be a {}, a CloudFormation intrinsic or a list of them", name,
                              scalars ? "string, boolean, number" : "string"));
      }
    };
    if (v.is_array()) {
      if (v.empty()) error(path, fmt::format("{} must not be empty", name));
      for (std::size_t i = 0; i < v.size(); ++i) one(v[i], child(path, i));
    } else {
      one(v, path);
    }
    return out;
  }

  Principals principals(const Json& v, const std::string& path) {
    Principals p;
    if (v == "*") {
      p.any = true;
      return p;
    }
    if (!v.is_object() || v.empty() || is_intrinsic(v)) {
      error(path, "a principal must be \"*\" or an object such as {\"AWS\": ...}");
      return p;
    }
    for (const auto& [kind, list] : v.items()) {
      if (std::find(kPrincipalKinds.begin(), kPrincipalKinds.end(), kind) == kPrincipalKinds.end()) {
        error(child(path, kind), fmt::format("unknown principal kind \"{}\" (expected AWS, Service, Federated or "
                                             "CanonicalUser){}", kind, did_you_mean(kind, kPrincipalKinds, Quote::double_)));
        continue;
      }
      p.by_kind[kind] = values(list, child(path, kind), kind, false);
    }
    return p;
  }

  Conditions conditions(const Json& v, const std::string& path) {
    Conditions out;
    if (!v.is_object()) {
      error(path, "Condition must be an object of operator -> {key: values}");
      return out;
    }
    for (const auto& [op, block] : v.items()) {
      const std::string at = child(path, op);
      if (!parse_condition_operator(op)) {
        error(at, operator_message(op));
        continue;
      }
      if (!block.is_object() || block.empty()) {
        error(at, fmt::format("{} must be a non-empty object of condition key -> values", op));
        continue;
      }
      for (const auto& [key, vals] : block.items()) {
        if (key.empty()) {
          error(at, "a condition key must not be empty");
          continue;
        }
        out[op][key] = values(vals, child(at, key), "a condition value", true);
      }
    }
    return out;
  }

  static std::string operator_message(const std::string& op) {
    std::string_view base = op;
    std::string prefix;
    for (std::string_view q : {"ForAllValues:", "ForAnyValue:"}) {
      if (base.starts_with(q)) {
        prefix = q;
        base.remove_prefix(q.size());
      }
    }
    if (base == "Null" || base == "NullIfExists") {
      return fmt::format("condition operator \"{}\": Null takes neither IfExists nor a set qualifier", op);
    }
    // Suggest the operator with its IfExists form too, then re-attach the qualifier.
    std::vector<std::string> names;
    for (const auto& name : base_operator_names()) {
      names.push_back(name);
      if (name != "Null") names.push_back(name + "IfExists");
    }
    std::string hint = did_you_mean(base, names, Quote::double_);
    if (!hint.empty()) hint.insert(hint.find('"') + 1, prefix);
    return fmt::format("unknown condition operator \"{}\"{}", op, hint);
  }

  void duplicate_sids(const Policy& p, bool single) {
    std::map<std::string, std::size_t> first;
    for (std::size_t i = 0; i < p.statements.size(); ++i) {
      const std::string& sid = p.statements[i].sid;
      if (sid.empty()) continue;
      auto [it, fresh] = first.emplace(sid, i);
      if (!fresh && !single) {
        error(child(child("Statement", i), "Sid"),
              fmt::format("duplicate Sid \"{}\" (also Statement/{})", sid, it->second));
      }
    }
  }

  std::vector<PolicyError>& errors_;
};

std::string describe(const std::vector<PolicyError>& errs) {
  std::string text;
  for (const auto& e : errs) {
    if (!text.empty()) text += "\n";
    text += (e.path.empty() ? std::string("(document)") : e.path) + ": " + e.message;
  }
  return text;
}

}  // namespace

PolicyParseError::PolicyParseError(std::vector<PolicyError> errs)
    : std::runtime_error(describe(errs)), errors(std::move(errs)) {}

ParseResult parse_policy(const Json& doc) {
  ParseResult r;
  r.policy = Parser(r.errors).policy(doc);
  return r;
}

Policy parse_policy_or_throw(const Json& doc) {
  auto r = parse_policy(doc);
  if (!r.ok()) throw PolicyParseError(std::move(r.errors));
  return std::move(r.policy);
}

}  // namespace aip::iam
