// The `tables:` area: DynamoDB tables, read (checks: check_dynamodb.cpp).
#include <fmt/format.h>

#include "base/pattern.hpp"
#include "spec/field_reader.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {

namespace read_dynamodb {

const std::vector<std::string> kAttributeTypes = {"string", "number", "binary"};
const std::vector<std::string> kStreamViews = {"new-and-old-images", "new-image", "old-image", "keys-only"};

const Pattern& attribute_name() {
  static const Pattern p("[^\\s]{1,255}");
  return p;
}

// `partition_key: id` (a string attribute) or `{name: id, type: number}`.
void read_key(const YamlNode& n, const std::string& what, TableKey& key, Diagnostics& diags) {
  key.location = n.location;
  if (n.is_scalar()) {
    if (auto s = read_string(n, what, diags)) {
      if (!attribute_name().matches(*s)) {
        diags.error(n.location, fmt::format("attribute name '{}' must be 1 to 255 characters without spaces", *s));
        return;
      }
      key.name = located(*s, n);
    }
    return;
  }
  Fields f(n, what, diags);
  if (!f.ok()) return;
  f.text("name", attribute_name(), "attribute name '{}' must be 1 to 255 characters without spaces", key.name,
         Presence::required);
  f.choice("type", kAttributeTypes, key.type);
}

void read_capacity(const YamlNode& n, const std::string& what, TableScaling& s, Diagnostics& diags) {
  s.location = n.location;
  Fields f(n, what, diags);
  if (!f.ok()) return;
  for (const auto& [key, dim] : {std::pair{"read", &s.read}, std::pair{"write", &s.write}}) {
    const YamlNode* v = f.optional(key);
    if (v == nullptr) continue;
    dim->location = v->location;
    Fields d(*v, fmt::format("{} {} capacity", what, key), diags);
    if (!d.ok()) continue;
    d.integer("min", {1, 40000}, dim->min);
    d.integer("max", {1, 40000}, dim->max);
    if (dim->min.value > dim->max.value) {
      diags.error(v->location, fmt::format("{} {} capacity: min {} is above max {}", what, key, dim->min.value,
                                           dim->max.value));
    }
  }
  f.integer("target_utilization", {20, 90}, s.target_utilization);
}

void read_index(const YamlNode& key, const YamlNode& value, Table& t, Diagnostics& diags) {
  static const Pattern name("[a-zA-Z0-9_.-]{3,255}");
  if (!key.is_scalar() || !name.matches(key.scalar)) {
    diags.error(key.location, fmt::format("index name {} must be 3 to 255 letters, digits, '_', '-' and '.'",
                                          key.describe()));
    return;
  }
  TableIndex ix;
  ix.name = key.scalar;
  ix.location = key.location;
  const std::string what = fmt::format("index '{}' of table '{}'", ix.name, t.name);
  Fields f(value, what, diags, key.location);
  if (!f.ok()) return;
  if (const YamlNode* k = f.required("partition_key")) read_key(*k, "partition_key of " + what, ix.partition_key, diags);
  if (const YamlNode* k = f.optional("sort_key")) read_key(*k, "sort_key of " + what, ix.sort_key, diags);
  f.choice("projection", {"all", "keys-only"}, ix.projection);
  if (const YamlNode* c = f.optional("capacity")) {
    ix.capacity.emplace();
    read_capacity(*c, "capacity of " + what, *ix.capacity, diags);
  }
  t.indexes.push_back(std::move(ix));
}

void read_table(const YamlNode& key, const YamlNode& value, Spec& spec, Diagnostics& diags) {
  if (!check_name(key, "table", diags)) return;
  Table t;
  t.name = key.scalar;
  t.location = key.location;
  const std::string what = fmt::format("table '{}'", t.name);
  Fields f(value, what, diags, key.location);
  if (!f.ok()) return;
  f.text("account", t.account);
  f.region("region", t.region);
  static const Pattern table_name("[a-zA-Z0-9_.-]{3,255}");
  f.text("table_name", table_name, "table name '{}' must be 3 to 255 letters, digits, '_', '-' and '.'",
         t.table_name);
  if (const YamlNode* k = f.required("partition_key")) read_key(*k, "partition_key of " + what, t.partition_key, diags);
  if (const YamlNode* k = f.optional("sort_key")) read_key(*k, "sort_key of " + what, t.sort_key, diags);
  f.choice("billing", {"on-demand", "provisioned"}, t.billing);
  if (const YamlNode* c = f.optional("capacity")) read_capacity(*c, "capacity of " + what, t.capacity, diags);
  f.text("ttl", attribute_name(), "'ttl' names an attribute: 1 to 255 characters without spaces, got '{}'", t.ttl);
  f.choice("stream", kStreamViews, t.stream);
  f.flag("point_in_time_recovery", t.point_in_time_recovery);
  f.choice("encryption", {"aws-owned", "kms"}, t.encryption);
  f.flag("deletion_protection", t.deletion_protection);
  read_named(f, "indexes", "index", diags, [&](const YamlNode& k, const YamlNode& v) { read_index(k, v, t, diags); });
  f.text("classification", t.classification);
  f.text("backup", t.backup);
  f.tags(t.tags);
  spec.tables.items.push_back(std::move(t));
}

}  // namespace read_dynamodb

void read_table_grants(Fields& f, const std::string& what, TableGrants& out, Diagnostics& diags) {
  const YamlNode* v = f.optional("tables");
  if (v == nullptr) return;
  Fields g(*v, what, diags);
  if (!g.ok()) return;
  g.strings("read", out.read);
  g.strings("write", out.write);
}

std::string dynamodb_table_name(const Spec& spec, const Table& table) {
  if (!table.table_name.value.empty()) return table.table_name.value;
  return fmt::format("{}-{}", spec.name.value, table.name);
}

Placement table_placement(const Spec& spec, const Table& table) { return place(spec, table.account, table.region); }

void read_tables(const YamlNode& node, Spec& spec, Diagnostics& diags) {
  spec.tables.location = node.location;
  if (!node.is_map()) {
    diags.error(node.location, fmt::format("'tables' must map table names to their settings, got {}", node.describe()));
    return;
  }
  for (const auto& [k, v] : node.entries) read_dynamodb::read_table(k, v, spec, diags);
}

}  // namespace aip::spec
