// The `observability:` area rendered into the observability stack of each
// account and region: log groups (retention always set, optional KMS key),
// alarm topics (customer-managed key CloudWatch may use, TLS-only policy,
// e-mail subscriptions), CloudWatch alarms on compute, data and edge
// resources, and CloudTrail trails into a storage bucket.
#include <cmath>

#include <fmt/format.h>

#include "cfn/intrinsics.hpp"
#include "cfn/logical_id.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"
#include "plan/watched.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::plan {
namespace {

using cfn::Json;
namespace fn = cfn::intrinsic;

cfn::Resource& add_key(cfn::Stack& stack, const std::string& id, const std::string& description, Json service_statement,
                       Location where, const spec::Tags& tags) {
  cfn::Resource& k = add_resource(stack, id, "AWS::KMS::Key",
                         {{"Description", description},
                          {"EnableKeyRotation", true},
                          {"PendingWindowInDays", 30},
                          {"KeyPolicy", policy_doc(Json::array({account_administers_key(), std::move(service_statement)}))}},
                         where, tags);
  k.deletion_policy = "Retain";  // deleting the key would make what it encrypted unreadable
  return k;
}

Env env_of(const spec::Spec& spec, const spec::Located<std::string>& account, const std::string& region) {
  const spec::Account& a = account_of(spec, account);
  return {&a, region.empty() ? a.region.value : region};
}

cfn::Stack& stack_of(cfn::Assembly& assembly, const spec::Spec& spec, const char* layer, const Env& env) {
  return stack_for(assembly, spec, layer, *env.account, env.region);
}

void plan_log_group(const spec::Spec& spec, cfn::Assembly& assembly, const spec::LogGroup& g) {
  Env env = env_of(spec, g.account, g.region.value);
  cfn::Stack& stack = stack_of(assembly, spec, kLayerObservability, env);
  const std::string id = id_for(g.name, "LogGroup");
  const std::string name = spec::log_group_name(spec, g);
  Json properties = {{"LogGroupName", name},
                     {"RetentionInDays", g.retention_days ? g.retention_days->value
                                                           : spec.observability.log_retention_days.value}};
  if (g.kms.value) {
    const std::string key = id + "Key";
    // CloudWatch Logs of this region may use the key for this log group only.
    add_key(stack, key, fmt::format("Encrypts log group {} of platform {}", name, spec.name.value),
            cloudwatch_logs_use_key(stack_arn("logs", "log-group:" + name)),
            g.location, g.tags);
    properties["KmsKeyId"] = fn::get_att(key, "Arn");
  }
  cfn::Resource& r = add_resource(stack, id, "AWS::Logs::LogGroup", std::move(properties), g.location, g.tags);
  r.deletion_policy = g.deletion.value == "retain" ? "Retain" : "Delete";
}

void plan_topic(const spec::Spec& spec, cfn::Assembly& assembly, const spec::AlarmTopic& t) {
  Env env = env_of(spec, t.account, t.region.value);
  cfn::Stack& stack = stack_of(assembly, spec, kLayerObservability, env);
  const std::string id = alarm_topic_id(t.name);
  const std::string key = id + "Key";
  // alias/aws/sns would not do: CloudWatch may not use the AWS-managed key.
  add_key(stack, key, fmt::format("Encrypts alarm topic {} of platform {}", t.name, spec.name.value),
          PolicyStatement::allow("CloudWatchAlarmsPublish")
              .service("cloudwatch.amazonaws.com")
              .action(Json::array({"kms:Decrypt", "kms:GenerateDataKey*"}))
              .resource("*")
              .from_this_account(),
          t.location, t.tags);
  add_resource(stack, id, "AWS::SNS::Topic",
      {{"TopicName", fmt::format("{}-{}", spec.name.value, t.name)},
       {"DisplayName", fmt::format("{} alarms ({})", spec.name.value, t.name)},
       {"KmsMasterKeyId", fn::get_att(key, "Arn")}},
      t.location, t.tags);
  add_resource(stack, id + "Policy", "AWS::SNS::TopicPolicy",
      {{"Topics", Json::array({fn::ref(id)})},
       {"PolicyDocument",
        policy_doc(Json::array({deny_insecure_transport("sns:Publish", fn::ref(id)),
                                PolicyStatement::allow("CloudWatchAlarmsPublish")
                                    .service("cloudwatch.amazonaws.com")
                                    .action("sns:Publish")
                                    .resource(fn::ref(id))
                                    .from_this_account()}))}},
      t.location, {});
  for (const auto& email : t.emails) {
    add_resource(stack, id + cfn::pascal_case(email.value) + "Subscription", "AWS::SNS::Subscription",
        {{"TopicArn", fn::ref(id)}, {"Protocol", "email"}, {"Endpoint", email.value}}, email.location, {});
  }
}

Json metric_stat(const std::string& id, const std::string& ns, const std::string& name, Json dimensions, int period,
                 const std::string& stat) {
  return {{"Id", id},
          {"ReturnData", false},
          {"MetricStat",
           {{"Metric", {{"Namespace", ns}, {"MetricName", name}, {"Dimensions", std::move(dimensions)}}},
            {"Period", period},
            {"Stat", stat}}}};
}

// The element an alarm watches, as watched.hpp names it.
WatchTarget alarm_target(const spec::Alarm& a) {
  using spec::AlarmKind;
  if (!a.load_balancer.value.empty()) return {"load_balancer", a.load_balancer.value};
  if (!a.service.value.empty()) return {"service", a.service.value, a.metric.value == AlarmKind::running_tasks};
  if (!a.database.value.empty()) return {"database", a.database.value};
  if (!a.web_acl.value.empty()) return {"web_acl", a.web_acl.value};
  if (!a.api.value.empty()) return {"api", a.api.value};
  return {"function", a.function.value};
}

void plan_alarm(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Alarm& a) {
  using spec::AlarmKind;
  const AlarmKind kind = a.metric.value;
  const spec::AlarmDefaults defaults = spec::alarm_defaults(kind);
  const double threshold = a.threshold ? a.threshold->value : defaults.threshold;
  const int minutes = a.minutes ? a.minutes->value : defaults.minutes;
  // Sustained conditions are checked every period of the window; rates and
  // counts are summed over the whole window.
  const int period = minutes % 5 == 0 ? 300 : 60;
  const int periods = minutes * 60 / period;

  const spec::Service* service = nullptr;
  if (!a.service.value.empty()) {
    for (const spec::Service& s : spec.compute.services) {
      if (s.name == a.service.value) service = &s;
    }
  }
  // The alarm lives in the observability stack of what it watches.
  const WatchTarget target = alarm_target(a);
  cfn::Stack* obs = &stack_of(assembly, spec, kLayerObservability, watched_env(spec, target));
  const Watched w = watched(spec, assembly, *obs, target);

  const spec::AlarmTopic& topic =
      a.topic.value.empty() ? spec.observability.topics.front() : *spec.observability.find_topic(a.topic.value);
  Json actions = Json::array({fn::ref(alarm_topic_id(topic.name))});
  Json p = {{"AlarmName", fmt::format("{}-{}", spec.name.value, a.name)},
            {"ActionsEnabled", true},
            {"AlarmActions", actions},
            {"OKActions", actions},
            {"EvaluationPeriods", periods},
            {"DatapointsToAlarm", periods},
            {"ComparisonOperator", "GreaterThanOrEqualToThreshold"},
            {"TreatMissingData", "missing"}};
  std::string summary;
  auto simple = [&](const std::string& ns, const std::string& metric, const std::string& stat) {
    p["Namespace"] = ns;
    p["MetricName"] = metric;
    p["Dimensions"] = w.dimensions;
    p["Period"] = period;
    p["Statistic"] = stat;
  };
  // A latency percentile (or the average); no traffic is no data, which is not slow.
  auto latency = [&](const std::string& ns, const std::string& metric) {
    p["Namespace"] = ns;
    p["MetricName"] = metric;
    p["Dimensions"] = w.dimensions;
    p["Period"] = period;
    if (a.statistic.value == "average") {
      p["Statistic"] = "Average";
    } else {
      p["ExtendedStatistic"] = a.statistic.value;
    }
    p["TreatMissingData"] = "notBreaching";
  };
  switch (kind) {
    case AlarmKind::alb_5xx_rate:
    case AlarmKind::alb_4xx_rate: {
      // 5xx (4xx) answers as a percentage of requests over the window; no
      // requests means no data, which is not an outage.
      const std::string c = kind == AlarmKind::alb_5xx_rate ? "5" : "4";
      const int window = minutes * 60;
      Json metrics = Json::array();
      metrics.push_back(metric_stat("requests", "AWS/ApplicationELB", "RequestCount", w.dimensions, window, "Sum"));
      metrics.push_back(metric_stat("target" + c + "xx", "AWS/ApplicationELB",
                                    fmt::format("HTTPCode_Target_{}XX_Count", c), w.dimensions, window, "Sum"));
      std::string errors = fmt::format("FILL(target{}xx, 0)", c);
      if (service == nullptr) {
        metrics.push_back(metric_stat("elb" + c + "xx", "AWS/ApplicationELB", fmt::format("HTTPCode_ELB_{}XX_Count", c),
                                      w.dimensions, window, "Sum"));
        errors = fmt::format("FILL(elb{0}xx, 0) + FILL(target{0}xx, 0)", c);
      }
      metrics.push_back({{"Id", "rate"},
                         {"Expression", fmt::format("100 * ({}) / requests", errors)},
                         {"Label", fmt::format("{}xx responses (percent of requests)", c)},
                         {"ReturnData", true}});
      p["Metrics"] = std::move(metrics);
      p["EvaluationPeriods"] = 1;
      p["DatapointsToAlarm"] = 1;
      p["TreatMissingData"] = "notBreaching";
      summary = fmt::format("{}xx responses of {} reach {}% of requests over {} minutes", c, w.what, threshold, minutes);
      break;
    }
    case AlarmKind::target_latency: {
      latency("AWS/ApplicationELB", "TargetResponseTime");
      summary = fmt::format("{} target response time of {} reaches {} s for {} minutes", a.statistic.value, w.what,
                            threshold, minutes);
      break;
    }
    case AlarmKind::running_tasks: {
      Json metrics = Json::array();
      metrics.push_back(metric_stat("desired", "ECS/ContainerInsights", "DesiredTaskCount", w.dimensions, period, "Minimum"));
      metrics.push_back(metric_stat("running", "ECS/ContainerInsights", "RunningTaskCount", w.dimensions, period, "Maximum"));
      metrics.push_back({{"Id", "missing"},
                         {"Expression", "desired - running"},
                         {"Label", "tasks below the desired count"},
                         {"ReturnData", true}});
      p["Metrics"] = std::move(metrics);
      summary = fmt::format("{} runs at least {} task(s) fewer than desired for {} minutes", w.what, threshold, minutes);
      break;
    }
    case AlarmKind::db_cpu:
      simple("AWS/RDS", "CPUUtilization", "Average");
      summary = fmt::format("CPU of {} reaches {}% for {} minutes", w.what, threshold, minutes);
      break;
    case AlarmKind::db_connections:
      simple("AWS/RDS", "DatabaseConnections", "Maximum");
      summary = fmt::format("{} has {} or more connections for {} minutes", w.what, threshold, minutes);
      break;
    case AlarmKind::db_free_storage:
      // Aurora storage grows by itself; what can run out is each instance's
      // local storage (temporary tables, logs). Threshold in GiB, metric in bytes.
      simple("AWS/RDS", "FreeLocalStorage", "Minimum");
      p["ComparisonOperator"] = "LessThanOrEqualToThreshold";
      summary = fmt::format("free local storage of {} falls to {} GiB for {} minutes", w.what, threshold, minutes);
      break;
    case AlarmKind::api_latency:
      // Latency is in milliseconds; the threshold in seconds, strictly above it (seed 001: "> 5 seconds").
      latency("AWS/ApiGateway", "Latency");
      p["ComparisonOperator"] = "GreaterThanThreshold";
      summary = fmt::format("{} latency of {} exceeds {} s for {} minutes", a.statistic.value, w.what, threshold,
                            minutes);
      break;
    case AlarmKind::api_5xx_rate: {
      // 5xx answers as a percentage of requests over the window; no requests, no data.
      const int window = minutes * 60;
      Json metrics = Json::array();
      metrics.push_back(metric_stat("requests", "AWS/ApiGateway", "Count", w.dimensions, window, "Sum"));
      metrics.push_back(metric_stat("errors", "AWS/ApiGateway", "5XXError", w.dimensions, window, "Sum"));
      metrics.push_back({{"Id", "rate"},
                         {"Expression", "100 * FILL(errors, 0) / requests"},
                         {"Label", "5xx responses (percent of requests)"},
                         {"ReturnData", true}});
      p["Metrics"] = std::move(metrics);
      p["EvaluationPeriods"] = 1;
      p["DatapointsToAlarm"] = 1;
      p["ComparisonOperator"] = "GreaterThanThreshold";
      p["TreatMissingData"] = "notBreaching";
      summary = fmt::format("5xx responses of {} exceed {}% of requests over {} minutes", w.what, threshold, minutes);
      break;
    }
    case AlarmKind::function_errors: {
      // Failed invocations as a percentage of invocations over the window; no invocations, no data.
      const int window = minutes * 60;
      Json metrics = Json::array();
      metrics.push_back(metric_stat("invocations", "AWS/Lambda", "Invocations", w.dimensions, window, "Sum"));
      metrics.push_back(metric_stat("errors", "AWS/Lambda", "Errors", w.dimensions, window, "Sum"));
      metrics.push_back({{"Id", "rate"},
                         {"Expression", "100 * FILL(errors, 0) / invocations"},
                         {"Label", "failed invocations (percent of invocations)"},
                         {"ReturnData", true}});
      p["Metrics"] = std::move(metrics);
      p["EvaluationPeriods"] = 1;
      p["DatapointsToAlarm"] = 1;
      p["ComparisonOperator"] = "GreaterThanThreshold";
      p["TreatMissingData"] = "notBreaching";
      summary = fmt::format("failed invocations of {} exceed {}% over {} minutes", w.what, threshold, minutes);
      break;
    }
    case AlarmKind::function_throttles:
      simple("AWS/Lambda", "Throttles", "Sum");
      p["Period"] = minutes * 60;
      p["EvaluationPeriods"] = 1;
      p["DatapointsToAlarm"] = 1;
      p["TreatMissingData"] = "notBreaching";
      summary = fmt::format("{} throttles {} or more invocations in {} minutes", w.what, threshold, minutes);
      break;
    case AlarmKind::function_duration:
      // Duration is in milliseconds; the threshold in seconds, strictly above it.
      latency("AWS/Lambda", "Duration");
      p["ComparisonOperator"] = "GreaterThanThreshold";
      summary = fmt::format("{} duration of {} exceeds {} s for {} minutes", a.statistic.value, w.what, threshold,
                            minutes);
      break;
    case AlarmKind::function_metric: {
      // The function's own metric, published with the dimension FunctionName
      // (docs/areas/observability.md); no data (nothing measured) is not a breach.
      const spec::Function& fn = *spec.functions.find(a.function.value);
      latency(fn.metrics_namespace.value, a.metric_name.value);
      p["Dimensions"] = Json::array({{{"Name", "FunctionName"}, {"Value", spec::function_name(spec, fn)}}});
      if (!a.statistic.location.valid()) {  // a custom metric: its average unless told
        p.erase("ExtendedStatistic");
        p["Statistic"] = "Average";
      }
      const bool below = a.when.value == "below";
      p["ComparisonOperator"] = below ? "LessThanThreshold" : "GreaterThanThreshold";
      // Named "function X" without an alias: the metric is the function's, whichever version published it.
      summary = fmt::format("{} {} of function {} ({}) {} {} for {} minutes",
                            a.statistic.location.valid() ? a.statistic.value : "average", a.metric_name.value, fn.name,
                            fn.metrics_namespace.value, below ? "falls below" : "exceeds", threshold, minutes);
      break;
    }
    case AlarmKind::waf_blocked:
      simple("AWS/WAFV2", "BlockedRequests", "Sum");
      p["Period"] = minutes * 60;
      p["EvaluationPeriods"] = 1;
      p["DatapointsToAlarm"] = 1;
      p["TreatMissingData"] = "notBreaching";
      summary = fmt::format("{} blocks {} or more requests in {} minutes", w.what, threshold, minutes);
      break;
  }
  p["Threshold"] = kind == AlarmKind::db_free_storage ? threshold * 1024 * 1024 * 1024
                  : kind == AlarmKind::api_latency || kind == AlarmKind::function_duration ? threshold * 1000
                                                     : threshold;
  p["AlarmDescription"] = a.description.value.empty() ? summary : a.description.value;
  add_resource(*obs, id_for(a.name, "Alarm"), "AWS::CloudWatch::Alarm", std::move(p), a.location, a.tags);
}

void plan_trail(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Trail& t) {
  Env env = env_of(spec, t.account, "");
  cfn::Stack& stack = stack_of(assembly, spec, kLayerObservability, env);
  const spec::Bucket& b = *spec.storage.find(t.bucket.value);
  const std::string bucket_region = b.region.value.empty() ? env.region : b.region.value;
  cfn::Stack& storage = stack_of(assembly, spec, kLayerStorage, {env.account, bucket_region});
  const std::string id = id_for(t.name, "Trail");
  const std::string trail_name = fmt::format("{}-{}", spec.name.value, t.name);
  // The bucket by reference when it is in this region (the storage stack,
  // bucket policy included, deploys first); by its S3 name otherwise.
  Json bucket = bucket_region == env.region ? assembly.ref(stack, storage, bucket_id(b.name))
                                            : Json(spec::s3_bucket_name(spec, b, bucket_region));
  if (bucket_region != env.region) stack.dependencies.insert(storage.id);
  Json selector = {{"ReadWriteType", t.management_events.value == "all" ? "All" : "WriteOnly"},
                   {"IncludeManagementEvents", true}};
  if (t.s3_data_events.value) {
    selector["DataResources"] = Json::array({{{"Type", "AWS::S3::Object"}, {"Values", Json::array({fn::sub("arn:${AWS::Partition}:s3")})}}});
  } else if (!t.data_event_buckets.empty()) {
    // Every object of these buckets (the trailing slash: objects, not the bucket itself), read and
    // write as management_events says: who read which document, not only who changed a policy.
    Json values = Json::array();
    for (const auto& name : t.data_event_buckets) {
      const spec::Bucket& data = *spec.storage.find(name.value);
      const std::string region = data.region.value.empty() ? env.region : data.region.value;
      values.push_back(fn::sub(fmt::format("arn:${{AWS::Partition}}:s3:::{}/", spec::s3_bucket_name(spec, data, region))));
    }
    selector["DataResources"] = Json::array({{{"Type", "AWS::S3::Object"}, {"Values", std::move(values)}}});
  }
  Json p = {{"TrailName", trail_name},
            {"S3BucketName", std::move(bucket)},
            {"IsLogging", true},
            {"IsMultiRegionTrail", t.multi_region.value},
            {"IncludeGlobalServiceEvents", true},
            {"EnableLogFileValidation", true},
            {"EventSelectors", Json::array({std::move(selector)})}};
  if (b.encryption.value == "kms" || t.kms.value) {
    // A KMS bucket's own key admits only the account; the trail brings a key
    // CloudTrail may use (the bucket policy accepts SSE-KMS uploads).
    const std::string key = id + "Key";
    add_key(stack, key, fmt::format("Encrypts the log files of trail {} of platform {}", t.name, spec.name.value),
            PolicyStatement::allow("CloudTrailEncrypts")
                .service("cloudtrail.amazonaws.com")
                .action(Json::array({"kms:GenerateDataKey*", "kms:DescribeKey"}))
                .resource("*")
                .condition("StringEquals", "aws:SourceArn", stack_arn("cloudtrail", "trail/" + trail_name))
                .condition("StringLike", "kms:EncryptionContext:aws:cloudtrail:arn", stack_arn("cloudtrail", "trail/*", "*")),
            t.location, t.tags);
    p["KMSKeyId"] = fn::get_att(key, "Arn");
  }
  add_resource(stack, id, "AWS::CloudTrail::Trail", std::move(p), t.location, t.tags);
}

}  // namespace

void plan_observability(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::LogGroup& g : spec.observability.log_groups) plan_log_group(spec, assembly, g);
  for (const spec::AlarmTopic& t : spec.observability.topics) plan_topic(spec, assembly, t);
  for (const spec::Alarm& a : spec.observability.alarms) plan_alarm(spec, assembly, a);
  for (const spec::Trail& t : spec.observability.trails) plan_trail(spec, assembly, t);
  plan_dashboards(spec, assembly);
  plan_xray(spec, assembly);
}

}  // namespace aip::plan
