// Policy -> JSON. Every list is rendered as a list, even with one element, so
// a reviewer (and a diff) never sees a value flip between string and list
// shapes. Object keys come out sorted (nlohmann::json), which is stable.
#include "iam/policy.hpp"

#include <utility>

namespace aip::iam {

namespace {

Json principals(const Principals& p) {
  if (p.any) return "*";
  Json out = Json::object();
  for (const auto& [kind, values] : p.by_kind) out[kind] = values;
  return out;
}

}  // namespace

Json render_statement(const Statement& s) {
  Json out = Json::object();
  if (!s.sid.empty()) out["Sid"] = s.sid;
  out["Effect"] = to_string(s.effect);
  if (s.principal) out["Principal"] = principals(*s.principal);
  if (s.not_principal) out["NotPrincipal"] = principals(*s.not_principal);
  if (s.action) out["Action"] = *s.action;
  if (s.not_action) out["NotAction"] = *s.not_action;
  if (s.resource) out["Resource"] = *s.resource;
  if (s.not_resource) out["NotResource"] = *s.not_resource;
  if (!s.condition.empty()) {
    Json cond = Json::object();
    for (const auto& [op, keys] : s.condition) {
      for (const auto& [key, values] : keys) cond[op][key] = values;
    }
    out["Condition"] = std::move(cond);
  }
  return out;
}

Json render_policy(const Policy& p) {
  const Policy c = canonical(p);
  Json out = Json::object();
  if (!c.version.empty()) out["Version"] = c.version;
  if (!c.id.empty()) out["Id"] = c.id;
  Json statements = Json::array();
  for (const auto& s : c.statements) statements.push_back(render_statement(s));
  out["Statement"] = std::move(statements);
  return out;
}

}  // namespace aip::iam
