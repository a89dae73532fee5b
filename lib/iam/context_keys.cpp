// Where condition keys come from: the explicit context first, then the keys
// the request describes in its own fields (principal, tags). Key names are
// case-insensitive in IAM, tag keys included.
#include <algorithm>
#include <cctype>

#include "iam/eval_context.hpp"

namespace aip::iam {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

template <typename Map>
auto find_ci(const Map& m, std::string_view key) {
  for (auto it = m.begin(); it != m.end(); ++it) {
    if (iequals(it->first, key)) return it;
  }
  return m.end();
}

KeyValues present(std::vector<std::string> v) { return {KeyValues::State::Present, std::move(v)}; }

}  // namespace

// "arn:aws:sts::111:assumed-role/Name/session" -> "arn:aws:iam::111:role/Name"
// (the role's path is not in a session ARN; aip's roles have none).
std::string principal_arn(const std::string& p) {
  const auto pos = p.find(":assumed-role/");
  if (!p.starts_with("arn:") || pos == std::string::npos) return p;
  std::string head = p.substr(0, pos);  // arn:aws:sts::111
  const auto sts = head.find(":sts:");
  if (sts != std::string::npos) head.replace(sts, 5, ":iam:");
  std::string rest = p.substr(pos + 14);
  return head + ":role/" + rest.substr(0, rest.find('/'));
}

std::string arn_account(std::string_view arn) {
  if (arn.size() == 12 && std::all_of(arn.begin(), arn.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return std::string(arn);
  }
  if (!arn.starts_with("arn:")) return "";
  std::size_t pos = 0;
  for (int i = 0; i < 4; ++i) {
    pos = arn.find(':', pos);
    if (pos == std::string_view::npos) return "";
    ++pos;
  }
  const auto end = arn.find(':', pos);
  return end == std::string_view::npos ? "" : std::string(arn.substr(pos, end - pos));
}

KeyValues EvalContext::lookup(std::string_view key) const {
  const Request& r = request_;
  if (auto it = find_ci(r.context, key); it != r.context.end()) return present(it->second);
  if (istarts_with(key, "aws:PrincipalTag/")) {
    if (auto it = find_ci(r.principal_tags, key.substr(17)); it != r.principal_tags.end()) return present({it->second});
  } else if (istarts_with(key, "aws:ResourceTag/")) {
    if (auto it = find_ci(r.resource_tags, key.substr(16)); it != r.resource_tags.end()) return present({it->second});
  } else if (iequals(key, "aws:PrincipalArn") && r.principal.starts_with("arn:")) {
    return present({principal_arn(r.principal)});
  } else if (iequals(key, "aws:PrincipalAccount") && !arn_account(r.principal).empty()) {
    return present({arn_account(r.principal)});
  } else if (iequals(key, "aws:PrincipalServiceName") && r.principal.ends_with(".amazonaws.com")) {
    return present({r.principal});
  }
  return {r.context_complete ? KeyValues::State::Absent : KeyValues::State::Unknown, {}};
}

}  // namespace aip::iam
