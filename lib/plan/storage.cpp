// S3 buckets: a customer-managed key each (unless SSE-S3), versioning, public
// access blocked, TLS-only policy, lifecycle, access logs, log-delivery grants,
// EventBridge notifications and cross-region replication.
#include <fmt/format.h>
#include <set>

#include "base/arn.hpp"
#include "base/aws_regions.hpp"
#include "cfn/intrinsics.hpp"
#include "plan/macie.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/policy_builder.hpp"
#include "spec/load.hpp"

namespace aip::plan {
namespace {

using cfn::Json;
namespace fn = cfn::intrinsic;

// The roots of the accounts a bucket lets read (`read_accounts`), in order.
Json reader_roots(const spec::Spec& spec, const spec::Bucket& b) {
  Json roots = Json::array();
  for (const auto& a : b.read_accounts) roots.push_back(account_root(spec.find_account(a.value)->id.value));
  return roots.size() == 1 ? roots[0] : roots;
}

// The account root administers the key, as in AWS's default key policy; IAM
// policies then decide who may use it. Accounts the bucket lets read may
// decrypt with it, through S3 only, and so may Macie, where it is enabled.
Json bucket_key_policy(const spec::Spec& spec, const spec::Bucket& b) {
  Json statements = Json::array({account_administers_key()});
  if (!b.read_accounts.empty()) {
    statements.push_back(PolicyStatement::allow("ReadAccountsDecrypt")
                             .aws(reader_roots(spec, b))
                             .action("kms:Decrypt")
                             .resource("*")
                             .condition("StringEquals", "kms:ViaService", fn::sub("s3.${AWS::Region}.${AWS::URLSuffix}")));
  }
  if (enables_macie(spec)) statements.push_back(macie_classifies());
  return policy_doc(std::move(statements));
}

cfn::Resource& add(cfn::Stack& stack, std::string id, std::string type, Json properties, const spec::Bucket& b) {
  cfn::Resource r;
  r.logical_id = std::move(id);
  r.type = std::move(type);
  r.properties = std::move(properties);
  r.provenance = b.location;
  for (const auto& [k, v] : b.tags) r.tags[k] = v.value;
  return stack.add(std::move(r));
}

Json lifecycle_rules(const spec::Bucket& b) {
  Json rules = Json::array();
  // Incomplete multipart uploads cost money and hold data nobody can see.
  rules.push_back({{"Id", "abort-incomplete-uploads"},
                   {"Status", "Enabled"},
                   {"AbortIncompleteMultipartUpload", {{"DaysAfterInitiation", 7}}}});
  if (b.retention_days) {
    Json retention = {{"Id", "retention"}, {"Status", "Enabled"}, {"ExpirationInDays", b.retention_days->value}};
    if (b.versioning.value) {
      retention["NoncurrentVersionExpiration"] = {{"NoncurrentDays", b.retention_days->value}};
    }
    rules.push_back(std::move(retention));
  }
  for (const spec::LifecycleRule& rule : b.lifecycle) {
    Json r = {{"Id", rule.name}, {"Status", "Enabled"}};
    if (!rule.prefix.value.empty()) r["Prefix"] = rule.prefix.value;
    if (!rule.transitions.empty()) {
      Json transitions = Json::array();
      for (const auto& t : rule.transitions) {
        transitions.push_back({{"StorageClass", t.storage_class.value}, {"TransitionInDays", t.days.value}});
      }
      r["Transitions"] = std::move(transitions);
    }
    if (rule.expire_days) r["ExpirationInDays"] = rule.expire_days->value;
    if (rule.noncurrent_expire_days) r["NoncurrentVersionExpiration"] = {{"NoncurrentDays", rule.noncurrent_expire_days->value}};
    rules.push_back(std::move(r));
  }
  return rules;
}

Json encryption(const spec::Bucket& b, const Json& key_arn) {
  if (b.encryption.value == "s3") {
    return {{"ServerSideEncryptionConfiguration",
             Json::array({{{"ServerSideEncryptionByDefault", {{"SSEAlgorithm", "AES256"}}}}})}};
  }
  return {{"ServerSideEncryptionConfiguration",
           Json::array({{{"ServerSideEncryptionByDefault", {{"SSEAlgorithm", "aws:kms"}, {"KMSMasterKeyID", key_arn}}},
                         {"BucketKeyEnabled", true}}})}};
}

bool kms_trail_writes_to(const spec::Spec& spec, const spec::Bucket& b) {
  for (const spec::Trail& t : spec.observability.trails) {
    if (t.bucket.value == b.name && t.kms.value) return true;
  }
  return false;
}

// The object paths load balancers write their access logs to in this bucket:
// <prefix>/AWSLogs/<account>/ for each distinct prefix (none: AWSLogs/<account>/).
// ELB tests the grant when the attribute is set, so a prefix the policy misses
// fails the load balancer's stack.
Json alb_log_paths(const spec::Spec& spec, const spec::Bucket& b, const std::string& bucket) {
  std::set<std::string> prefixes;
  for (const spec::LoadBalancer& lb : spec.compute.load_balancers) {
    if (lb.access_logs_bucket.value == b.name) prefixes.insert(lb.access_logs_prefix.value);
  }
  if (prefixes.empty()) prefixes.insert("");
  Json paths = Json::array();
  for (const std::string& prefix : prefixes) {
    paths.push_back(fn::sub("${" + bucket + ".Arn}/" + (prefix.empty() ? "" : prefix + "/") + "AWSLogs/${AWS::AccountId}/*"));
  }
  return paths.size() == 1 ? paths[0] : paths;
}

// The accounts whose Config recorders deliver to this bucket (security.config);
// empty: the bucket admits Config of its own account.
std::vector<std::string> config_accounts(const spec::Spec& spec, const spec::Bucket& b) {
  std::vector<std::string> ids;
  if (!spec.security.config.location.valid() || spec.security.config.bucket.value != b.name) return ids;
  for (const spec::Account* a : spec::security_accounts(spec)) ids.push_back(a->id.value);
  return ids;
}

Json bucket_policy(const spec::Spec& spec, const spec::Bucket& b, const std::string& region, const std::string& bucket) {
  Json arn = fn::get_att(bucket, "Arn");
  Json objects = fn::sub("${" + bucket + ".Arn}/*");
  Json statements = Json::array();
  statements.push_back(deny_insecure_transport("s3:*", Json::array({arn, objects})));
  // Uploads may rely on the default encryption, but may not ask for another
  // one; an SSE-S3 bucket that a KMS-encrypted trail writes to also accepts
  // SSE-KMS (stronger), since CloudTrail then asks for its own key.
  Json algorithm = b.encryption.value == "s3" ? Json("AES256") : Json("aws:kms");
  if (b.encryption.value == "s3" && kms_trail_writes_to(spec, b)) algorithm = Json::array({"AES256", "aws:kms"});
  statements.push_back(PolicyStatement::deny("DenyOtherEncryption")
                           .anyone()
                           .action("s3:PutObject")
                           .resource(objects)
                           .condition("StringNotEquals", "s3:x-amz-server-side-encryption", algorithm)
                           .condition("Null", "s3:x-amz-server-side-encryption", "false"));
  if (!b.read_accounts.empty()) {
    statements.push_back(PolicyStatement::allow("ReadAccountsList").aws(reader_roots(spec, b)).action("s3:ListBucket").resource(arn));
    statements.push_back(PolicyStatement::allow("ReadAccountsGet").aws(reader_roots(spec, b)).action("s3:GetObject").resource(objects));
  }
  Json account_logs = fn::sub("${" + bucket + ".Arn}/AWSLogs/${AWS::AccountId}/*");
  for (const auto& r : b.receives) {
    switch (r.value) {
      case spec::LogSource::s3_access:
        statements.push_back(PolicyStatement::allow("S3ServerAccessLogs")
                                 .service("logging.s3.amazonaws.com")
                                 .action("s3:PutObject")
                                 .resource(objects)
                                 .from_this_account());
        break;
      case spec::LogSource::s3_inventory:
        // S3 Inventory reports of this account's buckets (InventoryConfigurations), as AWS's
        // destination policy: the account's buckets only, with the owner in full control.
        statements.push_back(PolicyStatement::allow("S3InventoryReports")
                                 .service("s3.amazonaws.com")
                                 .action("s3:PutObject")
                                 .resource(objects)
                                 .from_this_account()
                                 .condition("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control"));
        break;
      case spec::LogSource::alb_access: {
        PolicyStatement alb = PolicyStatement::allow("AlbAccessLogs");
        std::string_view elb = aws::elb_log_account(region);
        if (elb.empty()) {
          alb.service("logdelivery.elasticloadbalancing.amazonaws.com");
        } else {
          alb.aws(account_root(elb));
        }
        statements.push_back(alb.action("s3:PutObject").resource(alb_log_paths(spec, b, bucket)));
        break;
      }
      case spec::LogSource::cloudtrail:
        statements.push_back(PolicyStatement::allow("CloudTrailAclCheck")
                                 .service("cloudtrail.amazonaws.com")
                                 .action("s3:GetBucketAcl")
                                 .resource(arn)
                                 .from_this_account());
        statements.push_back(PolicyStatement::allow("CloudTrailWrite")
                                 .service("cloudtrail.amazonaws.com")
                                 .action("s3:PutObject")
                                 .resource(account_logs)
                                 .from_this_account()
                                 .condition("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control"));
        break;
      case spec::LogSource::config: {
        // AWS Config delivers snapshots and history under AWSLogs/<account>/Config/.
        std::vector<std::string> ids = config_accounts(spec, b);
        const std::string& prefix = spec.security.config.prefix.value;
        const std::string base = "${" + bucket + ".Arn}/" + (ids.empty() || prefix.empty() ? "" : prefix + "/") + "AWSLogs/";
        PolicyStatement acl = PolicyStatement::allow("ConfigAclCheck")
                                  .service("config.amazonaws.com")
                                  .action(Json::array({"s3:GetBucketAcl", "s3:ListBucket"}))
                                  .resource(arn);
        PolicyStatement write = PolicyStatement::allow("ConfigWrite")
                                    .service("config.amazonaws.com")
                                    .action("s3:PutObject")
                                    .condition("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control");
        if (ids.empty()) {
          acl.from_this_account();
          write.resource(fn::sub(base + "${AWS::AccountId}/Config/*")).from_this_account();
        } else {
          Json accounts = Json::array();
          Json paths = Json::array();
          for (const std::string& id : ids) {
            accounts.push_back(id);
            paths.push_back(fn::sub(base + id + "/Config/*"));
          }
          acl.condition("StringEquals", "aws:SourceAccount", accounts);
          write.resource(paths.size() == 1 ? paths[0] : paths).condition("StringEquals", "aws:SourceAccount", accounts);
        }
        statements.push_back(std::move(acl));
        statements.push_back(std::move(write));
        break;
      }
    }
  }
  return policy_doc(std::move(statements));
}

// A bucket with the same guard rails; used for the replica in another region.
// A classified bucket is encrypted with its level's key (in the keys stack of
// its region), any other KMS bucket with its own.
void add_bucket(cfn::Assembly& assembly, cfn::Stack& stack, const spec::Spec& spec, const spec::Bucket& b,
                const std::string& id, const std::string& key, const std::string& s3_name, const std::string& region,
                bool replica) {
  Json key_arn = fn::get_att(key, "Arn");
  if (!b.classification.value.empty()) {
    key_arn = classification_key_arn(spec, assembly, stack, b.classification.value);
  } else if (b.encryption.value == "kms") {
    cfn::Resource& k = add(stack, key, "AWS::KMS::Key",
                           {{"Description", fmt::format("Encrypts bucket {}{} of platform {}", b.name,
                                                        replica ? " (replica)" : "", spec.name.value)},
                            {"EnableKeyRotation", true},
                            {"PendingWindowInDays", 30},
                            {"KeyPolicy", bucket_key_policy(spec, b)}},
                           b);
    k.deletion_policy = "Retain";  // deleting the key would make the data unreadable
    if (replica) {
      add(stack, key + "Alias", "AWS::KMS::Alias",
          {{"AliasName", fmt::format("alias/{}-{}-replica", spec.name.value, b.name)}, {"TargetKeyId", fn::ref(key)}}, b);
    }
  }
  Json properties = {{"BucketName", s3_name},
                     {"BucketEncryption", encryption(b, key_arn)},
                     {"PublicAccessBlockConfiguration",
                      {{"BlockPublicAcls", true}, {"BlockPublicPolicy", true}, {"IgnorePublicAcls", true}, {"RestrictPublicBuckets", true}}},
                     {"OwnershipControls", {{"Rules", Json::array({{{"ObjectOwnership", "BucketOwnerEnforced"}}})}}},
                     {"LifecycleConfiguration", {{"Rules", lifecycle_rules(b)}}}};
  if (b.versioning.value) properties["VersioningConfiguration"] = {{"Status", "Enabled"}};
  if (b.object_lock.location.valid()) {
    // Every new object version is locked for the default retention (a replica too: S3 replicates locked objects only into locked buckets).
    Json retention = {{"Mode", b.object_lock.mode.value == "compliance" ? "COMPLIANCE" : "GOVERNANCE"}};
    if (b.object_lock.days) retention["Days"] = b.object_lock.days->value;
    if (b.object_lock.years) retention["Years"] = b.object_lock.years->value;
    properties["ObjectLockEnabled"] = true;
    properties["ObjectLockConfiguration"] = {{"ObjectLockEnabled", "Enabled"}, {"Rule", {{"DefaultRetention", retention}}}};
  }
  cfn::Resource& bucket = add(stack, id, "AWS::S3::Bucket", std::move(properties), b);
  bucket.deletion_policy = b.deletion.value == "retain" ? "Retain" : "Delete";
  bucket.tags["Name"] = s3_name;
  classify(bucket, b.classification);
  add(stack, id + "Policy", "AWS::S3::BucketPolicy",
      {{"Bucket", fn::ref(id)}, {"PolicyDocument", bucket_policy(spec, b, region, id)}}, b);
}

void add_replication(cfn::Assembly& assembly, cfn::Stack& stack, const spec::Spec& spec, const spec::Bucket& b,
                     const spec::Account& account) {
  const std::string& target_region = b.replicate_to->value;
  cfn::Stack& replica_stack = stack_for(assembly, spec, kLayerStorage, account, target_region);
  const std::string replica_id = id_for(b.name, "ReplicaBucket");
  const std::string replica_key = id_for(b.name, "ReplicaBucketKey");
  const std::string replica_name = spec::replica_bucket_name(spec, b, target_region);
  add_bucket(assembly, replica_stack, spec, b, replica_id, replica_key, replica_name, target_region, true);
  // The replica must exist before replication points at it; CloudFormation
  // cannot import across regions, so names are used and the order is explicit.
  stack.dependencies.insert(replica_stack.id);

  const std::string id = bucket_id(b.name);
  const std::string role = id_for(b.name, "ReplicationRole");
  // The bucket names the role, so the role names the bucket by its S3 name,
  // not by GetAtt: that would be a dependency cycle.
  const std::string source_name = spec::s3_bucket_name(spec, b, stack.region);
  auto s3_bucket_arn = [](const std::string& name) { return fn::sub(aws::arn(aws::kThisPartition, "s3", "", "", name)); };
  auto grant = [](Json actions, Json resources) {
    return PolicyStatement::allow().action(std::move(actions)).resource(std::move(resources));
  };
  Json replica_arn = s3_bucket_arn(replica_name);
  Json statements = Json::array();
  statements.push_back(grant(Json::array({"s3:GetReplicationConfiguration", "s3:ListBucket"}), s3_bucket_arn(source_name)));
  statements.push_back(grant(Json::array({"s3:GetObjectVersionAcl", "s3:GetObjectVersionForReplication",
                                          "s3:GetObjectVersionTagging"}),
                             s3_bucket_arn(source_name + "/*")));
  statements.push_back(grant(Json::array({"s3:ReplicateDelete", "s3:ReplicateObject", "s3:ReplicateTags"}),
                             s3_bucket_arn(replica_name + "/*")));
  Json destination = {{"Bucket", replica_arn}};
  Json rule = {{"Id", "replicate-all"},
               {"Status", "Enabled"},
               {"Priority", 1},
               {"Filter", {{"Prefix", ""}}},
               {"DeleteMarkerReplication", {{"Status", "Enabled"}}}};
  if (b.encryption.value == "kms") {
    // A classified replica is encrypted with its level's key in the replica's region.
    const bool classified = !b.classification.value.empty();
    std::string alias = classified ? classification_alias(spec, b.classification.value)
                                   : fmt::format("alias/{}-{}-replica", spec.name.value, b.name);
    const std::string replica_keys = aws::arn(aws::kThisPartition, "kms", target_region, aws::kThisAccount, "key/*");
    const std::string replica_alias = aws::arn(aws::kThisPartition, "kms", target_region, aws::kThisAccount, alias);
    statements.push_back(grant("kms:Decrypt", classified ? classification_key_arn(spec, assembly, stack, b.classification.value)
                                                         : fn::get_att(bucket_key_id(b.name), "Arn")));
    statements.push_back(grant("kms:Encrypt", fn::sub(replica_keys))
                             .condition("ForAnyValue:StringEquals", "kms:ResourceAliases", alias));
    destination["EncryptionConfiguration"] = {{"ReplicaKmsKeyID", fn::sub(replica_alias)}};
    rule["SourceSelectionCriteria"] = {{"SseKmsEncryptedObjects", {{"Status", "Enabled"}}}};
  }
  rule["Destination"] = std::move(destination);
  cfn::Resource& replication_role =
      add(stack, role, "AWS::IAM::Role",
          {{"AssumeRolePolicyDocument",
            policy_doc(Json::array({service_assumes_role("s3.amazonaws.com").from_this_account()}))},
           {"Description", fmt::format("Replicates bucket {} to {}", b.name, target_region)},
           {"Policies", Json::array({{{"PolicyName", "replication"}, {"PolicyDocument", policy_doc(statements)}}})}},
          b);
  clear_role(replication_role, b.classification.value);  // it moves this bucket's data, nothing else
  stack.find(id)->properties["ReplicationConfiguration"] = {{"Role", fn::get_att(role, "Arn")},
                                                              {"Rules", Json::array({rule})}};
}

}  // namespace

// An existing bucket (docs/existing.md) renders nothing: its logical ids
// stand for its name, ARN and domain names, and for its KMS key when given.
void plan_existing_bucket(cfn::Stack& stack, const spec::Bucket& b) {
  const std::string id = bucket_id(b.name);
  const std::string& name = b.bucket_name.value;
  stack.existing[id] = name;
  stack.existing_attributes[{id, "Arn"}] = fn::sub(aws::arn(aws::kThisPartition, "s3", "", "", name));
  stack.existing_attributes[{id, "DomainName"}] = fn::sub(name + ".s3.${AWS::URLSuffix}");
  stack.existing_attributes[{id, "RegionalDomainName"}] = fn::sub(name + ".s3.${AWS::Region}.${AWS::URLSuffix}");
  if (b.existing_key.value.empty()) return;
  stack.existing[bucket_key_id(b.name)] = b.existing_key.value;
  stack.existing_attributes[{bucket_key_id(b.name), "Arn"}] = b.existing_key.value;
}

void plan_storage(const spec::Spec& spec, cfn::Assembly& assembly) {
  const spec::Bucket* log_bucket =
      spec.storage.access_logs_bucket ? spec.storage.find(spec.storage.access_logs_bucket->value) : nullptr;
  for (const spec::Bucket& b : spec.storage.buckets) {
    const spec::Account& account = account_of(spec, b.account);
    const std::string region = b.region.value.empty() ? account.region.value : b.region.value;
    cfn::Stack& stack = stack_for(assembly, spec, kLayerStorage, account, region);
    const std::string id = bucket_id(b.name);
    if (b.existing()) {
      plan_existing_bucket(stack, b);
      continue;
    }
    add_bucket(assembly, stack, spec, b, id, bucket_key_id(b.name), spec::s3_bucket_name(spec, b, region), region, false);
    cfn::Resource& bucket = *stack.find(id);
    if (b.eventbridge.value) bucket.properties["NotificationConfiguration"] = {{"EventBridgeConfiguration", {{"EventBridgeEnabled", true}}}};
    if (!b.cors.empty()) {
      Json rules = Json::array();
      for (const spec::CorsRule& c : b.cors) {
        Json rule = Json::object();
        for (const char* key : {"AllowedOrigins", "AllowedMethods", "AllowedHeaders"}) rule[key] = Json::array();
        for (const auto& o : c.origins) rule["AllowedOrigins"].push_back(o.value);
        for (const auto& m : c.methods) rule["AllowedMethods"].push_back(m.value);
        for (const auto& h : c.headers) rule["AllowedHeaders"].push_back(h.value);
        if (rule["AllowedHeaders"].empty()) rule.erase("AllowedHeaders");
        if (c.max_age_seconds) rule["MaxAge"] = c.max_age_seconds->value;
        rules.push_back(std::move(rule));
      }
      bucket.properties["CorsConfiguration"] = {{"CorsRules", std::move(rules)}};
    }
    // check_storage guarantees the log bucket shares this account and region.
    if (log_bucket != nullptr && log_bucket != &b && b.access_logs.value) {
      Json destination = log_bucket->existing() ? Json(log_bucket->bucket_name.value) : fn::ref(bucket_id(log_bucket->name));
      bucket.properties["LoggingConfiguration"] = {{"DestinationBucketName", std::move(destination)},
                                                   {"LogFilePrefix", b.name + "/"}};
    }
    if (b.replicate_to) add_replication(assembly, stack, spec, b, account);
  }
}

}  // namespace aip::plan
