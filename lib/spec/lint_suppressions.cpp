#include "spec/lint_suppressions.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "spec/field_reader.hpp"

namespace aip::spec {
namespace {

// The collector of the read in progress on this thread (see the header).
thread_local std::vector<LintSuppression>* g_collected = nullptr;

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

auto position(const Location& l) { return std::make_tuple(l.line, l.column); }

// The last node written inside `node`: nodes come in document order, so it is
// the one with the greatest position.
Location last_location(const YamlNode& node) {
  Location last = node.location;
  auto later = [&](const Location& l) {
    if (l.file == last.file && position(l) > position(last)) last = l;
  };
  for (const YamlNode& item : node.items) later(last_location(item));
  for (const auto& [key, value] : node.entries) {
    later(key.location);
    later(last_location(value));
  }
  return last;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool LintSuppression::covers(const Location& where) const {
  return where.valid() && where.file == element.file && position(element) <= position(where) &&
         position(where) <= position(element_end);
}

LintSuppressionCollector::LintSuppressionCollector(std::vector<LintSuppression>& out) : previous_(g_collected) {
  g_collected = &out;
}

LintSuppressionCollector::~LintSuppressionCollector() { g_collected = previous_; }

void read_element_lint(const YamlNode& lint, std::string_view what, Location start, const YamlNode& element,
                       Diagnostics& diags) {
  Fields f(lint, fmt::format("'lint' of {}", what), diags);
  f.without_lint();
  const YamlNode* list = f.required("suppress");
  if (list == nullptr) return;
  if (!list->is_sequence()) {
    diags.error(list->location, fmt::format("'suppress' must be a list of {{rule: ID, reason: \"...\"}}, got {}",
                                            list->describe()));
    return;
  }
  const Location end = last_location(element);
  for (const YamlNode& item : list->items) {
    Fields s(item, fmt::format("a suppression in {}", what), diags);
    s.without_lint();
    if (!s.ok()) continue;
    LintSuppression out;
    out.element = start;
    out.element_end = end;
    // Explicit: a blank rule or reason is an error of its own.
    if (const YamlNode* rule = s.required("rule")) {
      if (auto text = read_string(*rule, "rule", diags)) {
        if (blank(*text)) diags.error(rule->location, "'rule' must name a lint rule, e.g. AIP-EXP-002");
        else out.rule = located(*text, *rule);
      }
    }
    bool ok = !out.rule.value.empty();
    // A reason is mandatory: reviewers and auditors read why, not just that.
    const YamlNode* reason = s.optional("reason");
    if (reason == nullptr || reason->is_null() || (reason->is_scalar() && blank(reason->scalar))) {
      const std::string rule = out.rule.value.empty() ? "a rule" : out.rule.value;
      // An empty value has no place of its own (yaml-cpp puts it after the key): point at the key.
      Location where = reason == nullptr ? item.location
                       : reason->is_null() ? item.find_key("reason")->location
                                           : reason->location;
      diags.error(where,
                  fmt::format("the suppression of {} in {} has no reason; say why the finding does not apply "
                              "(reason: \"...\")",
                              rule, what));
      ok = false;
    } else if (auto text = read_string(*reason, "reason", diags)) {
      out.reason = located(*text, *reason);
    } else {
      ok = false;
    }
    if (ok && g_collected != nullptr) g_collected->push_back(std::move(out));
  }
}

bool is_guard_rule_id(std::string_view rule) {
  constexpr std::string_view kPrefix = "guard:";
  return rule.size() > kPrefix.size() && lower(std::string(rule.substr(0, kPrefix.size()))) == kPrefix &&
         rule.find('/', kPrefix.size()) != std::string_view::npos;
}

void check_lint_suppression_rules(const std::vector<LintSuppression>& suppressions,
                                  const std::vector<std::string>& known_rules, Diagnostics& diags) {
  for (const LintSuppression& s : suppressions) {
    const std::string wanted = lower(s.rule.value);
    bool known = std::any_of(known_rules.begin(), known_rules.end(),
                             [&](const std::string& id) { return lower(id) == wanted; });
    if (known || is_guard_rule_id(s.rule.value)) continue;
    diags.error(s.rule.location, fmt::format("suppression names rule '{}', which aip does not have{}", s.rule.value,
                                             did_you_mean(s.rule.value, known_rules)));
  }
}

}  // namespace aip::spec
