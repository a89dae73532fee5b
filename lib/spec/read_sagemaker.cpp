// The `sagemaker:` area: model registries, endpoints, notebooks and feature groups, read
// (checks across elements and areas: check_sagemaker.cpp).
#include <utility>

#include <fmt/format.h>

#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace read_sagemaker_impl {

const Pattern& instance_type() {
  static const Pattern p("ml\\.[a-z0-9]+\\.[a-z0-9]+");
  return p;
}
constexpr std::string_view kNotInstanceType = "'{}' is not a SageMaker instance type such as ml.m5.xlarge";

const Pattern& ecr_image() {
  static const Pattern p("\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[a-z0-9][a-z0-9._/-]{0,255}"
                         "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})?");
  return p;
}
constexpr std::string_view kNotEcrImage =
    "'{}' is not an ECR image such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/repository:tag";

const Pattern& sagemaker_name() {
  static const Pattern p("[a-zA-Z0-9]([a-zA-Z0-9-]{0,62})");
  return p;
}

// A CloudFormation parameter name: alphanumeric.
const Pattern& parameter_name() {
  static const Pattern p("[A-Za-z0-9]{1,255}");
  return p;
}

constexpr std::string_view kNotParameterName =
    "'{}' is not a CloudFormation parameter name (letters and digits only, such as TestModelVersion)";

const Pattern& cron_schedule() {
  static const Pattern p("cron\\(.+\\)");
  return p;
}

void read_model(const YamlNode& n, const std::string& what, ModelSource& m, Diagnostics& diags) {
  m.location = n.location;
  Fields f(n, "model of " + what, diags);
  if (!f.ok()) return;
  f.text("registry", m.registry);
  f.integer("version", {1, 1000000}, m.version);
  f.text("version_parameter", parameter_name(), kNotParameterName, m.version_parameter);
  f.text("image", ecr_image(), kNotEcrImage, m.image);
  f.text("bucket", m.bucket);
  f.text("key", m.key);
}

void read_variant(const YamlNode& key, const YamlNode& value, const std::string& endpoint, Endpoint& e,
                  Diagnostics& diags) {
  if (!check_name(key, "variant", diags)) return;
  EndpointVariant v;
  v.name = key.scalar;
  v.location = key.location;
  const std::string what = fmt::format("variant '{}' of endpoint '{}'", v.name, endpoint);
  Fields f(value, what, diags, key.location);
  if (!f.ok()) return;
  if (const YamlNode* m = f.required("model")) read_model(*m, what, v.model, diags);
  f.text("instance_type", instance_type(), kNotInstanceType, v.instance_type, Presence::required);
  f.integer("count", {1, 100}, v.count);
  f.integer("weight", {0, 1000}, v.weight);
  e.variants.push_back(std::move(v));
}

void read_scaling(const YamlNode& n, const std::string& what, Endpoint& e, Diagnostics& diags) {
  EndpointScaling s;
  s.location = n.location;
  Fields f(n, "scaling of " + what, diags);
  if (!f.ok()) return;
  f.integer("min", {1, 100}, s.min, Presence::required);
  f.integer("max", {1, 100}, s.max, Presence::required);
  f.integer("invocations_per_instance", {1, 1000000}, s.invocations_per_instance);
  f.integer("scale_in_cooldown", {0, 3600}, s.scale_in_cooldown);
  f.integer("scale_out_cooldown", {0, 3600}, s.scale_out_cooldown);
  f.text("min_parameter", parameter_name(), kNotParameterName, s.min_parameter);
  f.text("max_parameter", parameter_name(), kNotParameterName, s.max_parameter);
  f.text("invocations_per_instance_parameter", parameter_name(), kNotParameterName,
         s.invocations_per_instance_parameter);
  if (s.min.location.valid() && s.max.location.valid() && s.min.value > s.max.value) {
    diags.error(s.max.location, fmt::format("'max' of the scaling of {} ({}) is below 'min' ({})", what, s.max.value,
                                            s.min.value));
  }
  e.scaling = std::move(s);
}

void read_capture(const YamlNode& n, const std::string& what, Endpoint& e, Diagnostics& diags) {
  DataCapture c;
  c.location = n.location;
  Fields f(n, "data_capture of " + what, diags);
  if (!f.ok()) return;
  f.text("bucket", c.bucket, Presence::required);
  f.text("prefix", c.prefix);
  f.integer("percent", {1, 100}, c.percent);
  e.capture = std::move(c);
}

void read_monitoring(const YamlNode& n, const std::string& what, Endpoint& e, Diagnostics& diags) {
  EndpointMonitoring m;
  m.location = n.location;
  Fields f(n, "monitoring of " + what, diags);
  if (!f.ok()) return;
  f.text("bucket", m.bucket, Presence::required);
  f.text("baseline", m.baseline, Presence::required);
  f.text("reports", m.reports);
  static const Pattern schedule("cron\\(0 (\\*|\\d{1,2}(/\\d{1,2})?) \\? \\* \\* \\*\\)");
  f.text("schedule", schedule,
         "'schedule' of a monitoring schedule must be hourly or every N hours, such as cron(0 * ? * * *) or "
         "cron(0 0/6 ? * * *); got '{}'",
         m.schedule);
  f.text("instance_type", instance_type(), kNotInstanceType, m.instance_type);
  f.text("image", ecr_image(), kNotEcrImage, m.image);
  e.monitoring = std::move(m);
}

void read_endpoint(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "endpoint", diags)) return;
  Endpoint e;
  e.name = key.scalar;
  e.location = key.location;
  const std::string what = fmt::format("endpoint '{}'", e.name);
  Fields f(value, what, diags, key.location);
  if (!f.ok()) return;
  f.text("account", e.account);
  f.region("region", e.region);
  f.text("endpoint_name", sagemaker_name(), "'{}' is not a SageMaker endpoint name (1 to 63 letters, digits and '-')",
         e.endpoint_name);
  // One variant written on the endpoint itself, or `variants:`; the check
  // below says which when both are there.
  const YamlNode* model = f.optional("model");
  EndpointVariant single;
  single.name = "AllTraffic";
  single.location = key.location;
  const bool typed = f.text("instance_type", instance_type(), kNotInstanceType, single.instance_type);
  f.integer("count", {1, 100}, single.count);
  read_named(f, "variants", "variant", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_variant(k, v, e.name, e, diags); });
  const YamlNode* variants = value.find("variants");
  if (variants != nullptr && (model != nullptr || typed)) {
    diags.error((model != nullptr ? model : value.find_key("instance_type"))->location,
                fmt::format("{} has 'variants'; give each variant its model and instance_type there", what));
  } else if (variants == nullptr) {
    if (model == nullptr) {
      diags.error(key.location, fmt::format("{} needs a 'model' and an 'instance_type', or 'variants'", what));
    } else {
      read_model(*model, what, single.model, diags);
      if (!typed && value.find("instance_type") == nullptr) {
        diags.error(key.location, fmt::format("{} needs an 'instance_type' such as ml.m5.xlarge", what));
      }
      e.variants.push_back(std::move(single));
    }
  } else if (e.variants.empty() && variants->is_map()) {
    diags.error(variants->location, fmt::format("'variants' of {} is empty", what));
  }
  if (const YamlNode* n = f.optional("scaling")) read_scaling(*n, what, e, diags);
  if (const YamlNode* n = f.optional("data_capture")) read_capture(*n, what, e, diags);
  if (const YamlNode* n = f.optional("monitoring")) read_monitoring(*n, what, e, diags);
  f.text("instance_type_parameter", parameter_name(), kNotParameterName, e.instance_type_parameter);
  f.flag("network_isolation", e.network_isolation);
  f.tags(e.tags);
  spec.sagemaker.endpoints.push_back(std::move(e));
}

void read_registry(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "registry", diags)) return;
  ModelRegistry r;
  r.name = key.scalar;
  r.location = key.location;
  Fields f(value, fmt::format("registry '{}'", r.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", r.account);
  f.region("region", r.region);
  f.text("group_name", sagemaker_name(),
         "'{}' is not a model package group name (1 to 63 letters, digits and '-')", r.group_name);
  f.text("description", r.description);
  f.strings("read", r.access.read);
  f.strings("register", r.access.register_);
  f.strings("approve", r.access.approve);
  f.strings("record", r.access.record);
  f.tags(r.tags);
  spec.sagemaker.registries.push_back(std::move(r));
}

void read_notebook(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "notebook", diags)) return;
  Notebook n;
  n.name = key.scalar;
  n.location = key.location;
  Fields f(value, fmt::format("notebook '{}'", n.name), diags, key.location);
  if (!f.ok()) return;
  f.text("vpc", n.vpc, Presence::required);
  f.text("subnets", n.subnets);
  f.text("security_group", n.security_group);
  f.text("instance_type", instance_type(), kNotInstanceType, n.instance_type);
  f.integer("volume_gb", {5, 16384}, n.volume_gb);
  f.integer("idle_minutes", {5, 1440}, n.idle_minutes);
  f.strings("read_buckets", n.read_buckets);
  f.strings("write_buckets", n.write_buckets);
  // CodeCommit's repository names: letters, digits, '.', '_' and '-', at most 100.
  static const Pattern repository("[A-Za-z0-9._-]{1,100}");
  f.text("code_repository", repository,
         "'code_repository' must be a CodeCommit repository name (letters, digits, '.', '_' and '-', at most 100 "
         "characters), got '{}'",
         n.code_repository);
  f.tags(n.tags);
  spec.sagemaker.notebooks.push_back(std::move(n));
}

void read_features(const YamlNode& n, FeatureGroup& g, Diagnostics& diags) {
  g.features_location = n.location;
  if (!n.is_map() || n.entries.empty()) {
    diags.error(n.location, fmt::format("'features' of feature group '{}' must map feature names to string, "
                                        "integral or fractional, got {}",
                                        g.name, n.describe()));
    return;
  }
  static const Pattern feature("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}");
  static const std::vector<std::string> kTypes = {"string", "integral", "fractional"};
  for (const auto& [k, v] : n.entries) {
    if (!feature.matches(k.scalar)) {
      diags.error(k.location, fmt::format("feature name '{}' must be 1 to 64 letters and digits, with '-' between "
                                          "them",
                                          k.scalar));
      continue;
    }
    auto type = read_choice(v, k.scalar, kTypes, diags);
    if (type) g.features.push_back({located(k.scalar, k), located(*type, v)});
  }
}

void read_feature_group(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "feature group", diags)) return;
  FeatureGroup g;
  g.name = key.scalar;
  g.location = key.location;
  Fields f(value, fmt::format("feature group '{}'", g.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", g.account);
  f.region("region", g.region);
  static const Pattern group_name("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}");
  f.text("group_name", group_name, "'{}' is not a feature group name (1 to 64 letters and digits, '-' between them)",
         g.group_name);
  f.text("description", g.description);
  if (const YamlNode* n = f.required("features")) read_features(*n, g, diags);
  f.text("record_id", g.record_id, Presence::required);
  f.text("event_time", g.event_time, Presence::required);
  f.flag("online", g.online);
  // `offline: {bucket, prefix}`: a map of its own, read with its own Fields.
  if (const YamlNode* n = f.optional("offline")) {
    g.offline_location = n->location;
    Fields o(*n, fmt::format("'offline' of feature group '{}'", g.name), diags);
    if (o.ok()) {
      o.text("bucket", g.offline_bucket, Presence::required);
      static const Pattern prefix("[^*?\\s]{1,500}/");
      o.text("prefix", prefix, "'prefix' must be a key prefix ending in '/' without spaces or wildcards, got '{}'",
             g.offline_prefix);
    }
  }
  f.tags(g.tags);
  if (!g.online.value && !g.offline_location.valid()) {
    diags.error(g.location, fmt::format("feature group '{}' has no store: keep 'online' or give 'offline: {{bucket: "
                                        "..., prefix: ...}}'",
                                        g.name));
  }
  spec.sagemaker.feature_groups.push_back(std::move(g));
}

}  // namespace read_sagemaker_impl

std::string model_package_group_name(const Spec& spec, const ModelRegistry& r) {
  return r.group_name.value.empty() ? fmt::format("{}-{}", spec.name.value, r.name) : r.group_name.value;
}
std::string sagemaker_endpoint_name(const Spec& spec, const Endpoint& e) {
  return e.endpoint_name.value.empty() ? fmt::format("{}-{}", spec.name.value, e.name) : e.endpoint_name.value;
}
std::string notebook_name(const Spec& spec, const Notebook& n) { return fmt::format("{}-{}", spec.name.value, n.name); }
std::string feature_group_name(const Spec& spec, const FeatureGroup& g) {
  return g.group_name.value.empty() ? fmt::format("{}-{}", spec.name.value, g.name) : g.group_name.value;
}

std::string_view model_monitor_account(std::string_view region) {
  // Amazon SageMaker Model Monitor's prebuilt container (sagemaker-model-monitor-analyzer), by region.
  static const std::pair<std::string_view, std::string_view> kAccounts[] = {
      {"af-south-1", "875698925577"},     {"ap-east-1", "001633400207"},    {"ap-northeast-1", "574779866223"},
      {"ap-northeast-2", "709848358524"}, {"ap-south-1", "126357580389"},   {"ap-southeast-1", "245545462676"},
      {"ap-southeast-2", "563025443158"}, {"ca-central-1", "536280801234"}, {"eu-central-1", "048819808253"},
      {"eu-north-1", "895015795356"},     {"eu-south-1", "933208885752"},   {"eu-west-1", "468650794304"},
      {"eu-west-2", "749857270468"},      {"eu-west-3", "680080141114"},    {"me-south-1", "607024016150"},
      {"sa-east-1", "539772159869"},      {"us-east-1", "156813124566"},    {"us-east-2", "777275614652"},
      {"us-west-1", "890145073186"},      {"us-west-2", "159807026194"},
  };
  for (const auto& [r, account] : kAccounts) {
    if (r == region) return account;
  }
  return {};
}

void read_sagemaker(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.sagemaker.location = node.location;
  Fields f(node, "'sagemaker'", diags);
  if (!f.ok()) return;
  read_named(f, "registries", "registry", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_sagemaker_impl::read_registry(k, v, spec, diags); });
  read_named(f, "endpoints", "endpoint", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_sagemaker_impl::read_endpoint(k, v, spec, diags); });
  read_named(f, "notebooks", "notebook", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_sagemaker_impl::read_notebook(k, v, spec, diags); });
  read_named(f, "feature_groups", "feature group", diags,
             [&](const YamlNode& k, const YamlNode& v) { read_sagemaker_impl::read_feature_group(k, v, spec, diags); });
}

}  // namespace aip::spec
