// The `finops:` area rendered into its stack: AWS Budgets with tag filters and
// alerts to e-mail addresses and, when asked, an encrypted SNS topic of their own.
#include <cctype>

#include <fmt/format.h>

#include "base/arn.hpp"
#include "cfn/intrinsics.hpp"
#include "cfn/logical_id.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/policy_builder.hpp"

namespace aip::plan {
namespace {

using cfn::Json;
namespace fn = cfn::intrinsic;

std::string upper(const std::string& s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Spend carrying every one of the tags.
Json filter_expression(const spec::Tags& tags) {
  Json terms = Json::array();
  for (const auto& [k, v] : tags) {
    terms.push_back({{"Tags", {{"Key", k}, {"Values", Json::array({v.value})}, {"MatchOptions", Json::array({"EQUALS"})}}}});
  }
  if (terms.size() == 1) return terms[0];
  return {{"And", terms}};
}

void plan_budget(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Budget& b) {
  cfn::Stack& stack = stack_for(assembly, spec, kLayerFinops, account_of(spec, b.account), "");
  const std::string id = cfn::pascal_case(b.name) + "Budget";
  const std::string topic = id + "Topic";

  Json subscribers = Json::array();
  for (const auto& e : b.notify) subscribers.push_back({{"SubscriptionType", "EMAIL"}, {"Address", e.value}});
  if (b.topic.value) {
    subscribers.push_back({{"SubscriptionType", "SNS"}, {"Address", fn::ref(topic)}});
    // A key of its own: the AWS managed key's policy (alias/aws/sns) does not let AWS Budgets publish.
    const std::string key = topic + "Key";
    cfn::Resource k;
    k.logical_id = key;
    k.type = "AWS::KMS::Key";
    k.provenance = b.topic.location;
    k.deletion_policy = "Retain";  // deleting the key would make queued alerts unreadable
    k.properties = {
        {"Description", fmt::format("Encrypts budget topic {} of platform {}", b.name, spec.name.value)},
        {"EnableKeyRotation", true},
        {"PendingWindowInDays", 30},
        {"KeyPolicy", policy_doc(Json::array({account_administers_key(),
                                              PolicyStatement::allow("AwsBudgetsEncrypt")
                                                  .service("budgets.amazonaws.com")
                                                  .action(Json::array({"kms:Decrypt", "kms:GenerateDataKey*"}))
                                                  .resource("*")
                                                  .from_this_account()}))}};
    for (const auto& [tk, tv] : b.tags) k.tags[tk] = tv.value;
    stack.add(std::move(k));

    cfn::Resource t;
    t.logical_id = topic;
    t.type = "AWS::SNS::Topic";
    t.provenance = b.topic.location;
    t.properties = {{"TopicName", fmt::format("{}-{}-budget", spec.name.value, b.name)},
                    {"DisplayName", fmt::format("Budget {} of platform {}", b.name, spec.name.value)},
                    {"KmsMasterKeyId", fn::get_att(key, "Arn")}};
    for (const auto& [tk, tv] : b.tags) t.tags[tk] = tv.value;
    stack.add(std::move(t));

    // Confused-deputy guard: only budgets of this account.
    Json statement = PolicyStatement::allow("AwsBudgetsPublish")
                         .service("budgets.amazonaws.com")
                         .action("sns:Publish")
                         .resource(fn::ref(topic))
                         .from_this_account()
                         .condition("ArnLike", "aws:SourceArn", fn::sub(aws::arn(aws::kThisPartition, "budgets", "",
                                                                                 aws::kThisAccount, "*")));
    cfn::Resource p;
    p.logical_id = topic + "Policy";
    p.type = "AWS::SNS::TopicPolicy";
    p.provenance = b.topic.location;
    p.properties = {{"Topics", Json::array({fn::ref(topic)})},
                    {"PolicyDocument",
                     policy_doc(Json::array({deny_insecure_transport("sns:Publish", fn::ref(topic)), statement}))}};
    stack.add(std::move(p));
  }

  Json notifications = Json::array();
  auto add_alerts = [&](const std::vector<spec::Located<int>>& thresholds, const char* type) {
    for (const auto& t : thresholds) {
      notifications.push_back({{"Notification",
                                {{"NotificationType", type},
                                 {"ComparisonOperator", "GREATER_THAN"},
                                 {"Threshold", t.value},
                                 {"ThresholdType", "PERCENTAGE"}}},
                               {"Subscribers", subscribers}});
    }
  };
  add_alerts(b.actual_alerts, "ACTUAL");
  add_alerts(b.forecasted_alerts, "FORECASTED");

  Json data = {{"BudgetName", fmt::format("{}-{}", spec.name.value, b.name)},
               {"BudgetType", "COST"},
               {"TimeUnit", upper(b.period.value)},
               {"BudgetLimit", {{"Amount", b.limit_usd.value}, {"Unit", "USD"}}}};
  if (!b.filter_tags.empty()) data["FilterExpression"] = filter_expression(b.filter_tags);

  // AWS::Budgets::Budget calls its tags ResourceTags, which the renderer does not fill in.
  std::map<std::string, std::string> tags = assembly.tags;
  for (const auto& [k, v] : b.tags) tags[k] = v.value;
  tags["aip:spec"] = assembly.platform;
  tags["aip:stack"] = stack.id;
  Json resource_tags = Json::array();
  for (const auto& [k, v] : tags) resource_tags.push_back({{"Key", k}, {"Value", v}});

  cfn::Resource r;
  r.logical_id = id;
  r.type = "AWS::Budgets::Budget";
  r.provenance = b.location;
  r.properties = {{"Budget", data}, {"ResourceTags", resource_tags}};
  if (!notifications.empty()) r.properties["NotificationsWithSubscribers"] = notifications;
  // AWS Budgets checks that it may publish to the topic when the budget is created.
  if (b.topic.value) r.depends_on.push_back(topic + "Policy");
  stack.add(std::move(r));
}

}  // namespace

void plan_finops(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::Budget& b : spec.finops.budgets) plan_budget(spec, assembly, b);
}

}  // namespace aip::plan
