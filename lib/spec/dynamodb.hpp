// The `tables:` area of the spec: DynamoDB tables (seed 001's online feature
// store). Each table is on-demand unless it asks for provisioned capacity
// (then scaled by Application Auto Scaling), keeps point-in-time recovery and
// deletion protection on by default, and is encrypted with an AWS-owned key
// unless it asks for a customer-managed one. Functions and services that name
// a table under `tables: {read: [...], write: [...]}` get exactly the
// DynamoDB actions of that level on it and its indexes.
// (The header is not spec/tables.hpp: that name holds the shared choice lists.)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/located.hpp"

namespace aip {
class Diagnostics;
}  // namespace aip

namespace aip::spec {

struct TableKey {
  Location location;
  Located<std::string> name;                // the attribute name
  Located<std::string> type{"string", {}};  // string | number | binary
  bool present() const { return !name.value.empty(); }
};

// Provisioned capacity of one dimension (read or write): auto scaling keeps it
// between min and max at the target utilisation.
struct TableCapacity {
  Location location;
  Located<int> min{5, {}};
  Located<int> max{100, {}};
};

struct TableScaling {
  Location location;  // invalid: on-demand
  TableCapacity read;
  TableCapacity write;
  Located<int> target_utilization{70, {}};  // percent, 20-90
};

struct TableIndex {
  std::string name;
  Location location;
  TableKey partition_key;
  TableKey sort_key;
  Located<std::string> projection{"all", {}};  // all | keys-only
  std::optional<TableScaling> capacity;        // provisioned tables only; default: the table's
};

struct Table {
  std::string name;
  Location location;
  Located<std::string> account;
  Located<std::string> region;
  Located<std::string> table_name;  // the DynamoDB name; default <platform>-<name>
  TableKey partition_key;
  TableKey sort_key;
  Located<std::string> billing{"on-demand", {}};  // on-demand | provisioned
  TableScaling capacity;                           // provisioned only
  Located<std::string> ttl;                        // the TTL attribute; empty: none
  Located<std::string> stream;                     // new-and-old-images | new-image | old-image | keys-only
  Located<bool> point_in_time_recovery{true, {}};
  Located<std::string> encryption{"aws-owned", {}};  // aws-owned | kms (a customer-managed key)
  Located<bool> deletion_protection{true, {}};
  std::vector<TableIndex> indexes;  // global secondary indexes
  Located<std::string> classification;  // a level of `classification:`; empty: unclassified
  Located<std::string> backup;          // a plan of `backup:` that backs this up; empty: none
  Tags tags;

  bool provisioned() const { return billing.value == "provisioned"; }
  // A classified table is encrypted with its level's key, customer-managed too.
  bool customer_key() const { return encryption.value == "kms" || !classification.value.empty(); }
};

struct Tables {
  Location location;  // where `tables:` was written; invalid when absent
  std::vector<Table> items;

  const Table* find(std::string_view name) const {
    for (const Table& t : items) {
      if (t.name == name) return &t;
    }
    return nullptr;
  }
};

// What a function or service names under `tables:`.
struct TableGrants {
  std::vector<Located<std::string>> read;   // GetItem, Query, Scan, ... on the table and its indexes
  std::vector<Located<std::string>> write;  // PutItem, UpdateItem, DeleteItem, BatchWriteItem
  bool empty() const { return read.empty() && write.empty(); }
};

struct Spec;
struct Placement;
// The DynamoDB name of a table: its table_name, or "<platform>-<name>".
std::string dynamodb_table_name(const Spec& spec, const Table& table);
Placement table_placement(const Spec& spec, const Table& table);

class Fields;
// `tables: {read: [...], write: [...]}` of a function or service (`what`).
void read_table_grants(Fields& f, const std::string& what, TableGrants& out, Diagnostics& diags);
// Reports a grant naming no table, or one in another account or region.
void check_table_grants(const Spec& spec, const TableGrants& grants, const std::string& what, const Placement& here,
                        Diagnostics& diags);

}  // namespace aip::spec
