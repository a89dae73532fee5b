// Checks of the `sagemaker:` area across elements and areas: placement, who a
// registry lets in, models and their registries and buckets, scaling against
// variant counts, monitoring against data capture, notebooks' VPCs.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "base/pattern.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace check_sagemaker_impl {

// Whether bucket `b` lets the account of `here` read it (`read_accounts`).
bool lets_read(const Spec& spec, const Bucket& b, const Placement& here) {
  for (const Located<std::string>& a : b.read_accounts) {
    if (spec.find_account(a.value) == here.account) return true;
  }
  return false;
}

// A bucket of the spec in the element's account and region; with `readable`,
// a bucket of another account of the same region that lists this account in
// its `read_accounts` will do too (a model's artifacts: SageMaker reads them
// as the endpoint's role, which the bucket policy and key admit).
const Bucket* check_bucket(const Spec& spec, const std::string& what, const Placement& here,
                           const Located<std::string>& name, Diagnostics& diags, bool readable = false) {
  const Bucket* b = spec.storage.find(name.value);
  if (b == nullptr) {
    diags.error(name.location, fmt::format("{} refers to bucket '{}', which is not defined{}", what, name.value,
                                           did_you_mean(name.value, names_of(spec.storage.buckets))));
    return nullptr;
  }
  Placement there = place(spec, b->account, b->region);
  if (readable && here.known() && there.known() && there.region == here.region && lets_read(spec, *b, here)) {
    return b;
  }
  if (readable && here.known() && there.known() && there.region == here.region && there != here) {
    Diagnostic& d = diags.error(name.location, fmt::format("{} ({}) reads its artifacts from bucket '{}' ({}), "
                                                           "which does not let account {} read it; add it to the "
                                                           "bucket's 'read_accounts'",
                                                           what, here.str(), b->name, there.str(), here.account->name));
    d.notes.push_back({Severity::note, b->location, "bucket declared here", {}});
    return b;
  }
  if (here.known() && there.known() && there != here) {
    Diagnostic& d = diags.error(name.location, fmt::format("{} ({}) refers to bucket '{}' ({}); SageMaker reaches "
                                                           "buckets of its own account and region",
                                                           what, here.str(), b->name, there.str()));
    d.notes.push_back({Severity::note, b->location, "bucket declared here", {}});
  }
  return b;
}

void check_registry(const Spec& spec, const ModelRegistry& r, Diagnostics& diags) {
  const std::string what = fmt::format("registry '{}'", r.name);
  Placement here = place(spec, r.account, r.region, what, r.location, diags);
  std::vector<std::string> names;
  for (const Account& a : spec.accounts) names.push_back(a.name);
  for (const IamRole& role : spec.iam.roles) names.push_back(role.name);
  std::vector<std::string> seen;
  for (const auto* list : {&r.access.approve, &r.access.record, &r.access.register_, &r.access.read}) {
    for (const Located<std::string>& who : *list) {
      if (std::find(seen.begin(), seen.end(), who.value) != seen.end()) {
        diags.error(who.location, fmt::format("{} names '{}' twice; register, approve and record include read", what,
                                              who.value));
        continue;
      }
      seen.push_back(who.value);
      const Account* a = spec.find_account(who.value);
      const IamRole* role = spec.iam.find(who.value);
      if (a == nullptr && role == nullptr) {
        diags.error(who.location, fmt::format("{} lets in '{}', which is neither an account of the spec nor a role of "
                                              "the iam area{}",
                                              what, who.value, did_you_mean(who.value, names)));
      } else if (a != nullptr && role != nullptr) {
        diags.error(who.location, fmt::format("'{}' names both an account and a role; rename the role so the access "
                                              "of {} is unambiguous",
                                              who.value, what));
      } else if (role != nullptr && (role->stackset || role->accounts.size() > 1 ||
                                     (role->accounts.empty() && spec.accounts.size() > 1))) {
        diags.error(who.location, fmt::format("{} lets in role '{}', which is created in {}; name a role of one "
                                              "account (or that account)",
                                              what, who.value, role->stackset ? "a StackSet" : "several accounts"));
      } else if (a != nullptr && here.known() && a == here.account) {
        diags.error(who.location, fmt::format("{} lives in account {}: that account's IAM policies already decide; "
                                              "name accounts of other teams or roles",
                                              what, a->name));
      }
    }
  }
  if (seen.empty()) {
    diags.error(r.location, fmt::format("{} lets nobody in: name accounts or roles under 'read', 'register', "
                                        "'approve' or 'record' (its own account's roles need no resource policy)",
                                        what));
  }
}

void check_model(const Spec& spec, const std::string& what, const Placement& here, const ModelSource& m,
                 Diagnostics& diags) {
  if (!m.registry.value.empty()) {
    if (spec.sagemaker.find_registry(m.registry.value) == nullptr) {
      diags.error(m.registry.location,
                  fmt::format("{} refers to registry '{}', which is not defined{}", what, m.registry.value,
                              did_you_mean(m.registry.value, names_of(spec.sagemaker.registries))));
    }
    const ModelRegistry* r = spec.sagemaker.find_registry(m.registry.value);
    Placement home = r != nullptr ? place(spec, r->account, r->region) : Placement{};
    if (r != nullptr && here.known() && home.known() && home.account != here.account) {
      bool readable = false;
      for (const auto* list : {&r->access.read, &r->access.register_, &r->access.approve, &r->access.record}) {
        for (const Located<std::string>& who : *list) readable = readable || who.value == here.account->name;
      }
      if (!readable) {
        Diagnostic& d = diags.error(m.registry.location,
                                    fmt::format("{} deploys from registry '{}' in account {}, which does not let "
                                                "account {} read it; add it to the registry's 'read'",
                                                what, r->name, home.account->name, here.account->name));
        d.notes.push_back({Severity::note, r->location, "registry declared here", {}});
      }
    }
    if (!m.version) {
      diags.error(m.registry.location, fmt::format("the model of {} names registry '{}' but no 'version'", what,
                                                   m.registry.value));
    }
    // An `image` next to a registry version is the version's container: the
    // role may pull it (the version itself names it to SageMaker).
  } else {
    if (m.image.value.empty()) {
      diags.error(m.location, fmt::format("the model of {} needs a 'registry' and 'version', or an 'image' with its "
                                          "artifact's 'bucket' and 'key'",
                                          what));
    } else if (m.bucket.value.empty() || m.key.value.empty()) {
      diags.error(m.image.location, fmt::format("the model of {} needs its artifact's 'bucket' and 'key' (a "
                                                "model.tar.gz)",
                                                what));
    }
    if (m.version) diags.error(m.version->location, fmt::format("'version' of the model of {} needs a 'registry'", what));
    if (!m.version_parameter.value.empty()) {
      diags.error(m.version_parameter.location,
                  fmt::format("'version_parameter' of the model of {} needs a 'registry' and 'version'", what));
    }
  }
  if (!m.bucket.value.empty()) check_bucket(spec, what, here, m.bucket, diags, !m.registry.value.empty());
}

// Deploy-time values of one stack (account, region) that name the same
// parameter share it, so they must mean the same thing with the same default.
struct StackParameterUse {
  std::string meaning;  // "version 3", "instance type ml.m5.xlarge", ...
  Location location;    // where its default is given
};

void check_stack_parameters(const Spec& spec, Diagnostics& diags) {
  std::map<std::string, StackParameterUse> seen;
  auto use = [&](const Placement& at, const Located<std::string>& name, std::string meaning, Location where) {
    if (name.value.empty()) return;
    if (!where.valid()) where = name.location;
    const std::string key = at.account->name + "/" + at.region + "/" + name.value;
    auto [it, added] = seen.emplace(key, StackParameterUse{meaning, where});
    if (added || it->second.meaning == meaning) return;
    Diagnostic& d = diags.error(
        where, fmt::format("parameter '{}' of account {} already stands for {}, here for {}; a parameter has one "
                           "meaning and one default (name another parameter)",
                           name.value, at.account->name, it->second.meaning, meaning));
    d.notes.push_back({Severity::note, it->second.location, "its first use is here", {}});
  };
  for (const Endpoint& e : spec.sagemaker.endpoints) {
    const Placement at = place(spec, e.account, e.region);
    if (!at.known()) continue;
    for (const EndpointVariant& v : e.variants) {
      const ModelSource& m = v.model;
      if (m.version) use(at, m.version_parameter, fmt::format("version {}", m.version->value), m.version->location);
    }
    if (!e.variants.empty()) {
      const EndpointVariant& v = e.variants.front();
      use(at, e.instance_type_parameter, "instance type " + v.instance_type.value, e.instance_type_parameter.location);
    }
    if (e.scaling) {
      use(at, e.scaling->min_parameter, fmt::format("minimum instance count {}", e.scaling->min.value),
          e.scaling->min_parameter.location);
      use(at, e.scaling->max_parameter, fmt::format("maximum instance count {}", e.scaling->max.value),
          e.scaling->max_parameter.location);
      use(at, e.scaling->invocations_per_instance_parameter,
          fmt::format("target of {} invocations per instance", e.scaling->invocations_per_instance.value),
          e.scaling->invocations_per_instance_parameter.location);
    }
  }
}

void check_endpoint(const Spec& spec, const Endpoint& e, Diagnostics& diags) {
  const std::string what = fmt::format("endpoint '{}'", e.name);
  Placement here = place(spec, e.account, e.region, what, e.location, diags);
  int weight = 0;
  for (const EndpointVariant& v : e.variants) {
    const std::string vwhat =
        e.variants.size() == 1 && v.name == "AllTraffic" ? what : fmt::format("variant '{}' of {}", v.name, what);
    check_model(spec, vwhat, here, v.model, diags);
    weight += v.weight.value;
    if (e.scaling && v.count.location.valid() &&
        (v.count.value < e.scaling->min.value || v.count.value > e.scaling->max.value)) {
      diags.error(v.count.location, fmt::format("'count' of {} ({}) is outside its scaling range {} to {}", vwhat,
                                                v.count.value, e.scaling->min.value, e.scaling->max.value));
    }
  }
  if (!e.instance_type_parameter.value.empty()) {
    for (const EndpointVariant& v : e.variants) {
      if (v.instance_type.value != e.variants.front().instance_type.value) {
        diags.error(e.instance_type_parameter.location,
                    fmt::format("'instance_type_parameter' of {} sets the instance type of every variant, but its "
                                "variants have different ones ({}, {}); give them one instance_type",
                                what, e.variants.front().instance_type.value, v.instance_type.value));
        break;
      }
    }
  }
  if (!e.variants.empty() && weight == 0) {
    diags.error(e.location, fmt::format("the variants of {} all have weight 0: no traffic would reach it", what));
  }
  const std::string name = sagemaker_endpoint_name(spec, e);
  if (e.endpoint_name.value.empty() && name.size() > 63) {
    diags.error(e.location, fmt::format("{} would be named '{}' ({} characters, SageMaker allows 63); set "
                                        "'endpoint_name'",
                                        what, name, name.size()));
  }
  if (e.capture) check_bucket(spec, "the data capture of " + what, here, e.capture->bucket, diags);
  if (e.monitoring) {
    const EndpointMonitoring& m = *e.monitoring;
    check_bucket(spec, "the monitoring of " + what, here, m.bucket, diags);
    if (!e.capture) {
      diags.error(m.location, fmt::format("the monitoring of {} analyses captured requests: add 'data_capture'", what));
    }
    if (m.image.value.empty() && here.known() && model_monitor_account(here.region).empty()) {
      diags.error(m.location, fmt::format("aip does not know the Model Monitor image of {}; give its 'image'",
                                          here.region));
    }
  }
}

void check_notebook(const Spec& spec, const Notebook& n, Diagnostics& diags) {
  const std::string what = fmt::format("notebook '{}'", n.name);
  const Vpc* vpc = spec.find_vpc(n.vpc.value);
  if (vpc == nullptr) {
    if (!n.vpc.value.empty()) {
      diags.error(n.vpc.location, fmt::format("{} refers to vpc '{}', which is not defined{}", what, n.vpc.value,
                                              did_you_mean(n.vpc.value, names_of(spec.network.vpcs))));
    }
    return;
  }
  Placement here = place(spec, vpc->account, vpc->region);
  const Tier* home = nullptr;
  for (const Tier& t : vpc->tiers) {
    if (home == nullptr && (n.subnets.value.empty() ? t.kind == TierKind::private_ : t.name == n.subnets.value)) {
      home = &t;
    }
  }
  if (!n.subnets.value.empty() && home == nullptr) {
    diags.error(n.subnets.location, fmt::format("vpc '{}' has no tier '{}'{}", vpc->name, n.subnets.value,
                                                did_you_mean(n.subnets.value, names_of(vpc->tiers))));
  } else if (home != nullptr && home->kind == TierKind::public_) {
    diags.error(n.subnets.location, fmt::format("{} belongs in a private or isolated tier, not the public tier '{}'",
                                                what, home->name));
  } else if (home == nullptr) {
    diags.error(n.vpc.location, fmt::format("vpc '{}' has no private tier for {}; name a tier under 'subnets'",
                                            vpc->name, what));
  }
  const bool api = std::any_of(vpc->interface_endpoints.begin(), vpc->interface_endpoints.end(),
                               [](const Located<std::string>& e) { return e.value == "sagemaker.api"; });
  const bool git = std::any_of(vpc->interface_endpoints.begin(), vpc->interface_endpoints.end(),
                               [](const Located<std::string>& e) { return e.value == "git-codecommit"; });
  if (!n.code_repository.value.empty() && !git && vpc->nat.value == NatMode::none) {
    diags.error(n.code_repository.location,
                fmt::format("{} clones its code repository over Git, which vpc '{}' cannot reach (no NAT): add "
                            "git-codecommit to its interface endpoints",
                            what, vpc->name));
  }
  if (home != nullptr && home->kind != TierKind::public_ && !api && vpc->nat.value == NatMode::none) {
    diags.error(n.vpc.location, fmt::format("{} stops itself when idle through the SageMaker API, which vpc '{}' "
                                            "cannot reach (no NAT): add sagemaker.api to its interface endpoints",
                                            what, vpc->name));
  }
  if (!n.security_group.value.empty()) {
    const SecurityGroup* sg = spec.find_security_group(n.security_group.value);
    if (sg == nullptr) {
      diags.error(n.security_group.location,
                  fmt::format("{} refers to security group '{}', which is not defined{}", what, n.security_group.value,
                              did_you_mean(n.security_group.value, names_of(spec.network.security_groups))));
    } else if (sg->vpc.value != vpc->name) {
      diags.error(n.security_group.location, fmt::format("security group '{}' is in vpc '{}', not in vpc '{}' of {}",
                                                         sg->name, sg->vpc.value, vpc->name, what));
    }
  }
  for (const auto* list : {&n.read_buckets, &n.write_buckets}) {
    for (const Located<std::string>& b : *list) check_bucket(spec, what, here, b, diags);
  }
}

void check_feature_group(const Spec& spec, const FeatureGroup& g, Diagnostics& diags) {
  const std::string what = fmt::format("feature group '{}'", g.name);
  Placement here = place(spec, g.account, g.region, what, g.location, diags);
  const std::string name = feature_group_name(spec, g);
  static const Pattern shape("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}");
  if (g.group_name.value.empty() && !shape.matches(name)) {
    diags.error(g.location, fmt::format("{} would be named '{}', which is not a feature group name (1 to 64 letters "
                                        "and digits, '-' between them); set 'group_name'",
                                        what, name));
  }
  std::vector<std::string> names;
  for (const FeatureDefinition& d : g.features) names.push_back(d.name.value);
  auto feature = [&](const Located<std::string>& ref, const char* key) -> const FeatureDefinition* {
    for (const FeatureDefinition& d : g.features) {
      if (d.name.value == ref.value) return &d;
    }
    if (!g.features.empty()) {
      diags.error(ref.location, fmt::format("'{}' of {} names feature '{}', which is not one of its features{}", key,
                                            what, ref.value, did_you_mean(ref.value, names)));
    }
    return nullptr;
  };
  feature(g.record_id, "record_id");
  if (const FeatureDefinition* t = feature(g.event_time, "event_time"); t != nullptr && t->type.value == "integral") {
    diags.error(g.event_time.location, fmt::format("the event time feature '{}' of {} is integral; SageMaker takes a "
                                                   "string (ISO-8601) or fractional (Unix seconds) event time",
                                                   t->name.value, what));
  }
  if (g.offline_location.valid()) check_bucket(spec, what, here, g.offline_bucket, diags);
}

// Two elements of one kind must not get one SageMaker name.
template <class T, class NameFn>
void check_unique(const std::vector<T>& items, const char* kind, NameFn name_of, Diagnostics& diags) {
  std::map<std::string, const T*> seen;
  for (const T& item : items) {
    auto [it, fresh] = seen.emplace(name_of(item), &item);
    if (fresh) continue;
    Diagnostic& d = diags.error(item.location, fmt::format("{} '{}' and '{}' would both be named '{}'", kind,
                                                           it->second->name, item.name, it->first));
    d.notes.push_back({Severity::note, it->second->location, "first declared here", {}});
  }
}

}  // namespace check_sagemaker_impl

void check_sagemaker(const Spec& spec, Diagnostics& diags) {
  using namespace check_sagemaker_impl;
  for (const ModelRegistry& r : spec.sagemaker.registries) check_registry(spec, r, diags);
  for (const Endpoint& e : spec.sagemaker.endpoints) check_endpoint(spec, e, diags);
  check_stack_parameters(spec, diags);
  for (const Notebook& n : spec.sagemaker.notebooks) check_notebook(spec, n, diags);
  check_unique(spec.sagemaker.registries, "registries", [&](const ModelRegistry& r) {
    return model_package_group_name(spec, r);
  }, diags);
  check_unique(spec.sagemaker.endpoints, "endpoints", [&](const Endpoint& e) {
    return sagemaker_endpoint_name(spec, e);
  }, diags);
  for (const FeatureGroup& g : spec.sagemaker.feature_groups) check_feature_group(spec, g, diags);
  check_unique(spec.sagemaker.feature_groups, "feature groups", [&](const FeatureGroup& g) {
    return feature_group_name(spec, g);
  }, diags);
}

}  // namespace aip::spec
