// The `tables:` area rendered into the tables stack of each account and
// region: per table the DynamoDB table (on-demand or provisioned, TTL, stream,
// point-in-time recovery, deletion protection, global secondary indexes), its
// customer-managed KMS key when asked for, and for provisioned tables the
// Application Auto Scaling targets and target-tracking policies of each
// dimension (table and indexes). Grants are in the roles of the functions,
// services and workflows that name the table (table_statements).
#include <fmt/format.h>

#include "base/arn.hpp"
#include "plan/names.hpp"
#include "plan/plan.hpp"
#include "plan/resource_helpers.hpp"
#include "plan/tables.hpp"
#include "spec/placement.hpp"

namespace aip::plan {

namespace tables_plan {

using cfn::Json;
namespace fn = cfn::intrinsic;

std::string attribute_type(const std::string& type) {
  if (type == "number") return "N";
  if (type == "binary") return "B";
  return "S";
}

Json key_schema(const spec::TableKey& pk, const spec::TableKey& sk) {
  Json keys = Json::array({{{"AttributeName", pk.name.value}, {"KeyType", "HASH"}}});
  if (sk.present()) keys.push_back({{"AttributeName", sk.name.value}, {"KeyType", "RANGE"}});
  return keys;
}

void add_attribute(Json& defs, const spec::TableKey& key) {
  if (!key.present()) return;
  for (const Json& d : defs) {
    if (d["AttributeName"] == key.name.value) return;
  }
  defs.push_back({{"AttributeName", key.name.value}, {"AttributeType", attribute_type(key.type.value)}});
}

Json throughput(const spec::TableScaling& s) {
  return {{"ReadCapacityUnits", s.read.min.value}, {"WriteCapacityUnits", s.write.min.value}};
}

// One scalable target and policy per dimension of the table or an index.
void plan_scaling(cfn::Stack& stack, const spec::Spec& spec, const spec::Table& t, const std::string& id,
                  const std::string& resource_id, const std::string& label, const std::string& kind,
                  const spec::TableScaling& s) {
  for (const auto& [dim, cap] : {std::pair{"Read", &s.read}, std::pair{"Write", &s.write}}) {
    const std::string target = fmt::format("{}{}{}Scaling", id, label, dim);
    cfn::Resource& r = add_resource(
        stack, target + "Target", "AWS::ApplicationAutoScaling::ScalableTarget",
        {{"ServiceNamespace", "dynamodb"},
         {"ScalableDimension", fmt::format("dynamodb:{}:{}CapacityUnits", kind, dim)},
         {"ResourceId", resource_id},
         {"MinCapacity", cap->min.value},
         {"MaxCapacity", cap->max.value}},
        s.location.valid() ? s.location : t.location, {});
    r.depends_on = {id};
    std::string lower = dim;
    lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
    add_resource(stack, target + "Policy", "AWS::ApplicationAutoScaling::ScalingPolicy",
                 {{"PolicyName", fmt::format("{}-{}{}-{}", spec.name.value, t.name, label.empty() ? "" : "-" + label,
                                             lower)},
                  {"PolicyType", "TargetTrackingScaling"},
                  {"ScalingTargetId", fn::ref(target + "Target")},
                  {"TargetTrackingScalingPolicyConfiguration",
                   {{"PredefinedMetricSpecification",
                     {{"PredefinedMetricType", fmt::format("DynamoDB{}CapacityUtilization", dim)}}},
                    {"TargetValue", s.target_utilization.value}}}},
                 s.target_utilization.location.valid() ? s.target_utilization.location
                                                        : (s.location.valid() ? s.location : t.location),
                 {});
  }
}

void plan_table(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Table& t) {
  cfn::Stack& stack = table_stack(spec, assembly, t);
  const std::string id = table_id(t.name);
  const std::string name = spec::dynamodb_table_name(spec, t);
  Json defs = Json::array();
  add_attribute(defs, t.partition_key);
  add_attribute(defs, t.sort_key);
  for (const spec::TableIndex& ix : t.indexes) {
    add_attribute(defs, ix.partition_key);
    add_attribute(defs, ix.sort_key);
  }
  Json props = {{"TableName", name},
                {"AttributeDefinitions", defs},
                {"KeySchema", key_schema(t.partition_key, t.sort_key)},
                {"BillingMode", t.provisioned() ? "PROVISIONED" : "PAY_PER_REQUEST"},
                {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", t.point_in_time_recovery.value}}},
                {"DeletionProtectionEnabled", t.deletion_protection.value}};
  if (t.provisioned()) props["ProvisionedThroughput"] = throughput(t.capacity);
  if (!t.ttl.value.empty()) props["TimeToLiveSpecification"] = {{"AttributeName", t.ttl.value}, {"Enabled", true}};
  if (!t.stream.value.empty()) {
    std::string view = t.stream.value;
    for (char& c : view) c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    props["StreamSpecification"] = {{"StreamViewType", view}};
  }
  if (!t.classification.value.empty()) {
    props["SSESpecification"] = {{"SSEEnabled", true},
                                 {"SSEType", "KMS"},
                                 {"KMSMasterKeyId", classification_key_arn(spec, assembly, stack, t.classification.value)}};
  } else if (t.customer_key()) {
    cfn::Resource& key = add_resource(stack, table_key_id(t.name), "AWS::KMS::Key",
                                      {{"Description", fmt::format("Encrypts table {} of platform {}", t.name,
                                                                   spec.name.value)},
                                       {"EnableKeyRotation", true},
                                       {"PendingWindowInDays", 30},
                                       {"KeyPolicy", policy_doc(Json::array({account_administers_key()}))}},
                                      t.encryption.location, t.tags);
    key.deletion_policy = "Retain";  // deleting the key would make the table unreadable
    props["SSESpecification"] = {
        {"SSEEnabled", true}, {"SSEType", "KMS"}, {"KMSMasterKeyId", fn::get_att(table_key_id(t.name), "Arn")}};
  }
  if (!t.indexes.empty()) {
    Json gsis = Json::array();
    for (const spec::TableIndex& ix : t.indexes) {
      Json g = {{"IndexName", ix.name},
                {"KeySchema", key_schema(ix.partition_key, ix.sort_key)},
                {"Projection", {{"ProjectionType", ix.projection.value == "all" ? "ALL" : "KEYS_ONLY"}}}};
      if (t.provisioned()) g["ProvisionedThroughput"] = throughput(ix.capacity ? *ix.capacity : t.capacity);
      gsis.push_back(std::move(g));
    }
    props["GlobalSecondaryIndexes"] = std::move(gsis);
  }
  cfn::Resource& table = add_resource(stack, id, "AWS::DynamoDB::Table", std::move(props), t.location, t.tags);
  classify(table, t.classification);
  if (t.deletion_protection.value) {
    table.deletion_policy = "Retain";
    table.update_replace_policy = "Retain";
  }
  if (!t.provisioned()) return;
  plan_scaling(stack, spec, t, id, "table/" + name, "", "table", t.capacity);
  for (const spec::TableIndex& ix : t.indexes) {
    plan_scaling(stack, spec, t, id, fmt::format("table/{}/index/{}", name, ix.name), cfn::pascal_case(ix.name),
                 "index", ix.capacity ? *ix.capacity : t.capacity);
  }
}

}  // namespace tables_plan

cfn::Stack& table_stack(const spec::Spec& spec, cfn::Assembly& assembly, const spec::Table& t) {
  spec::Placement where = spec::table_placement(spec, t);
  return stack_for(assembly, spec, kLayerTables, *where.account, where.region);
}

cfn::Json table_arn(const spec::Spec& spec, const spec::Table& t) {
  return stack_arn("dynamodb", "table/" + spec::dynamodb_table_name(spec, t));
}

cfn::Json table_key_arn(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from, const spec::Table& t) {
  if (!t.classification.value.empty()) {
    return classification_key_arn_at(spec, assembly, from, table_stack(spec, assembly, t), t.classification.value);
  }
  return assembly.get_att(from, table_stack(spec, assembly, t), table_key_id(t.name), "Arn");
}

void table_statements(const spec::Spec& spec, cfn::Assembly& assembly, cfn::Stack& from,
                      const spec::TableGrants& grants, cfn::Json& statements) {
  using cfn::Json;
  auto arns = [&](const std::vector<spec::Located<std::string>>& names, bool indexes, Json& keys) {
    Json out = Json::array();
    for (const auto& n : names) {
      const spec::Table* t = spec.tables.find(n.value);
      if (t == nullptr) continue;
      const std::string arn = aws::arn(aws::kThisPartition, "dynamodb", aws::kThisRegion, aws::kThisAccount,
                                       "table/" + spec::dynamodb_table_name(spec, *t));
      out.push_back(cfn::intrinsic::sub(arn));
      if (indexes && !t->indexes.empty()) out.push_back(cfn::intrinsic::sub(arn + "/index/*"));
      if (t->customer_key()) {
        Json key = table_key_arn(spec, assembly, from, *t);
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
      }
    }
    return out;
  };
  Json read_keys = Json::array(), write_keys = Json::array();
  Json read = arns(grants.read, true, read_keys);
  Json write = arns(grants.write, false, write_keys);
  if (!read.empty()) {
    statements.push_back(allow("ReadTables",
                               Json::array({"dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem",
                                            "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query",
                                            "dynamodb:Scan"}),
                               read));
  }
  if (!write.empty()) {
    statements.push_back(allow("WriteTables",
                               Json::array({"dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
                                            "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:PutItem",
                                            "dynamodb:UpdateItem"}),
                               write));
  }
  // DynamoDB uses the key on the caller's behalf: only through DynamoDB.
  const Json via = cfn::intrinsic::sub("dynamodb.${AWS::Region}.amazonaws.com");
  if (!read_keys.empty()) {
    statements.push_back(allow("DecryptTables", Json::array({"kms:Decrypt", "kms:DescribeKey"}), read_keys)
                             .condition("StringEquals", "kms:ViaService", via));
  }
  if (!write_keys.empty()) {
    statements.push_back(
        allow("EncryptTables", Json::array({"kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"}), write_keys)
            .condition("StringEquals", "kms:ViaService", via));
  }
}

void plan_tables(const spec::Spec& spec, cfn::Assembly& assembly) {
  for (const spec::Table& t : spec.tables.items) tables_plan::plan_table(spec, assembly, t);
}

}  // namespace aip::plan
