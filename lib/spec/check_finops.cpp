// Checks of the `finops:` area: accounts, AWS Budgets' limits, someone to notify.
#include <algorithm>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace {

// AWS Budgets' limits: at most 5 notifications per budget, 10 e-mail
// subscribers per notification.
constexpr std::size_t kMaxNotifications = 5;
constexpr std::size_t kMaxEmails = 10;

void check_budget(const Spec& spec, const Budget& b, Diagnostics& diags) {
  if (!b.account.value.empty() && spec.find_account(b.account.value) == nullptr) {
    diags.error(b.account.location, fmt::format("budget '{}' refers to account '{}', which is not defined{}", b.name,
                                                b.account.value, did_you_mean(b.account.value, names_of(spec.accounts))));
  } else if (b.account.value.empty() && spec.accounts.size() > 1) {
    diags.error(b.location, fmt::format("budget '{}' needs 'account': the spec has {} accounts", b.name,
                                        spec.accounts.size()));
  }
  std::size_t alerts = b.actual_alerts.size() + b.forecasted_alerts.size();
  if (alerts > kMaxNotifications) {
    diags.error(b.alerts_location, fmt::format("budget '{}' has {} alerts; AWS Budgets allows at most {} per budget",
                                               b.name, alerts, kMaxNotifications));
  }
  if (alerts > 0 && b.notify.empty() && !b.topic.value) {
    diags.error(b.location, fmt::format("budget '{}' has alerts but nobody to tell: add e-mail addresses under "
                                        "'notify' or 'topic: true'",
                                        b.name));
  }
  if (b.notify.size() > kMaxEmails) {
    diags.error(b.notify[kMaxEmails].location,
                fmt::format("budget '{}' notifies {} addresses; AWS Budgets allows at most {} (use 'topic: true' "
                            "and subscribe the rest to the topic)",
                            b.name, b.notify.size(), kMaxEmails));
  }
}

}  // namespace

void check_finops(const Spec& spec, Diagnostics& diags) {
  for (const Budget& b : spec.finops.budgets) check_budget(spec, b, diags);
}

}  // namespace aip::spec
