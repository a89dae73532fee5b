// The registry: every rule aip has, sorted by id.
#include <algorithm>

#include "lint/rules/rules.hpp"

namespace aip::lint {

const std::vector<const Rule*>& all_rules() {
  static const std::vector<const Rule*> rules = [] {
    std::vector<const Rule*> list{
#define AIP_RULE(name) &rule_##name(),
#include "lint/rule_list.inc"
#undef AIP_RULE
    };
    std::sort(list.begin(), list.end(), [](const Rule* a, const Rule* b) { return a->info.id < b->info.id; });
    return list;
  }();
  return rules;
}

}  // namespace aip::lint
