// AIP-FLOW-003: a log its writer cannot write (issue #21 item 3): a load balancer's access logs
// or a trail's files into a bucket whose policy does not let that service put objects under the
// path it writes, or a log group encrypted with a key whose policy does not let CloudWatch Logs
// use it. ELB and CloudTrail test the grant when they are configured, so the stack fails; a log
// group's key is checked at its first write. Found by zero-trust-rag's traceability table: the
// ALB log grant ignored the load balancer's prefix.
#include <fmt/format.h>

#include "base/aws_regions.hpp"
#include "iam/wildcard.hpp"
#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace flow_log_destination_not_writable {

// Who a log delivery acts as: service principals, and accounts (an ELB log account) whose root
// or bare id a policy may name.
struct Writer {
  std::vector<std::string> services;
  std::vector<std::string> accounts;  // empty with any_account false: services only
  bool any_account = false;           // region unknown: any account principal may be the ELB one
};

bool principal_matches(const iam::Statement& s, const Writer& w) {
  if (!s.principal) return false;
  if (s.principal->any) return true;
  auto texts = [&](const char* kind) {
    std::vector<std::string> out;
    auto it = s.principal->by_kind.find(kind);
    if (it == s.principal->by_kind.end()) return out;
    for (const Json& v : it->second) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
    return out;
  };
  for (const std::string& service : texts("Service")) {
    for (const std::string& wanted : w.services) {
      if (iam::glob_match(wanted, service)) return true;
    }
  }
  for (const std::string& who : texts("AWS")) {
    if (who == "*" || w.any_account) return true;
    for (const std::string& account : w.accounts) {
      if (who == account || who.find(":iam::" + account + ":root") != std::string::npos) return true;
    }
  }
  return false;
}

// Whether some policy of `bucket` allows `writer` s3:PutObject on `object`.
bool bucket_admits(const Context& ctx, const ResourceRef& bucket, const Writer& writer, const std::string& object) {
  for (const PolicyDoc& d : policy_documents(ctx)) {
    if (d.owner.type() != "AWS::S3::BucketPolicy") continue;
    const Json* target = member(d.owner.properties(), "Bucket");
    std::optional<ResourceRef> b = target != nullptr ? ctx.resolve(*d.owner.tmpl, *target) : std::nullopt;
    if (!b || !b->is(bucket)) continue;
    for (const iam::Statement& s : d.policy.statements) {
      if (s.effect != iam::Effect::Allow || !s.action || !s.resource || !principal_matches(s, writer)) continue;
      const bool puts = std::any_of(s.action->begin(), s.action->end(),
                                    [](const std::string& a) { return iam::action_matches(a, "s3:PutObject"); });
      if (!puts) continue;
      for (const Json& r : *s.resource) {
        if (r.is_string() && iam::arn_matches(r.get<std::string>(), object)) return true;
      }
    }
  }
  return false;
}

// A bucket value (Ref, ImportValue) as the bucket resource and the ARN text its policies use.
struct Bucket {
  ResourceRef ref;
  std::string arn;
};

std::optional<Bucket> bucket_of(const Context& ctx, const Template& t, const Json& value) {
  std::optional<ResourceRef> b = ctx.resolve(t, value);
  if (!b || b->type() != "AWS::S3::Bucket") return std::nullopt;
  std::optional<std::string> arn =
      resolved_text(ctx, *b->tmpl, Json{{"Fn::GetAtt", Json::array({b->logical_id, "Arn"})}});
  if (!arn) return std::nullopt;
  return Bucket{*b, *arn};
}

std::string account_text(const Template& t) { return t.account_id.empty() ? "${AWS::AccountId}" : t.account_id; }

std::string with_prefix(const std::string& prefix) {
  if (prefix.empty()) return "";
  return prefix.back() == '/' ? prefix : prefix + "/";
}

void check_load_balancers(Context& ctx) {
  for (const ResourceRef& lb : ctx.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")) {
    const Json* attrs = member(lb.properties(), "LoadBalancerAttributes");
    if (attrs == nullptr || !attrs->is_array()) continue;
    bool enabled = false;
    const Json* bucket_value = nullptr;
    std::size_t bucket_index = 0;
    std::string prefix;
    for (std::size_t i = 0; i < attrs->size(); ++i) {
      const Json* key = member((*attrs)[i], "Key");
      const Json* value = member((*attrs)[i], "Value");
      if (key == nullptr || value == nullptr) continue;
      if (*key == "access_logs.s3.enabled") enabled = is_true(*value);
      if (*key == "access_logs.s3.bucket") bucket_value = value, bucket_index = i;
      if (*key == "access_logs.s3.prefix" && value->is_string()) prefix = value->get<std::string>();
    }
    if (!enabled || bucket_value == nullptr) continue;
    std::optional<Bucket> bucket = bucket_of(ctx, *lb.tmpl, *bucket_value);
    if (!bucket) continue;  // a bucket outside the input: its policy is not known
    Writer elb{{"logdelivery.elasticloadbalancing.amazonaws.com"}, {}, lb.tmpl->region.empty()};
    if (std::string_view account = aws::elb_log_account(lb.tmpl->region); !account.empty()) {
      elb.accounts.emplace_back(account);
    }
    const std::string path = with_prefix(prefix) + "AWSLogs/" + account_text(*lb.tmpl) + "/";
    if (bucket_admits(ctx, bucket->ref, elb, bucket->arn + "/" + path + "elasticloadbalancing/log.gz")) continue;
    ctx.report(lb, Path{"Properties", "LoadBalancerAttributes", std::to_string(bucket_index), "Value"},
               fmt::format("load balancer {} writes its access logs to bucket {} under {}, but no policy of the "
                           "bucket lets ELB put objects there: ELB tests the grant when the attribute is set, so "
                           "the load balancer's stack fails",
                           lb.display(), bucket->ref.display(), path));
  }
}

void check_trails(Context& ctx) {
  for (const ResourceRef& trail : ctx.resources("AWS::CloudTrail::Trail")) {
    const Json* name = member(trail.properties(), "S3BucketName");
    if (name == nullptr) continue;
    std::optional<Bucket> bucket = bucket_of(ctx, *trail.tmpl, *name);
    if (!bucket) continue;
    const Json* prefix = member(trail.properties(), "S3KeyPrefix");
    const std::string path = with_prefix(prefix != nullptr && prefix->is_string() ? prefix->get<std::string>() : "") +
                             "AWSLogs/" + account_text(*trail.tmpl) + "/";
    Writer cloudtrail{{"cloudtrail.amazonaws.com"}, {}, false};
    if (bucket_admits(ctx, bucket->ref, cloudtrail, bucket->arn + "/" + path + "CloudTrail/log.json.gz")) continue;
    ctx.report(trail, Path{"Properties", "S3BucketName"},
               fmt::format("trail {} delivers to bucket {} under {}, but no policy of the bucket lets "
                           "cloudtrail.amazonaws.com put objects there: CloudTrail refuses the trail",
                           trail.display(), bucket->ref.display(), path));
  }
}

void check_log_group_keys(Context& ctx) {
  for (const ResourceRef& group : ctx.resources("AWS::Logs::LogGroup")) {
    const Json* key_id = member(group.properties(), "KmsKeyId");
    if (key_id == nullptr) continue;
    std::optional<ResourceRef> key = ctx.resolve(*group.tmpl, *key_id);
    if (!key || key->type() != "AWS::KMS::Key") continue;
    Writer logs{{"logs.*amazonaws.com*"}, {}, false};
    bool admitted = false;
    for (const PolicyDoc* d : ctx.policies().of(*key)) {
      for (const iam::Statement& s : d->policy.statements) {
        if (s.effect != iam::Effect::Allow || !s.action || !principal_matches(s, logs)) continue;
        admitted = admitted || std::any_of(s.action->begin(), s.action->end(), [](const std::string& a) {
                     return iam::action_matches(a, "kms:GenerateDataKey") || iam::action_matches(a, "kms:Encrypt");
                   });
      }
    }
    if (admitted) continue;
    ctx.report(group, Path{"Properties", "KmsKeyId"},
               fmt::format("log group {} is encrypted with key {}, whose policy does not let CloudWatch Logs "
                           "(logs.<region>.amazonaws.com) encrypt with it: creating the group fails",
                           group.display(), key->display()));
  }
}

void check(Context& ctx) {
  check_load_balancers(ctx);
  check_trails(ctx);
  check_log_group_keys(ctx);
}

}  // namespace flow_log_destination_not_writable

const Rule& rule_flow_log_destination_not_writable() {
  static const Rule rule{
      {"AIP-FLOW-003", "log destination its writer cannot write", Severity::error,
       {"flow", "logging"},
       "A log delivery writes as the service that delivers it: Elastic Load Balancing (its regional log account, or "
       "logdelivery.elasticloadbalancing.amazonaws.com) puts access logs under <prefix>/AWSLogs/<account>/, "
       "CloudTrail under <S3KeyPrefix>/AWSLogs/<account>/, and CloudWatch Logs encrypts a log group with its key. "
       "When the bucket policy does not admit that writer on that path, or the key policy does not admit "
       "logs.<region>.amazonaws.com, the delivery cannot start: ELB and CloudTrail test the grant when configured "
       "and the stack fails; nothing is logged.",
       "Grant the writer exactly the path it writes: `receives: [alb-access-logs]` or `[cloudtrail]` on the bucket "
       "in a spec (aip includes the load balancer's prefix); a key policy statement for the logs service principal "
       "with kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey* and kms:Describe*."},
      &flow_log_destination_not_writable::check};
  return rule;
}

}  // namespace aip::lint
