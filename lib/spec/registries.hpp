// The `registries:` area of the spec: ECR repositories (seed 004's images).
// Every repository scans images on push, keeps tags immutable, expires all but
// the newest `keep_images` images and is encrypted with a customer-managed KMS
// key; accounts of the spec named in `pull_accounts` may pull (a repository
// policy naming exactly those accounts). Services name a repository and a tag
// (`repository:`, `tag:`) instead of an image URI; their execution role may
// then pull from exactly that repository.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "spec/located.hpp"

namespace aip::spec {

struct Repository {
  std::string name;
  Location location;
  Located<std::string> account;          // default: the only account
  Located<std::string> region;           // default: the account's
  Located<std::string> repository_name;  // the ECR name; default "<platform>/<name>"
  Located<bool> scan_on_push{true, {}};
  Located<bool> immutable_tags{true, {}};
  Located<int> keep_images{10, {}};      // lifecycle: expire all but the newest N images
  Located<int> untagged_days{7, {}};     // lifecycle: expire untagged images after N days
  Located<bool> aws_managed_key{false, {}};  // AES256 instead of aip's customer-managed key
  std::vector<Located<std::string>> pull_accounts;  // other accounts of the spec that may pull
  Tags tags;
};

struct Registries {
  Location location;  // where `registries:` was written; invalid when absent
  std::vector<Repository> repositories;

  const Repository* find(std::string_view name) const {
    for (const Repository& r : repositories) {
      if (r.name == name) return &r;
    }
    return nullptr;
  }
};

struct Spec;
// The ECR name of a repository: its repository_name, or "<platform>/<name>".
std::string repository_name(const Spec& spec, const Repository& r);

}  // namespace aip::spec
