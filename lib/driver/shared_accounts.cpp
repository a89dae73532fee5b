#include "driver/shared_accounts.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace aip::driver {
namespace shared_accounts {

bool is_shared(const spec::Spec& spec, const cfn::Stack& stack) {
  return std::find(spec.shared_accounts.begin(), spec.shared_accounts.end(), stack.account_name) !=
         spec.shared_accounts.end();
}

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.'; }

// `text` with every whole-name occurrence of `from` replaced by `to`: not
// inside a longer name ("<p>-dev-bus" is not part of "<p>-dev-bus-dlq"),
// unless `prefix`: then `from` may start a longer name ("<p>-dev" of "<p>-dev-bus").
std::string replace_names(const std::string& text, const std::string& from, const std::string& to, bool prefix = false) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t hit = text.find(from); hit != std::string::npos; hit = text.find(from, hit + 1)) {
    if (hit < at) continue;
    const std::size_t end = hit + from.size();
    if ((hit > 0 && name_char(text[hit - 1])) ||
        (end < text.size() && name_char(text[end]) && !(prefix && text[end] == '-'))) {
      continue;
    }
    out.append(text, at, hit - at).append(to);
    at = end;
  }
  if (at == 0) return text;
  return out.append(text, at, std::string::npos);
}

// Applies `edit` to every string in `j`, keys too.
template <class Edit>
cfn::Json rewrite(const cfn::Json& j, const Edit& edit) {
  if (j.is_string()) return edit(j.get<std::string>());
  if (j.is_array()) {
    cfn::Json out = cfn::Json::array();
    for (const cfn::Json& v : j) out.push_back(rewrite(v, edit));
    return out;
  }
  if (j.is_object()) {
    cfn::Json out = cfn::Json::object();
    for (const auto& [k, v] : j.items()) out[edit(k)] = rewrite(v, edit);
    return out;
  }
  return j;
}

bool is_name_key(const std::string& key) { return key.size() >= 4 && key.compare(key.size() - 4, 4, "Name") == 0; }

// `names` (from -> to) as a function of a string: longest first, so a name
// that contains another is replaced whole.
auto replacing(const std::map<std::string, std::string>& names) {
  std::vector<std::pair<std::string, std::string>> order(names.begin(), names.end());
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  return [order = std::move(order)](const std::string& s) {
    std::string out = s;
    for (const auto& [from, to] : order) out = replace_names(out, from, to);
    return out;
  };
}

// The names a shared resource has in an environment's read, and in the
// shared part's: the values of its *Name properties that carry the
// environment's prefix.
void collect_names(const cfn::Json& mine, const cfn::Json& shared, std::map<std::string, std::string>& names) {
  if (mine.is_object() && shared.is_object()) {
    for (const auto& [k, v] : mine.items()) {
      auto it = shared.find(k);
      if (it == shared.end()) continue;
      if (is_name_key(k) && v.is_string() && it->is_string() && v != *it) names[v.get<std::string>()] = it->get<std::string>();
      collect_names(v, *it, names);
    }
  } else if (mine.is_array() && shared.is_array()) {
    for (std::size_t i = 0; i < mine.size() && i < shared.size(); ++i) collect_names(mine[i], shared[i], names);
  }
}

bool same(const cfn::Resource& a, const cfn::Resource& b) {
  return a.type == b.type && a.properties == b.properties && a.depends_on == b.depends_on && a.tags == b.tags &&
         a.deletion_policy == b.deletion_policy && a.update_replace_policy == b.update_replace_policy;
}

}  // namespace shared_accounts

void keep_own_stacks(const std::vector<spec::Spec>& specs, std::vector<cfn::Assembly>& assemblies) {
  for (std::size_t i = 0; i < specs.size() && i < assemblies.size(); ++i) {
    const spec::Spec& env = specs[i];
    if (env.environment.empty()) continue;
    auto& stacks = assemblies[i].stacks;
    stacks.erase(std::remove_if(stacks.begin(), stacks.end(),
                                [&](const cfn::Stack& s) {
                                  if (!env.accounts.empty() && s.account_name == env.accounts.front().name) return false;
                                  auto owner = env.environment_of_account.find(s.account_name);
                                  return owner != env.environment_of_account.end() && owner->second != env.environment;
                                }),
                 stacks.end());
  }
}

bool share_accounts(const spec::Spec& shared_spec, cfn::Assembly& shared, const std::vector<spec::Spec>& specs,
                    std::vector<cfn::Assembly>& assemblies, Diagnostics& diags) {
  using namespace shared_accounts;
  const std::string platform = shared_spec.platform;
  // Names the shared part gives an environment's elements ("<platform>-x")
  // are "<platform>-<env>-x" in that environment: the shared stacks' mentions
  // of them (a registry's approver, a bus policy's role) get those.
  std::map<std::string, std::string> to_environment;
  for (const cfn::Stack& stack : shared.stacks) {
    auto owner = shared_spec.environment_of_account.find(stack.account_name);
    if (owner == shared_spec.environment_of_account.end()) continue;
    const std::string env_prefix = platform + "-" + owner->second;
    for (const cfn::Resource& r : stack.resources) {
      auto visit = [&](const cfn::Json& j, const std::string& key, auto& self) -> void {
        if (j.is_object()) {
          for (const auto& [k, v] : j.items()) self(v, k, self);
        } else if (j.is_array()) {
          for (const cfn::Json& v : j) self(v, key, self);
        } else if (j.is_string() && is_name_key(key)) {
          const std::string& v = j.get_ref<const std::string&>();
          if (v.size() > platform.size() && v.compare(0, platform.size() + 1, platform + "-") == 0) {
            to_environment[v] = env_prefix + v.substr(platform.size());
          }
        }
      };
      visit(r.properties, "", visit);
    }
  }
  shared.stacks.erase(std::remove_if(shared.stacks.begin(), shared.stacks.end(),
                                     [&](const cfn::Stack& s) { return !is_shared(shared_spec, s); }),
                      shared.stacks.end());
  // As the shared part renders them, before the names above: what each
  // environment's rendering of them is checked against.
  cfn::Assembly rendered;
  rendered.stacks = shared.stacks;
  if (!to_environment.empty()) {
    const auto edit = replacing(to_environment);
    for (cfn::Stack& stack : shared.stacks) {
      for (cfn::Resource& r : stack.resources) r.properties = rewrite(r.properties, edit);
    }
  }

  bool ok = true;
  for (std::size_t i = 0; i < specs.size() && i < assemblies.size(); ++i) {
    const spec::Spec& env = specs[i];
    const std::string prefix = env.name.value;
    // This environment's rendering of a shared element, with its names made
    // the shared part's, must be what the shared part renders.
    auto to_platform = [&](const std::string& s) { return replace_names(s, prefix, platform, true); };
    std::map<std::string, std::string> names;  // this environment's name of a shared resource -> its shared name
    for (const cfn::Stack& stack : assemblies[i].stacks) {
      if (!is_shared(env, stack)) continue;
      const cfn::Stack* theirs = std::as_const(rendered).find(stack.id);
      for (const cfn::Resource& r : stack.resources) {
        const cfn::Resource* other = theirs != nullptr ? theirs->find(r.logical_id) : nullptr;
        // Both sides with this environment's prefix made the platform's: a
        // literal that happens to contain it ("<p>-dev-project" in a pattern)
        // compares equal, as it is equal.
        auto normal = [&](const cfn::Resource& x) {
          cfn::Resource n = x;
          n.properties = rewrite(x.properties, to_platform);
          for (auto& [k, v] : n.tags) v = to_platform(v);
          return n;
        };
        if (other == nullptr || !same(normal(r), normal(*other))) {
          ok = false;
          diags.error(r.provenance,
                      fmt::format("environment '{}' renders {} {} in shared account '{}' differently from the spec "
                                  "without overlays: what a shared account holds is the same in every environment "
                                  "(set it in the spec, not in an overlay)",
                                  env.environment, r.type, r.logical_id, stack.account_name))
              .note(env.environment_location, fmt::format("environment '{}' is declared here", env.environment));
          continue;
        }
        collect_names(r.properties, other->properties, names);
      }
    }
    if (!ok) continue;
    const auto rename = replacing(names);
    auto to_shared_names = [&](const std::string& s) { return s.find(prefix) == std::string::npos ? s : rename(s); };
    auto& stacks = assemblies[i].stacks;
    stacks.erase(std::remove_if(stacks.begin(), stacks.end(), [&](const cfn::Stack& s) { return is_shared(env, s); }),
                 stacks.end());
    if (names.empty()) continue;
    for (cfn::Stack& stack : stacks) {
      for (cfn::Resource& r : stack.resources) {
        r.properties = rewrite(r.properties, to_shared_names);
        // What a planner adds through overrides (an endpoint's model-packages tag) names them too.
        for (auto& [path, value] : r.overrides) value = rewrite(value, to_shared_names);
      }
      for (auto& [name, output] : stack.outputs) output = rewrite(output, to_shared_names);
      for (auto& [name, parameter] : stack.parameters) parameter = rewrite(parameter, to_shared_names);
    }
  }
  return ok;
}

}  // namespace aip::driver
