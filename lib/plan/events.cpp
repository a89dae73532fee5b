// The `events:` area rendered into the events stack of each account and region:
// EventBridge buses with resource policies, SQS queues with dead-letter queues
// and TLS-only policies, and rules with their targets, retry policies,
// dead-letter queues, invoke permissions and the roles bus targets need.
#include <map>

#include <fmt/format.h>

#include "cfn/intrinsics.hpp"
#include "cfn/logical_id.hpp"
#include "cfn/schema/template_loader.hpp"
#include "plan/functions.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"
#include "plan/workflows.hpp"

namespace aip::plan {
namespace {

using cfn::Json;
namespace fn = cfn::intrinsic;

Json queue_denies_insecure_transport(Json queue_arn) { return deny_insecure_transport("sqs:*", std::move(queue_arn)); }

Json allow_rules_to_send(Json queue_arn, Json rule_arns) {
  return PolicyStatement::allow("AllowEventBridgeRules")
      .service("events.amazonaws.com")
      .action("sqs:SendMessage")
      .resource(std::move(queue_arn))
      .condition("ArnEquals", "aws:SourceArn", std::move(rule_arns));
}

std::string queue_name(const spec::Spec& spec, const std::string& name) { return spec.name.value + "-" + name; }

Json queue_arn_by_name(const std::string& name) {
  return stack_arn("sqs", name);
}

// The roles of spec functions that use an encrypted queue or topic: its key
// policy grants them (their stack never imports the key, see functions.cpp).
struct KeyUsers {
  Json decrypt = Json::array();   // consumers
  Json encrypt = Json::array();   // senders and publishers
};

void add_key_users(Json& statements, const KeyUsers& users) {
  if (!users.decrypt.empty()) {
    statements.push_back(PolicyStatement::allow("ConsumersDecrypt").aws(users.decrypt).action("kms:Decrypt").resource("*"));
  }
  if (!users.encrypt.empty()) {
    statements.push_back(PolicyStatement::allow("SendersEncrypt")
                             .aws(users.encrypt)
                             .action(Json::array({"kms:Decrypt", "kms:GenerateDataKey"}))
                             .resource("*"));
  }
}

// A queue key that EventBridge may use to send messages (rules deliver to it).
Json queue_key_policy(const KeyUsers& users) {
  Json statements = Json::array({account_administers_key(),
                                 PolicyStatement::allow("EventBridgeSends")
                                     .service("events.amazonaws.com")
                                     .action(Json::array({"kms:Decrypt", "kms:GenerateDataKey"}))
                                     .resource("*")
                                     .from_this_account()});
  add_key_users(statements, users);
  return policy_doc(std::move(statements));
}

Env env_of(const spec::Spec& spec, const spec::Located<std::string>& account, const spec::Located<std::string>& region) {
  const spec::Account& a = account_of(spec, account);
  return {&a, region.value.empty() ? a.region.value : region.value};
}

Env rule_env(const spec::Spec& spec, const spec::EventRule& r) {
  if (!r.bus.value.empty()) {
    const spec::EventBus* bus = spec.events.find_bus(r.bus.value);
    return env_of(spec, bus->account, bus->region);
  }
  return env_of(spec, r.account, r.region);
}

void plan_bus(const spec::Spec& spec, cfn::Assembly& assembly, const spec::EventBus& b) {
  Env env = env_of(spec, b.account, b.region);
  cfn::Stack& stack = stack_for(assembly, spec, kLayerEvents, *env.account, env.region);
  const std::string name = spec::event_bus_name(spec, b);
  if (b.existing()) {  // docs/existing.md: its id stands for its name and ARN
    stack.existing[event_bus_id(b.name)] = name;
    stack.existing_attributes[{event_bus_id(b.name), "Arn"}] = b.existing_arn.value;
    stack.existing_attributes[{event_bus_id(b.name), "Name"}] = name;
    return;
  }
  Json properties = {{"Name", name}, {"Description", fmt::format("Event bus {} of platform {}", b.name, spec.name.value)}};
  if (!b.allow_accounts.empty()) {
    Json statements = Json::array();
    for (const auto& a : b.allow_accounts) {
      const spec::Account* account = spec.find_account(a.value);
      const std::string id = account != nullptr ? account->id.value : a.value;
      const std::string label = account != nullptr ? account->name : a.value;
      // The bus's own ARN by name: GetAtt on itself would be a cycle.
      statements.push_back(PolicyStatement::allow("AllowPutEventsFrom" + cfn::pascal_case(label))
                               .aws(account_root(id))
                               .action("events:PutEvents")
                               .resource(stack_arn("events", "event-bus/" + name)));
    }
    properties["Policy"] = policy_doc(std::move(statements));
  }
  add_resource(stack, event_bus_id(b.name), "AWS::Events::EventBus", std::move(properties), b.location, b.tags);
}

// The function roles that use a queue, referenced from its stack.
KeyUsers queue_users(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& stack, const spec::EventQueue& q) {
  KeyUsers users;
  if (const spec::Function* f = spec.functions.find(q.consumer.value)) {
    users.decrypt.push_back(function_role_arn(spec, assembly, stack, *f));
  }
  for (const spec::Function& f : spec.functions.items) {
    for (const auto& name : f.send_queues) {
      if (name.value == q.name) users.encrypt.push_back(function_role_arn(spec, assembly, stack, f));
    }
  }
  for (const spec::Workflow& w : spec.workflows.items) {
    if (workflow_uses(w, spec::AslService::sqs, q.name)) users.encrypt.push_back(workflow_role_arn(spec, assembly, stack, w));
  }
  return users;
}

void plan_queue(const spec::Spec& spec, cfn::Assembly& assembly, const spec::EventQueue& q,
                const std::map<std::string, Json>& senders) {
  Env env = env_of(spec, q.account, q.region);
  cfn::Stack& stack = stack_for(assembly, spec, kLayerEvents, *env.account, env.region);
  const std::string id = id_for(q.name, "Queue");
  const std::string dlq = id_for(q.name, "DeadLetterQueue");
  const std::string key = id_for(q.name, "QueueKey");
  const std::string name = queue_name(spec, q.name);
  const bool classified = !q.classification.value.empty();
  Json key_arn = fn::get_att(key, "Arn");
  if (classified) {
    key_arn = classification_key_arn(spec, assembly, stack, q.classification.value);
    level_key_admits_service(spec, assembly, stack, q.classification.value, "EventBridgeSends", "events.amazonaws.com");
  }
  auto encrypt = [&](Json& properties) {
    if (q.encryption.value == "kms" || classified) {
      properties["KmsMasterKeyId"] = key_arn;
      properties["KmsDataKeyReusePeriodSeconds"] = 300;
    } else {
      properties["SqsManagedSseEnabled"] = true;
    }
  };
  if (q.encryption.value == "kms" && !classified) {
    cfn::Resource& k = add_resource(stack, key, "AWS::KMS::Key",
                           {{"Description", fmt::format("Encrypts queue {} of platform {}", q.name, spec.name.value)},
                            {"EnableKeyRotation", true},
                            {"PendingWindowInDays", 30},
                            {"KeyPolicy", queue_key_policy(queue_users(spec, assembly, stack, q))}},
                           q.location, q.tags);
    k.deletion_policy = "Retain";
  }
  Json dead = {{"QueueName", name + "-dlq"},
               {"MessageRetentionPeriod", q.dead_letter_retention_days.value * 86400},
               // Only this queue may move messages here; by name, since the
               // queue names this one and GetAtt both ways would be a cycle.
               {"RedriveAllowPolicy", {{"redrivePermission", "byQueue"}, {"sourceQueueArns", Json::array({queue_arn_by_name(name)})}}}};
  encrypt(dead);
  classify(add_resource(stack, dlq, "AWS::SQS::Queue", std::move(dead), q.location, q.tags), q.classification);
  Json main = {{"QueueName", name},
               {"VisibilityTimeout", q.visibility_timeout.value},
               {"MessageRetentionPeriod", q.retention_days.value * 86400},
               {"RedrivePolicy", {{"deadLetterTargetArn", fn::get_att(dlq, "Arn")}, {"maxReceiveCount", q.max_receives.value}}}};
  encrypt(main);
  classify(add_resource(stack, id, "AWS::SQS::Queue", std::move(main), q.location, q.tags), q.classification);

  Json statements = Json::array({queue_denies_insecure_transport(fn::get_att(id, "Arn"))});
  if (auto it = senders.find(q.name); it != senders.end()) {
    statements.push_back(allow_rules_to_send(fn::get_att(id, "Arn"), it->second));
  }
  add_resource(stack, id + "Policy", "AWS::SQS::QueuePolicy",
      {{"Queues", Json::array({fn::ref(id)})}, {"PolicyDocument", policy_doc(std::move(statements))}}, q.location, {});
  add_resource(stack, dlq + "Policy", "AWS::SQS::QueuePolicy",
      {{"Queues", Json::array({fn::ref(dlq)})},
       {"PolicyDocument", policy_doc(Json::array({queue_denies_insecure_transport(fn::get_att(dlq, "Arn"))}))}},
      q.location, {});
  if (!q.consumer.value.empty()) {
    const spec::Function* consumer = spec.functions.find(q.consumer.value);
    add_resource(stack, id + "Consumer", "AWS::Lambda::EventSourceMapping",
        {{"EventSourceArn", fn::get_att(id, "Arn")},
         {"FunctionName", consumer != nullptr ? function_arn(spec, assembly, stack, *consumer) : Json(q.consumer.value)},
         {"BatchSize", q.batch_size.value},
         {"FunctionResponseTypes", Json::array({"ReportBatchItemFailures"})}},
        q.consumer.location, q.tags);
  }
}

// The ARN of a bus target: a bus of this spec (by name, it may be in another
// account or region) or an ARN as written.
Json bus_target_arn(const spec::Spec& spec, const std::string& value, cfn::Stack& stack) {
  const spec::EventBus* bus = spec.events.find_bus(value);
  if (bus == nullptr) return value;
  if (bus->existing()) return bus->existing_arn.value;
  Env env = env_of(spec, bus->account, bus->region);
  if (env.account->id.value == stack.account_id && env.region == stack.region) {
    return fn::get_att(event_bus_id(bus->name), "Arn");
  }
  return stack_arn("events", "event-bus/" + spec::event_bus_name(spec, *bus), env.region, env.account->id.value);
}

// An API destination and its connection: the connection holds the header
// that authenticates each call, its value resolved at deployment from an
// existing secret (EventBridge keeps its own copy, in a secret it manages).
void plan_destination(const spec::Spec& spec, cfn::Assembly& assembly, const spec::ApiDestination& d) {
  Env env = env_of(spec, d.account, d.region);
  cfn::Stack& stack = stack_for(assembly, spec, kLayerEvents, *env.account, env.region);
  const std::string name = spec::destination_name(spec, d);
  const std::string connection = id_for(d.name, "Connection");
  std::string secret = "{{resolve:secretsmanager:" + d.auth_secret.value + ":SecretString";
  secret += d.auth_secret_key.value.empty() ? "}}" : ":" + d.auth_secret_key.value + "}}";
  Json auth = {{"ApiKeyAuthParameters", {{"ApiKeyName", d.auth_header.value}, {"ApiKeyValue", secret}}}};
  if (!d.headers.empty()) {
    Json headers = Json::array();
    for (const spec::HttpHeader& h : d.headers) {
      headers.push_back({{"Key", h.name.value}, {"Value", h.value.value}, {"IsValueSecret", false}});
    }
    auth["InvocationHttpParameters"] = {{"HeaderParameters", std::move(headers)}};
  }
  add_resource(stack, connection, "AWS::Events::Connection",
      {{"Name", name},
       {"Description", fmt::format("Authenticates calls of destination {} of platform {} ({} from secret {})", d.name,
                                   spec.name.value, d.auth_header.value, d.auth_secret.value)},
       {"AuthorizationType", "API_KEY"},
       {"AuthParameters", std::move(auth)}},
      d.location, {});
  Json props = {{"Name", name},
                {"Description", fmt::format("Destination {} of platform {}", d.name, spec.name.value)},
                {"ConnectionArn", fn::get_att(connection, "Arn")},
                {"InvocationEndpoint", d.endpoint.value},
                {"HttpMethod", d.method.value}};
  if (d.rate_per_second) props["InvocationRateLimitPerSecond"] = d.rate_per_second->value;
  add_resource(stack, id_for(d.name, "Destination"), "AWS::Events::ApiDestination", std::move(props), d.location, {});
}

std::string target_label(const spec::RuleTarget& t) {
  std::string v = t.value.value;
  if (t.kind != spec::TargetKind::queue && v.rfind("arn:", 0) == 0) {
    std::size_t cut = v.find_last_of(":/");
    v = v.substr(cut + 1);
  }
  return v;
}

void plan_rule(const spec::Spec& spec, cfn::Assembly& assembly, const spec::EventRule& r) {
  Env env = rule_env(spec, r);
  cfn::Stack& stack = stack_for(assembly, spec, kLayerEvents, *env.account, env.region);
  const std::string id = id_for(r.name, "Rule");
  const std::string dlq = id_for(r.name, "RuleDeadLetterQueue");
  const std::string role = id_for(r.name, "RuleBusRole");
  const std::string workflow_role = id_for(r.name, "RuleWorkflowRole");
  const std::string destination_role = id_for(r.name, "RuleDestinationRole");
  Json machine_arns = Json::array();
  Json destination_arns = Json::array();
  Json rule_arn = fn::get_att(id, "Arn");

  if (r.dead_letter.value) {
    // Events EventBridge could not deliver after its retries land here.
    add_resource(stack, dlq, "AWS::SQS::Queue",
        {{"QueueName", queue_name(spec, r.name) + "-rule-dlq"},
         {"MessageRetentionPeriod", 14 * 86400},
         {"SqsManagedSseEnabled", true}},
        r.location, r.tags);
    add_resource(stack, dlq + "Policy", "AWS::SQS::QueuePolicy",
        {{"Queues", Json::array({fn::ref(dlq)})},
         {"PolicyDocument", policy_doc(Json::array({queue_denies_insecure_transport(fn::get_att(dlq, "Arn")),
                                                allow_rules_to_send(fn::get_att(dlq, "Arn"), rule_arn)}))}},
        r.location, {});
  }

  Json targets = Json::array();
  Json bus_arns = Json::array();
  for (const spec::RuleTarget& t : r.targets) {
    Json target = {{"Id", fmt::format("{}-{}", spec::to_string(t.kind), target_label(t)).substr(0, 64)}};
    switch (t.kind) {
      case spec::TargetKind::queue: target["Arn"] = fn::get_att(id_for(t.value.value, "Queue"), "Arn"); break;
      case spec::TargetKind::topic:
        target["Arn"] = t.is_arn() ? Json(t.value.value) : fn::ref(topic_id(t.value.value));
        break;
      case spec::TargetKind::lambda: {
        const spec::Function* f = t.is_arn() ? nullptr : spec.functions.find(t.value.value);
        target["Arn"] = f != nullptr ? function_arn(spec, assembly, stack, *f) : Json(t.value.value);
        add_resource(stack, id + cfn::pascal_case(target_label(t)) + "Permission", "AWS::Lambda::Permission",
            {{"Action", "lambda:InvokeFunction"},
             {"FunctionName", target["Arn"]},
             {"Principal", "events.amazonaws.com"},
             {"SourceArn", rule_arn}},
            t.location, {});
        break;
      }
      case spec::TargetKind::bus:
        target["Arn"] = bus_target_arn(spec, t.value.value, stack);
        target["RoleArn"] = fn::get_att(role, "Arn");
        bus_arns.push_back(target["Arn"]);
        break;
      case spec::TargetKind::workflow: {
        const spec::Workflow& w = *spec.workflows.find(t.value.value);
        target["Arn"] = state_machine_arn(spec, assembly, stack, w);
        target["RoleArn"] = fn::get_att(workflow_role, "Arn");
        machine_arns.push_back(state_machine_arn_by_name(spec, w));
        break;
      }
      case spec::TargetKind::destination: {
        const spec::ApiDestination& d = *spec.events.find_destination(t.value.value);
        target["Arn"] = fn::get_att(id_for(d.name, "Destination"), "Arn");
        target["RoleArn"] = fn::get_att(destination_role, "Arn");
        destination_arns.push_back(stack_arn("events", "api-destination/" + spec::destination_name(spec, d) + "/*"));
        break;
      }
    }
    if (!t.input_template.value.empty()) {
      Json transformer = {{"InputTemplate", t.input_template.value}};
      if (!t.input_paths.empty()) {
        Json paths = Json::object();
        for (const auto& [name, path] : t.input_paths) paths[name.value] = path.value;
        transformer["InputPathsMap"] = std::move(paths);
      }
      target["InputTransformer"] = std::move(transformer);
    }
    if (r.dead_letter.value) target["DeadLetterConfig"] = {{"Arn", fn::get_att(dlq, "Arn")}};
    target["RetryPolicy"] = {{"MaximumRetryAttempts", r.max_retries.value},
                             {"MaximumEventAgeInSeconds", r.max_event_age.value}};
    targets.push_back(std::move(target));
  }
  // Each kind of target that EventBridge reaches with a role gets its own,
  // trusted by EventBridge for this account, allowed one action on exactly
  // the targets of that kind.
  auto target_role = [&](const std::string& role_id, const std::string& does, const char* policy, Json statement) {
    add_resource(stack, role_id, "AWS::IAM::Role",
        {{"Description", fmt::format("Lets rule {} {}", r.name, does)},
         {"AssumeRolePolicyDocument",
          policy_doc(Json::array({service_assumes_role("events.amazonaws.com").from_this_account()}))},
         {"Policies", Json::array({{{"PolicyName", policy}, {"PolicyDocument", policy_doc(Json::array({statement}))}}})}},
        r.location, r.tags);
  };
  if (!bus_arns.empty()) {
    target_role(role, "put events on the buses it forwards to", "put-events",
                PolicyStatement::allow().action("events:PutEvents").resource(bus_arns));
  }
  if (!machine_arns.empty()) {
    target_role(workflow_role, "start the workflows it targets", "start-workflows",
                allow("StartWorkflows", "states:StartExecution", machine_arns));
  }
  if (!destination_arns.empty()) {
    target_role(destination_role, "call the API destinations it targets", "invoke-destinations",
                allow("InvokeDestinations", "events:InvokeApiDestination", destination_arns));
  }

  Json properties = {{"Name", fmt::format("{}-{}", spec.name.value, r.name)},
                     {"State", r.enabled.value ? "ENABLED" : "DISABLED"},
                     {"Targets", std::move(targets)}};
  properties["Description"] = r.description.value.empty()
                                  ? fmt::format("Rule {} of platform {}", r.name, spec.name.value)
                                  : r.description.value;
  if (!r.bus.value.empty()) {
    const spec::EventBus& bus = *spec.events.find_bus(r.bus.value);
    properties["EventBusName"] = bus.existing() ? Json(bus.existing_arn.value) : fn::ref(event_bus_id(bus.name));
  }
  if (r.pattern) properties["EventPattern"] = cfn::yaml_to_json(*r.pattern);
  if (!r.schedule.value.empty()) properties["ScheduleExpression"] = r.schedule.value;
  add_resource(stack, id, "AWS::Events::Rule", std::move(properties), r.location, r.tags);
}

// A topic of the spec with its own key: EventBridge rules that target it and
// functions that publish to it may use the key; the topic policy refuses plain
// HTTP and admits exactly the rules that publish.
void plan_topic(const spec::Spec& spec, cfn::Assembly& assembly, const spec::EventTopic& t,
                const std::map<std::string, Json>& publishers) {
  Env env = env_of(spec, t.account, t.region);
  cfn::Stack& stack = stack_for(assembly, spec, kLayerEvents, *env.account, env.region);
  const std::string id = topic_id(t.name);
  const std::string key = topic_key_id(t.name);
  auto rules = publishers.find(t.name);
  Json key_statements = Json::array({account_administers_key()});
  if (rules != publishers.end()) {
    key_statements.push_back(PolicyStatement::allow("EventBridgePublishes")
                                 .service("events.amazonaws.com")
                                 .action(Json::array({"kms:Decrypt", "kms:GenerateDataKey"}))
                                 .resource("*")
                                 .from_this_account());
  }
  KeyUsers users;
  for (const spec::Function& f : spec.functions.items) {
    for (const auto& name : f.publish_topics) {
      if (name.value == t.name) users.encrypt.push_back(function_role_arn(spec, assembly, stack, f));
    }
  }
  for (const spec::Workflow& w : spec.workflows.items) {
    if (workflow_uses(w, spec::AslService::sns, t.name)) users.encrypt.push_back(workflow_role_arn(spec, assembly, stack, w));
  }
  add_key_users(key_statements, users);
  Json key_arn = fn::get_att(key, "Arn");
  if (!t.classification.value.empty()) {
    // The level's key admits the publishers by their clearance tag, EventBridge by this statement.
    key_arn = classification_key_arn(spec, assembly, stack, t.classification.value);
    if (rules != publishers.end()) {
      level_key_admits_service(spec, assembly, stack, t.classification.value, "EventBridgePublishes",
                               "events.amazonaws.com");
    }
  } else {
    cfn::Resource& k = add_resource(stack, key, "AWS::KMS::Key",
                           {{"Description", fmt::format("Encrypts topic {} of platform {}", t.name, spec.name.value)},
                            {"EnableKeyRotation", true},
                            {"PendingWindowInDays", 30},
                            {"KeyPolicy", policy_doc(std::move(key_statements))}},
                           t.location, t.tags);
    k.deletion_policy = "Retain";
  }
  classify(add_resource(stack, id, "AWS::SNS::Topic",
                        {{"TopicName", spec::topic_name(spec, t)},
                         {"DisplayName", t.display_name.value.empty() ? spec::topic_name(spec, t) : t.display_name.value},
                         {"KmsMasterKeyId", key_arn}},
                        t.location, t.tags),
           t.classification);
  Json statements = Json::array({deny_insecure_transport("sns:Publish", fn::ref(id))});
  if (rules != publishers.end()) {
    statements.push_back(PolicyStatement::allow("AllowEventBridgeRules")
                             .service("events.amazonaws.com")
                             .action("sns:Publish")
                             .resource(fn::ref(id))
                             .condition("ArnEquals", "aws:SourceArn", rules->second));
  }
  add_resource(stack, id + "Policy", "AWS::SNS::TopicPolicy",
      {{"Topics", Json::array({fn::ref(id)})}, {"PolicyDocument", policy_doc(std::move(statements))}}, t.location, {});
  for (const spec::TopicSubscription& sub : t.subscriptions) {
    add_resource(stack, id + cfn::pascal_case(sub.endpoint.value) + "Subscription", "AWS::SNS::Subscription",
        {{"TopicArn", fn::ref(id)}, {"Protocol", sub.protocol.value}, {"Endpoint", sub.endpoint.value}},
        sub.location, {});
  }
}

}  // namespace

void plan_events(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::EventBus& b : spec.events.buses) plan_bus(spec, assembly, b);
  // Which rules send to each queue: its policy admits exactly those.
  std::map<std::string, Json> senders;
  for (const spec::EventRule& r : spec.events.rules) {
    for (const spec::RuleTarget& t : r.targets) {
      if (t.kind != spec::TargetKind::queue) continue;
      Json& arns = senders[t.value.value];
      if (arns.is_null()) arns = Json::array();
      arns.push_back(fn::get_att(id_for(r.name, "Rule"), "Arn"));
    }
  }
  for (const spec::EventQueue& q : spec.events.queues) plan_queue(spec, assembly, q, senders);
  // Which rules publish to each topic of the spec.
  std::map<std::string, Json> publishers;
  for (const spec::EventRule& r : spec.events.rules) {
    for (const spec::RuleTarget& t : r.targets) {
      if (t.kind != spec::TargetKind::topic || t.is_arn()) continue;
      Json& arns = publishers[t.value.value];
      if (arns.is_null()) arns = Json::array();
      arns.push_back(fn::get_att(id_for(r.name, "Rule"), "Arn"));
    }
  }
  for (const spec::EventTopic& t : spec.events.topics) plan_topic(spec, assembly, t, publishers);
  for (const spec::ApiDestination& d : spec.events.destinations) plan_destination(spec, assembly, d);
  for (const spec::EventRule& r : spec.events.rules) plan_rule(spec, assembly, r);
}

}  // namespace aip::plan
