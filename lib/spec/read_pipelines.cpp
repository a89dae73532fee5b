// The `pipelines:` area: CodePipeline release pipelines, read (checks:
// check_pipelines.cpp).
#include <algorithm>

#include <fmt/format.h>

#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {
namespace read_pipelines_cpp {

// `{NAME: value}` maps of build environment variables, in the order written.
void read_variables(const YamlNode& n, const char* key,
                    std::vector<std::pair<Located<std::string>, Located<std::string>>>& out, Diagnostics& diags) {
  if (!n.is_map()) {
    diags.error(n.location, fmt::format("'{}' must map variable names to values, got {}", key, n.describe()));
    return;
  }
  static const Pattern name("[A-Za-z_][A-Za-z0-9_]*");
  for (const auto& [k, v] : n.entries) {
    if (!k.is_scalar() || !name.matches(k.scalar)) {
      diags.error(k.location, fmt::format("build variable name {} must use letters, digits and '_', not starting "
                                          "with a digit",
                                          k.describe()));
      continue;
    }
    if (k.scalar.rfind("CODEBUILD_", 0) == 0) {
      diags.error(k.location, fmt::format("build variable {} starts with CODEBUILD_, which CodeBuild reserves",
                                          k.scalar));
      continue;
    }
    if (auto s = read_string(v, k.scalar, diags)) out.emplace_back(located(k.scalar, k), located(*s, v));
  }
}

void read_build(const YamlNode& n, const std::string& what, PipelineBuild& b, Diagnostics& diags) {
  b.location = n.location;
  Fields f(n, what, diags);
  if (!f.ok()) return;
  static const Pattern path("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*\\.ya?ml");
  f.text("buildspec", path,
         "buildspec '{}' must be a relative path of a .yml or .yaml file in the source (CodeBuild reads it from "
         "the source artifact)",
         b.buildspec);
  f.choice("compute", {"small", "medium", "large"}, b.compute);
  f.choice("architecture", {"x86_64", "arm64"}, b.architecture);
  static const Pattern image("[a-z0-9./_:-]+");
  f.text("image", image, "build image '{}' must be a CodeBuild or registry image name", b.image);
  f.flag("privileged", b.privileged);
  f.integer("timeout", {5, 2160}, b.timeout);
  if (const YamlNode* e = f.optional("environment")) read_variables(*e, "environment", b.environment, diags);
  if (const YamlNode* s = f.optional("secrets")) read_variables(*s, "secrets", b.secrets, diags);
  f.strings("push", b.push);
}

void read_stage(const YamlNode& n, Pipeline& p, Diagnostics& diags) {
  PipelineStage st;
  st.location = n.location;
  Fields f(n, fmt::format("a stage of pipeline '{}'", p.name), diags);
  if (!f.ok()) return;
  // CodePipeline's stage names: letters, digits and . @ - _, at most 100.
  static const Pattern name("[A-Za-z0-9.@_-]{1,100}");
  f.text("name", name, "stage name '{}' must be letters, digits, '.', '@', '-' or '_' (CodePipeline's rule)", st.name,
         Presence::required);
  const std::string what = fmt::format("stage '{}' of pipeline '{}'", st.name.value, p.name);
  int kinds = 0;
  if (const YamlNode* b = f.optional("build")) {
    read_build(*b, "'build' of " + what, st.build.emplace(), diags);
    ++kinds;
  }
  if (const YamlNode* t = f.optional("test")) {
    read_build(*t, "'test' of " + what, st.build.emplace(), diags);
    st.test = true;
    ++kinds;
  }
  if (const YamlNode* a = f.optional("approval")) {
    PipelineApproval& ap = st.approval.emplace();
    ap.location = a->location;
    if (!a->is_null()) {
      Fields af(*a, "'approval' of " + what, diags);
      if (af.ok()) {
        af.text("topic", ap.topic);
        af.text("comment", ap.comment);
        af.integer("timeout_minutes", {1, 10080}, ap.timeout_minutes);
      }
    }
    ++kinds;
  }
  if (const YamlNode* d = f.optional("deploy")) {
    PipelineDeploy& dp = st.deploy.emplace();
    dp.location = d->location;
    Fields df(*d, "'deploy' of " + what, diags);
    if (df.ok()) {
      df.text("service", dp.service, Presence::required);
      df.text("account", dp.account);
      static const Pattern file("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*\\.json");
      df.text("file", file, "image definitions file '{}' must be a relative path of a .json file", dp.file);
      df.integer("timeout_minutes", {5, 60}, dp.timeout_minutes);
    }
    ++kinds;
  }
  if (const YamlNode* d = f.optional("publish")) {
    PipelinePublish& pb = st.publish.emplace();
    pb.location = d->location;
    Fields pf(*d, "'publish' of " + what, diags);
    if (pf.ok()) {
      pf.text("bucket", pb.bucket, Presence::required);
      static const Pattern prefix("([A-Za-z0-9._-]+/)+");
      pf.text("prefix", prefix, "prefix '{}' must be a relative folder ending in '/', such as site/", pb.prefix);
      pf.text("invalidate", pb.invalidate);
    }
    ++kinds;
  }
  if (kinds != 1 && st.name.location.valid()) {
    diags.error(st.name.location, fmt::format("{} must have exactly one of 'build', 'test', 'approval', 'deploy' and "
                                              "'publish'{}",
                                              what, kinds == 0 ? "" : fmt::format(", got {}", kinds)));
    return;
  }
  p.stages.push_back(std::move(st));
}

void read_source(const YamlNode& n, Pipeline& p, Diagnostics& diags) {
  PipelineSource& s = p.source;
  s.location = n.location;
  Fields f(n, fmt::format("'source' of pipeline '{}'", p.name), diags);
  if (!f.ok()) return;
  static const Pattern repo("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
  f.text("github", repo, "GitHub repository '{}' must be written owner/name", s.github);
  static const Pattern branch("[A-Za-z0-9._/-]+");
  f.text("branch", branch, "branch '{}' must be a git branch name", s.branch);
  // An existing connection's ARN, or another pipeline of the spec whose
  // connection this one shares (one GitHub handshake for a monorepo's pipelines).
  static const Pattern connection(
      "arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:[0-9]{12}:connection/[A-Za-z0-9-]+|"
      "[a-z][a-z0-9-]*");
  f.text("connection", connection,
         "connection '{}' must be a CodeConnections connection ARN "
         "(arn:aws:codeconnections:REGION:ACCOUNT:connection/ID) or another pipeline of the spec whose connection "
         "to share; leave it out and aip creates one",
         s.connection);
  f.text("bucket", s.bucket);
  f.text("key", s.key);
  const bool github = !s.github.value.empty();
  const bool object = !s.bucket.value.empty() || !s.key.value.empty();
  if (github == object) {
    diags.error(n.location, fmt::format("'source' of pipeline '{}' must name either 'github' (with a connection) "
                                        "or 'bucket' and 'key'",
                                        p.name));
  } else if (object && (s.bucket.value.empty() || s.key.value.empty())) {
    diags.error(n.location, fmt::format("'source' of pipeline '{}' needs both 'bucket' and 'key'", p.name));
  } else if (object && (s.connection.location.valid() || s.branch.location.valid())) {
    Location at = s.connection.location.valid() ? s.connection.location : s.branch.location;
    diags.error(at, fmt::format("'source' of pipeline '{}' reads an object: 'connection' and 'branch' belong to "
                                "'github'",
                                p.name));
  }
}

void read_pipeline(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "pipeline", diags)) return;
  Pipeline p;
  p.name = key.scalar;
  p.location = key.location;
  Fields f(value, fmt::format("pipeline '{}'", p.name), diags, key.location);
  if (!f.ok()) return;
  f.text("account", p.account);
  f.region("region", p.region);
  if (const YamlNode* s = f.required("source")) read_source(*s, p, diags);
  if (const YamlNode* st = f.required("stages")) {
    if (!st->is_sequence()) {
      diags.error(st->location, fmt::format("'stages' of pipeline '{}' must be a list of stages, got {}", p.name,
                                            st->describe()));
    } else if (st->items.empty()) {
      diags.error(st->location, fmt::format("'stages' of pipeline '{}' must list at least one stage", p.name));
    } else {
      for (const YamlNode& item : st->items) read_stage(item, p, diags);
    }
  }
  f.log_retention("log_retention_days", p.log_retention_days);
  f.integer("artifact_days", {1, 3650}, p.artifact_days);
  f.tags(p.tags);
  spec.pipelines.items.push_back(std::move(p));
}

}  // namespace read_pipelines_cpp

void read_pipelines(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.pipelines.location = node.location;
  if (!node.is_map()) {
    diags.error(node.location, fmt::format("'pipelines' must map pipeline names to their settings, got {}",
                                           node.describe()));
    return;
  }
  for (const auto& [k, v] : node.entries) read_pipelines_cpp::read_pipeline(k, v, spec, diags);
}

std::string account_name_prefix(const Spec& spec, const Account& account) {
  if (spec.environment.empty() || (!spec.accounts.empty() && account.name == spec.accounts.front().name)) {
    return spec.name.value;
  }
  auto owner = spec.environment_of_account.find(account.name);
  if (owner == spec.environment_of_account.end()) return spec.platform;
  return fmt::format("{}-{}", spec.platform, owner->second);
}

bool pipeline_elsewhere(const Spec& spec, const Pipeline& p) {
  if (spec.environment.empty() || spec.accounts.empty()) return false;
  Placement at = place(spec, p.account, p.region);
  if (!at.known() || at.account->name == spec.accounts.front().name) return false;
  auto owner = spec.environment_of_account.find(at.account->name);
  return owner != spec.environment_of_account.end() && owner->second != spec.environment;
}

bool has_promotions(const Pipeline& p) {
  return std::any_of(p.stages.begin(), p.stages.end(), [](const PipelineStage& st) { return promotes(st); });
}

std::string pipeline_role_name(const Spec& spec, const Pipeline& p) {
  Placement at = place(spec, p.account, p.region);
  return fmt::format("{}-{}-pipeline", at.known() ? account_name_prefix(spec, *at.account) : spec.name.value, p.name);
}

std::string pipeline_artifact_bucket_name(const Spec& spec, const Pipeline& p) {
  Placement at = place(spec, p.account, p.region);
  if (!at.known()) return "";
  return fmt::format("{}-{}-artifacts-{}", account_name_prefix(spec, *at.account), p.name, at.account->id.value);
}

std::string promotion_role_name(const Spec& spec, const Pipeline& p, const Account& target) {
  return fmt::format("{}-{}-deploy", account_name_prefix(spec, target), p.name);
}

namespace read_pipelines_cpp {

// Calls `f` for every stage of another environment's pipeline that promotes into this account.
template <class F>
void each_promotion_here(const Spec& spec, F f) {
  if (spec.environment.empty() || spec.accounts.empty()) return;
  for (const Pipeline& p : spec.pipelines.items) {
    if (!pipeline_elsewhere(spec, p)) continue;
    for (const PipelineStage& st : p.stages) {
      if (promotes(st) && st.deploy->account.value == spec.accounts.front().name) f(*st.deploy);
    }
  }
}

}  // namespace read_pipelines_cpp

bool promoted_here(const Spec& spec, std::string_view service) {
  bool found = false;
  read_pipelines_cpp::each_promotion_here(spec, [&](const PipelineDeploy& d) { found = found || d.service.value == service; });
  return found;
}

bool cluster_promoted_here(const Spec& spec, std::string_view cluster) {
  bool found = false;
  read_pipelines_cpp::each_promotion_here(spec, [&](const PipelineDeploy& d) {
    for (const Service& s : spec.compute.services) {
      if (s.name == d.service.value && s.cluster.value == cluster) found = true;
    }
  });
  return found;
}

}  // namespace aip::spec
