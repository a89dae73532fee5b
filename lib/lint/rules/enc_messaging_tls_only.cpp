// AIP-ENC-028: an SNS topic or SQS queue whose policy does not refuse requests
// without TLS (cdk-nag SNS3, SQS4).
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace enc_messaging_tls_only {

bool denies_without_tls(const iam::Statement& s) {
  if (s.effect != iam::Effect::Deny) return false;
  for (const std::string& v : condition_values(s, "aws:SecureTransport")) {
    if (lower(v) == "false") return true;
  }
  return false;
}

// The policy's targets: Queues / Topics (lists), Queue / TopicArn (one).
std::vector<const Json*> targets(const ResourceRef& policy) {
  std::vector<const Json*> out;
  for (const char* key : {"Queues", "Topics"}) {
    if (const Json* list = member(policy.properties(), key); list != nullptr && list->is_array()) {
      for (const Json& v : *list) out.push_back(&v);
    }
  }
  for (const char* key : {"Queue", "TopicArn"}) {
    if (const Json* one = member(policy.properties(), key)) out.push_back(one);
  }
  return out;
}

void check(Context& ctx) {
  static const std::set<std::string> kPolicyTypes = {"AWS::SQS::QueuePolicy", "AWS::SQS::QueueInlinePolicy",
                                                     "AWS::SNS::TopicPolicy", "AWS::SNS::TopicInlinePolicy"};
  std::set<std::pair<const Template*, std::string>> tls_only;
  for (const PolicyDoc& d : policy_documents(ctx)) {
    if (kPolicyTypes.count(d.owner.type()) == 0) continue;
    if (std::none_of(d.policy.statements.begin(), d.policy.statements.end(), denies_without_tls)) continue;
    for (const Json* target : targets(d.owner)) {
      if (auto r = ctx.resolve(*d.owner.tmpl, *target)) tls_only.insert({r->tmpl, r->logical_id});
    }
  }
  for (const char* type : {"AWS::SNS::Topic", "AWS::SQS::Queue"}) {
    const bool topic = std::string_view(type) == "AWS::SNS::Topic";
    for (const ResourceRef& r : ctx.resources(type)) {
      if (tls_only.count({r.tmpl, r.logical_id}) != 0) continue;
      ctx.report(r, {},
                 fmt::format("{} {} has no {} policy denying requests without TLS (Deny when aws:SecureTransport is "
                             "false)",
                             topic ? "topic" : "queue", r.display(), topic ? "topic" : "queue"));
    }
  }
}

}  // namespace enc_messaging_tls_only

const Rule& rule_enc_messaging_tls_only() {
  static const Rule rule{
      {"AIP-ENC-028", "SNS topic or SQS queue does not enforce TLS", Severity::warning,
       {"encryption", "hipaa", "pci-dss", "gdpr", "nist-800-53", "soc2", "iso27001"},
       "SNS and SQS accept requests over plain HTTP endpoints unless a topic or queue policy refuses them, so a "
       "misconfigured client can publish or receive messages, and the credentials that sign them, unencrypted. "
       "A statement that denies every request where aws:SecureTransport is false closes that path (cdk-nag SNS3 "
       "and SQS4, AWS Foundational Security Best Practices SNS and SQS controls; HIPAA 164.312(e), PCI DSS 4.2, "
       "NIST 800-53 SC-8).",
       "Add an AWS::SNS::TopicPolicy / AWS::SQS::QueuePolicy naming the topic or queue with {Effect: Deny, "
       "Principal: \"*\", Action: sns:Publish / sqs:*, Resource: its ARN, Condition: {Bool: {aws:SecureTransport: "
       "\"false\"}}}. aip writes it for every topic and queue it creates."},
      &enc_messaging_tls_only::check};
  return rule;
}

}  // namespace aip::lint
