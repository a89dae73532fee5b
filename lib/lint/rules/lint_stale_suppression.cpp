// AIP-LINT-002: a suppression that suppresses nothing (like eslint's
// --report-unused-disable-directives). The engine applies suppressions, then
// calls report_stale_suppressions() with the ones that covered a finding.
#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"
#include "lint/suppressions.hpp"
#include "spec/spec.hpp"

namespace aip::lint {

namespace lint_stale_suppression {

bool selected_rule(const std::vector<const Rule*>& selected, const std::string& id) {
  const Rule* rule = find_rule(id);
  return rule != nullptr && std::find(selected.begin(), selected.end(), rule) != selected.end();
}

// Nothing to do while the other rules run: see report_stale_suppressions().
void check(Context&) {}

}  // namespace lint_stale_suppression

void report_stale_suppressions(Context& ctx, const std::vector<const Rule*>& selected, const SuppressionUse& use) {
  const Rule& self = rule_lint_stale_suppression();
  const bool bad_selected = lint_stale_suppression::selected_rule(selected, "AIP-LINT-001");
  auto exempt = [&](const std::string& rule) {
    // A rule that did not run cannot have findings; a suppression of this
    // rule would report itself.
    return !lint_stale_suppression::selected_rule(selected, rule) || lower(rule) == lower(self.info.id);
  };
  const std::vector<ResourceRef> resources = ctx.resources();
  if (const spec::Spec* spec = ctx.spec()) {
    // The spec's suppressions, once each, at the spec line: lib/plan copied
    // each into every resource rendered from its element, so it is stale only
    // when it suppressed nothing at the element and in none of them.
    const auto& list = spec->lint_suppressions;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const spec::LintSuppression& s = list[i];
      if (use.spec.count(i) > 0 || exempt(s.rule.value)) continue;
      std::size_t covered = static_cast<std::size_t>(std::count_if(
          resources.begin(), resources.end(), [&](const ResourceRef& r) { return s.covers(ctx.locate(r, {})); }));
      // Covering no resource at all is AIP-LINT-001's finding.
      if (covered == 0 && bad_selected) continue;
      ctx.report_at(s.rule.location,
                    fmt::format("this suppression of {} suppresses nothing: {} reports nothing at this element{}; "
                                "remove it",
                                s.rule.value, s.rule.value,
                                covered == 0 ? std::string()
                                             : fmt::format(" or in the {} resource{} rendered from it", covered,
                                                           covered == 1 ? "" : "s")));
    }
    return;
  }
  // A template's suppressions. Identical ones (same rule and reason) on
  // several resources of a template count as one (a hand-written template
  // may repeat one, as synth does). Reported at the first copy.
  struct Group {
    const ResourceRef* first = nullptr;
    std::size_t index = 0;
    std::size_t copies = 0;
    bool used = false;
  };
  std::map<std::tuple<const Template*, std::string, std::string>, Group> groups;
  std::vector<std::tuple<const Template*, std::string, std::string>> order;
  for (const ResourceRef& r : resources) {
    for (const Suppression& s : suppressions_of(*r.json)) {
      if (!s.valid() || exempt(s.rule)) continue;  // invalid ones are AIP-LINT-001's
      // aip synth's copies of a spec suppression: judged when the spec is
      // linted, which sees every stack the element renders into.
      if (s.from_spec) continue;
      auto key = std::make_tuple(r.tmpl, lower(s.rule), s.reason);
      auto [it, fresh] = groups.try_emplace(key);
      if (fresh) {
        it->second.first = &r;
        it->second.index = s.index;
        order.push_back(key);
      }
      ++it->second.copies;
      it->second.used = it->second.used || use.resource.count({r.tmpl, r.logical_id, s.index}) > 0;
    }
  }
  for (const auto& key : order) {
    const Group& g = groups.at(key);
    if (g.used) continue;
    const std::string rule = suppressions_of(*g.first->json)[g.index].rule;
    ctx.report(*g.first, {"Metadata", "aip", "suppress", std::to_string(g.index)},
               g.copies == 1
                   ? fmt::format("this suppression of {} suppresses nothing: {} reports nothing on {}; remove it", rule,
                                 rule, g.first->logical_id)
                   : fmt::format("this suppression of {} suppresses nothing: {} reports nothing on {} or on the {} "
                                 "other resources with the same suppression; remove it",
                                 rule, rule, g.first->logical_id, g.copies - 1));
  }
}

const Rule& rule_lint_stale_suppression() {
  static const Rule rule{
      {"AIP-LINT-002", "Suppression that suppresses nothing", Severity::warning, {"lint"},
       "A suppression that no longer matches a finding (the problem was fixed, the rule changed, or it was "
       "written on the wrong element) keeps silencing that rule there: when the problem comes back, nobody hears "
       "of it, and its reason misleads reviewers. Like eslint's --report-unused-disable-directives, aip reports "
       "it. A spec suppression is copied into every resource rendered from its element; it is stale when it "
       "suppressed nothing at the element and in none of those resources, and is reported once, at the spec "
       "line. In a template, identical suppressions (same rule and reason) on several resources count as one; those aip synth copied from a spec (marked from: spec) are judged when the spec is linted, since their element may render into other stacks where they do their work. Only suppressions of rules that ran count: with --enable / --disable leaving a rule out, its "
       "suppressions are not judged. A suppression of AIP-LINT-002 itself is never reported (it silences this "
       "rule where it is written), and one on a spec element nothing is rendered from is AIP-LINT-001's.",
       "Remove the suppression, or move it to the element whose finding it is meant for."},
      &lint_stale_suppression::check};
  return rule;
}

}  // namespace aip::lint
