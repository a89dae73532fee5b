// Checks of the `security:` area: the accounts it covers, the administrator,
// the Config bucket (defined, admits Config, its key usable), standards
// available in each account's partition, features listed once.
#include <algorithm>

#include <fmt/format.h>

#include "base/aws_regions.hpp"
#include "base/did_you_mean.hpp"
#include "base/security_standards.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace check_security_area {

// Reports the second of two equal values in a list.
void once_each(const std::vector<Located<std::string>>& list, const char* what, Diagnostics& diags) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (list[j].value == list[i].value) {
        diags.error(list[i].location, fmt::format("{} '{}' is listed twice", what, list[i].value));
        break;
      }
    }
  }
}

void check_config(const Spec& spec, const std::vector<const Account*>& accounts, Diagnostics& diags) {
  const ConfigRecording& c = spec.security.config;
  if (!c.location.valid() || c.bucket.value.empty()) return;
  const Bucket* b = spec.storage.find(c.bucket.value);
  if (b == nullptr) {
    diags.error(c.bucket.location, fmt::format("config refers to bucket '{}', which is not defined{}", c.bucket.value,
                                               did_you_mean(c.bucket.value, names_of(spec.storage.buckets))));
    return;
  }
  bool receives = std::any_of(b->receives.begin(), b->receives.end(),
                              [](const Located<LogSource>& r) { return r.value == LogSource::config; });
  if (!receives && !b->existing()) {  // an existing bucket's policy is its owner's
    diags.error(c.bucket.location, fmt::format("config delivers to bucket '{}', whose policy does not admit AWS "
                                               "Config; add `receives: [config]` to the bucket",
                                               b->name));
  }
  if (b->encryption.value != "kms") return;
  const Account* owner = b->account.value.empty() ? &spec.accounts.front() : spec.find_account(b->account.value);
  if (owner == nullptr) return;
  const std::string bucket_region = b->region.value.empty() ? owner->region.value : b->region.value;
  for (const Account* a : accounts) {
    if (a != owner || a->region.value != bucket_region) {
      diags.error(c.bucket.location,
                  fmt::format("the Config recorder of account {} ({}) cannot use the key of bucket '{}' ({}, {}): a "
                              "KMS bucket serves the recorder of its own account and region only; use an SSE-S3 "
                              "bucket (`encryption: s3`) for several accounts",
                              a->name, a->region.value, b->name, owner->name, bucket_region));
      return;
    }
  }
}

}  // namespace check_security_area

void check_security(const Spec& spec, Diagnostics& diags) {
  using namespace check_security_area;
  const Security& s = spec.security;
  if (!s.present()) return;
  const std::vector<std::string> account_names = names_of(spec.accounts);
  for (const Located<std::string>& a : s.accounts) {
    if (spec.find_account(a.value) == nullptr) {
      diags.error(a.location, fmt::format("security covers account '{}', which is not defined{}", a.value,
                                          did_you_mean(a.value, account_names)));
    }
  }
  once_each(s.accounts, "account", diags);
  once_each(s.guardduty.features, "GuardDuty feature", diags);
  once_each(s.security_hub.standards, "Security Hub standard", diags);
  const std::vector<const Account*> accounts = security_accounts(spec);
  if (!s.administrator.value.empty()) {
    const Account* admin = spec.find_account(s.administrator.value);
    if (admin == nullptr) {
      diags.error(s.administrator.location, fmt::format("administrator '{}' is not an account of this spec{}",
                                                        s.administrator.value,
                                                        did_you_mean(s.administrator.value, account_names)));
    } else if (std::find(accounts.begin(), accounts.end(), admin) == accounts.end()) {
      diags.error(s.administrator.location,
                  fmt::format("administrator '{}' is not one of the accounts security covers", admin->name));
    }
  } else if (s.access_analyzer.value == "organization") {
    diags.error(s.access_analyzer.location,
                "an organization analyzer lives in the organization's management or delegated administrator "
                "account: name it with 'administrator'");
  }
  if (s.security_hub.location.valid()) {
    for (const Located<std::string>& name : s.security_hub.standards) {
      const aws::SecurityStandard* standard = aws::find_security_standard(name.value);
      if (standard == nullptr) continue;
      for (const Account* a : accounts) {
        if (!aws::security_standard_arn(*standard, a->region.value).empty()) continue;
        diags.error(name.location, fmt::format("Security Hub offers no {} in partition {} (account {}, {})",
                                               standard->title, aws::partition_of(a->region.value), a->name,
                                               a->region.value));
        break;
      }
    }
  }
  check_config(spec, accounts, diags);
}

}  // namespace aip::spec
