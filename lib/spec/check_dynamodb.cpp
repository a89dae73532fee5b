// Checks of the `tables:` area: keys and their attribute types, capacity only
// where it applies, names, and the grants functions and services write under
// `tables:` (they name tables of the spec, in their own account and region).
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "base/did_you_mean.hpp"
#include "spec/load.hpp"
#include "spec/placement.hpp"

namespace aip::spec {

namespace check_dynamodb {

// One attribute, one type: a key used by the table and an index must agree.
void check_attribute(std::map<std::string, const TableKey*>& types, const TableKey& key, const std::string& what,
                     Diagnostics& diags) {
  if (!key.present()) return;
  auto [it, inserted] = types.emplace(key.name.value, &key);
  if (inserted || it->second->type.value == key.type.value) return;
  Diagnostic& d = diags.error(key.location, fmt::format("{} gives attribute '{}' type {}, but it is {} elsewhere in "
                                                        "the table; an attribute has one type",
                                                        what, key.name.value, key.type.value,
                                                        it->second->type.value));
  d.notes.push_back({Severity::note, it->second->location, "first typed here", {}});
}

void check_table(const Spec& spec, const Table& t, Diagnostics& diags) {
  const std::string what = fmt::format("table '{}'", t.name);
  place(spec, t.account, t.region, what, t.location, diags);
  std::map<std::string, const TableKey*> types;
  check_attribute(types, t.partition_key, what, diags);
  if (t.sort_key.present() && t.sort_key.name.value == t.partition_key.name.value) {
    diags.error(t.sort_key.location, fmt::format("{} uses attribute '{}' as both partition and sort key", what,
                                                 t.sort_key.name.value));
  }
  check_attribute(types, t.sort_key, what, diags);
  if (t.capacity.location.valid() && !t.provisioned()) {
    diags.error(t.capacity.location, fmt::format("'capacity' of {} needs `billing: provisioned` (on-demand tables "
                                                 "scale without it)",
                                                 what));
  }
  if (t.provisioned() && !t.capacity.location.valid()) {
    diags.error(t.billing.location, fmt::format("{} is provisioned: give 'capacity: {{read: {{min, max}}, write: "
                                                "{{min, max}}}}' for auto scaling",
                                                what));
  }
  if (t.indexes.size() > 20) {
    diags.error(t.indexes[20].location, fmt::format("{} has {} global secondary indexes; DynamoDB allows 20", what,
                                                    t.indexes.size()));
  }
  for (const TableIndex& ix : t.indexes) {
    const std::string iw = fmt::format("index '{}' of {}", ix.name, what);
    check_attribute(types, ix.partition_key, iw, diags);
    check_attribute(types, ix.sort_key, iw, diags);
    if (ix.capacity && !t.provisioned()) {
      diags.error(ix.capacity->location, fmt::format("'capacity' of {} needs the table's `billing: provisioned`", iw));
    }
  }
  const std::string name = dynamodb_table_name(spec, t);
  if (name.size() > 255) {
    diags.error(t.location, fmt::format("{} would be named '{}', over DynamoDB's 255 characters; set 'table_name'",
                                        what, name));
  }
}

}  // namespace check_dynamodb

void check_table_grants(const Spec& spec, const TableGrants& grants, const std::string& what, const Placement& here,
                        Diagnostics& diags) {
  std::vector<std::string> seen;
  for (const auto* list : {&grants.write, &grants.read}) {
    for (const Located<std::string>& name : *list) {
      if (std::find(seen.begin(), seen.end(), name.value) != seen.end()) {
        diags.error(name.location, fmt::format("{} names table '{}' twice", what, name.value));
        continue;
      }
      seen.push_back(name.value);
      const Table* t = spec.tables.find(name.value);
      if (t == nullptr) {
        diags.error(name.location, fmt::format("{} refers to table '{}', which is not defined{}", what, name.value,
                                               did_you_mean(name.value, names_of(spec.tables.items))));
        continue;
      }
      Placement theirs = table_placement(spec, *t);
      if (here.known() && theirs.known() && here != theirs) {
        Diagnostic& d = diags.error(name.location, fmt::format("{} ({}) cannot use table '{}' ({}); use one of its "
                                                               "own account and region",
                                                               what, here.str(), name.value, theirs.str()));
        d.notes.push_back({Severity::note, t->location, "table declared here", {}});
      }
    }
  }
}

void check_tables(const Spec& spec, Diagnostics& diags) {
  std::map<std::string, const Table*> names;
  for (const Table& t : spec.tables.items) {
    check_dynamodb::check_table(spec, t, diags);
    const Placement p = table_placement(spec, t);
    const std::string key = dynamodb_table_name(spec, t) + "@" + p.str();
    auto [it, inserted] = names.emplace(key, &t);
    if (!inserted) {
      Diagnostic& d = diags.error(t.location, fmt::format("tables '{}' and '{}' would both be named '{}'",
                                                          it->second->name, t.name, dynamodb_table_name(spec, t)));
      d.notes.push_back({Severity::note, it->second->location, "first table declared here", {}});
    }
  }
  for (const Function& fn : spec.functions.items) {
    if (fn.tables.empty()) continue;
    check_table_grants(spec, fn.tables, fmt::format("function '{}'", fn.name), function_placement(spec, fn), diags);
  }
  for (const Service& svc : spec.compute.services) {
    if (svc.tables.empty()) continue;
    Placement here;
    for (const EcsCluster& cl : spec.compute.clusters) {
      if (cl.name != svc.cluster.value) continue;
      if (const Vpc* vpc = spec.find_vpc(cl.vpc.value)) here = place(spec, vpc->account, vpc->region);
    }
    check_table_grants(spec, svc.tables, fmt::format("service '{}'", svc.name), here, diags);
  }
}

}  // namespace aip::spec
