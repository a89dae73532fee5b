// Data classification (seed 003): one customer-managed KMS key per level of
// `classification:`, in the keys stack of each account and region where an
// element of that level lives, created on first use (classification_key_arn).
// The key policy lets the account administer the key (account_administers_key,
// as for every key aip writes) and names who may use it: principals of this
// account tagged aip:clearance with this level or a higher one; a deny keeps
// every other principal from using it, whatever its IAM policies say. aip tags the roles of functions, services and iam
// roles with their `clearance:`, and its own service roles with the level of
// the element they serve; AIP-CLS-001 reports a role whose identity policy
// reaches data above its clearance.
#include <fmt/format.h>

#include "cfn/intrinsics.hpp"
#include "plan/macie.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/policy_builder.hpp"
#include "plan/resource_helpers.hpp"

namespace aip::plan {

std::string classification_alias(const spec::Spec& spec, const std::string& level) {
  return fmt::format("alias/{}/classification-{}", spec.name.value, level);
}

namespace classification_keys {

// The services that keep data under the key with their own access control (a collection's data
// access policy, a graph's IAM actions, a cache's users, a database's logins): they call KMS
// for the stores they create and hold, never for a reader, so a call through them is no use of
// the data by an uncleared principal. S3, SQS, SNS, DynamoDB and Secrets Manager decrypt with
// the caller's credentials and stay behind the clearance check.
const char* const kStoreServices[] = {"aoss.*.amazonaws.com", "neptune-graph.*.amazonaws.com",
                                      "elasticache.*.amazonaws.com", "rds.*.amazonaws.com"};

// Without it, AccountAdministers (kms:* to the account) lets any role whose own policy allows
// kms:Decrypt use the key, tag or no tag. The deny makes the clearance tag the condition of
// every use, for administrators too; it leaves out AWS services (EventBridge delivering, the
// stores above) and service-linked roles, which only their service can assume. Key
// administration stays the account's.
PolicyStatement uncleared_never_use(const cfn::Json& cleared) {
  cfn::Json stores = cfn::Json::array();
  for (const char* s : kStoreServices) stores.push_back(s);
  return std::move(PolicyStatement::deny("UnclearedPrincipalsNeverUse")
                       .anyone()
                       .action(cfn::Json::array({"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*",
                                                 "kms:ReEncrypt*"}))
                       .resource("*")
                       .condition("StringNotEquals", fmt::format("aws:PrincipalTag/{}", spec::kClearanceTag),
                                  cleared.size() == 1 ? cleared.front() : cleared)
                       .condition("Bool", "aws:PrincipalIsAWSService", "false")
                       .condition("ArnNotLike", "aws:PrincipalArn", "arn:*:iam::*:role/aws-service-role/*")
                       .condition("StringNotLike", "kms:ViaService", std::move(stores)));
}

// The keys stack of `at`'s account and region, with the key of `level` in it.
cfn::Stack& keys_with(const spec::Spec& spec, cfn::Assembly& assembly, const cfn::Stack& at, const std::string& level) {
  using cfn::Json;
  const spec::Account* account = spec.find_account(at.account_name);
  cfn::Stack& keys = stack_for(assembly, spec, kLayerKeys, *account, at.region);
  const std::string id = classification_key_id(level);
  if (keys.find(id) == nullptr) {
    const spec::Classification& c = spec.classification;
    const int rank = c.rank(level);
    Json cleared = Json::array();
    for (std::size_t i = static_cast<std::size_t>(rank); i < c.levels.size(); ++i) cleared.push_back(c.levels[i].value);
    Json use = PolicyStatement::allow("ClearedPrincipalsUse")
                   .aws(this_account_root())
                   .action(Json::array({"kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*",
                                        "kms:ReEncrypt*"}))
                   .resource("*")
                   .condition("StringEquals", fmt::format("aws:PrincipalTag/{}", spec::kClearanceTag),
                              cleared.size() == 1 ? cleared.front() : cleared);
    Json statements = Json::array({account_administers_key(), std::move(use), uncleared_never_use(cleared)});
    if (enables_macie(spec)) statements.push_back(macie_classifies());
    cfn::Resource& key = add_resource(
        keys, id, "AWS::KMS::Key",
        {{"Description", fmt::format("Encrypts the data classified '{}' of platform {}", level, spec.name.value)},
         {"EnableKeyRotation", true},
         {"PendingWindowInDays", 30},
         {"KeyPolicy", policy_doc(statements)}},
        c.levels[static_cast<std::size_t>(rank)].location);
    // Data, snapshots and backups outlive the stack; without their key they are unreadable.
    key.deletion_policy = "Retain";
    key.tags[spec::kClassificationTag] = level;
    key.tags[spec::kClassificationRankTag] = std::to_string(rank);
    add_resource(keys, id + "Alias", "AWS::KMS::Alias",
                 {{"AliasName", classification_alias(spec, level)}, {"TargetKeyId", cfn::intrinsic::ref(id)}},
                 c.levels[static_cast<std::size_t>(rank)].location);
  }
  return keys;
}

}  // namespace classification_keys

cfn::Json classification_key_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                                 const std::string& level) {
  return classification_key_arn_at(spec, assembly, from, from, level);
}

void level_key_admits_service(const spec::Spec& spec, cfn::Assembly& assembly, const cfn::Stack& at,
                              const std::string& level, const std::string& sid, const std::string& service) {
  cfn::Stack& keys = classification_keys::keys_with(spec, assembly, at, level);
  cfn::Json& statements = keys.find(classification_key_id(level))->properties["KeyPolicy"]["Statement"];
  for (const cfn::Json& s : statements) {
    if (s.value("Sid", "") == sid) return;
  }
  statements.push_back(PolicyStatement::allow(sid)
                           .service(service)
                           .action(cfn::Json::array({"kms:Decrypt", "kms:GenerateDataKey"}))
                           .resource("*")
                           .from_this_account());
}

void classify(cfn::Resource& resource, const spec::Located<std::string>& level) {
  if (!level.value.empty()) resource.tags[spec::kClassificationTag] = level.value;
}

void clear_role(cfn::Resource& role, const std::string& level) {
  if (!level.empty()) role.tags[spec::kClearanceTag] = level;
}

cfn::Json classification_key_arn_at(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                                    const cfn::Stack& at, const std::string& level) {
  cfn::Stack& keys = classification_keys::keys_with(spec, assembly, at, level);
  return assembly.get_att(from, keys, classification_key_id(level), "Arn");
}

cfn::Json bucket_key_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from, cfn::Stack& storage,
                         const spec::Bucket& b) {
  if (!b.classification.value.empty()) {
    return classification_key_arn_at(spec, assembly, from, storage, b.classification.value);
  }
  return assembly.get_att(from, storage, bucket_key_id(b.name), "Arn");
}

}  // namespace aip::plan
