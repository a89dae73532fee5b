// The `finops:` area of the spec: budgets per team or project with alerts at
// percentage thresholds of actual and forecasted spend.
#pragma once

#include <string>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct Budget {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<int> limit_usd{0, {}};                 // required
  Located<std::string> period{"monthly", {}};    // monthly | quarterly | annually
  Tags filter_tags;                              // cost filter: spend carrying these tags
  std::vector<Located<int>> actual_alerts;       // percentages; default 80, 100, 120
  std::vector<Located<int>> forecasted_alerts;   // percentages; default 100
  Location alerts_location;
  std::vector<Located<std::string>> notify;      // e-mail addresses
  Located<bool> topic{false, {}};                // also publish to an SNS topic of its own
  Tags tags;
};

struct Finops {
  Location location;  // where `finops:` was written; invalid when absent
  std::vector<Budget> budgets;
};

}  // namespace aip::spec
