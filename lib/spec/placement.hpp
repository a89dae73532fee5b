// Where an element of the spec is deployed (account and region), and reading
// the values that several areas share: name lists and log retention periods
// (the shared tables themselves are in spec/tables.hpp).
// Used by the functions, api and vpn areas.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/yaml_tree.hpp"
#include "spec/located.hpp"
#include "spec/tables.hpp"  // log_retention_periods(), which read_log_retention checks against

namespace aip::spec {

struct Spec;
struct Account;

struct Placement {
  const Account* account = nullptr;  // nullptr: unknown (an error was reported)
  std::string region;
  bool known() const { return account != nullptr; }
  bool operator==(const Placement& o) const { return account == o.account && region == o.region; }
  bool operator!=(const Placement& o) const { return !(*this == o); }
  std::string str() const;  // "account dev, us-east-1"
};

// The account an element names (or the only one) and its region (or the
// account's). Reports an unknown account with a did-you-mean, and a missing
// one when the spec has several, naming the element as `what`.
Placement place(const Spec& spec, const Located<std::string>& account, const Located<std::string>& region,
                const std::string& what, Location where, Diagnostics& diags);
// The same without diagnostics: for planning, after the checks passed.
Placement place(const Spec& spec, const Located<std::string>& account, const Located<std::string>& region);

class Fields;
// `metrics_namespace`: a CloudWatch namespace for custom metrics, not AWS/...
// (reserved for AWS), read from `f` into `out`.
void read_metrics_namespace(Fields& f, Located<std::string>& out, Diagnostics& diags);

// The names of a list of named elements, for a did-you-mean.
template <class T>
std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const T& item : items) out.push_back(item.name);
  return out;
}

// A list of strings (or one string), each with its location.
std::vector<Located<std::string>> read_strings(const YamlNode& n, std::string_view key, Diagnostics& diags);
// A retention period CloudWatch Logs accepts, or an error naming the nearest one.
std::optional<int> read_log_retention(const YamlNode& n, std::string_view key, Diagnostics& diags);

}  // namespace aip::spec
